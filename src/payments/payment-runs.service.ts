import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { spreadsheetText } from '../common/csv/spreadsheet-text';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { runDateProblem } from './domain/run-date';
import {
  BusinessRuleViolation,
  FourEyesViolation,
  IllegalTransition,
  InvalidInput,
  NotFound,
} from '../common/errors/domain-errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { formatCents } from '../lks-calculation/domain';
import { updateReturning } from '../database/update-returning';
import { once } from './idempotency';
import { PaymentRunEntity, type PaymentRunStatus } from './payment.entities';
import { ByteChunker } from './sepa/byte-chunker';
import { pain001Pieces, type SepaHeader, type SepaTransfer } from './sepa/pain001';

export interface PaymentRunView {
  id: string;
  runNumber: string;
  runDate: string;
  status: PaymentRunStatus;
  itemCount: number;
  payeeCount: number;
  total: string;
  totalCents: number;
  createdBy: string;
  approvedBy: string | null;
  sepaSha256: string | null;
}

export interface SepaFileDownload {
  sha256: string;
  fileName: string;
  bytes: number;
  chunks: AsyncIterable<Buffer>;
}

export interface RunTransferView {
  endToEndId: string;
  payeeName: string;
  iban: string;
  amountCents: number;
  itemCount: number;
  status: string;
  remittance: string;
}

interface TransferRow {
  payee_key: string;
  payee_name: string;
  iban: string;
  bic: string | null;
  amount_cents: string;
  item_count: string;
  statuses: string[];
  references: string[];
}

const ACTIONS: Record<'approve' | 'mark-sent' | 'settle' | 'cancel', PaymentRunStatus[]> = {
  approve: ['created'],
  'mark-sent': ['approved'],
  settle: ['sent'],
  // Until the file went to the bank a run can be cancelled; its items are free for a next run.
  cancel: ['created', 'approved'],
};

/**
 * Payment runs: select what is due, have a second officer approve, hand the SEPA file to the bank,
 * record settlement or rejected transfers. Each payable item is in at most one live run item; the
 * database enforces it (payment_run_item_once), so racing runs and retries cannot pay twice.
 */
