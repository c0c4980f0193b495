import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../auth/principal';
import { IllegalTransition, NotFound } from '../../common/errors/domain-errors';
import type { OutboxEventView, OutboxStatus } from './outbox-events.dto';

const STATUS_FILTER: Record<OutboxStatus, string> = {
  pending: 'processed_at IS NULL AND failed_at IS NULL',
  failed: 'processed_at IS NULL AND failed_at IS NOT NULL',
  processed: 'processed_at IS NOT NULL',
};

const COLUMNS = `id::text, type, payload->>'decisionId' AS decision_id, payload->>'decisionNumber' AS decision_number,
  payload->>'type' AS decision_type, payload->>'applicationId' AS application_id, attempts, last_error,
  next_attempt_at, failed_at, processed_at, created_at`;

interface Row {
  id: string;
  type: string;
  decision_id: string | null;
  decision_number: string | null;
  decision_type: string | null;
  application_id: string | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  failed_at: Date | null;
  processed_at: Date | null;
  created_at: Date;
}

/**
 * What admins see of the outbox: events set aside after their last attempt (with the error), those
 * still waiting, and a retry for a set-aside event. Applying stays PaymentSchedulesService's; a
 * retried event is simply due again, so the next pass (or poll) applies it, idempotently.
 */
@Injectable()
export class OutboxEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Oldest first for pending (the order they are applied in), newest first otherwise. */
  async list(status: OutboxStatus, limit: number, offset: number): Promise<[OutboxEventView[], number]> {
    const where = STATUS_FILTER[status];
    const order = status === 'pending' ? 'id' : 'id DESC';
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query(`SELECT ${COLUMNS} FROM outbox_event WHERE ${where} ORDER BY ${order} LIMIT $1 OFFSET $2`, [
        limit,
        offset,
      ]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM outbox_event WHERE ${where}`),
    ]);
    return [(rows as Row[]).map(toView), total];
  }

  /** Makes a set-aside event due now with a fresh count of attempts (its last error stays until it succeeds). */
  async retry(actor: Principal, id: number): Promise<OutboxEventView> {
    return this.dataSource.transaction(async (m) => {
      const [before] = (await m.query(`SELECT ${COLUMNS} FROM outbox_event WHERE id = $1 FOR UPDATE`, [id])) as Row[];
      if (!before) throw new NotFound('Outbox event', id);
      const view = toView(before);
      if (view.status !== 'failed') throw new IllegalTransition('Outbox event', view.status, 'retry');
      // An UPDATE through TypeORM answers [rows, affected].
      const [[after]] = (await m.query(
        `UPDATE outbox_event SET attempts = 0, failed_at = NULL, next_attempt_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id],
      )) as [Row[], number];
      await this.audit.record(m, actor, {
        action: 'outbox-event.retried',
        entityType: 'outbox-event',
        entityId: String(id),
        before: { status: view.status, attempts: view.attempts, lastError: view.lastError, failedAt: view.failedAt },
        after: { status: 'pending', attempts: 0 },
      });
      return toView(after);
    });
  }
}

function toView(r: Row): OutboxEventView {
  const status: OutboxStatus = r.processed_at ? 'processed' : r.failed_at ? 'failed' : 'pending';
  return {
    id: r.id,
    type: r.type,
    status,
    decisionId: r.decision_id,
    decisionNumber: r.decision_number,
    decisionType: r.decision_type,
    applicationId: r.application_id,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: status === 'pending' ? r.next_attempt_at.toISOString() : null,
    failedAt: r.failed_at?.toISOString() ?? null,
    processedAt: r.processed_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  };
}
