import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, Max, Min, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../common/dates/calendar-date';
import { IsDecimalNumber } from '../common/validation/is-decimal-number';
import type { LksMonth, LksResult, Scale } from './domain';

export class LksCalculationRequest {
  @ApiProperty({ format: 'date', example: '2026-03-10', description: 'First day the subsidy covers.' })
  @IsCalendarDate()
  periodStart: string;

  @ApiProperty({
    format: 'date',
    example: '2026-06-30',
    description: 'Last day the subsidy covers; at most periodStart + 36 months − 1 day.',
  })
  @IsCalendarDate()
  periodEnd: string;

  @ApiPropertyOptional({
    format: 'date',
    description:
      'Contract start; periodStart must not be before it. Required when flatRate is true, as the flat-rate window ' +
      'counts from here; otherwise optional and defaults to periodStart.',
  })
  @ValidateIf((o: LksCalculationRequest) => o.flatRate === true || o.contractStart !== undefined)
  @IsCalendarDate({
    message: ({ value }) =>
      value === undefined
        ? 'is required with the flat rate: the flat-rate window counts from the contract start'
        : 'must be a calendar date as YYYY-MM-DD',
  })
  contractStart?: string;

  @ApiProperty({ format: 'date', example: '1990-05-01' })
  @IsCalendarDate()
  dateOfBirth: string;

  @ApiProperty({
    example: 32,
    minimum: 0,
    exclusiveMinimum: true,
    maximum: 40,
    description: 'Contract hours per week, at most 2 decimals.',
  })
  @IsDecimalNumber(2)
  @Min(0.01, { message: 'must be more than 0' })
  @Max(40, { message: 'must not be more than 40' })
  hoursPerWeek: number;

  @ApiPropertyOptional({
    example: 60,
    description:
      'Assessed wage value as a percentage (more than 0). Required unless flatRate is true; 100 or more means no subsidy.',
  })
  @ValidateIf((o: LksCalculationRequest) => !o.flatRate || o.wageValuePercentage !== undefined)
  @IsDecimalNumber(2)
  @Min(0.01, { message: 'must be more than 0' })
  @Max(999.99, { message: 'must be less than 1000' })
  wageValuePercentage?: number;

  @ApiProperty({
    enum: ['regular', 'bbl'],
    example: 'regular',
    description: 'bbl: work-study contract with the BBL youth scale.',
  })
  @IsIn(['regular', 'bbl'])
  scale: Scale;

  @ApiProperty({ example: false, description: 'Flat-rate subsidy (50% of the minimum wage) before the wage value is assessed.' })
  @IsBoolean()
  flatRate: boolean;
}

export class MinimumWagePeriodRef {
  @ApiProperty({ format: 'date', example: '2026-01-01' }) validFrom: string;
  @ApiProperty({ format: 'date', example: '2026-06-30', nullable: true, type: String }) validUntil: string | null;
}

export class LksMonthView implements LksMonth {
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty({ format: 'date', example: '2026-03-10' }) firstDay: string;
  @ApiProperty({ format: 'date', example: '2026-03-31' }) lastDay: string;
  @ApiProperty({ example: 22 }) daysCovered: number;
  @ApiProperty({ example: 31 }) daysInMonth: number;
  @ApiProperty({ example: 35, description: 'Age on the first covered day of the month.' }) age: number;
  @ApiProperty({ enum: ['regular', 'bbl'], example: 'regular', description: 'Scale of the minimum wage rate used.' })
  scale: Scale;
  @ApiProperty({ type: MinimumWagePeriodRef }) minimumWagePeriod: MinimumWagePeriodRef;
  @ApiProperty({ example: '14.71' }) hourlyMinimumWage: string;
  @ApiProperty({ example: '32' }) hoursPerWeek: string;
  @ApiProperty({ example: '60', nullable: true, type: String }) wageValuePercentage: string | null;
  @ApiProperty({ example: false }) flatRate: boolean;
  @ApiProperty({ example: '40', description: 'Share of the monthly minimum wage that is the gap, before the cap.' })
  gapPercentage: string;
  @ApiProperty({ example: '70' }) capPercentage: string;
  @ApiProperty({ example: '8' }) holidayAllowancePercentage: string;
  @ApiProperty({ example: '23.5' }) employerCostsPercentage: string;
  @ApiProperty({ example: '2039.7867', description: 'hourly × hours × 52 / 12 (4 decimals shown)' }) minimumWageMonthly: string;
  @ApiProperty({ example: '815.9147' }) gap: string;
  @ApiProperty({ example: '815.9147' }) cappedGap: string;
  @ApiProperty({ example: false }) capApplied: boolean;
  @ApiProperty({ example: '65.2732' }) holidayAllowance: string;
  @ApiProperty({ example: '207.0791' }) employerCosts: string;
  @ApiProperty({ example: '1088.2670', description: 'Amount for a fully covered month.' }) fullMonthAmount: string;
  @ApiProperty({ example: '0.709677' }) prorationFactor: string;
  @ApiProperty({ example: '772.32', description: 'The month amount, rounded half-up to the cent once.' }) total: string;
  @ApiProperty({ example: 77232 }) totalCents: number;
}

export class LksCalculationView {
  @ApiProperty({ type: [LksMonthView] }) months: LksMonthView[];
  @ApiProperty({ example: '4037.13', description: 'Sum of the rounded month amounts.' }) total: string;
  @ApiProperty({ example: 403713 }) totalCents: number;
  @ApiPropertyOptional({ description: 'Why there is no subsidy (e.g. wage value of 100% or more).' }) noSubsidyReason?: string;
}

export function toLksCalculationView(result: LksResult): LksCalculationView {
  return result;
}
