import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { PaymentsModule } from '../payments/payments.module';
import { ReferenceDataModule } from '../reference-data/reference-data.module';
import { ReferenceCorrectionsController } from './reference-corrections.controller';
import { ReferenceCorrectionsService } from './reference-corrections.service';

/** Corrections of published reference values, and what they do to running subsidies (see the service). */
@Module({
  imports: [ReferenceDataModule, ApplicationsModule, DecisionsModule, PaymentsModule],
  controllers: [ReferenceCorrectionsController],
  providers: [ReferenceCorrectionsService],
  exports: [ReferenceCorrectionsService],
})
export class ReferenceCorrectionsModule {}
