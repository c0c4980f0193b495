import { Module } from '@nestjs/common';
import { PortalCoreModule } from '../shared/portal-core.module';

/** Backoffice pages for applications, decisions and the overview (/portaal/backoffice). */
@Module({ imports: [PortalCoreModule] })
export class BackofficeApplicationsPortalModule {}
