import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../common/dates/calendar-date';
import { RequiredText } from '../common/validation/required-text';

export class CreatePaymentRunDto {
  @ApiProperty({ format: 'date', example: '2026-02-15', description: 'Everything due on or before this date is selected.' })
  @IsCalendarDate()
  runDate: string;
}

export class RejectionDto {
  @ApiProperty({ example: 'BR-000001-3f2a9c0e1b2d4e5f' })
  @IsString()
  @Length(1, 35)
  endToEndId: string;

  @ApiProperty({ example: 'AC04 rekening opgeheven' })
  @RequiredText(500)
  reason: string;
}

export class SettlePaymentRunDto {
  @ApiProperty({ type: [RejectionDto], description: 'Transfers the bank rejected; all others are settled.' })
  @IsArray()
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => RejectionDto)
  rejections: RejectionDto[];
}

export class CreateHoldDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Hold every payment to this employer…' })
  @ValidateIf((o: CreateHoldDto) => o.scheduleId === undefined)
  @IsUUID()
  employerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '…or only this schedule.' })
  @ValidateIf((o: CreateHoldDto) => o.employerId === undefined)
  @IsUUID()
  scheduleId?: string;

  @ApiProperty({ example: 'Onderzoek naar de urenregistratie.' })
  @RequiredText(2000)
  reason: string;
}

export class PaymentRunView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BR-000001' }) runNumber: string;
  @ApiProperty({ format: 'date' }) runDate: string;
  @ApiProperty({ enum: ['created', 'approved', 'sent', 'settled', 'cancelled'] }) status: string;
  @ApiProperty() itemCount: number;
  @ApiProperty() payeeCount: number;
  @ApiProperty({ example: '4336.72' }) total: string;
  @ApiProperty({ example: 433672 }) totalCents: number;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) approvedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) sepaSha256: string | null;
}

export class RunTransferView {
  @ApiProperty() endToEndId: string;
  @ApiProperty() payeeName: string;
  @ApiProperty() iban: string;
  @ApiProperty() amountCents: number;
  @ApiProperty() itemCount: number;
  @ApiProperty() status: string;
  @ApiProperty() remittance: string;
}

export class HoldView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) employerId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) scheduleId: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) releasedAt: string | null;
}

export class PayableItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['lks-instalment', 'lks-correction', 'settlement-payment', 'tuition'] }) kind: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-01' }) month: string | null;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ example: '1088.27' }) amount: string;
  @ApiProperty({ enum: ['open', 'paid', 'cancelled'] }) status: string;
  @ApiProperty({ type: Object, nullable: true, description: 'What the amount was computed from.' }) breakdown: object | null;
  @ApiProperty() description: string;
}

export class PaymentScheduleView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) employerId: string;
  @ApiProperty({ enum: ['active', 'ended'] }) status: string;
  @ApiProperty({ type: [PayableItemView] }) items: PayableItemView[];
  @ApiProperty({ example: '6503.16' }) paid: string;
  @ApiProperty({ example: '0.00' }) open: string;
}

export class ScheduleQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  applicationId?: string;
}

export class RecomputeSchedulesDto {
  @ApiProperty({
    format: 'date',
    example: '2026-07-01',
    description: 'Recompute unpaid instalments from this month on (e.g. the start of a new minimum wage period).',
  })
  @IsCalendarDate()
  fromDate: string;
}

export class RecomputationMonthView {
  @ApiProperty({ example: '2026-07' }) month: string;
  @ApiProperty({ example: '1088.27' }) old: string;
  @ApiProperty({ example: '1100.07' }) new: string;
}

export class RecomputedScheduleView {
  @ApiProperty({ format: 'uuid' }) scheduleId: string;
  @ApiProperty({ example: 'AV-0000001' }) applicationNumber: string;
  @ApiProperty({ type: [RecomputationMonthView] }) months: RecomputationMonthView[];
}

export class RecomputationFailureView {
  @ApiProperty({ format: 'uuid' }) scheduleId: string;
  @ApiProperty() reason: string;
}

export class RecomputationReportView {
  @ApiProperty({ example: '2026-07' }) fromMonth: string;
  @ApiProperty({ description: 'Active schedules processed.' }) schedules: number;
  @ApiProperty({ type: [RecomputedScheduleView] }) changed: RecomputedScheduleView[];
  @ApiProperty({ type: [RecomputationFailureView] }) failed: RecomputationFailureView[];
}

export class RecoveryItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) employerId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) applicationId: string | null;
  @ApiProperty({ example: '1587.08' }) amount: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: ['open', 'offset', 'paid', 'written-off'] }) status: string;
}

export class UpdateRecoveryItemDto {
  @ApiProperty({ enum: ['offset', 'paid', 'written-off'] })
  @IsIn(['offset', 'paid', 'written-off'])
  status: 'offset' | 'paid' | 'written-off';
}

export class RecoveryQuery {
  @ApiPropertyOptional({ enum: ['open', 'offset', 'paid', 'written-off'] })
  @IsOptional()
  @IsIn(['open', 'offset', 'paid', 'written-off'])
  status?: 'open' | 'offset' | 'paid' | 'written-off';
}

export class CancelPaymentRunDto {
  @ApiProperty({ example: 'Verkeerde rundatum gekozen.' })
  @RequiredText(500)
  reason: string;
}