@Injectable()
export class PaymentRunsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Principal, runDate: string, key: string | undefined): Promise<PaymentRunView> {
    return this.dataSource.transaction((m) =>
      once(m, key, actor.userId, 'payment-run.create', { runDate }, async () => {
        const problem = runDateProblem(runDate, this.clock.today(), this.config.paymentRunMaxDaysAhead);
        if (problem)
          throw new BusinessRuleViolation(`A payment run cannot be made for ${runDate}: its date ${problem.reason}.`, [problem]);
        const [{ id }] = await m.query(
          `INSERT INTO payment_run (run_date, status, created_by) VALUES ($1, 'created', $2) RETURNING id`,
          [runDate, actor.userId],
        );
        // Due, open, not held, paid to a verified account. Items already in a live run (including a
        // racing run's, once it commits) are skipped by the unique index: ON CONFLICT DO NOTHING.
        // No NOT EXISTS on payment_run_item here: on a freshly analysed empty table Postgres rescans
        // it per row while the statement fills it, which turned 100,000 items into minutes.
        await m.query(
          `INSERT INTO payment_run_item (run_id, payable_item_id, employer_id, education_partner_id, bank_account_id, amount_cents, status)
           SELECT $1, p.id, p.employer_id, p.education_partner_id, b.id, p.amount_cents, 'included'
             FROM payable_item p
             JOIN bank_account b ON b.status = 'verified'
                                AND (b.employer_id = p.employer_id OR b.education_partner_id = p.education_partner_id)
            WHERE p.status = 'open' AND p.due_date <= $2
              AND NOT EXISTS (SELECT 1 FROM payment_hold h WHERE h.released_at IS NULL
                                AND (h.employer_id = p.employer_id OR h.schedule_id = p.schedule_id))
              -- Locking re-checks the status: an item cancelled by a transaction that commits first is left out.
              FOR UPDATE OF p
           ON CONFLICT (payable_item_id) WHERE status <> 'rejected' DO NOTHING`,
          [id, runDate],
        );
        const [totals] = await m.query(
          `SELECT count(*)::int AS n, coalesce(sum(amount_cents), 0)::bigint AS total FROM payment_run_item WHERE run_id = $1`,
          [id],
        );
        if (totals.n === 0) {
          throw new BusinessRuleViolation(
            `Nothing is due on or before ${runDate}: no open, unheld items with a verified bank account.`,
            [{ name: 'runDate', reason: 'no payable items are due' }],
          );
        }
        await m.query(`UPDATE payment_run SET item_count = $2, total_cents = $3 WHERE id = $1`, [id, totals.n, totals.total]);
        const view = await this.viewWithin(m, id);
        await this.audit.record(m, actor, {
          action: 'payment-run.created',
          entityType: 'payment-run',
          entityId: id,
          after: view,
        });
        return view;
      }),
    );
  }

  /** Four eyes: a second officer approves; approval writes the SEPA file and its hash. */
  async approve(actor: Principal, runId: string, key: string | undefined): Promise<PaymentRunView> {
    return this.dataSource.transaction((m) =>
      once(m, key, actor.userId, 'payment-run.approve', { runId }, async () => {
        const run = await this.lockRun(m, runId, 'approve');
        if (run.createdBy === actor.userId) {
          throw new FourEyesViolation('A payment run must be approved by an officer other than the one who created it.');
        }
        const sha256 = await this.writeSepaFile(m, run);
        await m.update(
          PaymentRunEntity,
          { id: run.id },
          {
            status: 'approved',
            approvedBy: actor.userId,
            approvedAt: this.clock.now(),
            sepaSha256: sha256,
            messageId: run.runNumber,
            version: run.version + 1,
          },
        );
        const view = await this.viewWithin(m, run.id);
        await this.audit.record(m, actor, {
          action: 'payment-run.approved',
          entityType: 'payment-run',
          entityId: run.id,
          before: { status: run.status },
          after: view,
        });
        return view;
      }),
    );
  }

  async markSent(actor: Principal, runId: string): Promise<PaymentRunView> {
    return this.dataSource.transaction(async (m) => {
      const run = await this.lockRun(m, runId, 'mark-sent');
      await m.query(`UPDATE payment_run_item SET status = 'sent' WHERE run_id = $1`, [run.id]);
      return this.moveTo(m, actor, run, 'sent', 'payment-run.sent');
    });
  }

  /**
   * The bank's answer: every transfer is settled except those reported rejected (wrong IBAN, closed
   * account), whose items go back to open with the reason so a later run can pay them.
   */
  async settle(
    actor: Principal,
    runId: string,
    rejections: Array<{ endToEndId: string; reason: string }>,
  ): Promise<PaymentRunView> {
    return this.dataSource.transaction(async (m) => {
      const run = await this.lockRun(m, runId, 'settle');
      const transfers = await this.transferRows(m, run.id);
      const byEndToEnd = new Map(transfers.map((t) => [endToEndId(run.runNumber, t.payee_key), t]));
      const unknown = rejections.filter((r) => !byEndToEnd.has(r.endToEndId));
      if (unknown.length) {
        throw new InvalidInput(
          unknown.map((r) => ({
            name: `rejections[${rejections.indexOf(r)}].endToEndId`,
            reason: `no transfer ${r.endToEndId} in run ${run.runNumber}`,
          })),
        );
      }
      for (const r of rejections) {
        const payee = byEndToEnd.get(r.endToEndId) as TransferRow;
        await m.query(
          `UPDATE payment_run_item SET status = 'rejected', rejection_reason = $3
            WHERE run_id = $1 AND coalesce(employer_id, education_partner_id)::text = $2`,
          [run.id, payee.payee_key, r.reason],
        );
      }
      await this.releaseRejectedTuitionOfDropOuts(m, run.id);
      await m.query(
        `UPDATE payable_item p SET status = 'paid', updated_at = now()
           FROM payment_run_item r WHERE r.payable_item_id = p.id AND r.run_id = $1 AND r.status = 'sent'`,
        [run.id],
      );
      await m.query(`UPDATE payment_run_item SET status = 'settled' WHERE run_id = $1 AND status = 'sent'`, [run.id]);
      return this.moveTo(m, actor, run, 'settled', 'payment-run.settled', { rejections });
    });
  }

  async cancel(actor: Principal, runId: string, reason: string): Promise<PaymentRunView> {
    return this.dataSource.transaction(async (m) => {
      const run = await this.lockRun(m, runId, 'cancel');
      await m.query(`UPDATE payment_run_item SET status = 'rejected', rejection_reason = $2 WHERE run_id = $1`, [
        run.id,
        `Run cancelled: ${reason}`,
      ]);
      return this.moveTo(m, actor, run, 'cancelled', 'payment-run.cancelled', { reason });
    });
  }

  async view(runId: string): Promise<PaymentRunView> {
    return this.viewWithin(this.dataSource.manager, runId);
  }

  async list(limit: number, offset: number): Promise<[PaymentRunView[], number]> {
    const [runs, total] = await this.dataSource
      .getRepository(PaymentRunEntity)
      .findAndCount({ order: { createdAt: 'DESC' }, take: limit, skip: offset });
    return [await Promise.all(runs.map((r) => this.viewWithin(this.dataSource.manager, r.id))), total];
  }

  async transferViews(runId: string): Promise<RunTransferView[]> {
    const run = await this.getRun(this.dataSource.manager, runId);
    return (await this.transferRows(this.dataSource.manager, run.id)).map((t) => ({
      endToEndId: endToEndId(run.runNumber, t.payee_key),
      payeeName: t.payee_name,
      iban: t.iban,
      amountCents: Number(t.amount_cents),
      itemCount: Number(t.item_count),
      status: summarise(t.statuses),
      remittance: remittance(run.runNumber, t.references),
    }));
  }

  /**
   * The approved file's hash, size and name, and its bytes as chunks read one at a time. Chunks are
   * written once, by the approval's transaction, and never change, so reading them in separate
   * statements gives the same file.
   */
  async sepaFile(runId: string): Promise<SepaFileDownload> {
    const run = await this.getRun(this.dataSource.manager, runId);
    if (!run.sepaSha256) throw new IllegalTransition('Payment run', run.status, 'download the SEPA file');
    const [{ chunks, bytes }] = await this.dataSource.query(
      `SELECT count(*)::int AS chunks, coalesce(sum(length(bytes)), 0)::bigint AS bytes FROM payment_run_file_chunk WHERE run_id = $1`,
      [run.id],
    );
    return {
      sha256: run.sepaSha256,
      fileName: `${run.runNumber}.xml`,
      bytes: Number(bytes),
      chunks: this.fileChunks(run.id, chunks),
    };
  }

  /** One line per run item for the finance department. */
  async csv(runId: string): Promise<{ text: string; fileName: string }> {
    const run = await this.getRun(this.dataSource.manager, runId);
    const rows: Array<Record<string, string>> = await this.dataSource.query(
      `SELECT coalesce(e.name, ep.name) AS payee, b.iban, p.kind, p.month, d.decision_number, p.description, r.amount_cents, r.status, r.rejection_reason
         ${RUN_ITEMS_WITH_PAYEE}
        ORDER BY payee, p.month NULLS LAST, p.id`,
      [run.id],
    );
    const text = stringify(
      rows.map((r) => [
        run.runNumber,
        run.runDate,
        spreadsheetText(r.payee),
        r.iban,
        r.kind,
        r.month ?? '',
        r.decision_number ?? '',
        spreadsheetText(r.description),
        formatCents(Number(r.amount_cents)),
        r.status,
        spreadsheetText(r.rejection_reason),
      ]),
      {
        header: true,
        columns: [
          'run',
          'runDate',
          'payee',
          'iban',
          'kind',
          'month',
          'decision',
          'description',
          'amount',
          'status',
          'rejectionReason',
        ],
      },
    );
    return { text, fileName: `${run.runNumber}.csv` };
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** The run's new status, its version, and the audit row with what else the step recorded. */
  private async moveTo(
    m: EntityManager,
    actor: Principal,
    run: PaymentRunEntity,
    status: PaymentRunStatus,
    action: string,
    details: object = {},
  ): Promise<PaymentRunView> {
    await m.update(PaymentRunEntity, { id: run.id }, { status, version: run.version + 1 });
    const view = await this.viewWithin(m, run.id);
    await this.audit.record(m, actor, {
      action,
      entityType: 'payment-run',
      entityId: run.id,
      before: { status: run.status },
      after: { ...view, ...details },
    });
    return view;
  }

  /**
   * Tuition for a participant who dropped out while it was on its way to the bank was counted as
   * paid (and recovered). When the bank rejects it after all, it is not paid again later: it is
   * cancelled, and the recovery shrinks by the same amount.
   */
  private async releaseRejectedTuitionOfDropOuts(m: EntityManager, runId: string): Promise<void> {
    const released = await updateReturning<{ enrolment_id: string; amount_cents: string }>(
      m,
      `UPDATE payable_item p SET status = 'cancelled', updated_at = now()
         FROM payment_run_item r, enrolment e
        WHERE r.run_id = $1 AND r.status = 'rejected' AND r.payable_item_id = p.id
          AND p.enrolment_id = e.id AND e.status = 'dropped-out' AND p.status = 'open'
        RETURNING p.enrolment_id, p.amount_cents`,
      [runId],
    );
    for (const item of released) {
      await m.query(
        `UPDATE recovery_item SET
           status = CASE WHEN amount_cents <= $2 THEN 'written-off' ELSE status END,
           amount_cents = CASE WHEN amount_cents <= $2 THEN amount_cents ELSE amount_cents - $2 END,
           reason = reason || ' (afgewezen overboeking vervallen)', updated_at = now()
         WHERE enrolment_id = $1 AND status = 'open'`,
        [item.enrolment_id, item.amount_cents],
      );
    }
  }

  private async getRun(m: EntityManager, runId: string): Promise<PaymentRunEntity> {
    const run = await m.findOneBy(PaymentRunEntity, { id: runId });
    if (!run) throw new NotFound('Payment run', runId);
    return run;
  }

  private async lockRun(m: EntityManager, runId: string, action: keyof typeof ACTIONS): Promise<PaymentRunEntity> {
    const run = await m.findOne(PaymentRunEntity, { where: { id: runId }, lock: { mode: 'pessimistic_write' } });
    if (!run) throw new NotFound('Payment run', runId);
    if (!ACTIONS[action].includes(run.status)) throw new IllegalTransition('Payment run', run.status, action);
    return run;
  }

  private async viewWithin(m: EntityManager, runId: string): Promise<PaymentRunView> {
    const run = await this.getRun(m, runId);
    const [{ payees }] = await m.query(
      `SELECT count(DISTINCT coalesce(employer_id, education_partner_id))::int AS payees FROM payment_run_item WHERE run_id = $1 AND status <> 'rejected'`,
      [runId],
    );
    return {
      id: run.id,
      runNumber: run.runNumber,
      runDate: run.runDate,
      status: run.status,
      itemCount: run.itemCount,
      payeeCount: payees,
      total: formatCents(Number(run.totalCents)),
      totalCents: Number(run.totalCents),
      createdBy: run.createdBy,
      approvedBy: run.approvedBy,
      sepaSha256: run.sepaSha256,
    };
  }

  private transferRows(m: EntityManager, runId: string): Promise<TransferRow[]> {
    return m.query(TRANSFER_ROWS, [runId]);
  }

  /**
   * Streams the run's SEPA file into payment_run_file_chunk within the approval's transaction (a
   * crash leaves no part of it) and returns its SHA-256. The header's count and sum come from one
   * aggregate first (payee and account only: items and decisions do not change the grouping); the
   * transfers are then read through a cursor, a page at a time.
   */
  private async writeSepaFile(m: EntityManager, run: PaymentRunEntity): Promise<string> {
    const [totals] = await m.query(
      `SELECT count(*)::int AS transfers, coalesce(sum(amount_cents), 0)::bigint AS total
         FROM (SELECT sum(r.amount_cents) AS amount_cents FROM payment_run_item r ${PAYEE_AND_ACCOUNT}
                WHERE r.run_id = $1 GROUP BY ${TRANSFER_KEY}) t`,
      [run.id],
    );
    const header: SepaHeader = {
      messageId: run.runNumber,
      createdAt: this.clock.now(),
      executionDate: run.runDate < this.clock.today() ? this.clock.today() : run.runDate,
      debtor: { name: this.config.municipality.name, iban: this.config.municipality.iban, bic: this.config.municipality.bic },
      numberOfTransactions: totals.transfers,
      controlSumCents: Number(totals.total),
    };
    const chunker = new ByteChunker(this.config.sepaFileChunkBytes);
    let seq = 0;
    const store = async (chunks: Buffer[]) => {
      for (const bytes of chunks) {
        await m.query(`INSERT INTO payment_run_file_chunk (run_id, seq, bytes) VALUES ($1, $2, $3)`, [run.id, seq++, bytes]);
      }
    };
    for await (const piece of pain001Pieces(header, this.transferCursor(m, run))) {
      const full = chunker.push(piece);
      if (full.length) await store(full);
    }
    const { chunks, sha256 } = chunker.end();
    await store(chunks);
    return sha256;
  }

  /** The run's transfers in file order, fetched from a server-side cursor (the caller's transaction). */
  private async *transferCursor(m: EntityManager, run: PaymentRunEntity): AsyncGenerator<SepaTransfer> {
    await m.query(`DECLARE sepa_transfers NO SCROLL CURSOR FOR ${TRANSFER_ROWS}`, [run.id]);
    for (;;) {
      const rows: TransferRow[] = await m.query(`FETCH ${CURSOR_PAGE} FROM sepa_transfers`);
      for (const t of rows) {
        yield {
          endToEndId: endToEndId(run.runNumber, t.payee_key),
          amountCents: Number(t.amount_cents),
          creditorName: t.payee_name,
          creditorIban: t.iban,
          creditorBic: t.bic,
          remittance: remittance(run.runNumber, t.references),
        };
      }
      if (rows.length < CURSOR_PAGE) break;
    }
    // Only on the way out of a complete read: after an error the transaction is rolled back, cursor and all.
    await m.query(`CLOSE sepa_transfers`);
  }

  private async *fileChunks(runId: string, count: number): AsyncGenerator<Buffer> {
    for (let seq = 0; seq < count; seq++) {
      const [chunk] = await this.dataSource.query(`SELECT bytes FROM payment_run_file_chunk WHERE run_id = $1 AND seq = $2`, [
        runId,
        seq,
      ]);
      if (!chunk) throw new Error(`payment run ${runId}: SEPA file chunk ${seq} of ${count} is missing`);
      yield chunk.bytes as Buffer;
    }
  }
}

