import { Module } from '@nestjs/common';
import { AuditPortalModule } from './backoffice/audit/audit-portal.module';
import { BackofficeApplicationsPortalModule } from './backoffice/backoffice-applications.module';
import { BackofficePaymentsPortalModule } from './backoffice/backoffice-payments.module';
import { ReferenceDataPortalModule } from './backoffice/reference-data/reference-data-portal.module';
import { EmployerPortalModule } from './employer/employer-portal.module';
import { PartnerPortalModule } from './partner/partner-portal.module';
import { AccountController } from './session/account.controller';
import { LoginController } from './session/login.controller';
import { PortalCoreModule } from './shared/portal-core.module';

/**
 * The web portals (Dutch, server-rendered): employers (employer/), education partners (partner/)
 * and the municipality's backoffice (backoffice/). Pages call the same services as the API; only
 * sessions, forms and views live here.
 */
@Module({
  imports: [
    PortalCoreModule,
    EmployerPortalModule,
    PartnerPortalModule,
    BackofficeApplicationsPortalModule,
    BackofficePaymentsPortalModule,
    ReferenceDataPortalModule,
    AuditPortalModule,
  ],
  controllers: [LoginController, AccountController],
})
export class PortalModule {}
