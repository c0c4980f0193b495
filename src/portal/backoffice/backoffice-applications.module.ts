import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../../applications/applications.module';
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

/** Backoffice pages for applications, decisions and the overview (/portaal/backoffice). */
@Module({
  imports: [PortalCoreModule, ApplicationsModule, DecisionsModule, CodeListsModule, ParticipantsModule, UsersModule],
  controllers: [OverviewController, WorkQueueController, ApplicationPagesController, DecisionPagesController],
  providers: [OverviewService],
})
export class BackofficeApplicationsPortalModule {}
