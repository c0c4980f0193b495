import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../common/dates/calendar-date';
import { COVERAGE_WARNING_DAYS, type CoverageState } from './minimum-wage-coverage';
import type { LksParameterSetEntity, MinimumWagePeriodEntity } from './reference-data.entities';

// 0 to 100 with at most two decimals.
const PERCENTAGE = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;
// Below €1000 an hour: the calculation's integer arithmetic is bounded for that range.
const EUROS = /^\d{1,3}\.\d{2}$/;

export class MinimumWageRateDto {
  @ApiProperty({ enum: ['regular', 'bbl'], description: 'bbl: the lower scale for BBL work-study contracts (ages 18–20).' })
  @IsIn(['regular', 'bbl'])
  scale: 'regular' | 'bbl';

  @ApiProperty({ minimum: 14, maximum: 21, description: '21 means 21 and older.', example: 21 })
  @IsInt()
  @Min(14)
  @Max(21)
  age: number;

  @ApiProperty({ example: '100.00', description: 'Percentage of the adult (21+) amount.' })
  @Matches(PERCENTAGE, { message: 'must be a percentage like 61.5 or 100.00' })
  percentage: string;

  @ApiProperty({ example: '14.71', description: 'Hourly amount in euros, as published (cent-rounded).' })
  @Matches(EUROS, { message: 'must be an amount in euros with two decimals, like 14.71' })
  hourly: string;
}

export class CreateMinimumWagePeriodDto {
  @ApiProperty({ format: 'date', example: '2026-07-01' })
  @IsCalendarDate()
  validFrom: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-31', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate()
  validUntil?: string | null;

  @ApiProperty({ type: [MinimumWageRateDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => MinimumWageRateDto)
  rates: MinimumWageRateDto[];
}

export class MinimumWagePeriodView {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) validUntil: string | null;
  @ApiProperty({ type: [MinimumWageRateDto] }) rates: MinimumWageRateDto[];
}

export class MinimumWagePeriodList {
  @ApiProperty({ type: [MinimumWagePeriodView] }) items: MinimumWagePeriodView[];
  @ApiProperty({ example: 5 }) total: number;
  @ApiProperty({
    format: 'date',
    nullable: true,
    type: String,
    example: '2026-06-30',
    description: 'The last day the table has a minimum wage for; null when the latest period is open ended.',
  })
  coveredUntil: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 42,
    description: 'Days from today to coveredUntil (negative once it has passed); null without an end.',
  })
  daysLeft: number | null;
  @ApiProperty({
    enum: ['open-ended', 'covered', 'ending', 'ended', 'empty'],
    description: `ending: within ${COVERAGE_WARNING_DAYS} days of coveredUntil; ended: months after coveredUntil cannot be calculated.`,
  })
  state: CoverageState;
  @ApiProperty({ description: `True from ${COVERAGE_WARNING_DAYS} days before the table ends: add the next period.` })
  warning: boolean;
}

export function toMinimumWagePeriodView(p: MinimumWagePeriodEntity): MinimumWagePeriodView {
  return {
    id: p.id,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    rates: [...p.rates]
      .sort((a, b) => a.scale.localeCompare(b.scale) || b.age - a.age)
      .map((r) => ({ scale: r.scale, age: r.age, percentage: r.percentage, hourly: r.hourly })),
  };
}

export class CreateLksParameterSetDto {
  @ApiProperty({ format: 'date', example: '2027-01-01' })
  @IsCalendarDate()
  validFrom: string;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsCalendarDate()
  validUntil?: string | null;

  @ApiProperty({ example: '70.00', description: 'Maximum LKS as a percentage of the monthly minimum wage.' })
  @Matches(PERCENTAGE, { message: 'must be a percentage like 70 or 70.00' })
  capPercentage: string;

  @ApiProperty({ example: '8.00', description: 'Holiday allowance on top of the gap.' })
  @Matches(PERCENTAGE, { message: 'must be a percentage like 8 or 8.00' })
  holidayAllowancePercentage: string;

  @ApiProperty({
    example: '23.50',
    description:
      'Compensation for employer costs on gap plus holiday allowance, as set by the minister (Regeling loonkostensubsidie Participatiewet art. 1: 23.5% since 2018-01-01).',
  })
  @Matches(PERCENTAGE, { message: 'must be a percentage like 23.5 or 23.50' })
  employerCostsPercentage: string;

