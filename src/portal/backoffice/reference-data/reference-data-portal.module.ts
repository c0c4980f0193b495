import { Module } from '@nestjs/common';
import { CodeListsModule } from '../../../code-lists/code-lists.module';
import { EducationPartnersModule } from '../../../education-partners/education-partners.module';
import { ReferenceDataModule } from '../../../reference-data/reference-data.module';
import { ProgrammesService } from '../../../retraining/programmes.service';
import { PortalCoreModule } from '../../shared/portal-core.module';
import { ReferenceDataPortalController } from './reference-data-portal.controller';

/**
 * Backoffice reference-data pages (/portaal/backoffice/referentiegegevens). ProgrammesService is
 * provided here because RetrainingModule does not export it (it is stateless).
 */
@Module({
  imports: [PortalCoreModule, ReferenceDataModule, CodeListsModule, EducationPartnersModule],
  controllers: [ReferenceDataPortalController],
  providers: [ProgrammesService],
})
export class ReferenceDataPortalModule {}
