import { Clock } from '../../../src/common/clock';
import { portalLogin, type PortalAgent } from '../../support/portal';
import {
  APPLICATION,
  createParticipant,
  issueDecision,
  proposedApplication,
  registerEmployer,
  verifyPendingBankAccount,
} from '../../support/scenario';
import { onDay } from '../../support/clock';
import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../../support/test-app';

/** The cell texts of each body row of the table with this id. */
function tableRows(html: string, id: string): string[][] {
  const table = new RegExp(`<table[^>]*id="${id}"[\\s\\S]*?</table>`).exec(html);
  if (!table) throw new Error(`No table ${id}`);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table[0])![1];
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      cell[1]
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

describe('backoffice overview: figures and charts equal what the database holds', () => {
  let t: TestApp;
  let caseworker: TestUser;
  let approver: TestUser;
  let employer: { employerId: string; user: TestUser };
  let staff: PortalAgent;
  let html: string;
  let grantA: string;
  let grantB: string;
  let planB: { code: string; name: string };

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'today').mockImplementation(() => '2026-02-20');
    caseworker = await createUser(t, ['caseworker']);
    const verifier = await createUser(t, ['caseworker']);
    approver = await createUser(t, ['approver']);
    const admin = await createUser(t, ['admin']);
    const officer = await createUser(t, ['payment-officer']);
    const officer2 = await createUser(t, ['payment-officer']);
    employer = await registerEmployer(t, '12345678', 'hr@overzicht.nl', 'Zorggroep Overzicht B.V.');
    await verifyPendingBankAccount(t, employer.employerId, verifier);
    [planB] = await t.dataSource.query(
      `SELECT code, name FROM code_list_item WHERE list = 'job-plan' AND active AND code <> 'zorg' ORDER BY code LIMIT 1`,
    );

    // Two grants in two job plans (the second decided 84 days (12 weeks) after submission), one rejection,
    // one application still waiting.
    grantA = await proposedApplication(t, employer.user, caseworker, await createParticipant(t, caseworker, '111222333'));
    await issueDecision(t, caseworker, approver, { applicationId: grantA, type: 'grant' });
    grantB = await proposedApplication(t, employer.user, caseworker, await createParticipant(t, caseworker, '123456782'), {
      application: { jobPlan: planB.code },
      percentage: 50,
    });
    await issueDecision(t, caseworker, approver, { applicationId: grantB, type: 'grant' });
    await t.dataSource.query(`UPDATE application SET submitted_on = '2025-11-28' WHERE id = $1`, [grantB]);
    const rejected = await proposedApplication(
      t,
      employer.user,
      caseworker,
      await createParticipant(t, caseworker, '100000009'),
      {
        outcome: 'reject',
      },
    );
    await issueDecision(t, caseworker, approver, { applicationId: rejected, type: 'rejection' });

    // Decided after more than 8 calendar weeks, yet within their own term by the decision clock:
    // 13 weeks, with the term suspended 49 days for information (asked 1 Dec, received 20 Jan), and
    // 11 weeks with the term extended once by 6 weeks (the wage value measured late enough that its
    // five-week term does not end first). Decided after its deadline despite a
    // suspension of 3 days: 14 weeks. All three are decided on 20 February 2026.
    const numbers = [
      await createParticipant(t, caseworker, '200000044'),
      await createParticipant(t, caseworker, '200000056'),
      await createParticipant(t, caseworker, '200000068'),
    ];
    const [suspended, extended, lateDespiteSuspension] = [
      await proposedApplication(t, employer.user, caseworker, numbers[0], { outcome: 'reject' }),
      await proposedApplication(t, employer.user, caseworker, numbers[1], { outcome: 'reject' }),
      await proposedApplication(t, employer.user, caseworker, numbers[2], { outcome: 'reject' }),
    ];
    // Rejections, so the payment figures stay those of the two grants.
    for (const id of [suspended, extended, lateDespiteSuspension]) {
      await issueDecision(t, caseworker, approver, { applicationId: id, type: 'rejection' });
    }
    const informationRequest = (id: string, requestedOn: string, receivedOn: string) =>
      t.dataSource.query(
        `INSERT INTO information_request (application_id, requested_on, question, received_on) VALUES ($1, $2, 'Loonstrook?', $3)`,
        [id, requestedOn, receivedOn],
      );
    await t.dataSource.query(`UPDATE application SET submitted_on = '2025-11-21' WHERE id = $1`, [suspended]);
    await informationRequest(suspended, '2025-12-01', '2026-01-20');
    await t.dataSource.query(
      `UPDATE application SET submitted_on = '2025-12-05', extension_weeks = 6, extension_reason = 'Advies nodig.' WHERE id = $1`,
      [extended],
    );
    // Its wage value was measured on 2 February, so the five weeks after it (Participatiewet art. 10d)
    // end on 9 March, after the decision; measured on 1 January they would have ended on 5 February.
    await t.dataSource.query(`UPDATE wage_value_assessment SET assessed_on = '2026-02-02' WHERE application_id = $1`, [extended]);
    await t.dataSource.query(`UPDATE application SET submitted_on = '2025-11-14' WHERE id = $1`, [lateDespiteSuspension]);
    await informationRequest(lateDespiteSuspension, '2025-11-17', '2025-11-21');
    const waiting = await t.http
      .post('/api/v1/applications')
      .set(bearer(employer.user))
      .send({
        ...APPLICATION,
        participant: { participantNumber: await createParticipant(t, caseworker, '200000007'), dateOfBirth: '1990-05-01' },
      })
      .expect(201);
    await t.http.post(`/api/v1/applications/${waiting.body.id}/submit`).set(bearer(employer.user)).expect(200);

    // January and February are paid in a settled run; the other months stay scheduled.
    const run = await onDay(t, '2026-03-15', () =>
      t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate: '2026-03-15' }).expect(201),
    );
    await t.http.post(`/api/v1/payment-runs/${run.body.id}/approve`).set(bearer(officer2)).expect(200);
    await t.http.post(`/api/v1/payment-runs/${run.body.id}/mark-sent`).set(bearer(officer)).expect(200);
    await t.http.post(`/api/v1/payment-runs/${run.body.id}/settle`).set(bearer(officer)).send({ rejections: [] }).expect(200);

    // Retraining: three nominations; the partner confirms one and declines one.
    const partner = await t.http
      .post('/api/v1/education-partners')
      .set(bearer(admin))
      .send({
        name: 'ROC Amstelstad',
        brinCode: '25LJ',
        contact: { name: 'M. Jansen', email: 'zorg@roc.example.nl', phone: '020 555 0000' },
        bankAccount: { iban: 'NL20INGB0001234567', accountHolder: 'ROC Amstelstad' },
      })
      .expect(201);
    const partnerUser = await createUser(t, ['education-partner'], { educationPartnerId: partner.body.id });
    const programme = await t.http
      .post('/api/v1/programmes')
      .set(bearer(admin))
      .send({
        qualificationName: 'Helpende Zorg en Welzijn (BOL)',
        creboCode: '25498',
        mboLevel: 2,
        learningPath: 'BOL',
        educationPartnerId: partner.body.id,
        durationMonths: 18,
        tuitionCents: 450000,
        shareAtStartPercentage: 40,
        recoverOnDropout: true,
      })
      .expect(201);
    const cohort = await t.http
      .post(`/api/v1/programmes/${programme.body.id}/cohorts`)
      .set(bearer(admin))
      .send({ startDate: '2026-09-01', capacity: 10 })
      .expect(201);
    const enrolments: string[] = [];
    for (const bsn of ['200000019', '200000020', '200000032']) {
      const number = await createParticipant(t, caseworker, bsn, '1985-03-15');
      const [{ id }] = await t.dataSource.query('SELECT id FROM participant WHERE participant_number = $1', [number]);
      const nomination = await t.http
        .post('/api/v1/enrolments')
        .set(bearer(caseworker))
        .send({ participantId: id, cohortId: cohort.body.id })
        .expect(201);
      enrolments.push(nomination.body.id);
    }
    await t.http
      .post(`/api/v1/enrolments/${enrolments[0]}/confirm`)
      .set(bearer(partnerUser))
      .send({ studentNumber: 'S100200', actualStartDate: '2026-09-01' })
      .expect(200);
    await t.http
      .post(`/api/v1/enrolments/${enrolments[1]}/decline`)
      .set(bearer(partnerUser))
      .send({ reason: 'Geen plaats in de praktijk.' })
      .expect(200);

    staff = await portalLogin(t, await createUser(t, ['payment-officer']));
    html = (await staff.agent.get('/portaal/backoffice').expect(200)).text;
  }, 120_000);
  afterAll(() => t.close());

  it('is open to every backoffice role and closed to employers', async () => {
    for (const role of ['caseworker', 'approver', 'admin'] as const) {
      const { agent } = await portalLogin(t, await createUser(t, [role]));
      await agent.get('/portaal/backoffice').expect(200);
    }
    const { agent } = await portalLogin(t, employer.user, 'a-long-enough-password');
    const res = await agent.get('/portaal/backoffice').expect(403);
    expect(res.text).toContain('Geen toegang');
    expect(res.text).not.toContain('Aanvragen per status');
  });

  it('counts applications per status as the database does', async () => {
    const rows = tableRows(html, 'tabel-status');
    expect(rows).toContainEqual(['Lopend', '2']);
    expect(rows).toContainEqual(['Afgewezen', '4']);
    expect(rows).toContainEqual(['Ingediend', '1']);
    const db: Array<{ status: string; n: number }> = await t.dataSource.query(
      `SELECT status, count(*)::int AS n FROM application GROUP BY status`,
    );
    const total = rows.reduce((sum, [, n]) => sum + Number(n), 0);
    expect(total).toBe(db.reduce((sum, r) => sum + r.n, 0));
    expect(rows).toHaveLength(10);
    // The chart: an image with a name and description, one bar per status that has applications.
    const svg = /<svg class="wk-chart" role="img" aria-labelledby="grafiek-status-title grafiek-status-desc"[\s\S]*?<\/svg>/.exec(
      html,
    )![0];
    expect(svg).toContain('<title id="grafiek-status-title">Staafdiagram: aanvragen per status</title>');
    expect(svg.match(/<rect /g)).toHaveLength(db.length);
  });

  it('shows processing time in weeks, and counts a decision late only after its own term (the decision clock)', async () => {
    const rows = tableRows(html, 'tabel-doorlooptijd');
    // Weeks from submission to decision; within and after the term as the work queue's clock says.
    expect(rows[0]).toEqual(['1 week', '2', '2', '0']);
    expect(rows.find((r) => r[0] === '8 weken')).toEqual(['8 weken', '0', '0', '0']);
    expect(rows).toContainEqual(['11 weken', '1', '1', '0']); // extended by 6 weeks: deadline 13 March 2026
    expect(rows).toContainEqual(['12 weken', '1', '0', '1']); // no suspension or extension: deadline 23 January 2026
    expect(rows).toContainEqual(['13 weken', '1', '1', '0']); // suspended 49 days: deadline 6 March 2026
    expect(rows).toContainEqual(['14 weken', '1', '0', '1']); // suspended 3 days: deadline 12 January 2026
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM application WHERE decided_on IS NOT NULL`);
    expect(rows.reduce((sum, [, count]) => sum + Number(count), 0)).toBe(n);
    expect(html).toContain('4 van 6');
    expect(html).toContain('besluiten binnen de beslistermijn genomen');
    expect(html).toContain('8 weken na indienen');
    // The late decisions are the marked part of their columns.
    const svg = /<svg[^>]*aria-labelledby="grafiek-doorlooptijd-title[\s\S]*?<\/svg>/.exec(html)![0];
    expect(svg.match(/<rect class="wk-series-0 wk-part-1 wk-bar--alert"/g)).toHaveLength(2);
    expect(svg.match(/<rect class="wk-series-0 wk-part-0"/g)).toHaveLength(3);
  });

  it('sums paid and scheduled LKS payments per month and job plan as the database does', async () => {
    const rows = tableRows(html, 'tabel-betalingen');
    const db: Array<{ month: string; plan: string; paid: string; open: string }> = await t.dataSource.query(
      `SELECT i.month, a.job_plan_code AS plan,
              coalesce(sum(i.amount_cents) FILTER (WHERE i.status = 'paid'), 0)::text AS paid,
              coalesce(sum(i.amount_cents) FILTER (WHERE i.status = 'open'), 0)::text AS open
         FROM payable_item i JOIN payment_schedule s ON s.id = i.schedule_id JOIN application a ON a.id = s.application_id
        GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(db.length).toBe(12);
    expect(rows).toHaveLength(db.length);
    const { euroFromCents, dutchMonth } = await import('../../../src/portal/shared/format');
    const names: Record<string, string> = { zorg: 'Zorg', [planB.code]: planB.name };
    const [zorgName] = await t.dataSource.query(`SELECT name FROM code_list_item WHERE list = 'job-plan' AND code = 'zorg'`);
    names.zorg = zorgName.name;
    for (const r of db) {
      expect(rows).toContainEqual([dutchMonth(r.month), names[r.plan], euroFromCents(r.paid), euroFromCents(r.open)]);
    }
    expect(rows).toContainEqual(['januari 2026', names.zorg, '€ 1.088,27', '€ 0,00']);
    expect(rows).toContainEqual(['maart 2026', names.zorg, '€ 0,00', '€ 1.088,27']);
    expect(html).toContain('Totaal betaald');
  });

  it('counts enrolments per status', async () => {
    const rows = tableRows(html, 'tabel-inschrijvingen');
    expect(rows).toEqual([
      ['Voorgedragen', '1'],
      ['Bevestigd', '1'],
      ['Afgewezen door opleider', '1'],
      ['Bezig met opleiding', '0'],
      ['Diploma behaald', '0'],
      ['Voortijdig gestopt', '0'],
    ]);
  });
});
