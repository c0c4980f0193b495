import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AccountController } from './session/account.controller';
import { LoginController } from './session/login.controller';
import { PortalSessionService } from './session/portal-session.service';
import { PortalAuthGuard } from './shared/portal-auth.guard';
import { PortalExceptionFilter } from './shared/portal-exception.filter';

/**
 * The web portals (Dutch, server-rendered): employers (employer/), education partners (partner/)
 * and the municipality's backoffice (backoffice/). Pages call the same services as the API; only
 * sessions, forms and views live here.
 */
@Module({
  imports: [UsersModule],
  controllers: [LoginController, AccountController],
  providers: [PortalSessionService, PortalAuthGuard, PortalExceptionFilter],
  exports: [PortalSessionService],
})
export class PortalModule {}
