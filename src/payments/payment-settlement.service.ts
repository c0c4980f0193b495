import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Matches, IsString, Length, Max, Min } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationEntity } from '../applications/application.entities';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import type { Principal } from '../auth/principal';
import { BusinessRuleViolation, NotFound } from '../common/errors/domain-errors';
import { IsDecimalNumber } from '../common/validation/is-decimal-number';
import { formatCents, parseDecimalToScaled } from '../lks-calculation/domain';
import { LksCalculationService } from '../lks-calculation/lks-calculation.service';
import { ParticipantEntity } from '../participants/participant.entity';
import { PaymentScheduleEntity } from './payment.entities';

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
    private readonly clock: Clock,
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
    const lines = await this.decidedLines(m, applicationId);
    const today = this.clock.today();
    if (lines.some((l) => l.month >= today.slice(0, 7))) {
      throw new BusinessRuleViolation('A subsidy is settled after its last month has passed.', [
        { name: 'applicationId', reason: 'the subsidy period has not ended yet' },
      ]);
    }
    const [{ open }] = await m.query(
      `SELECT count(*)::int AS open FROM recovery_item WHERE application_id = $1 AND status = 'open'`,
      [applicationId],
    );
    if (open > 0) {
      throw new BusinessRuleViolation('Settle open recovery items first; they are part of what was paid.', [
        { name: 'applicationId', reason: 'has open recovery items' },
      ]);
    }
    const actual = new Map<string, string>(
      (await m.query(`SELECT month, hours_per_week FROM actual_hours WHERE application_id = $1`, [applicationId])).map(
        (r: { month: string; hours_per_week: string }) => [r.month, r.hours_per_week],
      ),
    );
    // Due: what the decisions fixed per month, recomputed with the hours actually worked where known.
    const byMonth = new Map<string, { cents: number; decidedHours: string }>();
    for (const line of lines) {
      const hours = actual.get(line.month);
      let cents = parseDecimalToScaled(line.total, 2) as number;
      if (hours !== undefined) {
        if (!line.firstDay || !line.lastDay) {
          throw new BusinessRuleViolation(`The decided amounts of ${line.month} have no day ranges to recompute from.`);
        }
        const result = await this.calculations.calculate(
          {
            periodStart: line.firstDay,
            periodEnd: line.lastDay,
            contractStart: application.contractStart,
            dateOfBirth: participant.dateOfBirth,
            hoursPerWeek: hours,
            wageValuePercentage: line.flatRate ? null : line.wageValuePercentage,
            scale: application.scale,
            flatRate: line.flatRate,
          },
          m,
        );
        cents = result.totalCents;
      }
      const entry = byMonth.get(line.month) ?? { cents: 0, decidedHours: line.hoursPerWeek };
      entry.cents += cents;
      byMonth.set(line.month, entry);
    }
    const months: SettlementMonthView[] = [...byMonth.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, e]) => ({
        month,
        decidedHoursPerWeek: e.decidedHours,
        actualHoursPerWeek: actual.has(month) ? trim(actual.get(month) as string) : null,
        due: formatCents(e.cents),
      }));
    const dueCents = [...byMonth.values()].reduce((sum, e) => sum + e.cents, 0);
    // Paid: every transfer made or on its way (instalments, corrections, earlier settlement
    // payments), less what was paid back or offset.
    const [{ transferred, repaid }] = await m.query(
      `SELECT
         (SELECT coalesce(sum(p.amount_cents), 0) FROM payable_item p
           WHERE p.schedule_id = $1 AND (p.status = 'paid' OR (p.status = 'open' AND EXISTS (
             SELECT 1 FROM payment_run_item r WHERE r.payable_item_id = p.id AND r.status <> 'rejected'))))::bigint AS transferred,
         (SELECT coalesce(sum(amount_cents), 0) FROM recovery_item
           WHERE application_id = $2 AND status IN ('paid', 'offset'))::bigint AS repaid`,
      [schedule.id, applicationId],
    );
    const paidCents = Number(transferred) - Number(repaid);
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

  /**
   * The month lines in force: the grant's, replaced from each later change or termination's
   * effective month by that decision's lines (issued decisions in the order they were approved).
   */
  private async decidedLines(m: EntityManager, applicationId: string): Promise<DecidedLine[]> {
    const decisions: Array<{
      type: string;
      effective_date: string | null;
      snapshot: { calculation: { months: DecidedLine[] } | null };
    }> = await m.query(
      `SELECT type, effective_date, snapshot FROM decision
          WHERE application_id = $1 AND status = 'issued' AND type IN ('grant', 'change', 'termination')
          ORDER BY approved_at`,
      [applicationId],
    );
    let lines: DecidedLine[] = [];
    for (const d of decisions) {
      const months = d.snapshot.calculation?.months ?? [];
      if (d.type === 'grant') {
        lines = months;
      } else {
        const from = (d.effective_date as string).slice(0, 7);
        lines = [...lines.filter((l) => l.month < from), ...months.filter((l) => l.month >= from)];
      }
    }
    return lines;
  }
}

interface DecidedLine extends BreakdownLine {
  month: string;
  total: string;
}

function trim(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}
