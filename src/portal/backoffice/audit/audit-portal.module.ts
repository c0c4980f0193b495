import { Module } from '@nestjs/common';
import { UsersModule } from '../../../users/users.module';
import { PortalCoreModule } from '../../shared/portal-core.module';
import { AuditPortalController } from './audit-portal.controller';

/** The backoffice's audit trail search (/portaal/backoffice/logboek), for admins. */
@Module({
  imports: [PortalCoreModule, UsersModule],
  controllers: [AuditPortalController],
})
export class AuditPortalModule {}
