import { Clock } from '../../src/common/clock';
import { createParticipant, proposedApplication, registerEmployer } from '../support/scenario';
import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../support/test-app';

describe('retraining: programmes, nominations, partner confirmation, progress, diploma, drop-out', () => {
  let t: TestApp;
  let admin: TestUser;
  let caseworker: TestUser;
  let partner: TestUser;
  let otherPartner: TestUser;
  let partnerId: string;
  let bolProgramme: any;
  let bblProgramme: any;
  let today = '2026-08-03';
  const participants: string[] = [];

  const participantIds: string[] = [];

  function nominate(cohortId: string, index: number, applicationId?: string) {
    return t.http
      .post('/api/v1/enrolments')
      .set(bearer(caseworker))
      .send({ participantId: participantIds[index], cohortId, ...(applicationId ? { applicationId } : {}) });
  }

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'today').mockImplementation(() => today);
    admin = await createUser(t, ['admin']);
    caseworker = await createUser(t, ['caseworker']);
    const registered = await t.http
      .post('/api/v1/education-partners')
      .set(bearer(admin))
      .send({
        name: 'ROC Amstelstad',
        brinCode: '25lj',
        contact: { name: 'M. Jansen', email: 'zorg@roc.example.nl', phone: '020 555 0000' },
        bankAccount: { iban: 'NL20INGB0001234567', accountHolder: 'ROC Amstelstad' },
      })
      .expect(201);
    expect(registered.body.brinCode).toBe('25LJ');
    partnerId = registered.body.id;
    partner = await createUser(t, ['education-partner'], { educationPartnerId: partnerId });
    const other = await t.http
      .post('/api/v1/education-partners')
      .set(bearer(admin))
      .send({
        name: 'ROC Noord',
        brinCode: '30XY',
        contact: { name: 'K. de Boer', email: 'info@noord.example.nl', phone: '020 555 1111' },
        bankAccount: { iban: 'NL91ABNA0417164300', accountHolder: 'ROC Noord' },
      })
      .expect(201);
    otherPartner = await createUser(t, ['education-partner'], { educationPartnerId: other.body.id });
    const programme = (learningPath: 'BBL' | 'BOL', recoverOnDropout: boolean) => ({
      qualificationName: `Helpende Zorg en Welzijn (${learningPath})`,
      creboCode: '25498',
      mboLevel: 2,
      learningPath,
      educationPartnerId: partnerId,
      durationMonths: 18,
      tuitionCents: 450000,
      shareAtStartPercentage: 40,
      recoverOnDropout,
    });
    const bol = await t.http.post('/api/v1/programmes').set(bearer(admin)).send(programme('BOL', true)).expect(201);
    await t.http
      .post(`/api/v1/programmes/${bol.body.id}/cohorts`)
      .set(bearer(admin))
      .send({ startDate: '2026-09-01', capacity: 3 })
      .expect(201);
    await t.http
      .post(`/api/v1/programmes/${bol.body.id}/cohorts`)
      .set(bearer(admin))
      .send({ startDate: '2027-02-01', capacity: 5 })
      .expect(201);
    bolProgramme = (await t.http.get(`/api/v1/programmes/${bol.body.id}`).set(bearer(partner)).expect(200)).body;
    const bbl = await t.http.post('/api/v1/programmes').set(bearer(admin)).send(programme('BBL', false)).expect(201);
    await t.http
      .post(`/api/v1/programmes/${bbl.body.id}/cohorts`)
      .set(bearer(admin))
      .send({ startDate: '2026-09-01', capacity: 10 })
      .expect(201);
    bblProgramme = (await t.http.get(`/api/v1/programmes/${bbl.body.id}`).set(bearer(partner)).expect(200)).body;
    const bsns = ['111222333', '123456782', '100000009', '200000007', '200000019', '200000020', '200000032', '200000044'];
    for (const bsn of bsns) participants.push(await createParticipant(t, caseworker, bsn, '1985-03-15'));
    for (const number of participants) {
      participantIds.push((await t.dataSource.query('SELECT id FROM participant WHERE participant_number = $1', [number]))[0].id);
    }
  });
  afterAll(() => t.close());

  it('nominates, the partner confirms (tuition at start appears), reports progress and records the diploma (rest of tuition)', async () => {
    const nomination = await nominate(bolProgramme.cohorts[0].id, 0).expect(201);
    expect(nomination.body).toEqual(expect.objectContaining({ status: 'nominated', nominatedOn: '2026-08-03' }));
    expect(nomination.body.participant).toEqual({
      participantNumber: participants[0],
      name: 'Fatima El Amrani',
      dateOfBirth: '1985-03-15',
    });
    expect(JSON.stringify(nomination.body)).not.toMatch(/111222333|bsn/i);

    const id = nomination.body.id;
    const confirmed = await t.http
      .post(`/api/v1/enrolments/${id}/confirm`)
      .set(bearer(partner))
      .send({ studentNumber: 'S100200', actualStartDate: '2026-09-01' })
      .expect(200);
    expect(confirmed.body).toEqual(
      expect.objectContaining({ status: 'confirmed', studentNumber: 'S100200', actualStartDate: '2026-09-01' }),
    );
    // 40% of € 4,500.00 = € 1,800.00 at the start.
    let tuition = await t.dataSource.query(
      `SELECT kind, amount_cents, due_date, status, education_partner_id FROM payable_item WHERE enrolment_id = $1`,
      [id],
    );
    expect(tuition).toEqual([
      { kind: 'tuition', amount_cents: '180000', due_date: '2026-09-01', status: 'open', education_partner_id: partnerId },
    ]);

    // Progress for a period that has not passed yet, or from before the start, is refused (422):
    // it would put the enrolment in progress before the participant began.
    const early = await t.http
      .post(`/api/v1/enrolments/${id}/progress-reports`)
      .set(bearer(partner))
      .send({ periodStart: '2026-09-01', periodEnd: '2026-12-31', attendancePercentage: 92.5, resultSummary: 'Goede voortgang.' })
      .expect(422);
    expect(early.body.invalidParams).toEqual([{ name: 'periodEnd', reason: 'must not be in the future' }]);
    today = '2027-01-04';
    const beforeStart = await t.http
      .post(`/api/v1/enrolments/${id}/progress-reports`)
      .set(bearer(partner))
      .send({ periodStart: '2026-08-01', periodEnd: '2026-12-31', attendancePercentage: 92.5, resultSummary: 'Goede voortgang.' })
      .expect(422);
    expect(beforeStart.body.invalidParams).toEqual([{ name: 'periodStart', reason: 'must be on or after the start 2026-09-01' }]);
    expect((await t.http.get(`/api/v1/enrolments/${id}`).set(bearer(partner)).expect(200)).body.status).toBe('confirmed');

    const progress = await t.http
      .post(`/api/v1/enrolments/${id}/progress-reports`)
      .set(bearer(partner))
      .send({ periodStart: '2026-09-01', periodEnd: '2026-12-31', attendancePercentage: 92.5, resultSummary: 'Goede voortgang.' })
      .expect(200);
    expect(progress.body.status).toBe('in-progress');
    expect(progress.body.progressReports).toEqual([
      { periodStart: '2026-09-01', periodEnd: '2026-12-31', attendancePercentage: '92.5', resultSummary: 'Goede voortgang.' },
    ]);
    // Not yet awarded: a diploma is recorded once it is.
    await t.http.post(`/api/v1/enrolments/${id}/complete`).set(bearer(partner)).send({ diplomaDate: '2028-02-28' }).expect(422);
    today = '2028-03-01';
    const done = await t.http
      .post(`/api/v1/enrolments/${id}/complete`)
      .set(bearer(partner))
      .send({ diplomaDate: '2028-02-28' })
      .expect(200);
    expect(done.body).toEqual(expect.objectContaining({ status: 'completed', diplomaDate: '2028-02-28' }));
    tuition = await t.dataSource.query(`SELECT amount_cents FROM payable_item WHERE enrolment_id = $1 ORDER BY due_date`, [id]);
    // The rest: 4500.00 − 1800.00 = 2700.00.
    expect(tuition.map((r: { amount_cents: string }) => r.amount_cents)).toEqual(['180000', '270000']);
    await t.http
      .post(`/api/v1/enrolments/${id}/drop-out`)
      .set(bearer(partner))
      .send({ dropoutDate: '2028-03-01', reason: 'x' })
      .expect(409);
  });

  it('gives another partner 404 on enrolments, programmes and actions that are not theirs', async () => {
    today = '2026-08-03';
    const [enrolment] = await t.dataSource.query(`SELECT id FROM enrolment LIMIT 1`);
    await t.http.get(`/api/v1/enrolments/${enrolment.id}`).set(bearer(otherPartner)).expect(404);
    await t.http
      .post(`/api/v1/enrolments/${enrolment.id}/progress-reports`)
      .set(bearer(otherPartner))
      .send({ periodStart: '2026-09-01', periodEnd: '2026-09-30', attendancePercentage: 1, resultSummary: 'x' })
      .expect(404);
    await t.http.get(`/api/v1/programmes/${bolProgramme.id}`).set(bearer(otherPartner)).expect(404);
    const list = await t.http.get('/api/v1/enrolments').set(bearer(otherPartner)).expect(200);
    expect(list.body.total).toBe(0);
    const programmes = await t.http.get('/api/v1/programmes').set(bearer(otherPartner)).expect(200);
    expect(programmes.body).toEqual([]);
  });

  it('cancels open tuition and recovers the start tuition already paid when a participant drops out', async () => {
    const nomination = await nominate(bolProgramme.cohorts[1].id, 1).expect(201);
    const id = nomination.body.id;
    await t.http
      .post(`/api/v1/enrolments/${id}/confirm`)
      .set(bearer(partner))
      .send({ studentNumber: 'S100201', actualStartDate: '2027-02-01' })
      .expect(200);
    // The start tuition was paid (a payment run settled it).
    await t.dataSource.query(`UPDATE payable_item SET status = 'paid' WHERE enrolment_id = $1`, [id]);
    today = '2027-04-01';
    const dropped = await t.http
      .post(`/api/v1/enrolments/${id}/drop-out`)
      .set(bearer(caseworker))
      .send({ dropoutDate: '2027-03-15', reason: 'Werk gevonden buiten de zorg.' })
      .expect(200);
    expect(dropped.body).toEqual(expect.objectContaining({ status: 'dropped-out', dropoutDate: '2027-03-15' }));
    const [recovery] = await t.dataSource.query(
      `SELECT amount_cents, status, education_partner_id FROM recovery_item WHERE enrolment_id = $1`,
      [id],
    );
    expect(recovery).toEqual({ amount_cents: '180000', status: 'open', education_partner_id: partnerId });
  });

  it('requires a BBL work placement and shows it, so caseworkers see the LKS application a drop-out affects', async () => {
    const cohortId = bblProgramme.cohorts[0].id;
    const missing = await nominate(cohortId, 2).expect(422);
    expect(missing.body.invalidParams).toEqual([
      { name: 'applicationId', reason: 'is required for a BBL programme (the work placement)' },
    ]);
    const employer = await registerEmployer(t, '12345678', 'hr@zorg-a.nl');
    today = '2026-03-02';
    const regular = await proposedApplication(t, employer.user, caseworker, participants[2], { dateOfBirth: '1985-03-15' });
    today = '2026-08-03';
    const notBbl = await nominate(cohortId, 2, regular).expect(422);
    expect(notBbl.body.invalidParams[0].reason).toBe('is not a BBL contract (scale bbl)');
    today = '2026-03-02';
    const bbl = await proposedApplication(t, employer.user, caseworker, participants[2], {
      application: { scale: 'bbl' },
      dateOfBirth: '1985-03-15',
    });
    today = '2026-08-03';
    const nomination = await nominate(cohortId, 2, bbl).expect(201);
    await t.http
      .post(`/api/v1/enrolments/${nomination.body.id}/confirm`)
      .set(bearer(partner))
      .send({ studentNumber: 'S3', actualStartDate: '2026-09-01' })
      .expect(200);
    today = '2026-10-02';
    const dropped = await t.http
      .post(`/api/v1/enrolments/${nomination.body.id}/drop-out`)
      .set(bearer(partner))
      .send({ dropoutDate: '2026-10-01', reason: 'Uitval.' })
      .expect(200);
    expect(dropped.body.placement).toEqual(expect.objectContaining({ id: bbl, status: 'decision-proposed' }));
  });

  it('refuses more confirmations than places, also when they arrive at the same time', async () => {
    const cohortId = bolProgramme.cohorts[0].id; // 3 places, 1 taken
    const ids: string[] = [];
    for (const i of [3, 4, 5, 6]) ids.push((await nominate(cohortId, i).expect(201)).body.id);
    const results = await Promise.all(
      ids.map((id, n) =>
        t.http
          .post(`/api/v1/enrolments/${id}/confirm`)
          .set(bearer(partner))
          .send({ studentNumber: `S9${n}`, actualStartDate: '2026-09-01' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 422, 422]);
    expect(results.find((r) => r.status === 422)!.body.detail).toMatch(/cohort is full/);
    const [cohort] = await t.dataSource.query(`SELECT capacity, confirmed_count FROM cohort WHERE id = $1`, [cohortId]);
    expect(cohort).toEqual({ capacity: 3, confirmed_count: 3 });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM enrolment WHERE cohort_id = $1 AND status = 'confirmed'`,
      [cohortId],
    );
    // The first enrolment of this cohort is completed by now: exactly the two winners are confirmed.
    expect(n).toBe(2);
  });

  it('confirms a whole cohort all-or-nothing, reporting errors per row', async () => {
    const cohortId = bolProgramme.cohorts[1].id; // 5 places, 1 taken by the drop-out
    const a = (await nominate(cohortId, 2).expect(201)).body.id;
    const b = (await nominate(cohortId, 3).expect(201)).body.id;
    const [declined] = [(await nominate(cohortId, 4).expect(201)).body.id];
    await t.http
      .post(`/api/v1/enrolments/${declined}/decline`)
      .set(bearer(partner))
      .send({ reason: 'Voldoet niet aan de toelatingseisen.' })
      .expect(200);
    const bad = await t.http
      .post(`/api/v1/cohorts/${cohortId}/confirmations`)
      .set(bearer(partner))
      .send({
        confirmations: [
          { enrolmentId: a, studentNumber: 'S1', actualStartDate: '2027-02-01' },
          { enrolmentId: declined, studentNumber: 'S2', actualStartDate: '2027-02-01' },
        ],
      })
      .expect(422);
    expect(bad.body.invalidParams).toEqual([{ name: 'confirmations[1].enrolmentId', reason: 'is declined, not nominated' }]);
    const stillNominated = await t.http.get(`/api/v1/enrolments/${a}`).set(bearer(partner)).expect(200);
    expect(stillNominated.body.status).toBe('nominated');
    const ok = await t.http
      .post(`/api/v1/cohorts/${cohortId}/confirmations`)
      .set(bearer(partner))
      .send({
        confirmations: [
          { enrolmentId: a, studentNumber: 'S1', actualStartDate: '2027-02-01' },
          { enrolmentId: b, studentNumber: 'S2', actualStartDate: '2027-02-01' },
        ],
      })
      .expect(200);
    expect(ok.body.map((e: any) => e.status)).toEqual(['confirmed', 'confirmed']);
    await t.http
      .post(`/api/v1/cohorts/${cohortId}/confirmations`)
      .set(bearer(otherPartner))
      .send({ confirmations: [{ enrolmentId: a, studentNumber: 'S1', actualStartDate: '2027-02-01' }] })
      .expect(404);
  });

  it('declines chosen nominations of a cohort at once with one reason, all-or-nothing, reporting errors per row', async () => {
    const cohortId = bolProgramme.cohorts[1].id;
    const a = (await nominate(cohortId, 5).expect(201)).body.id;
    const b = (await nominate(cohortId, 6).expect(201)).body.id;
    const elsewhere = (await nominate(bolProgramme.cohorts[0].id, 7).expect(201)).body.id;
    const [confirmed] = await t.dataSource.query(
      `SELECT id FROM enrolment WHERE cohort_id = $1 AND status = 'confirmed' LIMIT 1`,
      [cohortId],
    );
    const audits = async () =>
      Number((await t.dataSource.query(`SELECT count(*) AS n FROM audit_event WHERE action = 'enrolment.decline'`))[0].n);
    const auditsBefore = await audits();
    const reason = 'De groep gaat niet door.';
    // A nomination of another cohort, one already answered and one twice: nothing is declined.
    const bad = await t.http
      .post(`/api/v1/cohorts/${cohortId}/declines`)
      .set(bearer(partner))
      .send({ enrolmentIds: [a, elsewhere, confirmed.id, a], reason })
      .expect(422);
    expect(bad.body.invalidParams).toEqual([
      { name: 'enrolmentIds[1]', reason: 'not a nomination in this cohort' },
      { name: 'enrolmentIds[2]', reason: 'is confirmed, not nominated' },
      { name: 'enrolmentIds[3]', reason: 'appears twice' },
    ]);
    expect((await t.http.get(`/api/v1/enrolments/${a}`).set(bearer(partner)).expect(200)).body.status).toBe('nominated');
    expect(await audits()).toBe(auditsBefore);
    // Without a reason the request is refused as a whole.
    await t.http
      .post(`/api/v1/cohorts/${cohortId}/declines`)
      .set(bearer(partner))
      .send({ enrolmentIds: [a] })
      .expect(400);
    // Another partner's cohort is not found, and its nominations are not declined.
    await t.http
      .post(`/api/v1/cohorts/${cohortId}/declines`)
      .set(bearer(otherPartner))
      .send({ enrolmentIds: [a, b], reason })
      .expect(404);
    expect(await audits()).toBe(auditsBefore);

    const ok = await t.http
      .post(`/api/v1/cohorts/${cohortId}/declines`)
      .set(bearer(partner))
      .send({ enrolmentIds: [a, b], reason })
      .expect(200);
    expect(ok.body.map((e: any) => [e.id, e.status, e.declineReason])).toEqual([
      [a, 'declined', reason],
      [b, 'declined', reason],
    ]);
    expect(await audits()).toBe(auditsBefore + 2);
    expect((await t.http.get(`/api/v1/enrolments/${elsewhere}`).set(bearer(partner)).expect(200)).body.status).toBe('nominated');
  });

  it('pays tuition to the partner through a payment run, once its bank account is verified', async () => {
    const caseworker2 = await createUser(t, ['caseworker']);
    const officer = await createUser(t, ['payment-officer']);
    const officer2 = await createUser(t, ['payment-officer']);
    const change = await t.http
      .post(`/api/v1/education-partners/${partnerId}/bank-accounts`)
      .set(bearer(partner))
      .send({ iban: 'NL44 RABO 0123 4567 89', accountHolder: 'ROC Amstelstad' })
      .expect(201);
    await t.http
      .post(`/api/v1/education-partners/${partnerId}/bank-accounts`)
      .set(bearer(otherPartner))
      .send({ iban: 'NL44RABO0123456789', accountHolder: 'x' })
      .expect(404);
    await t.http
      .post(`/api/v1/bank-accounts/${change.body.id}/decision`)
      .set(bearer(caseworker2))
      .send({ decision: 'verified' })
      .expect(200);
    today = '2028-03-01';
    const run = await t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate: '2028-03-01' }).expect(201);
    await t.http.post(`/api/v1/payment-runs/${run.body.id}/approve`).set(bearer(officer2)).expect(200);
    const transfers = await t.http.get(`/api/v1/payment-runs/${run.body.id}/transfers`).set(bearer(officer)).expect(200);
    const roc = transfers.body.find((x: any) => x.payeeName === 'ROC Amstelstad');
    expect(roc.iban).toBe('NL44RABO0123456789');
    // One transfer to the partner: the sum of its open tuition due by the run date.
    const [{ due }] = await t.dataSource.query(
      `SELECT coalesce(sum(amount_cents), 0)::bigint AS due FROM payable_item WHERE education_partner_id = $1 AND status = 'open' AND due_date <= '2028-03-01'`,
      [partnerId],
    );
    expect(roc.amountCents).toBe(Number(due));
    expect(roc.amountCents).toBeGreaterThan(0);
  });

  it('does not pay tuition of a drop-out again when the bank rejects it, and stops recovering it', async () => {
    const officer = await createUser(t, ['payment-officer']);
    const officer2 = await createUser(t, ['payment-officer']);
    today = '2028-03-02';
    const id = (await nominate(bolProgramme.cohorts[1].id, 6).expect(201)).body.id;
    await t.http
      .post(`/api/v1/enrolments/${id}/confirm`)
      .set(bearer(partner))
      .send({ studentNumber: 'S600', actualStartDate: '2027-02-01' })
      .expect(200);
    const run = await t.http.post('/api/v1/payment-runs').set(bearer(officer)).send({ runDate: '2028-03-02' }).expect(201);
    await t.http.post(`/api/v1/payment-runs/${run.body.id}/approve`).set(bearer(officer2)).expect(200);
    await t.http.post(`/api/v1/payment-runs/${run.body.id}/mark-sent`).set(bearer(officer)).expect(200);
    await t.http
      .post(`/api/v1/enrolments/${id}/drop-out`)
      .set(bearer(partner))
      .send({ dropoutDate: '2028-03-02', reason: 'Gestopt.' })
      .expect(200);
    // The start tuition was on its way: counted as paid and recovered.
    let [recovery] = await t.dataSource.query(`SELECT amount_cents, status FROM recovery_item WHERE enrolment_id = $1`, [id]);
    expect(recovery).toEqual({ amount_cents: '180000', status: 'open' });
    const transfers = await t.http.get(`/api/v1/payment-runs/${run.body.id}/transfers`).set(bearer(officer)).expect(200);
    const roc = transfers.body.find((x: any) => x.payeeName === 'ROC Amstelstad');
    await t.http
      .post(`/api/v1/payment-runs/${run.body.id}/settle`)
      .set(bearer(officer))
      .send({ rejections: [{ endToEndId: roc.endToEndId, reason: 'AC01 onjuist rekeningnummer' }] })
      .expect(200);
    const [tuition] = await t.dataSource.query(`SELECT status FROM payable_item WHERE enrolment_id = $1`, [id]);
    expect(tuition.status).toBe('cancelled');
    [recovery] = await t.dataSource.query(`SELECT amount_cents, status FROM recovery_item WHERE enrolment_id = $1`, [id]);
    expect(recovery.status).toBe('written-off');
  });

  it('lists nominations unanswered after 10 working days, and exports open nominations as CSV for the partner', async () => {
    today = '2026-08-03';
    const open = (await nominate(bolProgramme.cohorts[1].id, 7).expect(201)).body.id;
    // Nominated Mon 3 Aug 2026; 10 working days later is Mon 17 Aug. On the 17th it is not yet overdue, on the 18th it is.
    today = '2026-08-17';
    let unanswered = await t.http.get('/api/v1/enrolments/unanswered-nominations').set(bearer(caseworker)).expect(200);
    expect(unanswered.body.map((e: any) => e.id)).not.toContain(open);
    today = '2026-08-18';
    unanswered = await t.http.get('/api/v1/enrolments/unanswered-nominations').set(bearer(caseworker)).expect(200);
    expect(unanswered.body.map((e: any) => e.id)).toContain(open);
    const csv = await t.http.get('/api/v1/enrolments/open-nominations-export').set(bearer(partner)).expect(200);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('enrolmentId,participantNumber,name,dateOfBirth,programme,cohortStart,nominatedOn');
    expect(lines.some((l) => l.startsWith(open))).toBe(true);
    expect(csv.text).not.toMatch(/\d{9}/);
  });
});
