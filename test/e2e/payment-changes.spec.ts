import { Clock } from '../../src/common/clock';
import { PaymentSchedulesService } from '../../src/payments/payment-schedules.service';
import {
  createParticipant,
  issueDecision,
  proposedApplication,
  registerEmployer,
  verifyPendingBankAccount,
} from '../support/scenario';
import { onDay } from '../support/clock';
import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../support/test-app';

/** A change or termination decision recomputes the schedule from its effective month. */
describe('payment schedules follow change and termination decisions', () => {
  let t: TestApp;
  let caseworker: TestUser;
  let caseworker2: TestUser;
  let approver: TestUser;
  let officer: TestUser;
  let officer2: TestUser;
  let employer: { employerId: string; user: TestUser };
  let today = '2026-01-20';

  const process = () => t.app.get(PaymentSchedulesService).processOutbox();
  const schedule = async (applicationId: string) =>
    (await t.http.get('/api/v1/payment-schedules').query({ applicationId }).set(bearer(employer.user)).expect(200)).body[0];

  async function payUpTo(runDate: string) {
    const run = await onDay(t, runDate, () =>
      t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate }).expect(201),
    );
    await t.http.post(`/api/v1/payment-runs/${run.body.id}/approve`).set(bearer(officer2)).expect(200);
    await t.http.post(`/api/v1/payment-runs/${run.body.id}/mark-sent`).set(bearer(officer)).expect(200);
    await t.http.post(`/api/v1/payment-runs/${run.body.id}/settle`).set(bearer(officer)).send({ rejections: [] }).expect(200);
  }

  const issue = (body: object) => issueDecision(t, caseworker, approver, body);

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'today').mockImplementation(() => today);
    caseworker = await createUser(t, ['caseworker']);
    caseworker2 = await createUser(t, ['caseworker']);
    approver = await createUser(t, ['approver']);
    officer = await createUser(t, ['payment-officer']);
    officer2 = await createUser(t, ['payment-officer']);
    employer = await registerEmployer(t, '12345678', 'hr@zorg-a.nl', 'Zorggroep Amstelland B.V.');
    await verifyPendingBankAccount(t, employer.employerId, caseworker2);
  });
  afterAll(() => t.close());

  it('pays a higher amount for a month already paid as a correction with the next instalment', async () => {
    const applicationId = await proposedApplication(
      t,
      employer.user,
      caseworker,
      await createParticipant(t, caseworker, '200000007'),
    );
    await issue({ applicationId, type: 'grant' });
    today = '2026-03-20';
    await payUpTo('2026-03-15'); // January and February paid: 2 × 1088.27
    // New assessment: 50% from 1 February. February should have been 14.71 × 32 × 50% × 5.7798 = 1360.333728 → 1360.33.
    await t.http
      .post(`/api/v1/applications/${applicationId}/wage-value-assessments`)
      .set(bearer(caseworker))
      .send({
        assessedOn: '2026-03-19',
        method: 'dariuz',
        assessorName: 'J. Bakker',
        percentage: 50,
        effectiveFrom: '2026-02-01',
      })
      .expect(201);
    await issue({ applicationId, type: 'change', effectiveDate: '2026-02-01', reasons: 'Nieuwe loonwaarde 50%.' });
    const s = await schedule(applicationId);
    const live = s.items.filter((i: any) => i.status !== 'cancelled');
    expect(live.map((i: any) => [i.kind, i.month, i.amount, i.status, i.dueDate])).toEqual([
      ['lks-instalment', '2026-01', '1088.27', 'paid', '2026-02-15'],
      ['lks-instalment', '2026-02', '1088.27', 'paid', '2026-03-15'],
      ['lks-instalment', '2026-03', '1360.33', 'open', '2026-04-15'],
      // 1360.33 − 1088.27 = 272.06 for February, paid with March's instalment.
      ['lks-correction', null, '272.06', 'open', '2026-04-15'],
      ['lks-instalment', '2026-04', '1360.33', 'open', '2026-05-15'],
      ['lks-instalment', '2026-05', '1360.33', 'open', '2026-06-15'],
      ['lks-instalment', '2026-06', '1360.33', 'open', '2026-07-15'],
    ]);
  });

  it('recovers what was paid for months after a termination', async () => {
    today = '2026-01-20';
    const applicationId = await proposedApplication(
      t,
      employer.user,
      caseworker,
      await createParticipant(t, caseworker, '200000019'),
    );
    await issue({ applicationId, type: 'grant' });
    today = '2026-04-20';
    await payUpTo('2026-04-15'); // January–March paid (and the other application's March + correction)
    // The contract ended on 15 February: subsidy stops from 16 February.
    const termination = await issue({
      applicationId,
      type: 'termination',
      effectiveDate: '2026-02-16',
      reasons: 'Contract beëindigd.',
    });
    // February should have been 15/28 of 1088.2669824 = 583.00 (1088.2669824 × 15 / 28 = 16324.004736 / 28
    // = 583.0001691… → 583.00); paid: February 1088.27 and March 1088.27. Overpaid: 1088.27 − 583.00 + 1088.27 = 1593.54.
    expect(termination.total).toBe('583.00');
    const s = await schedule(applicationId);
    expect(s.status).toBe('ended');
    expect(s.items.filter((i: any) => i.status === 'open')).toEqual([]);
    const [recovery] = await t.dataSource.query(
      `SELECT amount_cents, status, reason FROM recovery_item WHERE application_id = $1`,
      [applicationId],
    );
    expect(recovery).toEqual({ amount_cents: '159354', status: 'open', reason: expect.stringContaining('Te veel betaald') });

    // The recovery decision formalises that same overpayment: it takes the item over, not a second one.
    await issue({
      applicationId,
      type: 'recovery',
      reasons: 'Terugvordering na beëindiging.',
      recoveryCents: 159354,
      paymentTermDays: 42,
    });
    const items = await t.dataSource.query(
      `SELECT r.amount_cents, r.due_date, d.type FROM recovery_item r JOIN decision d ON d.id = r.decision_id WHERE r.application_id = $1`,
      [applicationId],
    );
    // Sent 20 April 2026 + 42 days = 1 June 2026.
    expect(items).toEqual([{ amount_cents: '159354', due_date: '2026-06-01', type: 'recovery' }]);
  });

  it('settles a subsidy with the hours actually worked: due versus paid, and the difference recovered', async () => {
    today = '2026-01-20';
    const applicationId = await proposedApplication(
      t,
      employer.user,
      caseworker,
      await createParticipant(t, caseworker, '200000032'),
    );
    await issue({ applicationId, type: 'grant' });
    today = '2026-07-20';
    today = '2026-06-20';
    const early = await t.http.get(`/api/v1/applications/${applicationId}/settlement`).set(bearer(caseworker)).expect(422);
    expect(early.body.invalidParams).toEqual([{ name: 'applicationId', reason: 'the subsidy period has not ended yet' }]);
    today = '2026-07-20';
    await payUpTo('2026-07-15'); // all six months paid: 6 × 1088.27 = 6529.62
    await t.http
      .post(`/api/v1/applications/${applicationId}/actual-hours`)
      .set(bearer(caseworker))
      .send({ month: '2026-03', hoursPerWeek: 24, source: 'Loonstrook maart 2026' })
      .expect(204);
    // March at 24 hours: 14.71 × 24 × 40% × 5.7798 = 816.2002368 → 816.20.
    // Due: 5 × 1088.27 + 816.20 = 5441.35 + 816.20 = 6257.55; paid 6529.62; difference −272.07.
    const settlement = await t.http.get(`/api/v1/applications/${applicationId}/settlement`).set(bearer(caseworker)).expect(200);
    expect(settlement.body).toEqual(expect.objectContaining({ due: '6257.55', paid: '6529.62', difference: '-272.07' }));
    expect(settlement.body.months.find((x: any) => x.month === '2026-03')).toEqual({
      month: '2026-03',
      decidedHoursPerWeek: '32',
      actualHoursPerWeek: '24',
      due: '816.20',
    });
    const decision = await issue({ applicationId, type: 'settlement', reasons: 'Vaststelling met gewerkte uren.' });
    expect(decision).toEqual(expect.objectContaining({ total: '6257.55', previousTotal: '6529.62' }));
    const s = await schedule(applicationId);
    expect(s.status).toBe('ended');
    const recoveries = await t.dataSource.query(`SELECT amount_cents, status FROM recovery_item WHERE application_id = $1`, [
      applicationId,
    ]);
    expect(recoveries).toEqual([{ amount_cents: '27207', status: 'open' }]);
    // A second settlement of the same subsidy is refused.
    const second = await t.http
      .post('/api/v1/decisions')
      .set(bearer(caseworker))
      .send({ applicationId, type: 'settlement', reasons: 'Nogmaals.' })
      .expect(409);
    expect(second.body.invalidParams).toEqual([{ name: 'type', reason: 'a settlement was already issued' }]);
    // Replaying the outbox settles nothing twice.
    await t.dataSource.query(`UPDATE outbox_event SET processed_at = NULL WHERE payload->>'type' = 'settlement'`);
    await process();
    const again = await t.dataSource.query(`SELECT count(*)::int AS n FROM recovery_item WHERE application_id = $1`, [
      applicationId,
    ]);
    expect(again[0].n).toBe(1);
  });

  it('creates each schedule once even when the outbox is processed again', async () => {
    const [{ n: before }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM payable_item`);
    await t.dataSource.query(`UPDATE outbox_event SET processed_at = NULL WHERE payload->>'type' = 'grant'`);
    await process();
    const [{ n: after }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM payable_item`);
    expect(after).toBe(before);
  });
});

