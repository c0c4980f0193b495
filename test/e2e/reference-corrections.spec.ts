import { Clock } from '../../src/common/clock';
import { PaymentSchedulesService } from '../../src/payments/payment-schedules.service';
import {
  createParticipant,
  issueDecision,
  proposedApplication,
  registerEmployer,
  verifyPendingBankAccount,
} from '../support/scenario';
import { minimumWageRatesFor } from '../support/fixtures';
import { portalLogin } from '../support/portal';
import { onDay } from '../support/clock';
import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../support/test-app';

/**
 * A corrected reference value reaches running subsidies: the administrator previews what it changes,
 * confirms it, and a change decision per subsidy (four eyes) brings the payments in line.
 */
describe('corrections of reference data reach running subsidies', () => {
  let t: TestApp;
  let admin: TestUser;
  let caseworker: TestUser;
  let approver: TestUser;
  let officer: TestUser;
  let officer2: TestUser;
  let employer: { employerId: string; user: TestUser };
  let applicationId: string;
  let setId: number;
  let today = '2026-01-20';

  // The set from 2024-01-01 with its 23.5% "entered wrongly" as 24% in this test's story: the
  // correction raises employer costs to 24% (test data; the law has 23.5%).
  const correction = {
    capPercentage: '70.00',
    holidayAllowancePercentage: '8.00',
    employerCostsPercentage: '24.00',
    flatRatePercentage: '50.00',
    flatRateMaxMonths: 6,
    reason: 'Werkgeverslasten verkeerd overgenomen; zie de rectificatie in de Staatscourant.',
  };
  const preview = (body: object = correction) =>
    t.http.post(`/api/v1/lks-parameter-sets/${setId}/correction-previews`).set(bearer(admin)).send(body);
  const confirm = (body: object) => t.http.post(`/api/v1/lks-parameter-sets/${setId}/corrections`).set(bearer(admin)).send(body);
  const counts = async () =>
    (
      await t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM audit_event) AS audits, (SELECT count(*)::int FROM decision) AS decisions,
                (SELECT employer_costs_percentage::text FROM lks_parameter_set WHERE id = $1) AS employer_costs`,
        [setId],
      )
    )[0];
  const instalments = async () =>
    (
      await t.http.get('/api/v1/payment-schedules').query({ applicationId }).set(bearer(employer.user)).expect(200)
    ).body[0].items.map((i: any) => [i.month, i.amount, i.status]);

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'today').mockImplementation(() => today);
    admin = await createUser(t, ['admin']);
    caseworker = await createUser(t, ['caseworker']);
    const caseworker2 = await createUser(t, ['caseworker']);
    approver = await createUser(t, ['approver']);
    officer = await createUser(t, ['payment-officer']);
    officer2 = await createUser(t, ['payment-officer']);
    employer = await registerEmployer(t, '12345678', 'hr@zorg-a.nl', 'Zorggroep Amstelland B.V.');
    await verifyPendingBankAccount(t, employer.employerId, caseworker2);
    // January–June 2026, 32 h, wage value 60%: 1088.27 a month at 23.5%.
    applicationId = await proposedApplication(t, employer.user, caseworker, await createParticipant(t, caseworker, '200000007'));
    await issueDecision(t, caseworker, approver, { applicationId, type: 'grant' });
    today = '2026-02-20';
    const run = await onDay(t, '2026-02-15', () =>
      t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate: '2026-02-15' }).expect(201),
    );
    await t.http.post(`/api/v1/payment-runs/${run.body.id}/approve`).set(bearer(officer2)).expect(200);
    const sets = await t.http.get('/api/v1/lks-parameter-sets').set(bearer(admin)).expect(200);
    setId = sets.body.find((s: any) => s.validFrom === '2024-01-01').id;
  });
  afterAll(() => t.close());

  it('refuses a correction without a reason, with a blank reason, or with a percentage out of range, writing nothing', async () => {
    const before = await counts();
    const { reason, ...noReason } = correction;
    expect((await preview(noReason).expect(400)).body.invalidParams).toEqual([expect.objectContaining({ name: 'reason' })]);
    expect(
      (await confirm({ ...correction, reason: '   ', impactFingerprint: 'a'.repeat(64) }).expect(400)).body.invalidParams,
    ).toEqual([{ name: 'reason', reason: 'must state the reason in 5 to 2000 characters' }]);
    const range = await preview({ ...correction, employerCostsPercentage: '123' }).expect(400);
    expect(range.body.invalidParams).toEqual([expect.objectContaining({ name: 'employerCostsPercentage' })]);
    await t.http.post('/api/v1/lks-parameter-sets/9999/correction-previews').set(bearer(admin)).send(correction).expect(404);
    await t.http
      .post(`/api/v1/lks-parameter-sets/${setId}/correction-previews`)
      .set(bearer(caseworker))
      .send(correction)
      .expect(403);
    expect(await counts()).toEqual(before);
  });

  it('previews which subsidies and instalments change and by how much, without changing anything', async () => {
    const before = await counts();
    const res = await preview().expect(200);
    // At 24%: 14.71 × 32 × 40% × 52/12 × 1.08 × 1.24 = 188.288 × 5.8032 = 1091.0016 + 1.6713216 = 1092.6729216
    // → 1092.67 a month, 4.40 more than 1088.27. January is in an approved run (on its way), February–June open.
    expect(res.body).toEqual({
      activeSubsidies: 1,
      referenceDataChanges: true,
      impactFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      subsidies: [
        expect.objectContaining({
          applicationId,
          effectiveDate: '2026-01-01',
          unpaidDifference: '22.00', // 5 × 4.40
          paidDifference: '4.40',
          problem: null,
          months: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].map((month) => ({
            month,
            decided: '1088.27',
            recalculated: '1092.67',
            difference: '4.40',
            payment: month === '2026-01' ? 'in-run' : 'open',
          })),
        }),
      ],
    });
    expect(await counts()).toEqual(before);
    // Calculations made meanwhile still use the stored 23.5%.
    const calc = await t.http.get(`/api/v1/applications/${applicationId}/lks-calculation`).set(bearer(caseworker)).expect(200);
    expect(calc.body.segments[0].calculation.months[0].total).toBe('1088.27');
  });

  it('confirms only the impact that was seen, then drafts a change decision whose issue brings the instalments in line', async () => {
    const { impactFingerprint } = (await preview().expect(200)).body;
    const before = await counts();
    const stale = await confirm({ ...correction, impactFingerprint: 'b'.repeat(64) }).expect(409);
    expect(stale.body.invalidParams).toEqual([expect.objectContaining({ name: 'impactFingerprint' })]);
    expect(await counts()).toEqual(before);

    const done = await confirm({ ...correction, impactFingerprint }).expect(201);
    expect(done.body.changeDecisions).toEqual([expect.objectContaining({ applicationId, status: 'drafted' })]);
    expect((await counts()).employer_costs).toBe('24.00');
    const [audit] = await t.dataSource.query(
      `SELECT before, after FROM audit_event WHERE action = 'lks-parameter-set.corrected' AND entity_id = $1 AND actor_role <> 'system:migration'`,
      [String(setId)],
    );
    expect(audit.before.employerCostsPercentage).toBe('23.50');
    expect(audit.after).toEqual(expect.objectContaining({ employerCostsPercentage: '24.00', reason: correction.reason }));
    // The issued decision is not changed by the correction: the instalments wait for the change decision.
    const unpaid = (await instalments()).filter((i: string[]) => i[0] >= '2026-02' && i[2] === 'open');
    expect(unpaid.map((i: string[]) => i[1])).toEqual(Array(5).fill('1088.27'));

    const draftId = done.body.changeDecisions[0].decisionId;
    // Confirmed again while that draft waits: the values are already corrected, so nothing changes
    // and nothing is drafted a second time.
    const decisions = (await counts()).decisions;
    const again = (await preview().expect(200)).body;
    expect(again).toEqual(expect.objectContaining({ referenceDataChanges: false, subsidies: [] }));
    const waiting = await confirm({ ...correction, impactFingerprint: again.impactFingerprint }).expect(201);
    expect(waiting.body.changeDecisions).toEqual([]);
    expect((await counts()).decisions).toBe(decisions);
    // Another correction while that draft (calculated with the old values) waits is refused whole:
    // approving the draft would otherwise pay the old amounts and lose the correction.
    const other = { ...correction, employerCostsPercentage: '24.50' };
    const shown = (await preview(other).expect(200)).body;
    expect(shown.subsidies[0].note).toContain('A draft decision is waiting for approval');
    const beforeOther = await counts();
    await confirm({ ...other, impactFingerprint: shown.impactFingerprint }).expect(409);
    expect(await counts()).toEqual(beforeOther);

    const draft = await t.http.get(`/api/v1/decisions/${draftId}`).set(bearer(approver)).expect(200);
    expect(draft.body).toEqual(expect.objectContaining({ type: 'change', effectiveDate: '2026-01-01', total: '6556.02' })); // 6 × 1092.67
    expect(draft.body.reasons).toContain(correction.reason);
    await t.http.post(`/api/v1/decisions/${draftId}/approve`).set(bearer(approver)).expect(200);
    await t.app.get(PaymentSchedulesService).processOutbox();

    const after = await instalments();
    expect(after.filter((i: string[]) => i[0] >= '2026-02' && i[2] === 'open').map((i: string[]) => i[1])).toEqual(
      Array(5).fill('1092.67'),
    );
    // January was on its way at 1088.27: the 4.40 more is paid with the next instalment.
    const [correctionItem] = await t.dataSource.query(
      `SELECT amount_cents FROM payable_item WHERE kind = 'lks-correction' AND decision_id = $1`,
      [draftId],
    );
    expect(correctionItem).toEqual({ amount_cents: '440' });
    const issued = await t.dataSource.query(`SELECT snapshot FROM decision WHERE id = $1`, [draftId]);
    expect(issued[0].snapshot.calculation.employerCostsPercentage).toBe('24');
  });

  it('is safe to repeat: a waiting draft is not drafted twice, and once issued there is nothing left to do', async () => {
    const again = await preview().expect(200);
    expect(again.body).toEqual(expect.objectContaining({ referenceDataChanges: false, subsidies: [] }));
    const before = await counts();
    const repeated = await confirm({ ...correction, impactFingerprint: again.body.impactFingerprint }).expect(201);
    expect(repeated.body.changeDecisions).toEqual([]);
    expect((await counts()).decisions).toBe(before.decisions);
  });

  it('lets an administrator correct a minimum wage period in the portal: form, impact page, confirmation', async () => {
    const portal = await portalLogin(t, admin);
    const BASE = '/portaal/backoffice/referentiegegevens';
    const period = (await t.http.get('/api/v1/minimum-wage-periods').set(bearer(admin)).expect(200)).body.items.find(
      (p: any) => p.validFrom === '2026-01-01',
    );
    const overview = await portal.agent.get(BASE).expect(200);
    expect(overview.text).toContain(`${BASE}/minimumloon/${period.id}/corrigeren`);
    const formPage = await portal.agent.get(`${BASE}/minimumloon/${period.id}/corrigeren`).expect(200);
    expect(formPage.text).toContain('id="rates[0].hourly" name="rates[0].hourly" type="text" inputmode="decimal" value="14,71"');

    // The adult amount "was published as" 14.72 (test data), every other row following from it.
    const form: Record<string, string> = { _csrf: portal.csrf, reason: '' };
    minimumWageRatesFor('14.72').forEach((r, i) => {
      form[`rates[${i}].percentage`] = r.percentage.replace('.', ',');
      form[`rates[${i}].hourly`] = r.hourly.replace('.', ',');
    });
    const before = await counts();
    const noReason = await portal.agent.post(`${BASE}/minimumloon/${period.id}/corrigeren`).type('form').send(form).expect(400);
    expect(noReason.text).toContain('Vul dit veld in.');
    expect(await counts()).toEqual(before);

    form.reason = 'Uurbedrag 21 jaar en ouder gerectificeerd.';
    const impact = await portal.agent.post(`${BASE}/minimumloon/${period.id}/corrigeren`).type('form').send(form).expect(200);
    // 24% since the correction above: 14.72 × 32 × 40% × 5.8032 = 188.416 × 5.8032 = 1091.0016 + 2.4141312
    // = 1093.4157312 → 1093.42, against 1092.67 decided: 0.75 more a month.
    expect(impact.text).toContain('Gevolgen van de wijziging');
    expect(impact.text).toMatch(
      /maart 2026<\/th>\s*<td[^>]*>€ 1\.092,67<\/td>\s*<td[^>]*>€ 1\.093,42<\/td>\s*<td[^>]*>€ 0,75<\/td>/,
    );
    expect(await counts()).toEqual(before);
    const fingerprint = /name="impactFingerprint" value="([0-9a-f]{64})"/.exec(impact.text)?.[1];
    expect(fingerprint).toBeDefined();

    const done = await portal.agent
      .post(`${BASE}/minimumloon/${period.id}/corrigeren/bevestigen`)
      .type('form')
      .send({ ...form, impactFingerprint: fingerprint })
      .expect(303);
    expect(done.headers.location).toBe(BASE);
    const flash = await portal.agent.get(BASE).expect(200);
    expect(flash.text).toContain(
      'De correctie is vastgelegd. 1 wijzigingsbesluit staat klaar voor goedkeuring door een fiatteur.',
    );
    const [rate] = await t.dataSource.query(
      `SELECT hourly::text FROM minimum_wage_rate WHERE period_id = $1 AND scale = 'regular' AND age = 21`,
      [period.id],
    );
    expect(rate.hourly).toBe('14.72');
    expect((await counts()).decisions).toBe(before.decisions + 1);
  });

  it('lets an addition that changes decided amounts through only with its impact confirmed (latest period open ended)', async () => {
    // Applied for within six months after the start (a person supported by the municipality), assessed on the start.
    today = '2026-07-10';
    // The admin had entered 1 July 2026 without an end: months after it are calculated with 14.99.
    const july = await t.http
      .post('/api/v1/minimum-wage-periods')
      .set(bearer(admin))
      .send({ validFrom: '2026-07-01', validUntil: null, rates: minimumWageRatesFor('14.99') })
      .expect(201);
    expect(july.body.changeDecisions).toEqual([]);
    const second = await proposedApplication(t, employer.user, caseworker, await createParticipant(t, caseworker, '123456782'), {
      application: { contractStart: '2026-07-01', contractEnd: '2027-06-30' },
    });
    await issueDecision(t, caseworker, approver, { applicationId: second, type: 'grant' });

    // 1 January 2027 at 15.30 (test data). At 24% employer costs (corrected above), 32 h, 60%:
    // 14.99 × 12.8 × 5.8032 = 191.872 × 5.8032 = 1113.4715904 → 1113.47 decided;
    // 15.30 × 12.8 × 5.8032 = 195.84 × 5.8032 = 1136.498688 → 1136.50 recalculated: 23.03 more a month.
    const january = { validFrom: '2027-01-01', validUntil: null, rates: minimumWageRatesFor('15.30') };
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM minimum_wage_period`);
    const refused = await t.http.post('/api/v1/minimum-wage-periods').set(bearer(admin)).send(january).expect(409);
    expect(refused.body.invalidParams).toEqual([expect.objectContaining({ name: 'impactFingerprint' })]);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM minimum_wage_period`)).toEqual(before);

    const impact = await t.http.post('/api/v1/minimum-wage-periods/impact-previews').set(bearer(admin)).send(january).expect(200);
    expect(impact.body.subsidies).toEqual([
      expect.objectContaining({
        applicationId: second,
        effectiveDate: '2027-01-01',
        unpaidDifference: '138.18', // 6 × 23.03
        months: ['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06'].map((month) => ({
          month,
          decided: '1113.47',
          recalculated: '1136.50',
          difference: '23.03',
          payment: 'open',
        })),
      }),
    ]);
    const added = await t.http
      .post('/api/v1/minimum-wage-periods')
      .set(bearer(admin))
      .send({ ...january, impactFingerprint: impact.body.impactFingerprint })
      .expect(201);
    expect(added.body.changeDecisions).toEqual([expect.objectContaining({ applicationId: second, status: 'drafted' })]);
    const [closed] = await t.dataSource.query(
      `SELECT valid_until::text FROM minimum_wage_period WHERE valid_from = '2026-07-01'`,
    );
    expect(closed.valid_until).toBe('2026-12-31');
  });
});
