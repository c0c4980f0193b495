import { Module } from '@nestjs/common';
import { RetrainingModule } from '../../retraining/retraining.module';
import { PortalCoreModule } from '../shared/portal-core.module';
import { EnrolmentsController } from './enrolments.controller';
import { NominationsController } from './nominations.controller';

/**
 * Education partner portal pages (/portaal/opleider), on the retraining services.
 */
@Module({
  imports: [PortalCoreModule, RetrainingModule],
  controllers: [NominationsController, EnrolmentsController],
})
export class PartnerPortalModule {}
