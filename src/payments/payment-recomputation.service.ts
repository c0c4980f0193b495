import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ApplicationEntity } from '../applications/application.entities';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { formatCents } from '../lks-calculation/domain';
import { LksCalculationService } from '../lks-calculation/lks-calculation.service';
import { ParticipantEntity } from '../participants/participant.entity';
import { PayableItemEntity, PaymentRunItemEntity, PaymentScheduleEntity, RecoveryItemEntity } from './payment.entities';

export interface RecomputationReport {
  fromMonth: string;
  schedules: number;
  changed: Array<{ scheduleId: string; applicationNumber: string; months: Array<{ month: string; old: string; new: string }> }>;
  failed: Array<{ scheduleId: string; reason: string }>;
}

/**
 * Indexation: after an administrator adds a minimum wage period (1 January / 1 July), the unpaid
 * instalments of every active schedule from that month on are recomputed with the LKS calculation.
 * Paid months, and months already in a payment run, stay as they are. Each schedule is its own
 * transaction; a second run finds nothing to change, so it is safe to repeat or resume.
 */
@Injectable()
export class PaymentRecomputationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calculations: LksCalculationService,
    private readonly audit: AuditService,
  ) {}

  async recomputeAll(
    actor: Actor,
    fromDate: string,
    onProgress: (done: number, total: number) => void = () => undefined,
  ): Promise<RecomputationReport> {
    const fromMonth = fromDate.slice(0, 7);
    const schedules = await this.dataSource
      .getRepository(PaymentScheduleEntity)
      .find({ where: { status: 'active' }, order: { createdAt: 'ASC' } });
    const report: RecomputationReport = { fromMonth, schedules: schedules.length, changed: [], failed: [] };
    let done = 0;
    for (const schedule of schedules) {
      try {
        const change = await this.recomputeOne(actor, schedule.id, fromMonth);
        if (change) report.changed.push(change);
      } catch (error) {
        report.failed.push({ scheduleId: schedule.id, reason: error instanceof Error ? error.message : String(error) });
      }
      onProgress(++done, schedules.length);
    }
    return report;
  }

  /**
   * Each unpaid instalment is recomputed from what its decision fixed (hours, wage value or flat
   * rate, the days covered) with the minimum wage as it is now: a wage value that no decision has
   * granted yet plays no part, and an offset from an earlier correction stays deducted.
   */
  private recomputeOne(
    actor: Actor,
    scheduleId: string,
    fromMonth: string,
  ): Promise<RecomputationReport['changed'][number] | null> {
    return this.dataSource.transaction(async (m) => {
      const schedule = await m.findOne(PaymentScheduleEntity, { where: { id: scheduleId }, lock: { mode: 'pessimistic_write' } });
      if (!schedule || schedule.status !== 'active') return null;
      const application = await m.findOneByOrFail(ApplicationEntity, { id: schedule.applicationId });
      const participant = await m.findOneByOrFail(ParticipantEntity, { id: application.participantId });
      const items = await m.find(PayableItemEntity, { where: { scheduleId, kind: 'lks-instalment', status: 'open' } });
      const runItems = await m.find(PaymentRunItemEntity, {
        where: { payableItemId: In(items.map((i) => i.id).concat('00000000-0000-0000-0000-000000000000')) },
      });
      const committed = new Set(runItems.filter((r) => r.status !== 'rejected').map((r) => r.payableItemId));
      const months: Array<{ month: string; old: string; new: string }> = [];
      for (const item of items
        .filter((i) => !committed.has(i.id) && (i.month as string) >= fromMonth)
        .sort((a, b) => (a.month as string).localeCompare(b.month as string))) {
        const breakdown = (item.breakdown ?? {}) as { lines?: BreakdownLine[]; offsetCents?: number };
        const lines = breakdown.lines ?? [];
        if (lines.length === 0 || lines.some((l) => !l.firstDay || !l.lastDay)) {
          throw new Error(`Instalment ${item.month} has no day ranges to recompute from.`);
        }
        let cents = 0;
        const recomputed: BreakdownLine[] = [];
        for (const line of lines) {
          const result = await this.calculations.calculate(
            {
              periodStart: line.firstDay as string,
              periodEnd: line.lastDay as string,
              contractStart: application.contractStart,
              dateOfBirth: participant.dateOfBirth,
              hoursPerWeek: line.hoursPerWeek,
              wageValuePercentage: line.flatRate ? null : line.wageValuePercentage,
              scale: application.scale,
              flatRate: line.flatRate,
            },
            m,
          );
          cents += result.totalCents;
          recomputed.push({
            ...line,
            hourlyMinimumWage: result.months[0]?.hourlyMinimumWage ?? line.hourlyMinimumWage,
            amount: result.total,
          });
        }
        const amount = cents - (breakdown.offsetCents ?? 0);
        if (amount === Number(item.amountCents)) continue;
        months.push({
          month: item.month as string,
          old: formatCents(Number(item.amountCents)),
          new: formatCents(Math.max(amount, 0)),
        });
        await m.update(PayableItemEntity, { id: item.id }, { status: 'cancelled' });
        if (amount < 0) {
          // The month no longer covers the offset it carried: the rest is owed back.
          await m.insert(RecoveryItemEntity, {
            employerId: item.employerId,
            applicationId: application.id,
            decisionId: item.decisionId,
            amountCents: String(-amount),
            reason: `Indexatie ${item.month}: verrekening groter dan het nieuwe bedrag`,
            dueDate: item.dueDate,
            status: 'open',
          });
        }
        if (amount > 0) {
          await m.insert(PayableItemEntity, {
            kind: 'lks-instalment',
            employerId: item.employerId,
            scheduleId,
            month: item.month,
            dueDate: item.dueDate,
            amountCents: String(amount),
            breakdown: { ...breakdown, lines: recomputed, indexedFrom: fromMonth },
            decisionId: item.decisionId,
            description: item.description,
            status: 'open',
          });
        }
      }
      if (months.length === 0) return null;
      const change = { scheduleId, applicationNumber: application.applicationNumber, months };
      await this.audit.record(m, actor, {
        action: 'payment-schedule.indexed',
        entityType: 'payment-schedule',
        entityId: scheduleId,
        after: change,
      });
      return change;
    });
  }
}

interface BreakdownLine {
  firstDay?: string;
  lastDay?: string;
  hourlyMinimumWage: string;
  hoursPerWeek: string;
  wageValuePercentage: string | null;
  flatRate: boolean;
  amount: string;
}
