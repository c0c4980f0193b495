import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnrolmentsService } from './enrolments.service';
import { ProgrammesService } from './programmes.service';
import { EnrolmentsController, ProgrammesController } from './retraining.controller';
import { CohortEntity, EnrolmentEntity, ProgrammeEntity, ProgressReportEntity } from './retraining.entities';

@Module({
  imports: [TypeOrmModule.forFeature([ProgrammeEntity, CohortEntity, EnrolmentEntity, ProgressReportEntity])],
  controllers: [ProgrammesController, EnrolmentsController],
  providers: [ProgrammesService, EnrolmentsService],
  exports: [ProgrammesService, EnrolmentsService],
})
export class RetrainingModule {}
