import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../common/dates/calendar-date';
import { PageQuery } from '../common/http/pagination';
import { OBJECTION_STATUSES, type DecisionStatus, type ObjectionStatus } from './decision.entities';
import { DECISION_TYPES, type DecisionType } from './pdf/decision-document';
import { RequiredText } from '../common/validation/required-text';

export class DraftDecisionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  applicationId: string;

  @ApiProperty({ enum: DECISION_TYPES })
  @IsIn(DECISION_TYPES)
  type: DecisionType;

  @ApiPropertyOptional({
    description: 'The reasoning in the letter. Defaults to the reasons given with the proposal; required for other types.',
    example: 'De loonwaarde is op 31 maart 2026 vastgesteld op 60% met de Dariuz-methode.',
  })
  @IsOptional()
  @RequiredText(20000)
  reasons?: string;

  @ApiPropertyOptional({ format: 'date', description: 'For change and termination: from when it applies.' })
  @ValidateIf((o: DraftDecisionDto) => o.type === 'change' || o.type === 'termination' || o.effectiveDate !== undefined)
  @IsCalendarDate()
  effectiveDate?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A correction of this issued decision (a new decision that refers to it).',
  })
  @IsOptional()
  @IsUUID()
  correctsDecisionId?: string;

  @ApiPropertyOptional({
    example: 1250000,
    description: 'Settlement: the amount due in cents. Omit both amounts to take them from the settlement of the schedule.',
  })
  @ValidateIf((o: DraftDecisionDto) => o.dueCents !== undefined || (o.type === 'settlement' && o.paidCents !== undefined))
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  dueCents?: number;

  @ApiPropertyOptional({ example: 1300000, description: 'Settlement: the amount paid in advances, in cents.' })
  @ValidateIf((o: DraftDecisionDto) => o.paidCents !== undefined || (o.type === 'settlement' && o.dueCents !== undefined))
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  paidCents?: number;

  @ApiPropertyOptional({ example: 50000, description: 'Recovery: the amount to pay back, in cents.' })
  @ValidateIf((o: DraftDecisionDto) => o.type === 'recovery' || o.recoveryCents !== undefined)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  recoveryCents?: number;

  @ApiPropertyOptional({ example: 42, description: 'Recovery: days to pay.' })
  @ValidateIf((o: DraftDecisionDto) => o.type === 'recovery' || o.paymentTermDays !== undefined)
  @IsInt()
  @Min(1)
  @Max(365)
  paymentTermDays?: number;
}

export class UpdateDraftDecisionDto {
  @ApiProperty({ example: 'Aangepaste motivering.' })
  @RequiredText(20000)
  reasons: string;
}

export class DecisionListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  applicationId?: string;

  @ApiPropertyOptional({ enum: ['draft', 'issued'] })
  @IsOptional()
  @IsIn(['draft', 'issued'])
  status?: DecisionStatus;

  @ApiPropertyOptional({ enum: DECISION_TYPES })
  @IsOptional()
  @IsIn(DECISION_TYPES)
  type?: DecisionType;

  @ApiPropertyOptional({ description: 'Only decisions with an objection that is not withdrawn.' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  contested?: 'true' | 'false';
}

export class RegisterObjectionDto {
  @ApiProperty({ format: 'date', example: '2026-05-10' })
  @IsCalendarDate()
  receivedOn: string;

  @ApiPropertyOptional({ example: 'De werkgever is het niet eens met de vastgestelde loonwaarde.' })
  @IsOptional()
  @RequiredText(20000)
  grounds?: string;
}

export class UpdateObjectionDto {
  @ApiProperty({ enum: OBJECTION_STATUSES })
  @IsIn(OBJECTION_STATUSES)
  status: ObjectionStatus;
}

export class ObjectionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty({ format: 'date' }) receivedOn: string;
  @ApiProperty({ description: 'Received within the six weeks (Awb 6:7).' }) withinTerm: boolean;
  @ApiProperty({ enum: OBJECTION_STATUSES }) status: ObjectionStatus;
  @ApiProperty({ nullable: true, type: String }) grounds: string | null;
  @ApiProperty() version: number;
}

export class DecisionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DECISION_TYPES }) type: DecisionType;
  @ApiProperty({ enum: ['draft', 'issued'] }) status: DecisionStatus;
  @ApiProperty({ example: 'LKS-2026-000123', nullable: true, type: String }) decisionNumber: string | null;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ example: 'AV-0000001' }) applicationNumber: string;
  @ApiProperty({ format: 'uuid' }) employerId: string;
  @ApiProperty({ example: 'Zorggroep Amstelland B.V.' }) employerName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) refersToDecisionId: string | null;
  @ApiProperty() isCorrection: boolean;
  @ApiProperty({ format: 'date', nullable: true, type: String }) effectiveDate: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) periodStart: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) periodEnd: string | null;
  @ApiProperty({ example: '13006.32', nullable: true, type: String }) total: string | null;
  @ApiProperty({ example: '12000.00', nullable: true, type: String }) previousTotal: string | null;
  @ApiProperty({ example: '500.00', nullable: true, type: String }) recoveryAmount: string | null;
  @ApiProperty() reasons: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) decisionDate: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) sendingDate: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Last day for objection (Awb 6:7).' })
  objectionDeadline: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 of the issued PDF (also its ETag).' }) pdfSha256:
    string | null;
  @ApiProperty({ format: 'uuid' }) draftedBy: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) approvedBy: string | null;
  @ApiProperty({ type: [ObjectionView] }) objections: ObjectionView[];
  @ApiProperty() version: number;
}
