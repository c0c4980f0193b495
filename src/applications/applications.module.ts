import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CodeListsModule } from '../code-lists/code-lists.module';
import { LksCalculationModule } from '../lks-calculation/lks-calculation.module';
import { ParticipantsModule } from '../participants/participants.module';
import { ReferenceDataModule } from '../reference-data/reference-data.module';
import { ApplicationDocumentsController, ApplicationDocumentsService } from './application-documents';
import {
  ApplicationDocumentEntity,
  ApplicationEntity,
  InformationRequestEntity,
  WageValueAssessmentEntity,
} from './application.entities';
import {
  ApplicationChangesDueController,
  ApplicationDeadlinesController,
  ApplicationsController,
} from './applications.controller';
import { ApplicationsService } from './applications.service';
import { WageValueAssessmentsController, WageValueAssessmentsService } from './wage-value-assessments';

@Module({
  imports: [
    TypeOrmModule.forFeature([ApplicationEntity, InformationRequestEntity, WageValueAssessmentEntity, ApplicationDocumentEntity]),
    ParticipantsModule,
    CodeListsModule,
    ReferenceDataModule,
    LksCalculationModule,
  ],
  controllers: [
    ApplicationChangesDueController,
    ApplicationDeadlinesController,
    ApplicationsController,
    WageValueAssessmentsController,
    ApplicationDocumentsController,
  ],
  providers: [ApplicationsService, WageValueAssessmentsService, ApplicationDocumentsService],
  exports: [ApplicationsService, ApplicationDocumentsService, WageValueAssessmentsService],
})
export class ApplicationsModule {}
