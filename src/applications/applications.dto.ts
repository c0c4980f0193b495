import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../common/dates/calendar-date';
import { IsDecimalNumber } from '../common/validation/is-decimal-number';
import { IsBsn } from '../common/identifiers/identifier.decorators';
import { normalizeBsn } from '../common/identifiers/identifiers';
import { PageQuery } from '../common/http/pagination';
import { LksCalculationView } from '../lks-calculation/lks-calculation.dto';
import { ParticipantSummary } from '../participants/participants.dto';
import { TARGET_GROUP_BASES, type TargetGroupBasis } from './application.entities';
import { APPLICATION_STATUSES, type ApplicationAction, type ApplicationStatus } from './domain/application-status';
import { EMPLOYMENT_ORIGINS, type ApplicationWindowKind, type EmploymentOrigin } from './domain/application-window';
import { RequiredText } from '../common/validation/required-text';

const EUROS = /^\d{1,4}(\.\d{1,2})?$/;

/**
 * The candidate: the participant number the municipality gave, or the BSN, each together with the
 * date of birth, so an employer cannot look people up by trying numbers.
 */
export class ParticipantReferenceDto {
  @ApiPropertyOptional({ example: 'P0001000' })
  @ValidateIf((o: ParticipantReferenceDto) => o.bsn === undefined)
  @Matches(/^P\d{7}$/, { message: 'must be a participant number like P0001000, or give bsn and dateOfBirth instead' })
  participantNumber?: string;

  @ApiPropertyOptional({
    example: '111222333',
    description: 'Matched by keyed hash; never stored with the application or echoed.',
  })
  @ValidateIf((o: ParticipantReferenceDto) => o.participantNumber === undefined)
  @Transform(({ value }) => (typeof value === 'string' ? normalizeBsn(value) : value))
  @IsBsn()
  bsn?: string;

  @ApiProperty({ format: 'date', example: '1988-04-12', description: "The candidate's date of birth (always required)." })
  @IsCalendarDate()
  dateOfBirth: string;
}

