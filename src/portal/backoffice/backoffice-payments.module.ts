import { Module } from '@nestjs/common';
import { PortalCoreModule } from '../shared/portal-core.module';

/** Backoffice pages for payment runs and holds (/portaal/backoffice/betaalrondes, /blokkades). */
@Module({ imports: [PortalCoreModule] })
export class BackofficePaymentsPortalModule {}
