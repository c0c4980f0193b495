import { Module } from '@nestjs/common';
import { ApplicationDocumentsService } from '../../applications/application-documents';
import { ApplicationsModule } from '../../applications/applications.module';
import { CodeListsModule } from '../../code-lists/code-lists.module';
import { DecisionsModule } from '../../decisions/decisions.module';
import { EmployersModule } from '../../employers/employers.module';
import { LksCalculationModule } from '../../lks-calculation/lks-calculation.module';
import { PaymentHoldsAndSchedulesService } from '../../payments/payment-holds-and-schedules.service';
import { ReferenceDataModule } from '../../reference-data/reference-data.module';
import { PortalCoreModule } from '../shared/portal-core.module';
import { ApplicationFormService } from './application-form';
import { EmployerApplicationsController } from './employer-applications.controller';
import { EmployerOrganisationController } from './employer-organisation.controller';

/**
 * Employer portal pages (/portaal/werkgever). The documents service and the schedules service are
 * not exported by their feature modules, so they are provided here as they are (the same classes,
 * stateless over the database; no copy of their logic).
 */
@Module({
  imports: [
    PortalCoreModule,
    ApplicationsModule,
    DecisionsModule,
    EmployersModule,
    CodeListsModule,
    LksCalculationModule,
    ReferenceDataModule,
  ],
  controllers: [EmployerOrganisationController, EmployerApplicationsController],
  providers: [ApplicationFormService, ApplicationDocumentsService, PaymentHoldsAndSchedulesService],
})
export class EmployerPortalModule {}
