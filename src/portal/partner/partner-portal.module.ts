import { Module } from '@nestjs/common';
import { EnrolmentsService } from '../../retraining/enrolments.service';
import { ProgrammesService } from '../../retraining/programmes.service';
import { ReferenceDataPortalModule } from '../backoffice/reference-data/reference-data-portal.module';
import { PortalCoreModule } from '../shared/portal-core.module';
import { EnrolmentsController } from './enrolments.controller';
import { NominationsController } from './nominations.controller';

/**
 * Education partner portal pages (/portaal/opleider). RetrainingModule does not export its
 * services, so this module provides the same (stateless) service classes itself; the backoffice
 * reference-data pages come along here so that portal.module.ts stays untouched.
 */
@Module({
  imports: [PortalCoreModule, ReferenceDataPortalModule],
  controllers: [NominationsController, EnrolmentsController],
  providers: [ProgrammesService, EnrolmentsService],
})
export class PartnerPortalModule {}
