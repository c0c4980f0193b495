import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Matches, IsString, Length, Max, Min } from 'class-validator';
import { DataSource, EntityManager, In } from 'typeorm';
import { ApplicationEntity } from '../applications/application.entities';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { BusinessRuleViolation, NotFound } from '../common/errors/domain-errors';
import { IsDecimalNumber } from '../common/validation/is-decimal-number';
import { formatCents, parseDecimalToScaled } from '../lks-calculation/domain';
import { LksCalculationService } from '../lks-calculation/lks-calculation.service';
import { ParticipantEntity } from '../participants/participant.entity';
import { PayableItemEntity, PaymentRunItemEntity, PaymentScheduleEntity } from './payment.entities';

export class ActualHoursDto {
  @ApiProperty({ example: '2026-03' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month like 2026-03' })
  month: string;

  @ApiProperty({ example: 30.5, description: 'Hours per week actually worked that month (from the pay slip).' })
  @IsDecimalNumber(2)
  @Min(0.01, { message: 'must be more than 0' })
  @Max(40, { message: 'must not be more than 40' })
  hoursPerWeek: number;

  @ApiProperty({ example: 'Loonstrook maart 2026' })
  @IsString()
  @Length(1, 200)
  source: string;
}

export class SettlementMonthView {
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty({ example: '32' }) decidedHoursPerWeek: string;
  @ApiProperty({ example: '30.5', nullable: true, type: String }) actualHoursPerWeek: string | null;
  @ApiProperty({ example: '1033.06' }) due: string;
}

export class SettlementView {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ type: [SettlementMonthView] }) months: SettlementMonthView[];
  @ApiProperty({ example: '6400.00', description: 'Recomputed with actual hours where entered.' }) due: string;
  @ApiProperty({ example: 640000 }) dueCents: number;
  @ApiProperty({ example: '6503.16', description: 'Paid, or on its way in a payment run.' }) paid: string;
  @ApiProperty({ example: 650316 }) paidCents: number;
  @ApiProperty({ example: '-103.16', description: 'Positive: a final payment; negative: to recover.' }) difference: string;
}

interface BreakdownLine {
  firstDay?: string;
  lastDay?: string;
  hoursPerWeek: string;
  wageValuePercentage: string | null;
  flatRate: boolean;
}

/**
 * Settlement (vaststelling) at the end of a subsidy: what was due, recomputed with the hours
 * actually worked where pay slips were entered, against what was paid. The settlement decision
 * states both; issuing it leads to a final payment or a recovery.
 */
@Injectable()
export class PaymentSettlementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calculations: LksCalculationService,
    private readonly audit: AuditService,
  ) {}

  async recordActualHours(actor: Principal, applicationId: string, dto: ActualHoursDto): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const application = await m.findOneBy(ApplicationEntity, { id: applicationId });
      if (!application) throw new NotFound('Application', applicationId);
      if (!['active', 'ended'].includes(application.status)) {
        throw new BusinessRuleViolation('Actual hours are recorded for a granted subsidy.', [
          { name: 'month', reason: `the application is ${application.status}` },
        ]);
      }
      await m.query(
        `INSERT INTO actual_hours (application_id, month, hours_per_week, source, recorded_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (application_id, month) DO UPDATE SET hours_per_week = EXCLUDED.hours_per_week, source = EXCLUDED.source,
           recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
        [applicationId, dto.month, dto.hoursPerWeek, dto.source, actor.userId],
      );
      await this.audit.record(m, actor, {
        action: 'actual-hours.recorded',
        entityType: 'application',
        entityId: applicationId,
        after: dto,
      });
    });
  }

  settlement(applicationId: string, m: EntityManager = this.dataSource.manager): Promise<SettlementView> {
    return this.compute(m, applicationId);
  }

  private async compute(m: EntityManager, applicationId: string): Promise<SettlementView> {
    const schedule = await m.findOneBy(PaymentScheduleEntity, { applicationId });
    if (!schedule) throw new NotFound('Payment schedule of application', applicationId);
    const application = await m.findOneByOrFail(ApplicationEntity, { id: applicationId });
    const participant = await m.findOneByOrFail(ParticipantEntity, { id: application.participantId });
    const items = await m.find(PayableItemEntity, { where: { scheduleId: schedule.id } });
    const live = items.filter((i) => i.status !== 'cancelled');
    const inRun = new Set(
      (
        await m.find(PaymentRunItemEntity, {
          where: { payableItemId: In(live.map((i) => i.id).concat('00000000-0000-0000-0000-000000000000')) },
        })
      )
        .filter((r) => r.status !== 'rejected')
        .map((r) => r.payableItemId),
    );
    const actual = new Map<string, string>(
      (await m.query(`SELECT month, hours_per_week FROM actual_hours WHERE application_id = $1`, [applicationId])).map(
        (r: { month: string; hours_per_week: string }) => [r.month, r.hours_per_week],
      ),
    );
    const months: SettlementMonthView[] = [];
    let dueCents = 0;
    for (const item of live
      .filter((i) => i.kind === 'lks-instalment')
      .sort((a, b) => (a.month as string).localeCompare(b.month as string))) {
      const lines = ((item.breakdown ?? {}) as { lines?: BreakdownLine[] }).lines ?? [];
      const hours = actual.get(item.month as string);
      let cents = 0;
      for (const line of lines) {
        if (!line.firstDay || !line.lastDay)
          throw new BusinessRuleViolation(`Instalment ${item.month} has no day ranges to settle from.`);
        const result = await this.calculations.calculate(
          {
            periodStart: line.firstDay,
            periodEnd: line.lastDay,
            contractStart: application.contractStart,
            dateOfBirth: participant.dateOfBirth,
            hoursPerWeek: hours ?? line.hoursPerWeek,
            wageValuePercentage: line.flatRate ? null : line.wageValuePercentage,
            scale: application.scale,
            flatRate: line.flatRate,
          },
          m,
        );
        cents += result.totalCents;
      }
      dueCents += cents;
      months.push({
        month: item.month as string,
        decidedHoursPerWeek: lines[0]?.hoursPerWeek ?? '',
        actualHoursPerWeek: hours ? trim(hours) : null,
        due: formatCents(cents),
      });
    }
    const paidCents = live
      .filter((i) => i.kind !== 'settlement-payment' && (i.status === 'paid' || inRun.has(i.id)))
      .reduce((sum, i) => sum + (parseDecimalToScaled(i.amountCents, 0) as number), 0);
    return {
      applicationId,
      months,
      due: formatCents(dueCents),
      dueCents,
      paid: formatCents(paidCents),
      paidCents,
      difference: formatCents(dueCents - paidCents),
    };
  }
}

function trim(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}