/** Who a run item pays (employer or education partner) and to which account. */
const PAYEE_AND_ACCOUNT = `JOIN bank_account b ON b.id = r.bank_account_id
         LEFT JOIN employer e ON e.id = r.employer_id
         LEFT JOIN education_partner ep ON ep.id = r.education_partner_id`;

/** A run's items with what the file and the export show of them: payee, account, decision. */
const RUN_ITEMS_WITH_PAYEE = `FROM payment_run_item r
         JOIN payable_item p ON p.id = r.payable_item_id
         ${PAYEE_AND_ACCOUNT}
         LEFT JOIN decision d ON d.id = p.decision_id
        WHERE r.run_id = $1`;

/** What makes one transfer: a payee and its account (name, IBAN and BIC follow from payee and account). */
const TRANSFER_KEY = `coalesce(r.employer_id, r.education_partner_id)::text, coalesce(e.name, ep.name), b.iban, b.bic`;

/** One transfer per payee: the sum of its items, to its verified account, in file order. */
const TRANSFER_ROWS = `SELECT coalesce(r.employer_id, r.education_partner_id)::text AS payee_key,
              coalesce(e.name, ep.name) AS payee_name, b.iban, b.bic,
              sum(r.amount_cents)::bigint AS amount_cents, count(*)::int AS item_count,
              array_agg(DISTINCT r.status) AS statuses,
              array_agg(DISTINCT coalesce(d.decision_number, '') || ' ' || coalesce(p.month, '') ORDER BY coalesce(d.decision_number, '') || ' ' || coalesce(p.month, '')) AS references
         ${RUN_ITEMS_WITH_PAYEE}
        GROUP BY ${TRANSFER_KEY}
        ORDER BY 2, 1`;

/** Transfers per FETCH: small enough to hold, large enough that round trips do not dominate. */
const CURSOR_PAGE = 1_000;

/** Identifies run and payee (max 35 characters). */
export function endToEndId(runNumber: string, payeeKey: string): string {
  return `${runNumber}-${payeeKey.replace(/-/g, '').slice(0, 16)}`;
}

/** Names the decision numbers and months paid, within SEPA's 140 characters. */
function remittance(runNumber: string, references: string[]): string {
  const byDecision = new Map<string, string[]>();
  for (const ref of references) {
    const [decision, month] = ref.split(' ');
    byDecision.set(decision, [...(byDecision.get(decision) ?? []), month].filter(Boolean));
  }
  const text = [...byDecision.entries()].map(([d, months]) => `${d} ${months.join(' ')}`.trim()).join('; ');
  return `Werkkans ${runNumber} ${text}`.slice(0, 140);
}

function summarise(statuses: string[]): string {
  return statuses.length === 1 ? statuses[0] : statuses.includes('rejected') ? 'rejected' : statuses.sort().join(',');
}
