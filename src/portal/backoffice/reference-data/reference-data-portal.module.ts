import { Module } from '@nestjs/common';
import { CodeListsModule } from '../../../code-lists/code-lists.module';
import { EducationPartnersModule } from '../../../education-partners/education-partners.module';
import { ReferenceDataModule } from '../../../reference-data/reference-data.module';
import { RetrainingModule } from '../../../retraining/retraining.module';
import { PortalCoreModule } from '../../shared/portal-core.module';
import { ReferenceCorrectionsModule } from '../../../reference-corrections/reference-corrections.module';
import { ReferenceCorrectionsPortalController } from './reference-corrections-portal.controller';
import { ReferenceDataPortalController } from './reference-data-portal.controller';

/** Backoffice reference-data pages (/portaal/backoffice/referentiegegevens). */
@Module({
  imports: [
    PortalCoreModule,
    ReferenceDataModule,
    ReferenceCorrectionsModule,
    CodeListsModule,
    EducationPartnersModule,
    RetrainingModule,
  ],
  controllers: [ReferenceDataPortalController, ReferenceCorrectionsPortalController],
})
export class ReferenceDataPortalModule {}
