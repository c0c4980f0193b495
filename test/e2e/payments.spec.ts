import { binary } from '../support/http';
import { Clock } from '../../src/common/clock';
import { PaymentSchedulesService } from '../../src/payments/payment-schedules.service';
import { PaymentRunsService } from '../../src/payments/payment-runs.service';
import {
  createParticipant,
  issueDecision,
  proposedApplication,
  registerEmployer,
  verifyPendingBankAccount,
} from '../support/scenario';
import { validatePain001 } from '../support/sepa';
import { onDay } from '../support/clock';
import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../support/test-app';

describe('payments: schedules from grants, runs with four eyes, SEPA export, exactly once', () => {
  let t: TestApp;
  let caseworker: TestUser;
  let caseworker2: TestUser;
  let approver: TestUser;
  let officer: TestUser;
  let officer2: TestUser;
  let employerA: { employerId: string; user: TestUser };
  let employerB: { employerId: string; user: TestUser };
  let today = '2026-01-20';

  async function grant(employer: TestUser, participantNumber: string): Promise<string> {
    const applicationId = await proposedApplication(t, employer, caseworker, participantNumber);
    await issueDecision(t, caseworker, approver, { applicationId, type: 'grant' });
    return applicationId;
  }

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'today').mockImplementation(() => today);
    caseworker = await createUser(t, ['caseworker']);
    caseworker2 = await createUser(t, ['caseworker']);
    approver = await createUser(t, ['approver']);
    officer = await createUser(t, ['payment-officer']);
    officer2 = await createUser(t, ['payment-officer']);
    employerA = await registerEmployer(t, '12345678', 'hr@zorg-a.nl', 'Zorggroep Amstelland B.V.');
    employerB = await registerEmployer(t, '87654321', 'hr@zorg-b.nl', 'Thuiszorg Noord B.V.');
    await verifyPendingBankAccount(t, employerA.employerId, caseworker2);
    await verifyPendingBankAccount(t, employerB.employerId, caseworker2);
    const p1 = await createParticipant(t, caseworker, '111222333');
    const p2 = await createParticipant(t, caseworker, '123456782');
    await grant(employerA.user, p1);
    await grant(employerB.user, p2);
  });
  afterAll(() => t.close());

  it('creates a schedule with one instalment per month, paid in arrears, visible to the employer', async () => {
    const res = await t.http.get('/api/v1/payment-schedules').set(bearer(employerA.user)).expect(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0].items.map((i: any) => [i.month, i.dueDate, i.amount, i.status])).toEqual([
      ['2026-01', '2026-02-15', '1088.27', 'open'],
      ['2026-02', '2026-03-15', '1088.27', 'open'],
      ['2026-03', '2026-04-15', '1088.27', 'open'],
      ['2026-04', '2026-05-15', '1088.27', 'open'],
      ['2026-05', '2026-06-15', '1088.27', 'open'],
      ['2026-06', '2026-07-15', '1088.27', 'open'],
    ]);
    expect(res.body[0].items[0].breakdown.lines[0]).toEqual(
      expect.objectContaining({ hourlyMinimumWage: '14.71', hoursPerWeek: '32', wageValuePercentage: '60' }),
    );
    const other = await t.http.get(`/api/v1/payment-schedules/${res.body[0].id}`).set(bearer(employerB.user));
    expect(other.status).toBe(404);
  });

  it('refuses a run date in the past or more than 31 days ahead, naming runDate and why, writing nothing', async () => {
    // Today is 2026-01-20 (the pinned clock).
    const post = (runDate: string) => t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate });
    const far = await post('9999-12-31').expect(422);
    expect(far.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(far.body.invalidParams).toEqual([
      { name: 'runDate', reason: 'must be at most 31 days ahead, on or before 2026-02-20' },
    ]);
    expect(far.body.detail).toContain('9999-12-31');
    const past = await post('2026-01-19').expect(422);
    expect(past.body.invalidParams).toEqual([{ name: 'runDate', reason: 'must be today (2026-01-20) or later' }]);
    await post('2026-02-21').expect(422);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM payment_run`);
    expect(n).toBe(0);
    // Today and later days within the bound are allowed: nothing is due by these, so the answer is that.
    for (const day of ['2026-01-20', '2026-02-14']) {
      const nothing = await post(day).expect(422);
      expect(nothing.body.invalidParams).toEqual([{ name: 'runDate', reason: 'no payable items are due' }]);
    }
  });

  it('runs, approves by a second officer, exports valid SEPA with matching sums, settles; a second run finds nothing', async () => {
    const created = await onDay(t, '2026-03-15', () =>
      t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate: '2026-03-15' }).expect(201),
    );
    // Jan and Feb for two employers: 4 × 1088.27 = 4353.08
    expect(created.body).toEqual(expect.objectContaining({ status: 'created', itemCount: 4, payeeCount: 2, total: '4353.08' }));
    await t.http.post(`/api/v1/payment-runs/${created.body.id}/approve`).set(bearer(officer)).expect(403);
    const approved = await t.http.post(`/api/v1/payment-runs/${created.body.id}/approve`).set(bearer(officer2)).expect(200);
    expect(approved.body.status).toBe('approved');

    const file = await binary(t.http.get(`/api/v1/payment-runs/${created.body.id}/sepa-file`).set(bearer(officer))).expect(200);
    const validation = await validatePain001(file.body);
    expect(validation.errors).toEqual([]);
    const xml = file.body.toString();
    expect(xml).toContain('<NbOfTxs>2</NbOfTxs>');
    expect(xml).toContain('<CtrlSum>4353.08</CtrlSum>');
    expect(xml.match(/<InstdAmt Ccy="EUR">2176.54<\/InstdAmt>/g)).toHaveLength(2);
    expect(xml).toMatch(/<Ustrd>Werkkans BR-\d{6} LKS-2026-00000\d 2026-01 2026-02<\/Ustrd>/);
    expect(xml).toContain('<IBAN>NL91ABNA0417164300</IBAN>');

    const transfers = await t.http.get(`/api/v1/payment-runs/${created.body.id}/transfers`).set(bearer(officer)).expect(200);
    expect(transfers.body.map((x: any) => x.amountCents)).toEqual([217654, 217654]);

    const csv = await t.http.get(`/api/v1/payment-runs/${created.body.id}/export`).set(bearer(officer)).expect(200);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('run,runDate,payee,iban,kind,month,decision,description,amount,status,rejectionReason');
    expect(lines).toHaveLength(5);
    // A payee name a spreadsheet would run as a formula is written as text.
    const payee = transfers.body[0].payeeName;
    await t.dataSource.query(`UPDATE employer SET name = '=HYPERLINK("https://evil.example")' WHERE name = $1`, [payee]);
    const defused = await t.http.get(`/api/v1/payment-runs/${created.body.id}/export`).set(bearer(officer)).expect(200);
    await t.dataSource.query(`UPDATE employer SET name = $1 WHERE name = '=HYPERLINK("https://evil.example")'`, [payee]);
    expect(defused.text).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(defused.text).not.toMatch(/,"?=HYPERLINK/);

    await t.http.post(`/api/v1/payment-runs/${created.body.id}/settle`).set(bearer(officer)).send({ rejections: [] }).expect(409);
    await t.http.post(`/api/v1/payment-runs/${created.body.id}/mark-sent`).set(bearer(officer)).expect(200);
    const settled = await t.http
      .post(`/api/v1/payment-runs/${created.body.id}/settle`)
      .set(bearer(officer))
      .send({ rejections: [] })
      .expect(200);
    expect(settled.body.status).toBe('settled');

    const again = await onDay(t, '2026-03-15', () =>
      t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate: '2026-03-15' }).expect(422),
    );
    expect(again.body.detail).toMatch(/Nothing is due/);
    const schedule = await t.http.get('/api/v1/payment-schedules').set(bearer(employerA.user)).expect(200);
    expect(schedule.body[0].paid).toBe('2176.54');
  });

  it('sends a rejected transfer back to open, with the reason, for a later run', async () => {
    const created = await onDay(t, '2026-04-15', () =>
      t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate: '2026-04-15' }).expect(201),
    );
    await t.http.post(`/api/v1/payment-runs/${created.body.id}/approve`).set(bearer(officer2)).expect(200);
    await t.http.post(`/api/v1/payment-runs/${created.body.id}/mark-sent`).set(bearer(officer)).expect(200);
    const transfers = await t.http.get(`/api/v1/payment-runs/${created.body.id}/transfers`).set(bearer(officer)).expect(200);
    const rejected = transfers.body.find((x: any) => x.payeeName === 'Thuiszorg Noord B.V.');
    await t.http
      .post(`/api/v1/payment-runs/${created.body.id}/settle`)
      .set(bearer(officer))
      .send({ rejections: [{ endToEndId: 'BR-999999-unknown', reason: 'x' }] })
      .expect(400);
    await t.http
      .post(`/api/v1/payment-runs/${created.body.id}/settle`)
      .set(bearer(officer))
      .send({ rejections: [{ endToEndId: rejected.endToEndId, reason: 'AC04 rekening opgeheven' }] })
      .expect(200);
    const [row] = await t.dataSource.query(
      `SELECT r.status, r.rejection_reason, p.status AS payable FROM payment_run_item r JOIN payable_item p ON p.id = r.payable_item_id
        WHERE r.run_id = $1 AND r.employer_id = $2`,
      [created.body.id, employerB.employerId],
    );
    expect(row).toEqual({ status: 'rejected', rejection_reason: 'AC04 rekening opgeheven', payable: 'open' });
    const retry = await onDay(t, '2026-04-15', () =>
      t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate: '2026-04-15' }).expect(201),
    );
    expect(retry.body).toEqual(expect.objectContaining({ itemCount: 1, payeeCount: 1, total: '1088.27' }));
  });

  it('skips held payments until the hold is released', async () => {
    const hold = await t.http
      .post('/api/v1/payment-holds')
      .set(bearer(caseworker))
      .send({ employerId: employerA.employerId, reason: 'Onderzoek urenregistratie.' })
      .expect(201);
    const run = await onDay(t, '2026-05-15', () =>
      t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate: '2026-05-15' }).expect(201),
    );
    const transfers = await t.http.get(`/api/v1/payment-runs/${run.body.id}/transfers`).set(bearer(officer)).expect(200);
    expect(transfers.body.map((x: any) => x.payeeName)).toEqual(['Thuiszorg Noord B.V.']);
    const held = await t.http.get('/api/v1/payment-holds/held-items').set(bearer(officer)).expect(200);
    expect(held.body.length).toBeGreaterThan(0);
    expect(held.body.every((i: any) => i.status === 'open' && i.description.startsWith('LKS'))).toBe(true);
    const [{ n: employerAOpen }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM payable_item WHERE employer_id = $1 AND status = 'open'`,
      [employerA.employerId],
    );
    expect(held.body).toHaveLength(employerAOpen);
    const holds = await t.http.get('/api/v1/payment-holds').set(bearer(officer)).expect(200);
    expect(holds.body.map((h: any) => h.id)).toEqual([hold.body.id]);
    await t.http.delete(`/api/v1/payment-holds/${hold.body.id}`).set(bearer(officer)).expect(200);
    const released = await onDay(t, '2026-05-15', () =>
      t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate: '2026-05-15' }).expect(201),
    );
    expect(released.body.payeeCount).toBe(1);
    const a = await t.http.get(`/api/v1/payment-runs/${released.body.id}/transfers`).set(bearer(officer)).expect(200);
    expect(a.body.map((x: any) => x.payeeName)).toEqual(['Zorggroep Amstelland B.V.']);
  });

  it('puts each instalment in one run only when two officers create runs at the same moment', async () => {
    const results = await onDay(t, '2026-06-15', () =>
      Promise.all(
        [officer, officer2, officer].map((o) =>
          t.http.post('/api/v1/payment-runs').set(bearer(o)).send({ runDate: '2026-06-15' }),
        ),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 422)).toBe(true);
    const [dup] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT payable_item_id FROM payment_run_item WHERE status <> 'rejected' GROUP BY 1 HAVING count(*) > 1) x`,
    );
    expect(dup.n).toBe(0);
    const [due] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM payable_item p WHERE p.status = 'open' AND p.due_date <= '2026-06-15'
         AND NOT EXISTS (SELECT 1 FROM payment_run_item r WHERE r.payable_item_id = p.id AND r.status <> 'rejected')`,
    );
    expect(due.n).toBe(0);
  });

  it('answers a retried create or approve with the same Idempotency-Key with the first result, acting once', async () => {
    const first = await onDay(t, '2026-07-15', () =>
      t.http
        .post('/api/v1/payment-runs')
        .set(bearer(officer))
        .set('Idempotency-Key', 'run-2026-07-a')
        .send({ runDate: '2026-07-15' })
        .expect(201),
    );
    const second = await onDay(t, '2026-07-15', () =>
      t.http
        .post('/api/v1/payment-runs')
        .set(bearer(officer))
        .set('Idempotency-Key', 'run-2026-07-a')
        .send({ runDate: '2026-07-15' })
        .expect(201),
    );
    expect(second.body.id).toBe(first.body.id);
    await onDay(t, '2026-07-16', () =>
      t.http
        .post('/api/v1/payment-runs')
        .set(bearer(officer))
        .set('Idempotency-Key', 'run-2026-07-a')
        .send({ runDate: '2026-07-16' })
        .expect(409),
    );
    const approveA = await t.http
      .post(`/api/v1/payment-runs/${first.body.id}/approve`)
      .set(bearer(officer2))
      .set('Idempotency-Key', 'approve-1')
      .expect(200);
    const approveB = await t.http
      .post(`/api/v1/payment-runs/${first.body.id}/approve`)
      .set(bearer(officer2))
      .set('Idempotency-Key', 'approve-1')
      .expect(200);
    expect(approveB.body).toEqual(approveA.body);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'payment-run.approved' AND entity_id = $1`,
      [first.body.id],
    );
    expect(n).toBe(1);
  });

  it('leaves nothing behind when run creation crashes midway, and the retry pays everything exactly once', async () => {
    await grant(employerA.user, await createParticipant(t, caseworker, '100000009'));
    const runs = t.app.get(PaymentRunsService);
    const original = (runs as any).viewWithin.bind(runs);
    let crash = true;
    jest.spyOn(runs as any, 'viewWithin').mockImplementation(async (...args: unknown[]) => {
      if (crash) {
        crash = false;
        throw new Error('simulated crash after the items were inserted');
      }
      return original(...args);
    });
    const crashed = await onDay(t, '2026-08-15', () =>
      t.http
        .post('/api/v1/payment-runs')
        .set(bearer(officer))
        .set('Idempotency-Key', 'run-2026-08')
        .send({ runDate: '2026-08-15' }),
    );
    expect(crashed.status).toBe(500);
    const [{ n: leftovers }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM payment_run WHERE run_date = '2026-08-15'`,
    );
    expect(leftovers).toBe(0);
    const retried = await onDay(t, '2026-08-15', () =>
      t.http
        .post('/api/v1/payment-runs')
        .set(bearer(officer))
        .set('Idempotency-Key', 'run-2026-08')
        .send({ runDate: '2026-08-15' })
        .expect(201),
    );
    // The new grant's six months (all due by 15 July) are paid, each once.
    expect(retried.body).toEqual(expect.objectContaining({ itemCount: 6, total: '6529.62' }));
    const [dup] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT payable_item_id FROM payment_run_item WHERE status <> 'rejected' GROUP BY 1 HAVING count(*) > 1) x`,
    );
    expect(dup.n).toBe(0);
  });

  it('cancels a run that has not gone to the bank, freeing its items for a next run', async () => {
    await grant(employerB.user, await createParticipant(t, caseworker, '200000032'));
    const run = await onDay(t, '2026-09-15', () =>
      t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate: '2026-09-15' }).expect(201),
    );
    await t.http
      .post(`/api/v1/payment-runs/${run.body.id}/cancel`)
      .set(bearer(officer))
      .send({ reason: 'Verkeerde rundatum.' })
      .expect(200);
    const again = await onDay(t, '2026-09-15', () =>
      t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate: '2026-09-15' }).expect(201),
    );
    expect(again.body.itemCount).toBe(run.body.itemCount);
    await t.http.post(`/api/v1/payment-runs/${again.body.id}/approve`).set(bearer(officer2)).expect(200);
    await t.http.post(`/api/v1/payment-runs/${again.body.id}/mark-sent`).set(bearer(officer)).expect(200);
    await t.http
      .post(`/api/v1/payment-runs/${again.body.id}/cancel`)
      .set(bearer(officer))
      .send({ reason: 'Te laat.' })
      .expect(409);
  });

  it('lets the database refuse a second live run item for the same instalment, whatever the code does', async () => {
    const [item] = await t.dataSource.query(
      `SELECT run_id, payable_item_id, employer_id, bank_account_id, amount_cents FROM payment_run_item WHERE status <> 'rejected' LIMIT 1`,
    );
    await expect(
      t.dataSource.query(
        `INSERT INTO payment_run_item (run_id, payable_item_id, employer_id, bank_account_id, amount_cents, status) VALUES ($1, $2, $3, $4, $5, 'included')`,
        [item.run_id, item.payable_item_id, item.employer_id, item.bank_account_id, item.amount_cents],
      ),
    ).rejects.toThrow(/payment_run_item_once/);
  });
});