export class CreateApplicationDto {
  @ApiProperty({ type: ParticipantReferenceDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ParticipantReferenceDto)
  participant: ParticipantReferenceDto;

  @ApiProperty({ example: 'Helpende zorg en welzijn' })
  @RequiredText(200)
  jobTitle: string;

  @ApiProperty({ example: 'Zorg en welzijn' })
  @RequiredText(100)
  sector: string;

  @ApiProperty({ example: 'zorg', description: 'Code from the job-plan list (GET /code-lists/job-plan/items).' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be a job-plan code like zorg' })
  jobPlan: string;

  @ApiProperty({ format: 'date', example: '2026-03-01' })
  @IsCalendarDate()
  contractStart: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2027-02-28',
    nullable: true,
    type: String,
    description: 'Omit or null for open-ended.',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate()
  contractEnd?: string | null;

  @ApiProperty({ example: 32, description: 'Contract hours per week (at most 2 decimals).' })
  @IsDecimalNumber(2)
  @Min(0.01, { message: 'must be more than 0' })
  @Max(40, { message: 'must not be more than 40' })
  hoursPerWeek: number;

  @ApiProperty({ example: 36, description: "The company's full-time week in hours." })
  @IsDecimalNumber(2)
  @Min(1, { message: 'must be at least 1' })
  @Max(40, { message: 'must not be more than 40' })
  fullTimeHoursPerWeek: number;

  @ApiProperty({ example: '15.20', description: 'Gross hourly wage in euros; at least the minimum wage for the age and scale.' })
  @Matches(EUROS, { message: 'must be an amount in euros like 15.20' })
  grossHourlyWage: string;

  @ApiProperty({ enum: ['regular', 'bbl'], example: 'regular' })
  @IsIn(['regular', 'bbl'])
  scale: 'regular' | 'bbl';

  @ApiProperty({ example: true, description: 'Flat-rate subsidy until the wage value has been assessed.' })
  @IsBoolean()
  flatRateRequested: boolean;

  @ApiProperty({
    enum: EMPLOYMENT_ORIGINS,
    example: 'municipality-placement',
    description:
      'Where the employee came from directly before this job (Participatiewet art. 10d). From praktijkonderwijs, ' +
      'voortgezet speciaal onderwijs, an MBO entree course, or helped to the job by the municipality: the employer may ' +
      'apply up to 6 months after the employment started. Otherwise (other): before the start.',
  })
  @IsIn(EMPLOYMENT_ORIGINS)
  employmentOrigin: EmploymentOrigin;
}

export class UpdateApplicationDto extends PartialType(CreateApplicationDto) {}

export class RequestInformationDto {
  @ApiProperty({ example: 'Please send the signed employment contract.' })
  @RequiredText(4000)
  question: string;
}

export class ReceiveInformationDto {
  @ApiPropertyOptional({ example: 'Contract uploaded on 12 March.' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  note?: string;
}

export class ExtendDeadlineDto {
  @ApiProperty({ minimum: 1, maximum: 8, example: 4, description: 'Awb 4:14: once, by a reasonable term, with notice.' })
  @IsInt()
  @Min(1)
  @Max(8)
  weeks: number;

  @ApiProperty({ example: 'Wage-value assessment at the workplace is planned after the current term.' })
  @RequiredText(2000)
  reason: string;
}

export class ProposeDecisionDto {
  @ApiProperty({ enum: ['grant', 'reject'] })
  @IsIn(['grant', 'reject'])
  outcome: 'grant' | 'reject';

  @ApiPropertyOptional({
    example: 'The wage value is 60%; the gross wage meets the minimum wage.',
    description: 'Required for a rejection.',
  })
  @ValidateIf((o: ProposeDecisionDto) => o.outcome === 'reject' || o.reasons !== undefined)
  @RequiredText(8000)
  reasons?: string;
}

export class RecordTargetGroupDto {
  @ApiProperty({
    enum: TARGET_GROUP_BASES,
    description:
      'Why the person belongs to the LKS target group: registered in the doelgroepregister (UWV), or assessed by the ' +
      'municipality itself (praktijkroute).',
  })
  @IsIn(TARGET_GROUP_BASES)
  basis: TargetGroupBasis;

  @ApiPropertyOptional({
    format: 'date',
    example: '2025-11-03',
    description: 'Doelgroepregister: the registration date (required).',
  })
  @ValidateIf((o: RecordTargetGroupDto) => o.basis === 'doelgroepregister' || o.registeredOn !== undefined)
  @IsCalendarDate()
  registeredOn?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-02-10',
    description: 'Praktijkroute: the day of the assessment (required).',
  })
  @ValidateIf((o: RecordTargetGroupDto) => o.basis === 'praktijkroute' || o.assessedOn !== undefined)
  @IsCalendarDate()
  assessedOn?: string;

  @ApiPropertyOptional({ example: 'M. Jansen (arbeidsdeskundige)', description: 'Praktijkroute: who assessed (required).' })
  @ValidateIf((o: RecordTargetGroupDto) => o.basis === 'praktijkroute' || o.assessorName !== undefined)
  @RequiredText(200)
  assessorName?: string;
}

export class RecordNoMeasurementDto {
  @ApiProperty({
    format: 'date',
    example: '2026-03-16',
    description: 'The day the college decided, with the employer, that the wage value need not be measured (not in the future).',
  })
  @IsCalendarDate()
  decidedOn: string;

  @ApiProperty({ example: 'Flat-rate start agreed with the employer; the wage value is measured after six months.' })
  @RequiredText(2000)
  reason: string;
}

export class WithdrawDto {
  @ApiPropertyOptional({ example: 'The candidate took another job.' })
  @IsOptional()
  @RequiredText(2000)
  reason?: string;
}

const SORTS = ['createdAt', '-createdAt', 'submittedOn', '-submittedOn', 'applicationNumber', '-applicationNumber'] as const;
export type ApplicationSort = (typeof SORTS)[number];

export class ApplicationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES, description: 'Filter on status.' })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Backoffice only; employers always see their own.' })
  @IsOptional()
  @IsUUID()
  employerId?: string;

