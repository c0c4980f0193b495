import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { LocalDate } from '@js-joda/core';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { Clock } from '../common/clock';
import { redactString } from '../common/privacy/log-redaction';
import { APP_LOGGER, describeError } from '../common/problem/problem-details.filter';
import type { Logger } from 'pino';
import { DECISION_ISSUED, type DecisionIssuedEvent } from '../decisions/decisions.service';
import { parseDecimalToScaled } from '../lks-calculation/domain';
import { recomputeSchedule, planInstalments, type MonthAmount } from './domain/schedule';
import { PayableItemEntity, PaymentRunItemEntity, PaymentScheduleEntity, RecoveryItemEntity } from './payment.entities';

const SYSTEM: Actor = { kind: 'system', name: 'payment-schedules' };
/** However often an event failed, it is tried again at least once an hour until it is set aside. */
const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/**
 * Turns issued decisions into what is owed: a grant creates a schedule with one instalment per
 * month; a change, correction or termination recomputes it from its effective month. Decisions
 * arrive through the outbox, so none is lost if the process stops between issuing and scheduling.
 */
@Injectable()
export class PaymentSchedulesService implements OnApplicationBootstrap, OnModuleDestroy {
  private processing: Promise<number> | null = null;
  private poller: NodeJS.Timeout | null = null;
  private polling = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    // Catch up on anything issued while the service was down, then keep looking: an event that
    // failed is retried when it is due, also when no decision is issued for a while.
    this.processInBackground('outbox catch-up at start failed');
    this.poller = setInterval(() => this.processInBackground('outbox poll failed'), this.config.outbox.pollMs);
    this.poller.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    // Let a pass that is under way finish its event before the connections close.
    await this.processing?.catch(() => undefined);
  }

  /** A pass started by the timer or at start: skipped while one runs; its error is logged, not thrown. */
  private processInBackground(failure: string): void {
    if (this.stopped || this.polling) return;
    this.polling = true;
    this.processOutbox()
      .catch((error: unknown) => this.logger.warn({ error: describeError(error) }, failure))
      .finally(() => {
        this.polling = false;
      });
  }

  /** The applications whose subsidy is being paid now (an active schedule), oldest first. */
  async activeSubsidyApplicationIds(m: EntityManager): Promise<string[]> {
    const schedules = await m.find(PaymentScheduleEntity, { where: { status: 'active' }, order: { createdAt: 'ASC' } });
    return schedules.map((s) => s.applicationId);
  }

  /**
   * Per month, the instalment an application's schedule holds and how far it is: paid, on its way
   * (in a payment run that was not rejected) or open.
   */
  async instalmentsByMonth(
    m: EntityManager,
    applicationId: string,
  ): Promise<Map<string, { amountCents: number; state: 'paid' | 'in-run' | 'open' }>> {
    const schedule = await m.findOneBy(PaymentScheduleEntity, { applicationId });
    const result = new Map<string, { amountCents: number; state: 'paid' | 'in-run' | 'open' }>();
    if (!schedule) return result;
    const items = await m.find(PayableItemEntity, {
      where: { scheduleId: schedule.id, kind: 'lks-instalment', status: In(['open', 'paid']) },
    });
    const inRun = new Set(
      (
        await m.find(PaymentRunItemEntity, {
          where: { payableItemId: In(items.map((i) => i.id).concat('00000000-0000-0000-0000-000000000000')) },
        })
      )
        .filter((r) => r.status !== 'rejected')
        .map((r) => r.payableItemId),
    );
    for (const item of items) {
      const state = item.status === 'paid' ? 'paid' : inRun.has(item.id) ? 'in-run' : 'open';
      result.set(item.month as string, { amountCents: Number(item.amountCents), state });
    }
    return result;
  }

  @OnEvent(DECISION_ISSUED, { async: true, promisify: true })
  async onDecisionIssued(): Promise<void> {
    // The decision is issued whatever happens here; what fails is retried by the next pass.
    await this.processOutbox().catch((error: unknown) =>
      this.logger.warn({ error: describeError(error) }, 'outbox pass after an issued decision failed'),
    );
  }

  /**
   * Processes the outbox events that are due, one by one, each in its own transaction; returns how
   * many were applied. An event that fails is retried later (see `recordFailure`), so it holds up
   * no other subsidy.
   */
  processOutbox(): Promise<number> {
    // One pass at a time in this process; other processes are kept apart by SKIP LOCKED.
    const run = (this.processing ?? Promise.resolve(0)).then(() => this.drain());
    this.processing = run.catch(() => 0);
    return run;
  }

  private async drain(): Promise<number> {
    let handled = 0;
    while (!this.stopped) {
      let claimed: { id: string; attempts: number } | null = null;
      try {
        const done = await this.dataSource.transaction(async (m) => {
          // The oldest due event, unless an earlier event of the same subsidy is still open (pending,
          // being applied elsewhere, or set aside): a change must not be applied before its grant.
          const [event] = await m.query(
            `SELECT e.id, e.type, e.payload, e.attempts FROM outbox_event e
              WHERE e.processed_at IS NULL AND e.failed_at IS NULL AND e.next_attempt_at <= now()
                AND NOT EXISTS (SELECT 1 FROM outbox_event b
                                 WHERE b.processed_at IS NULL AND b.id < e.id
                                   AND b.payload->>'applicationId' = e.payload->>'applicationId')
              ORDER BY e.id LIMIT 1 FOR UPDATE OF e SKIP LOCKED`,
          );
          if (!event) return false;
          claimed = { id: event.id, attempts: event.attempts };
          if (event.type === DECISION_ISSUED) await this.apply(m, event.payload as DecisionIssuedEvent);
          await m.query(`UPDATE outbox_event SET processed_at = now() WHERE id = $1`, [event.id]);
          return true;
        });
        if (!done) return handled;
        handled += 1;
      } catch (error) {
        // Nothing claimed: the database itself failed (e.g. unreachable); the next pass tries again.
        if (!claimed) throw error;
        await this.recordFailure(claimed, error);
      }
    }
    return handled;
  }

  /**
   * In a transaction of its own (the event's was rolled back): counts the attempt, keeps the error
   * and makes the event due again after a backoff that doubles per failure; after the last allowed
   * attempt the event is set aside (failed) for an admin to look at and retry.
   */
  private async recordFailure(event: { id: string; attempts: number }, error: unknown): Promise<void> {
    const { maxAttempts, retryBaseMs } = this.config.outbox;
    const attempts = event.attempts + 1;
    const failed = attempts >= maxAttempts;
    const delayMs = Math.min(retryBaseMs * 2 ** (attempts - 1), MAX_RETRY_DELAY_MS);
    const message = outboxErrorText(error);
    await this.dataSource.query(
      `UPDATE outbox_event
          SET attempts = $2, last_error = $3,
              next_attempt_at = now() + $4 * interval '1 millisecond',
              failed_at = CASE WHEN $5 THEN now() END
        WHERE id = $1 AND processed_at IS NULL`,
      [event.id, attempts, message, delayMs, failed],
    );
    const details = { outboxEventId: event.id, attempts, maxAttempts, error: describeError(error) };
    if (failed) this.logger.error(details, 'outbox event set aside after its last attempt; an admin can retry it');
    else this.logger.warn({ ...details, retryInMs: delayMs }, 'outbox event failed; it will be retried');
  }

  private async apply(m: EntityManager, event: DecisionIssuedEvent): Promise<void> {
    const months: MonthAmount[] = mergeMonths(event);
    switch (event.type) {
      case 'grant':
        if (event.isCorrection) await this.recompute(m, event, months, (event.periodStart as string).slice(0, 7));
        else await this.createSchedule(m, event, months);
        return;
      case 'change':
      case 'termination':
        await this.recompute(m, event, months, (event.effectiveDate as string).slice(0, 7));
        return;
      case 'recovery':
        if (event.recoveryCents) await this.recoveryDecided(m, event, event.recoveryCents);
        return;
      case 'settlement':
        await this.settle(m, event);
        return;
      default:
        return;
    }
  }

  private async createSchedule(m: EntityManager, event: DecisionIssuedEvent, months: MonthAmount[]): Promise<void> {
    const existing = await m.findOneBy(PaymentScheduleEntity, { applicationId: event.applicationId });
    if (existing) return; // already handled (the outbox may deliver twice after a crash)
    const schedule = await m.save(
      m.create(PaymentScheduleEntity, {
        applicationId: event.applicationId,
        employerId: event.employerId,
        grantDecisionId: event.decisionId,
        status: 'active',
        version: 1,
      }),
    );
    const plan = planInstalments(months, this.config.paymentDueDay);
    await this.insertInstalments(m, schedule, event, plan);
    await this.audit.record(m, SYSTEM, {
      action: 'payment-schedule.created',
      entityType: 'payment-schedule',
      entityId: schedule.id,
      after: {
        decisionNumber: event.decisionNumber,
        instalments: plan.map((p) => ({ month: p.month, amountCents: p.amountCents, dueDate: p.dueDate })),
      },
    });
  }

  private async recompute(m: EntityManager, event: DecisionIssuedEvent, months: MonthAmount[], fromMonth: string): Promise<void> {
    const schedule = await m.findOne(PaymentScheduleEntity, {
      where: { applicationId: event.applicationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!schedule) return;
    const items = await m.find(PayableItemEntity, { where: { scheduleId: schedule.id, kind: 'lks-instalment' } });
    // An instalment in a live run counts as paid: it is on its way to the bank.
    const inRun = new Set(
      (
        await m.find(PaymentRunItemEntity, {
          where: { payableItemId: In(items.map((i) => i.id).concat('00000000-0000-0000-0000-000000000000')) },
        })
      )
        .filter((r) => r.status !== 'rejected')
        .map((r) => r.payableItemId),
    );
    const result = recomputeSchedule({
      existing: items.map((i) => ({
        id: i.id,
        month: i.month as string,
        amountCents: Number(i.amountCents),
        status: i.status === 'paid' || inRun.has(i.id) ? 'paid' : i.status,
        dueDate: i.dueDate,
      })),
      months,
      fromMonth,
      dueDay: this.config.paymentDueDay,
      today: this.clock.today(),
    });
    if (result.cancel.length) await m.update(PayableItemEntity, { id: In(result.cancel) }, { status: 'cancelled' });
    await this.insertInstalments(m, schedule, event, result.create);
    if (result.correction) {
      await m.insert(PayableItemEntity, {
        kind: 'lks-correction',
        employerId: schedule.employerId,
        scheduleId: schedule.id,
        dueDate: result.correction.dueDate,
        amountCents: String(result.correction.amountCents),
        breakdown: { months: result.correction.months },
        decisionId: event.decisionId,
        description: `Correctie ${event.decisionNumber} ${result.correction.months.join(' ')}`.slice(0, 140),
        status: 'open',
      });
    }
    if (result.recoveryCents > 0) {
      await this.addRecovery(m, event, result.recoveryCents, `Te veel betaald na ${event.decisionNumber}`);
    }
    if (event.type === 'termination') {
      await m.update(PaymentScheduleEntity, { id: schedule.id }, { status: 'ended', version: schedule.version + 1 });
    }
    await this.audit.record(m, SYSTEM, {
      action: 'payment-schedule.recomputed',
      entityType: 'payment-schedule',
      entityId: schedule.id,
      after: {
        decisionNumber: event.decisionNumber,
        fromMonth,
        cancelled: result.cancel.length,
        created: result.create.map((c) => ({ month: c.month, amountCents: c.amountCents })),
        correctionCents: result.correction?.amountCents ?? 0,
        recoveryCents: result.recoveryCents,
      },
    });
  }

  private async insertInstalments(
    m: EntityManager,
    schedule: PaymentScheduleEntity,
    event: DecisionIssuedEvent,
    plan: ReturnType<typeof planInstalments>,
  ): Promise<void> {
    if (plan.length === 0) return;
    await m.insert(
      PayableItemEntity,
      plan.map((p) => ({
        kind: 'lks-instalment' as const,
        employerId: schedule.employerId,
        scheduleId: schedule.id,
        month: p.month,
        dueDate: p.dueDate,
        amountCents: String(p.amountCents),
        breakdown: p.breakdown,
        decisionId: event.decisionId,
        description: `LKS ${event.decisionNumber} ${p.month}`,
        status: 'open' as const,
      })),
    );
  }

  /**
   * Settlement closes the schedule: open instalments not yet in a run are replaced by the final
   * difference, paid out (due > paid) or to be recovered (due < paid).
   */
  private async settle(m: EntityManager, event: DecisionIssuedEvent): Promise<void> {
    const schedule = await m.findOne(PaymentScheduleEntity, {
      where: { applicationId: event.applicationId },
      lock: { mode: 'pessimistic_write' },
    });
    // A replayed outbox event must not settle twice.
    if (!schedule || (await this.alreadySettled(m, schedule.id, event.decisionId))) return;
    await m.query(
      `UPDATE payable_item p SET status = 'cancelled', updated_at = now()
        WHERE p.schedule_id = $1 AND p.status = 'open'
          AND NOT EXISTS (SELECT 1 FROM payment_run_item r WHERE r.payable_item_id = p.id AND r.status <> 'rejected')`,
      [schedule.id],
    );
    const difference = (event.totalCents ?? 0) - (event.previousTotalCents ?? 0);
    if (difference > 0) {
      await m.insert(PayableItemEntity, {
        kind: 'settlement-payment',
        employerId: schedule.employerId,
        scheduleId: schedule.id,
        dueDate: event.sendingDate ?? this.clock.today(),
        amountCents: String(difference),
        breakdown: { dueCents: event.totalCents, paidCents: event.previousTotalCents },
        decisionId: event.decisionId,
        description: `Vaststelling ${event.decisionNumber}`,
        status: 'open',
      });
    } else if (difference < 0) {
      await this.addRecovery(m, event, -difference, `Vaststelling ${event.decisionNumber}: te veel betaald`);
    }
    await m.update(PaymentScheduleEntity, { id: schedule.id }, { status: 'ended', version: schedule.version + 1 });
    await this.audit.record(m, SYSTEM, {
      action: 'payment-schedule.settled',
      entityType: 'payment-schedule',
      entityId: schedule.id,
      after: {
        decisionNumber: event.decisionNumber,
        dueCents: event.totalCents,
        paidCents: event.previousTotalCents,
        differenceCents: difference,
      },
    });
  }

  private async alreadySettled(m: EntityManager, scheduleId: string, decisionId: string): Promise<boolean> {
    const [row] = await m.query(
      `SELECT 1 FROM payable_item WHERE schedule_id = $1 AND decision_id = $2 UNION ALL
       SELECT 1 FROM recovery_item WHERE decision_id = $2 LIMIT 1`,
      [scheduleId, decisionId],
    );
    return Boolean(row);
  }

  /**
   * A recovery decision usually formalises an overpayment a change or termination already recorded:
   * that open item is taken over (amount and due date from the decision), not counted a second time.
   */
  private async recoveryDecided(m: EntityManager, event: DecisionIssuedEvent, amountCents: number): Promise<void> {
    const dueDate = LocalDate.parse(event.sendingDate ?? this.clock.today())
      .plusDays(event.paymentTermDays ?? 42)
      .toString();
    const [existing] = await m.query(
      `SELECT r.id FROM recovery_item r LEFT JOIN decision d ON d.id = r.decision_id
        WHERE r.application_id = $1 AND r.status = 'open' AND r.amount_cents = $2 AND (d.type IS NULL OR d.type <> 'recovery')
        ORDER BY r.created_at LIMIT 1 FOR UPDATE OF r`,
      [event.applicationId, amountCents],
    );
    if (existing) {
      await m.update(
        RecoveryItemEntity,
        { id: existing.id },
        { decisionId: event.decisionId, dueDate, reason: `Terugvordering ${event.decisionNumber}` },
      );
      return;
    }
    await m.insert(RecoveryItemEntity, {
      employerId: event.employerId,
      applicationId: event.applicationId,
      decisionId: event.decisionId,
      amountCents: String(amountCents),
      reason: `Terugvordering ${event.decisionNumber}`,
      dueDate,
      status: 'open',
    });
  }

  private async addRecovery(m: EntityManager, event: DecisionIssuedEvent, amountCents: number, reason: string): Promise<void> {
    await m.insert(RecoveryItemEntity, {
      employerId: event.employerId,
      applicationId: event.applicationId,
      decisionId: event.decisionId,
      amountCents: String(amountCents),
      reason,
      dueDate: LocalDate.parse(this.clock.today()).plusWeeks(6).toString(),
      status: 'open',
    });
  }
}

/** Why an attempt failed, as kept on the event and shown to admins: short, and never a BSN. */
function outboxErrorText(error: unknown): string {
  const e = error as { name?: unknown; message?: unknown; code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redactString(`${text}${typeof code === 'string' ? ` (${code})` : ''}`).slice(0, 1000);
}

/**
 * A decision's months can have two lines for one calendar month (a new wage value mid-month);
 * the schedule pays a month at once, so lines are summed per month.
 */
function mergeMonths(event: DecisionIssuedEvent): MonthAmount[] {
  const byMonth = new Map<string, MonthAmount>();
  for (const line of event.months) {
    const cents = parseDecimalToScaled(line.total, 2) as number;
    const existing = byMonth.get(line.month);
    const part = {
      firstDay: line.firstDay,
      lastDay: line.lastDay,
      hourlyMinimumWage: line.hourlyMinimumWage,
      hoursPerWeek: line.hoursPerWeek,
      wageValuePercentage: line.wageValuePercentage,
      flatRate: line.flatRate,
      amount: line.total,
    };
    if (existing) {
      existing.amountCents += cents;
      (existing.breakdown.lines as object[]).push(part);
    } else {
      byMonth.set(line.month, {
        month: line.month,
        amountCents: cents,
        breakdown: { decisionNumber: event.decisionNumber, lines: [part] },
      });
    }
  }
  return [...byMonth.values()];
}
