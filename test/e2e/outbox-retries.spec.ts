import { Client } from 'pg';
import { createApp } from '../../src/app.factory';
import { createLogger } from '../../src/common/logging/logger';
import { loadConfig } from '../../src/config/config';
import { Clock } from '../../src/common/clock';
import { PaymentSchedulesService } from '../../src/payments/payment-schedules.service';
import { createParticipant, proposedApplication, registerEmployer, verifyPendingBankAccount } from '../support/scenario';
import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../support/test-app';

// Short on purpose: the figure below is measured against these.
const POLL_MS = 100;
const RETRY_BASE_MS = 500;
const MAX_ATTEMPTS = 3;
const FOLLOWER_DECISION_ID = '00000000-0000-4000-8000-00000000f011';

/** An event no consumer can apply: a grant without months. */
const POISON = {
  type: 'grant',
  decisionId: '00000000-0000-4000-8000-00000000dead',
  decisionNumber: 'LKS-2026-999999',
  applicationId: '00000000-0000-4000-8000-00000000beef',
  employerId: '00000000-0000-4000-8000-00000000cafe',
  months: null,
};

describe('outbox: a failing event is retried with backoff and holds up no other (issue 14, defect 4)', () => {
  let t: TestApp;
  let db: Client;
  let caseworker: TestUser;
  let approver: TestUser;
  let admin: TestUser;
  let employer: { employerId: string; user: TestUser };
  let poisonId: string;

  const eventOf = async (decisionId: string) =>
    (
      await db.query(`SELECT id::text, processed_at, attempts, failed_at FROM outbox_event WHERE payload->>'decisionId' = $1`, [
        decisionId,
      ])
    ).rows[0];
  /** Waits (20 ms steps, on a connection of its own) until `done`; returns the ms it took, or throws after `limitMs`. */
  async function waitFor(done: () => Promise<boolean>, limitMs: number, from = Date.now()): Promise<number> {
    for (;;) {
      if (await done()) return Date.now() - from;
      if (Date.now() - from > limitMs) throw new Error(`not done within ${limitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  async function grantDecision(participantBsn: string): Promise<string> {
    const applicationId = await proposedApplication(
      t,
      employer.user,
      caseworker,
      await createParticipant(t, caseworker, participantBsn),
    );
    const draft = await t.http
      .post('/api/v1/decisions')
      .set(bearer(caseworker))
      .send({ applicationId, type: 'grant' })
      .expect(201);
    return draft.body.id;
  }

  beforeAll(async () => {
    t = await createTestApp({
      OUTBOX_POLL_MS: String(POLL_MS),
      OUTBOX_RETRY_BASE_MS: String(RETRY_BASE_MS),
      OUTBOX_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    });
    jest.spyOn(t.app.get(Clock), 'today').mockImplementation(() => '2026-01-20');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    [caseworker, approver, admin] = await Promise.all([
      createUser(t, ['caseworker']),
      createUser(t, ['approver']),
      createUser(t, ['admin']),
    ]);
    employer = await registerEmployer(t, '12345678', 'hr@zorg-a.nl', 'Zorggroep Amstelland B.V.');
    await verifyPendingBankAccount(t, employer.employerId, await createUser(t, ['caseworker']));
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('applies every other event within the retry interval despite a poison event and a dropped connection', async () => {
    const draftB = await grantDecision('111222333');
    const draftA = await grantDecision('123456782');
    [{ id: poisonId }] = (
      await db.query(`INSERT INTO outbox_event (type, payload) VALUES ('decision.issued', $1) RETURNING id::text`, [POISON])
    ).rows;

    // B is issued behind the poison event: it is applied at once all the same.
    await t.http.post(`/api/v1/decisions/${draftB}/approve`).set(bearer(approver)).expect(200);
    await waitFor(async () => Boolean((await eventOf(draftB))?.processed_at), 2 * POLL_MS + 1000);

    // A's first attempt loses its database connection: once the approval has answered, every
    // backend of the app is terminated while A is being applied.
    const service = t.app.get(PaymentSchedulesService);
    const apply = (service as any).apply.bind(service);
    let droppedAt = 0;
    let approved!: () => void;
    const approvalAnswered = new Promise<void>((resolve) => (approved = resolve));
    const spy = jest.spyOn(service as any, 'apply').mockImplementation(async (m: any, event: any) => {
      if (event.decisionId === draftA && !droppedAt) {
        await approvalAnswered;
        await db.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
        droppedAt = Date.now();
      }
      return apply(m, event);
    });
    await t.http.post(`/api/v1/decisions/${draftA}/approve`).set(bearer(approver)).expect(200);
    approved();
    const limit = RETRY_BASE_MS + POLL_MS + 1000;
    const tookMs = await waitFor(async () => droppedAt > 0 && Boolean((await eventOf(draftA))?.processed_at), limit);
    const sinceDrop = Date.now() - droppedAt;
    spy.mockRestore();
    // The figure: from the dropped connection to A applied, against the configured retry interval,
    // with no further decision issued (the poll picks it up). When the failure could be recorded, A
    // waited its backoff (RETRY_BASE_MS); when recording it also met a dead connection, A stayed due
    // and the next poll applied it. Either way within one retry interval and one poll, plus slack
    // for a loaded test machine.
    process.stdout.write(
      `outbox figure: event applied ${sinceDrop} ms after the dropped connection (retry ${RETRY_BASE_MS} ms, poll ${POLL_MS} ms; ${tookMs} ms after issuing)\n`,
    );
    expect(sinceDrop).toBeLessThanOrEqual(RETRY_BASE_MS + POLL_MS + 1000);
    expect((await eventOf(draftA)).attempts).toBeLessThanOrEqual(1);
    const schedules = await db.query(
      `SELECT count(*)::int AS n FROM payment_schedule s JOIN decision d ON d.application_id = s.application_id WHERE d.id = ANY($1)`,
      [[draftA, draftB]],
    );
    expect(schedules.rows[0].n).toBe(2);
    // Applying stays idempotent: A was applied once, not twice.
    const [{ n }] = (
      await db.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'payment-schedule.created' AND after->>'decisionNumber' =
           (SELECT decision_number FROM decision WHERE id = $1)`,
        [draftA],
      )
    ).rows;
    expect(n).toBe(1);
  });

  it('sets the poison event aside after its last attempt, logs it without personal data, and shows it to admins only', async () => {
    // Attempts at about 0, +500 and +1500 ms (the backoff doubles).
    await waitFor(async () => Boolean((await eventOf(POISON.decisionId))?.failed_at), RETRY_BASE_MS * 4 + POLL_MS * 4 + 2000);
    const poison = await eventOf(POISON.decisionId);
    expect(poison.attempts).toBe(MAX_ATTEMPTS);
    const setAside = t.logLines.filter((l) => l.includes('outbox event set aside'));
    expect(setAside).toHaveLength(1);
    expect(setAside[0]).toMatch(/"level":"error"/);
    expect(setAside[0]).toContain(`"outboxEventId":"${poisonId}"`);
    expect(t.logLines.filter((l) => l.includes('outbox event failed; it will be retried')).length).toBeGreaterThanOrEqual(2);
    expect(t.logLines.join('\n')).not.toMatch(/111222333|123456782/);

    const list = await t.http.get('/api/v1/outbox-events').query({ status: 'failed' }).set(bearer(admin)).expect(200);
    expect(list.body).toEqual(expect.objectContaining({ total: 1, page: 1 }));
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: poisonId,
        status: 'failed',
        decisionNumber: 'LKS-2026-999999',
        attempts: MAX_ATTEMPTS,
        lastError: expect.stringMatching(/^TypeError: /),
        nextAttemptAt: null,
      }),
    ]);
    const processed = await t.http.get('/api/v1/outbox-events?status=processed').set(bearer(admin)).expect(200);
    expect(processed.body.total).toBe(2);
    await t.http.get('/api/v1/outbox-events?status=stuck').set(bearer(admin)).expect(400);
    await t.http.get('/api/v1/outbox-events').set(bearer(caseworker)).expect(403);
    await t.http.post(`/api/v1/outbox-events/${poisonId}/retries`).set(bearer(caseworker)).expect(403);

    // A later event of the same application waits behind it: a change must not overtake its grant.
    await db.query(`INSERT INTO outbox_event (type, payload) VALUES ('decision.issued', $1)`, [
      { ...POISON, type: 'recovery', months: [], decisionId: FOLLOWER_DECISION_ID },
    ]);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * 3));
    expect((await eventOf(FOLLOWER_DECISION_ID)).processed_at).toBeNull();
  });

  it('lets an admin retry a set-aside event, audited; once it can be applied the poll applies it', async () => {
    // The cause is repaired (here: the payload), then the admin retries.
    await db.query(`UPDATE outbox_event SET payload = payload || '{"type": "recovery", "months": []}' WHERE id = $1`, [poisonId]);
    const retried = await t.http.post(`/api/v1/outbox-events/${poisonId}/retries`).set(bearer(admin)).expect(200);
    expect(retried.body).toEqual(expect.objectContaining({ id: poisonId, attempts: 0 }));
    await waitFor(async () => Boolean((await eventOf(POISON.decisionId))?.processed_at), POLL_MS + 1000);
    await waitFor(async () => Boolean((await eventOf(FOLLOWER_DECISION_ID))?.processed_at), POLL_MS + 1000);
    const [audit] = (
      await db.query(
        `SELECT actor_user_id, before, after FROM audit_event WHERE action = 'outbox-event.retried' AND entity_id = $1`,
        [poisonId],
      )
    ).rows;
    expect(audit).toEqual(expect.objectContaining({ actor_user_id: admin.id, after: { status: 'pending', attempts: 0 } }));
    expect(audit.before).toEqual(expect.objectContaining({ status: 'failed', attempts: MAX_ATTEMPTS }));
    // Only a set-aside event can be retried.
    await t.http.post(`/api/v1/outbox-events/${poisonId}/retries`).set(bearer(admin)).expect(409);
    await t.http.post('/api/v1/outbox-events/999999/retries').set(bearer(admin)).expect(404);
    const bad = await t.http.post('/api/v1/outbox-events/abc/retries').set(bearer(admin)).expect(400);
    expect(bad.body.invalidParams).toEqual([{ name: 'eventId', reason: 'must be a whole number from 1' }]);
  });

  it('logs a failed catch-up at start instead of swallowing it', async () => {
    const service = t.app.get(PaymentSchedulesService);
    // Bootstrap again with a catch-up that fails (the running timer is replaced, not doubled).
    clearInterval((service as any).poller);
    await waitFor(async () => !(service as any).polling, 1000);
    jest.spyOn(service, 'processOutbox').mockRejectedValueOnce(new Error('database not reachable at start'));
    service.onApplicationBootstrap();
    await waitFor(
      async () =>
        t.logLines.some((l) => l.includes('outbox catch-up at start failed') && l.includes('database not reachable at start')),
      1000,
    );
  });

  it('shares the work with a second instance on the same database, applying each event once', async () => {
    const second = await createApp(
      loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: t.databaseUrl,
        MIGRATIONS_RUN: 'false',
        OUTBOX_POLL_MS: '100',
      }),
      t.databaseUrl,
      createLogger('silent'),
    );
    try {
      const count = async (sql: string) => (await db.query(sql)).rows[0].n as number;
      const itemsBefore = await count(`SELECT count(*)::int AS n FROM payable_item`);
      // Only this test's events: an earlier test's event may have been retried after the dropped connection.
      const lastBefore = await count(`SELECT coalesce(max(id), 0)::int AS n FROM outbox_event`);
      // Replays of the issued grants (an outbox may deliver twice) and other subsidies' events, mixed.
      const { rows } = await db.query(
        `SELECT payload FROM outbox_event WHERE payload->>'type' = 'grant' AND processed_at IS NOT NULL`,
      );
      for (let i = 0; i < 10; i++) {
        await db.query(`INSERT INTO outbox_event (type, payload) VALUES ('decision.issued', $1)`, [
          rows[i % rows.length].payload,
        ]);
      }
      await Promise.all([
        t.app.get(PaymentSchedulesService).processOutbox(),
        second.get(PaymentSchedulesService).processOutbox(),
      ]);
      await waitFor(
        async () => (await count(`SELECT count(*)::int AS n FROM outbox_event WHERE processed_at IS NULL`)) === 0,
        2000,
      );
      expect(
        await count(
          `SELECT count(*)::int AS n FROM outbox_event WHERE attempts > 0 AND failed_at IS NULL AND id > ${Math.max(Number(poisonId), lastBefore)}`,
        ),
      ).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM payable_item`)).toBe(itemsBefore);
    } finally {
      await second.close();
    }
  });
});