  @ApiPropertyOptional({ example: 'zorg' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be a job-plan code' })
  jobPlan?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Submitted on or after.' })
  @IsOptional()
  @IsCalendarDate()
  submittedFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Submitted on or before.' })
  @IsOptional()
  @IsCalendarDate()
  submittedTo?: string;

  @ApiPropertyOptional({ enum: SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: ApplicationSort;
}

export class DeadlineQuery {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 365,
    default: 14,
    description: 'Also list applications due within this many days.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  withinDays: number = 14;
}

export class WageValueTermView {
  @ApiProperty({ format: 'date', description: 'The day the wage value was established, or no measurement was decided.' })
  establishedOn: string;
  @ApiProperty({ enum: ['wage-value-assessment', 'no-measurement-needed'] }) basis:
    'wage-value-assessment' | 'no-measurement-needed';
  @ApiProperty({ format: 'date', description: 'The five weeks start here (not before the submission).' }) startsOn: string;
  @ApiProperty({ format: 'date', description: 'startsOn + 5 weeks.' }) baseDeadline: string;
  @ApiProperty({ format: 'date', description: 'With suspensions and the Algemene termijnenwet.' }) deadline: string;
  @ApiProperty() suspendedDays: number;
}

export class DecisionClockView {
  @ApiProperty({ format: 'date', description: 'Submission date + 8 weeks (Awb 4:13).' }) baseDeadline: string;
  @ApiProperty({
    format: 'date',
    description: 'The deadline that counts: the earlier of the Awb term and the five-week term after the wage value.',
  })
  deadline: string;
  @ApiProperty({ format: 'date', description: 'The Awb term with suspensions, extension and the Algemene termijnenwet.' })
  awbDeadline: string;
  @ApiProperty({
    type: WageValueTermView,
    nullable: true,
    description: 'Participatiewet art. 10d: decide within 5 weeks after the wage value is established; null until it is.',
  })
  wageValueTerm: WageValueTermView | null;
  @ApiProperty({ enum: ['awb', 'wage-value', 'both'], description: 'Which term ends first.' }) endsFirst:
    'awb' | 'wage-value' | 'both';
  @ApiProperty({ description: 'Days the Awb term is suspended.' }) suspendedDays: number;
  @ApiProperty({ description: 'Information has been requested and not yet received (Awb 4:15).' }) suspended: boolean;
  @ApiProperty({ nullable: true, type: Number }) extensionWeeks: number | null;
  @ApiProperty({ description: 'Negative when overdue.' }) daysLeft: number;
  @ApiProperty({ enum: ['running', 'suspended', 'overdue'] }) state: 'running' | 'suspended' | 'overdue';
}

export class InformationRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date' }) requestedOn: string;
  @ApiProperty() question: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) receivedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) receivedNote: string | null;
}

export class TargetGroupView {
  @ApiProperty({ enum: TARGET_GROUP_BASES }) basis: TargetGroupBasis;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Doelgroepregister: registration date.' })
  registeredOn: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Praktijkroute: day of the assessment.' })
  assessedOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Praktijkroute: who assessed.' }) assessorName: string | null;
}

export class NoMeasurementView {
  @ApiProperty({ format: 'date' }) decidedOn: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
}

export class ApplicationWindowView {
  @ApiProperty({ enum: ['before-start', 'within-six-months-after-start'] }) kind: ApplicationWindowKind;
  @ApiProperty({ format: 'date', description: 'The last day an application is received in time.' }) lastDay: string;
}

export class ProposalView {
  @ApiProperty({ enum: ['grant', 'reject'] }) outcome: 'grant' | 'reject';
  @ApiProperty({ nullable: true, type: String }) reasons: string | null;
  @ApiProperty({ format: 'date-time' }) proposedAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) proposedBy: string | null;
}

