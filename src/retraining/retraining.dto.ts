import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../common/dates/calendar-date';
import { IsCreboCode } from '../common/identifiers/identifier.decorators';
import { PageQuery } from '../common/http/pagination';
import { IsDecimalNumber } from '../common/validation/is-decimal-number';
import { ENROLMENT_STATUSES, type EnrolmentStatus } from './domain/enrolment-status';
import { RequiredText } from '../common/validation/required-text';

export class CreateProgrammeDto {
  @ApiProperty({ example: 'Helpende Zorg en Welzijn' })
  @RequiredText(200)
  qualificationName: string;

  @ApiProperty({ example: '25498', description: 'Crebo code of the qualification (5 digits).' })
  @IsCreboCode()
  creboCode: string;

  @ApiProperty({ example: 2, minimum: 1, maximum: 4 })
  @IsInt()
  @Min(1)
  @Max(4)
  mboLevel: number;

  @ApiProperty({ enum: ['BBL', 'BOL'] })
  @IsIn(['BBL', 'BOL'])
  learningPath: 'BBL' | 'BOL';

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  educationPartnerId: string;

  @ApiProperty({ example: 18 })
  @IsInt()
  @Min(1)
  @Max(60)
  durationMonths: number;

  @ApiProperty({ example: 450000, description: 'Tuition per participant in cents.' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  tuitionCents: number;

  @ApiProperty({ example: 40, description: 'Share of the tuition paid at the confirmed start; the rest at the diploma.' })
  @IsDecimalNumber(2)
  @Min(0)
  @Max(100)
  shareAtStartPercentage: number;

  @ApiProperty({ description: 'Whether a drop-out leads to recovery of the tuition paid at the start.' })
  @IsBoolean()
  recoverOnDropout: boolean;
}

export class CreateCohortDto {
  @ApiProperty({ format: 'date', example: '2026-09-01' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({ example: 16 })
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity: number;
}

export class NominateDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  participantId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  cohortId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The work placement (an LKS application); required for BBL.' })
  @IsOptional()
  @IsUUID()
  applicationId?: string;
}

export class ConfirmDto {
  @ApiProperty({ example: 'S1234567' })
  @Matches(/^[A-Za-z0-9-]{1,50}$/, { message: 'must be the student number (letters, digits, -)' })
  studentNumber: string;

  @ApiProperty({ format: 'date', example: '2026-09-01' })
  @IsCalendarDate()
  actualStartDate: string;
}

export class BulkConfirmationDto extends ConfirmDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  enrolmentId: string;
}

export class BulkConfirmDto {
  @ApiProperty({ type: [BulkConfirmationDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => BulkConfirmationDto)
  confirmations: BulkConfirmationDto[];
}

export class DeclineDto {
  @ApiProperty({ example: 'Geen plaats in de praktijk beschikbaar.' })
  @RequiredText(2000)
  reason: string;
}

export class BulkDeclineDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The nominations of this cohort to decline.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  enrolmentIds: string[];

  @ApiProperty({ example: 'De groep gaat niet door.', description: 'One reason, recorded on every declined nomination.' })
  @RequiredText(2000)
  reason: string;
}

export class ProgressReportDto {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  periodStart: string;

  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  periodEnd: string;

  @ApiProperty({ example: 92.5 })
  @IsDecimalNumber(2)
  @Min(0)
  @Max(100)
  attendancePercentage: number;

  @ApiProperty({ example: 'Goede voortgang; praktijkopdracht 1 behaald.' })
  @RequiredText(4000)
  resultSummary: string;
}

export class CompleteDto {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  diplomaDate: string;
}

export class DropOutDto {
  @ApiProperty({ format: 'date' })
  @IsCalendarDate()
  dropoutDate: string;

  @ApiProperty({ example: 'Werk gevonden buiten de zorg.' })
  @RequiredText(2000)
  reason: string;
}

export class EnrolmentQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ENROLMENT_STATUSES })
  @IsOptional()
  @IsIn(ENROLMENT_STATUSES)
  status?: EnrolmentStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  cohortId?: string;
}

export class CohortView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty() capacity: number;
  @ApiProperty() confirmedCount: number;
}

export class ProgrammeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() qualificationName: string;
  @ApiProperty({ example: '25498' }) creboCode: string;
  @ApiProperty() mboLevel: number;
  @ApiProperty({ enum: ['BBL', 'BOL'] }) learningPath: 'BBL' | 'BOL';
  @ApiProperty({ format: 'uuid' }) educationPartnerId: string;
  @ApiProperty() durationMonths: number;
  @ApiProperty({ example: '4500.00' }) tuition: string;
  @ApiProperty({ example: '40' }) shareAtStartPercentage: string;
  @ApiProperty() recoverOnDropout: boolean;
  @ApiProperty({ type: [CohortView] }) cohorts: CohortView[];
}

export class EnrolmentParticipantView {
  @ApiProperty({ example: 'P0001000' }) participantNumber: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date' }) dateOfBirth: string;
}

export class LinkedApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'AV-0000001' }) applicationNumber: string;
  @ApiProperty() status: string;
}

export class ProgressReportView {
  @ApiProperty({ format: 'date' }) periodStart: string;
  @ApiProperty({ format: 'date' }) periodEnd: string;
  @ApiProperty({ example: '92.5' }) attendancePercentage: string;
  @ApiProperty() resultSummary: string;
}

export class EnrolmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ENROLMENT_STATUSES }) status: EnrolmentStatus;
  @ApiProperty({ type: EnrolmentParticipantView }) participant: EnrolmentParticipantView;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty() qualificationName: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ format: 'date' }) cohortStartDate: string;
  @ApiProperty({ format: 'uuid' }) educationPartnerId: string;
  @ApiProperty({ type: LinkedApplicationView, nullable: true, description: 'The BBL work placement (LKS application).' })
  placement: LinkedApplicationView | null;
  @ApiProperty({ format: 'date' }) nominatedOn: string;
  @ApiProperty({ nullable: true, type: String }) studentNumber: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) actualStartDate: string | null;
  @ApiProperty({ nullable: true, type: String }) declineReason: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) diplomaDate: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) dropoutDate: string | null;
  @ApiProperty({ nullable: true, type: String }) dropoutReason: string | null;
  @ApiProperty({ type: [ProgressReportView] }) progressReports: ProgressReportView[];
  @ApiProperty() version: number;
}
