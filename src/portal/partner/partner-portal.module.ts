import { Module } from '@nestjs/common';
import { PortalCoreModule } from '../shared/portal-core.module';

/** Education partner portal pages (/portaal/opleider). */
@Module({ imports: [PortalCoreModule] })
export class PartnerPortalModule {}