export class ApplicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'AV-0000001' }) applicationNumber: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty({ format: 'uuid' }) employerId: string;
  @ApiProperty({ example: 'Zorggroep Amstelland B.V.' }) employerName: string;
  @ApiProperty({ type: ParticipantSummary }) participant: ParticipantSummary;
  @ApiProperty() jobTitle: string;
  @ApiProperty() sector: string;
  @ApiProperty({ example: 'zorg' }) jobPlan: string;
  @ApiProperty({ format: 'date' }) contractStart: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) contractEnd: string | null;
  @ApiProperty({ example: '32' }) hoursPerWeek: string;
  @ApiProperty({ example: '36' }) fullTimeHoursPerWeek: string;
  @ApiProperty({ example: '15.20' }) grossHourlyWage: string;
  @ApiProperty({ enum: ['regular', 'bbl'] }) scale: 'regular' | 'bbl';
  @ApiProperty() flatRateRequested: boolean;
  @ApiProperty({
    format: 'date',
    nullable: true,
    type: String,
    description: 'The last day of the flat-rate period: the first months of the employment (Participatiewet art. 10d lid 5).',
  })
  flatRateWindowEnd: string | null;
  @ApiProperty({ enum: EMPLOYMENT_ORIGINS, nullable: true, description: 'Null for applications from before it was recorded.' })
  employmentOrigin: EmploymentOrigin | null;
  @ApiProperty({ type: ApplicationWindowView, description: 'When this application may be submitted (Participatiewet art. 10d).' })
  applicationWindow: ApplicationWindowView;
  @ApiProperty({ type: TargetGroupView, nullable: true, description: 'Why the person belongs to the LKS target group.' })
  targetGroup: TargetGroupView | null;
  @ApiProperty({ type: NoMeasurementView, nullable: true, description: 'The decision that the wage value need not be measured.' })
  noMeasurement: NoMeasurementView | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) submittedOn: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) decidedOn: string | null;
  @ApiProperty({ type: DecisionClockView, nullable: true, description: 'While undecided: the Awb decision term.' })
  decisionClock: DecisionClockView | null;
  @ApiProperty({ nullable: true, type: String }) extensionReason: string | null;
  @ApiProperty({ type: [InformationRequestView] }) informationRequests: InformationRequestView[];
  @ApiProperty({ type: ProposalView, nullable: true }) proposal: ProposalView | null;
  @ApiProperty({ type: [String], example: ['submit', 'withdraw'], description: 'Lifecycle actions the status allows now.' })
  allowedActions: ApplicationAction[];
  @ApiProperty({ example: 1, description: 'Also sent as ETag; send it back in If-Match.' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SubsidySegmentView {
  @ApiProperty({ enum: ['flat-rate', 'wage-value'] }) basis: 'flat-rate' | 'wage-value';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assessmentId: string | null;
  @ApiProperty({ format: 'date' }) periodStart: string;
  @ApiProperty({ format: 'date' }) periodEnd: string;
  @ApiProperty({ type: LksCalculationView }) calculation: LksCalculationView;
}

export class SubsidyCalculationView {
  @ApiProperty({ format: 'date' }) periodStart: string;
  @ApiProperty({ format: 'date' }) periodEnd: string;
  @ApiProperty({ type: [SubsidySegmentView] }) segments: SubsidySegmentView[];
  @ApiProperty({ example: '13006.32', description: 'Sum of the rounded month amounts of all segments.' }) total: string;
  @ApiProperty({ example: 1300632 }) totalCents: number;
}

export class AmendActiveApplicationDto {
  @ApiPropertyOptional({ example: 28, description: 'New contract hours per week.' })
  @IsOptional()
  @IsDecimalNumber(2)
  @Min(0.01, { message: 'must be more than 0' })
  @Max(40, { message: 'must not be more than 40' })
  hoursPerWeek?: number;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String, description: 'New contract end (null: open-ended).' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate()
  contractEnd?: string | null;

  @ApiProperty({ example: 'Contract verlengd tot 31 december 2026.' })
  @RequiredText(2000)
  reason: string;
}

export class ChangeDueView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ example: 'AV-0000001' }) applicationNumber: string;
  @ApiProperty() employerName: string;
  @ApiProperty({ enum: ['wage-value-assessment', 'contract-change'] }) reason: 'wage-value-assessment' | 'contract-change';
  @ApiProperty({ format: 'date-time' }) since: string;
}
