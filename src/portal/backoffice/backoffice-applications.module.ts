import { Module } from '@nestjs/common';
import { ApplicationDocumentsService } from '../../applications/application-documents';
import { ApplicationsModule } from '../../applications/applications.module';
import { WageValueAssessmentsService } from '../../applications/wage-value-assessments';
import { CodeListsModule } from '../../code-lists/code-lists.module';
import { DecisionsModule } from '../../decisions/decisions.module';
import { ParticipantsModule } from '../../participants/participants.module';
import { UsersModule } from '../../users/users.module';
import { PortalCoreModule } from '../shared/portal-core.module';
import { ApplicationPagesController } from './applications/application-pages.controller';
import { DecisionPagesController } from './applications/decision-pages.controller';
import { WorkQueueController } from './applications/work-queue.controller';
import { OverviewController } from './overview/overview.controller';
import { OverviewService } from './overview/overview.service';

/**
 * Backoffice pages for applications, decisions and the overview (/portaal/backoffice).
 * ApplicationsModule exports only ApplicationsService; the assessment and document services are
 * stateless wrappers around it, so the portal provides its own instance of them (same code, same rules).
 */
@Module({
  imports: [PortalCoreModule, ApplicationsModule, DecisionsModule, CodeListsModule, ParticipantsModule, UsersModule],
  controllers: [OverviewController, WorkQueueController, ApplicationPagesController, DecisionPagesController],
  providers: [WageValueAssessmentsService, ApplicationDocumentsService, OverviewService],
})
export class BackofficeApplicationsPortalModule {}
