import { Module } from '@nestjs/common';
import { UsersModule } from '../../users/users.module';
import { PortalSessionService } from '../session/portal-session.service';
import { PortalAuthGuard } from './portal-auth.guard';
import { PortalExceptionFilter } from './portal-exception.filter';

/** What every portal module needs for @PortalController: sessions, the guard and the error filter. */
@Module({
  imports: [UsersModule],
  providers: [PortalSessionService, PortalAuthGuard, PortalExceptionFilter],
  exports: [PortalSessionService, PortalAuthGuard, PortalExceptionFilter],
})
export class PortalCoreModule {}
