import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ApplicationEntity } from '../applications/application.entities';
import { ApplicationsService } from '../applications/applications.service';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { Clock } from '../common/clock';
import { formatCents } from '../lks-calculation/domain';
import { recomputeSchedule, type MonthAmount } from './domain/schedule';
import { PAYMENT_DUE_DAY } from './payment-schedules.service';
import { PayableItemEntity, PaymentRunItemEntity, PaymentScheduleEntity } from './payment.entities';

export interface RecomputationReport {
  fromMonth: string;
  schedules: number;
  changed: Array<{ scheduleId: string; applicationNumber: string; months: Array<{ month: string; old: string; new: string }> }>;
  failed: Array<{ scheduleId: string; reason: string }>;
}

/**
 * Indexation: after an administrator adds a minimum wage period (1 January / 1 July), the unpaid
 * instalments of every active schedule from that month on are recomputed with the LKS calculation.
 * Paid months stay as they are. Each schedule is its own transaction; a second run finds nothing to
 * change, so it is safe to repeat or resume.
 */
@Injectable()
export class PaymentRecomputationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
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

  private recomputeOne(
    actor: Actor,
    scheduleId: string,
    fromMonth: string,
  ): Promise<RecomputationReport['changed'][number] | null> {
    return this.dataSource.transaction(async (m) => {
      const schedule = await m.findOne(PaymentScheduleEntity, { where: { id: scheduleId }, lock: { mode: 'pessimistic_write' } });
      if (!schedule || schedule.status !== 'active') return null;
      const application = await m.findOneByOrFail(ApplicationEntity, { id: schedule.applicationId });
      const items = await m.find(PayableItemEntity, { where: { scheduleId, kind: 'lks-instalment' } });
      const live = items.filter((i) => i.status !== 'cancelled');
      const runItems = await m.find(PaymentRunItemEntity, {
        where: { payableItemId: In(live.map((i) => i.id).concat('00000000-0000-0000-0000-000000000000')) },
      });
      const committed = new Set(runItems.filter((r) => r.status !== 'rejected').map((r) => r.payableItemId));
      const isPaid = (i: PayableItemEntity) => i.status === 'paid' || committed.has(i.id);
      const lastMonth = live.reduce((max, i) => ((i.month as string) > max ? (i.month as string) : max), '');

      const calculation = await this.applications.calculateFor(application, m);
      const fresh = new Map<string, MonthAmount>();
      for (const segment of calculation.segments) {
        for (const line of segment.calculation.months) {
          if (line.month < fromMonth || line.month > lastMonth) continue;
          const entry = fresh.get(line.month) ?? { month: line.month, amountCents: 0, breakdown: { lines: [] as object[] } };
          entry.amountCents += line.totalCents;
          (entry.breakdown.lines as object[]).push({
            hourlyMinimumWage: line.hourlyMinimumWage,
            hoursPerWeek: line.hoursPerWeek,
            wageValuePercentage: line.wageValuePercentage,
            flatRate: line.flatRate,
            amount: line.total,
            minimumWagePeriod: line.minimumWagePeriod,
          });
          fresh.set(line.month, entry);
        }
      }
      // Only unpaid months change: a paid month is wanted at what was paid.
      for (const i of live.filter(isPaid)) {
        fresh.set(i.month as string, {
          month: i.month as string,
          amountCents: Number(i.amountCents),
          breakdown: (i.breakdown ?? {}) as Record<string, unknown>,
        });
      }
      const differences = live
        .filter((i) => !isPaid(i) && (i.month as string) >= fromMonth)
        .filter((i) => (fresh.get(i.month as string)?.amountCents ?? 0) !== Number(i.amountCents))
        .map((i) => ({
          month: i.month as string,
          old: formatCents(Number(i.amountCents)),
          new: formatCents(fresh.get(i.month as string)?.amountCents ?? 0),
        }));
      if (differences.length === 0) return null;

      const result = recomputeSchedule({
        existing: live.map((i) => ({
          id: i.id,
          month: i.month as string,
          amountCents: Number(i.amountCents),
          status: isPaid(i) ? 'paid' : 'open',
          dueDate: i.dueDate,
        })),
        months: [...fresh.values()],
        fromMonth,
        dueDay: PAYMENT_DUE_DAY,
        today: this.clock.today(),
      });
      if (result.cancel.length) await m.update(PayableItemEntity, { id: In(result.cancel) }, { status: 'cancelled' });
      if (result.create.length) {
        await m.insert(
          PayableItemEntity,
          result.create.map((p) => ({
            kind: 'lks-instalment' as const,
            employerId: schedule.employerId,
            scheduleId,
            month: p.month,
            dueDate: p.dueDate,
            amountCents: String(p.amountCents),
            breakdown: { ...p.breakdown, indexation: fromMonth },
            decisionId: live[0]?.decisionId ?? null,
            description: `LKS indexatie ${p.month}`,
            status: 'open' as const,
          })),
        );
      }
      const change = { scheduleId, applicationNumber: application.applicationNumber, months: differences };
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
