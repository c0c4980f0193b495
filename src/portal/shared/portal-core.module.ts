import { Module } from '@nestjs/common';
import { ReferenceDataModule } from '../../reference-data/reference-data.module';
import { UsersModule } from '../../users/users.module';
import { PortalSessionService } from '../session/portal-session.service';
import { PortalAuthGuard } from './portal-auth.guard';
import { PortalExceptionFilter } from './portal-exception.filter';

/** What every portal module needs for @PortalController: sessions, the guard and the error filter. */
@Module({
  imports: [UsersModule, ReferenceDataModule],
  providers: [PortalSessionService, PortalAuthGuard, PortalExceptionFilter],
  // ReferenceDataModule too: the guard, instantiated in each portal module, reads the minimum wage coverage.
  exports: [PortalSessionService, PortalAuthGuard, PortalExceptionFilter, ReferenceDataModule],
})
export class PortalCoreModule {}
