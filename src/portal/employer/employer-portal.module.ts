import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../../applications/applications.module';
import { CodeListsModule } from '../../code-lists/code-lists.module';
import { DecisionsModule } from '../../decisions/decisions.module';
import { EmployersModule } from '../../employers/employers.module';
import { LksCalculationModule } from '../../lks-calculation/lks-calculation.module';
import { PaymentsModule } from '../../payments/payments.module';
import { ReferenceDataModule } from '../../reference-data/reference-data.module';
import { PortalCoreModule } from '../shared/portal-core.module';
import { ApplicationFormService } from './application-form';
import { EmployerApplicationsController } from './employer-applications.controller';
import { EmployerOrganisationController } from './employer-organisation.controller';

/** Employer portal pages (/portaal/werkgever), on the services of the feature modules. */
@Module({
  imports: [
    PortalCoreModule,
    ApplicationsModule,
    DecisionsModule,
    EmployersModule,
    CodeListsModule,
    LksCalculationModule,
    ReferenceDataModule,
    PaymentsModule,
  ],
  controllers: [EmployerOrganisationController, EmployerApplicationsController],
  providers: [ApplicationFormService],
})
export class EmployerPortalModule {}