describe('indexation recomputes unpaid instalments of all active schedules', () => {
  let t: TestApp;
  let caseworker: TestUser;
  let caseworker2: TestUser;
  let approver: TestUser;
  let officer: TestUser;
  let officer2: TestUser;
  let admin: TestUser;
  let employer: { employerId: string; user: TestUser };

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'today').mockImplementation(() => '2026-03-20');
    [caseworker, caseworker2, approver, officer, officer2, admin] = await Promise.all(
      (['caseworker', 'caseworker', 'approver', 'payment-officer', 'payment-officer', 'admin'] as const).map((r) =>
        createUser(t, [r]),
      ),
    );
    employer = await registerEmployer(t, '12345678', 'hr@zorg-a.nl', 'Zorggroep Amstelland B.V.');
    await verifyPendingBankAccount(t, employer.employerId, caseworker2);
    const applicationId = await proposedApplication(
      t,
      employer.user,
      caseworker,
      await createParticipant(t, caseworker, '200000020'),
    );
    await issueDecision(t, caseworker, approver, { applicationId, type: 'grant' });
    const run = await onDay(t, '2026-03-15', () =>
      t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate: '2026-03-15' }).expect(201),
    );
    await t.http.post(`/api/v1/payment-runs/${run.body.id}/approve`).set(bearer(officer2)).expect(200);
  });
  afterAll(() => t.close());

  it('changes open months only, reports what changed, and finds nothing the second time', async () => {
    // The adult rate of the 2026-01 period is corrected to 14.81 (a data correction; the API only
    // appends periods), so the cached reference data is dropped as a new period would do.
    await t.dataSource.query(`UPDATE minimum_wage_rate r SET hourly = 14.81 FROM minimum_wage_period p
                              WHERE r.period_id = p.id AND p.valid_from = '2026-01-01' AND r.scale = 'regular' AND r.age = 21`);
    (t.app.get((await import('../../src/reference-data/reference-data.service')).ReferenceDataService) as any).prepared =
      undefined;

    const report = await t.http
      .post('/api/v1/payment-schedules/recomputations')
      .set(bearer(admin))
      .send({ fromDate: '2026-01-01' })
      .expect(200);
    // January and February are in an approved run: they stay. March–June: 14.81 × 32 × 40% × 5.7798
    // = 14.81 × 73.98144 = 1035.74016 + 59.9249664 = 1095.6651264 → 1095.67.
    expect(report.body.schedules).toBe(1);
    expect(report.body.changed[0].months).toEqual(
      ['2026-03', '2026-04', '2026-05', '2026-06'].map((month) => ({ month, old: '1088.27', new: '1095.67' })),
    );
    const schedule = (await t.http.get('/api/v1/payment-schedules').set(bearer(employer.user)).expect(200)).body[0];
    const live = schedule.items.filter((i: any) => i.status !== 'cancelled').map((i: any) => [i.month, i.amount]);
    expect(live).toEqual([
      ['2026-01', '1088.27'],
      ['2026-02', '1088.27'],
      ['2026-03', '1095.67'],
      ['2026-04', '1095.67'],
      ['2026-05', '1095.67'],
      ['2026-06', '1095.67'],
    ]);
    const again = await t.http
      .post('/api/v1/payment-schedules/recomputations')
      .set(bearer(officer))
      .send({ fromDate: '2026-01-01' })
      .expect(200);
    expect(again.body.changed).toEqual([]);
  });
  it('runs indexation in the background with progress to follow', async () => {
    const started = await t.http
      .post('/api/v1/payment-schedules/recomputation-jobs')
      .set(bearer(officer))
      .send({ fromDate: '2026-01-01' })
      .expect(202);
    expect(started.headers.location).toBe(`/api/v1/jobs/${started.body.id}`);
    let job = started.body;
    for (let i = 0; i < 50 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await t.http.get(`/api/v1/jobs/${started.body.id}`).set(bearer(admin)).expect(200)).body;
    }
    expect(job).toEqual(expect.objectContaining({ status: 'done', done: 1, total: 1, error: null }));
    expect(job.result.schedules).toBe(1);
    await t.http.get(`/api/v1/jobs/${started.body.id}`).set(bearer(caseworker)).expect(403);
  });

  it('ignores a wage value that no decision has granted yet', async () => {
    const [{ application_id }] = await t.dataSource.query(`SELECT application_id FROM payment_schedule LIMIT 1`);
    await t.http
      .post(`/api/v1/applications/${application_id}/wage-value-assessments`)
      .set(bearer(caseworker))
      .send({
        assessedOn: '2026-03-19',
        method: 'dariuz',
        assessorName: 'J. Bakker',
        percentage: 80,
        effectiveFrom: '2026-03-01',
      })
      .expect(201);
    const report = await t.http
      .post('/api/v1/payment-schedules/recomputations')
      .set(bearer(admin))
      .send({ fromDate: '2026-01-01' })
      .expect(200);
    expect(report.body.changed).toEqual([]);
  });
});

describe('the due date rule is configuration', () => {
  it('pays in arrears on PAYMENT_DUE_DAY of the next month', async () => {
    const t = await createTestApp({ PAYMENT_DUE_DAY: '25' });
    try {
      jest.spyOn(t.app.get(Clock), 'today').mockImplementation(() => '2026-01-20');
      const [caseworker, approver] = await Promise.all([createUser(t, ['caseworker']), createUser(t, ['approver'])]);
      const employer = await registerEmployer(t, '12345678', 'hr@zorg-a.nl');
      const applicationId = await proposedApplication(
        t,
        employer.user,
        caseworker,
        await createParticipant(t, caseworker, '200000044'),
      );
      await issueDecision(t, caseworker, approver, { applicationId, type: 'grant' });
      const schedule = (await t.http.get('/api/v1/payment-schedules').set(bearer(employer.user)).expect(200)).body[0];
      expect(schedule.items.map((i: any) => i.dueDate)).toEqual([
        '2026-02-25',
        '2026-03-25',
        '2026-04-25',
        '2026-05-25',
        '2026-06-25',
        '2026-07-25',
      ]);
    } finally {
      await t.close();
    }
  });
});
