import { Module } from '@nestjs/common';
import { PortalCoreModule } from '../shared/portal-core.module';

/** Employer portal pages (/portaal/werkgever). */
@Module({ imports: [PortalCoreModule] })
export class EmployerPortalModule {}