  @ApiProperty({ example: '50.00', description: 'Flat-rate gap before the wage value is assessed.' })
  @Matches(PERCENTAGE, { message: 'must be a percentage like 50 or 50.00' })
  flatRatePercentage: string;

  @ApiProperty({ example: 6, minimum: 1, maximum: 36 })
  @IsInt()
  @Min(1)
  @Max(36)
  flatRateMaxMonths: number;
}

export class LksParameterSetView {
  @ApiProperty() id: number;
  @ApiProperty({ format: 'date' }) validFrom: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) validUntil: string | null;
  @ApiProperty({ example: '70.00' }) capPercentage: string;
  @ApiProperty({ example: '8.00' }) holidayAllowancePercentage: string;
  @ApiProperty({ example: '23.50' }) employerCostsPercentage: string;
  @ApiProperty({ example: '50.00' }) flatRatePercentage: string;
  @ApiProperty({ example: 6 }) flatRateMaxMonths: number;
}

export function toLksParameterSetView(p: LksParameterSetEntity): LksParameterSetView {
  return {
    id: p.id,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    capPercentage: p.capPercentage,
    holidayAllowancePercentage: p.holidayAllowancePercentage,
    employerCostsPercentage: p.employerCostsPercentage,
    flatRatePercentage: p.flatRatePercentage,
    flatRateMaxMonths: p.flatRateMaxMonths,
  };
}

const REASON_DESCRIPTION =
  'Why the published value is corrected (e.g. the Staatscourant notice that corrected it); kept in the audit trail and stated in the change decisions.';

/** The reason every correction of reference data must give: trimmed, then 5 to 2000 characters. */
function CorrectionReason() {
  return applyDecorators(
    ApiProperty({ example: 'Bedrag 20 jaar verkeerd overgenomen uit Stcrt. 2026, 16505.', description: REASON_DESCRIPTION }),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    Length(5, 2000, { message: 'must state the reason in 5 to 2000 characters' }),
  );
}

export class CorrectMinimumWagePeriodDto {
  @ApiProperty({ type: [MinimumWageRateDto], description: 'The whole corrected table of the period.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => MinimumWageRateDto)
  rates: MinimumWageRateDto[];

  @CorrectionReason()
  reason: string;
}

export class CorrectLksParameterSetDto {
  @ApiProperty({ example: '70.00' })
  @Matches(PERCENTAGE, { message: 'must be a percentage like 70 or 70.00' })
  capPercentage: string;

  @ApiProperty({ example: '8.00' })
  @Matches(PERCENTAGE, { message: 'must be a percentage like 8 or 8.00' })
  holidayAllowancePercentage: string;

  @ApiProperty({ example: '23.50' })
  @Matches(PERCENTAGE, { message: 'must be a percentage like 23.5 or 23.50' })
  employerCostsPercentage: string;

  @ApiProperty({ example: '50.00' })
  @Matches(PERCENTAGE, { message: 'must be a percentage like 50 or 50.00' })
  flatRatePercentage: string;

  @ApiProperty({ example: 6, minimum: 1, maximum: 36 })
  @IsInt()
  @Min(1)
  @Max(36)
  flatRateMaxMonths: number;

  @CorrectionReason()
  reason: string;
}

/** Confirms a correction whose impact the administrator has seen: the preview's fingerprint. */
export class ImpactConfirmation {
  @ApiProperty({
    example: 'a3f1…',
    description:
      'The impactFingerprint of the preview the administrator saw; the correction is refused if the impact has changed since.',
  })
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be the impactFingerprint of a preview' })
  impactFingerprint: string;
}

export class ConfirmMinimumWagePeriodCorrectionDto extends IntersectionType(CorrectMinimumWagePeriodDto, ImpactConfirmation) {}
export class ConfirmLksParameterSetCorrectionDto extends IntersectionType(CorrectLksParameterSetDto, ImpactConfirmation) {}

/** Adding a period: the fingerprint is needed only when the addition changes decided amounts of running subsidies. */
export class AddMinimumWagePeriodDto extends IntersectionType(CreateMinimumWagePeriodDto, PartialType(ImpactConfirmation)) {}
export class AddLksParameterSetDto extends IntersectionType(CreateLksParameterSetDto, PartialType(ImpactConfirmation)) {}
