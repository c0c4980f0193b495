import { binary } from '../support/http';
import { Clock } from '../../src/common/clock';
import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../support/test-app';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

function registration(kvk: string, email: string) {
  return {
    name: `Zorggroep ${kvk} B.V.`,
    kvkNumber: kvk,
    payrollTaxNumber: '123456782L01',
    address: { street: 'Amstelplein', houseNumber: '12a', postalCode: '1096 BC', city: 'Amsterdam' },
    contact: { name: 'H. de Vries', email: 'hr@example.nl', phone: '020 123 4567' },
    bankAccount: { iban: 'NL91 ABNA 0417 1643 00', accountHolder: 'Zorggroep B.V.', bic: 'ABNANL2A' },
    account: { email, displayName: 'Hanna de Vries', password: 'a-long-enough-password' },
  };
}

async function login(t: TestApp, email: string): Promise<TestUser> {
  const res = await t.http.post('/api/v1/auth/token').send({ email, password: 'a-long-enough-password' }).expect(200);
  return { id: '', email, token: res.body.accessToken };
}

describe('employer applications, from registration to a proposed decision', () => {
  let t: TestApp;
  let caseworker: TestUser;
  let caseworker2: TestUser;
  let employer: TestUser;
  let other: TestUser;
  let employerId: string;
  let participantNumber: string;
  let today = '2026-03-02';

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'today').mockImplementation(() => today);
    caseworker = await createUser(t, ['caseworker']);
    caseworker2 = await createUser(t, ['caseworker']);
    const registered = await t.http.post('/api/v1/employers').send(registration('12345678', 'hr@zorg-a.nl')).expect(201);
    employerId = registered.body.employer.id;
    employer = await login(t, 'hr@zorg-a.nl');
    await t.http.post('/api/v1/employers').send(registration('87654321', 'hr@zorg-b.nl')).expect(201);
    other = await login(t, 'hr@zorg-b.nl');
    const participant = await t.http
      .post('/api/v1/participants')
      .set(bearer(caseworker))
      .send({
        givenNames: 'Fatima',
        familyName: 'El Amrani',
        dateOfBirth: '1990-05-01',
        bsn: '111222333',
        educationLevel: 'vmbo',
      })
      .expect(201);
    participantNumber = participant.body.participantNumber;
    expect(participant.body.bsnMasked).toBe('******333');
    expect(JSON.stringify(participant.body)).not.toContain('111222333');
  });
  afterAll(() => t.close());

  const application = (overrides: object = {}) => ({
    participant: { participantNumber, dateOfBirth: '1990-05-01' },
    jobTitle: 'Helpende zorg en welzijn',
    sector: 'Zorg en welzijn',
    jobPlan: 'zorg',
    contractStart: '2026-03-01',
    contractEnd: '2026-06-30',
    hoursPerWeek: 32,
    fullTimeHoursPerWeek: 36,
    grossHourlyWage: '15.20',
    scale: 'regular',
    flatRateRequested: false,
    employmentOrigin: 'municipality-placement',
    ...overrides,
  });

  it('registers an employer with a pending bank account that a caseworker verifies', async () => {
    const view = await t.http.get(`/api/v1/employers/${employerId}`).set(bearer(employer)).expect(200);
    expect(view.body.pendingBankAccount).toEqual(expect.objectContaining({ iban: 'NL91 ABNA 0417 1643 00', status: 'pending' }));
    expect(view.body.verifiedBankAccount).toBeNull();
    expect(view.headers.etag).toBe('"1"');
    const verified = await t.http
      .post(`/api/v1/bank-accounts/${view.body.pendingBankAccount.id}/decision`)
      .set(bearer(caseworker))
      .send({ decision: 'verified' })
      .expect(200);
    expect(verified.body.status).toBe('verified');
  });

  it('keeps the verified account until a changed IBAN is verified, by someone other than who entered it', async () => {
    const change = await t.http
      .post(`/api/v1/employers/${employerId}/bank-accounts`)
      .set(bearer(caseworker))
      .send({ iban: 'NL20INGB0001234567', accountHolder: 'Zorggroep B.V.' })
      .expect(201);
    let view = await t.http.get(`/api/v1/employers/${employerId}`).set(bearer(employer)).expect(200);
    expect(view.body.verifiedBankAccount.iban).toBe('NL91 ABNA 0417 1643 00');
    expect(view.body.pendingBankAccount.iban).toBe('NL20 INGB 0001 2345 67');
    await t.http
      .post(`/api/v1/bank-accounts/${change.body.id}/decision`)
      .set(bearer(caseworker))
      .send({ decision: 'verified' })
      .expect(403);
    await t.http
      .post(`/api/v1/bank-accounts/${change.body.id}/decision`)
      .set(bearer(caseworker2))
      .send({ decision: 'verified' })
      .expect(200);
    view = await t.http.get(`/api/v1/employers/${employerId}`).set(bearer(employer)).expect(200);
    expect(view.body.verifiedBankAccount.iban).toBe('NL20 INGB 0001 2345 67');
    const audit = await t.dataSource.query(`SELECT action FROM audit_event WHERE entity_type = 'bank-account' ORDER BY id`);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining(['bank-account.requested', 'bank-account.verified', 'bank-account.superseded']),
    );
  });

  it('refuses invalid registrations naming the field, and writes nothing', async () => {
    const [{ count: before }] = await t.dataSource.query('SELECT count(*) FROM employer');
    const bad = registration('1234567', 'x@example.nl');
    bad.bankAccount.iban = 'NL91ABNA0417164301';
    bad.payrollTaxNumber = '123456789L01';
    const res = await t.http.post('/api/v1/employers').send(bad).expect(400);
    expect(res.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual([
      'bankAccount.iban',
      'kvkNumber',
      'payrollTaxNumber',
    ]);
    const duplicate = await t.http.post('/api/v1/employers').send(registration('12345678', 'y@example.nl')).expect(409);
    expect(duplicate.body.invalidParams[0].name).toBe('kvkNumber');
    const [{ count: after }] = await t.dataSource.query('SELECT count(*) FROM employer');
    expect(after).toBe(before);
    const users = await t.dataSource.query(`SELECT 1 FROM app_user WHERE email = 'y@example.nl'`);
    expect(users).toHaveLength(0);
  });

  it('refuses a wage below the minimum wage with a 422 that says why', async () => {
    const res = await t.http
      .post('/api/v1/applications')
      .set(bearer(employer))
      .send(application({ grossHourlyWage: '14.70' }))
      .expect(422);
    expect(res.body.invalidParams).toEqual([
      { name: 'grossHourlyWage', reason: 'must be at least 14.71 (minimum wage for age 35, scale regular)' },
    ]);
    expect(res.body.detail).toMatch(/€14\.70 is below the minimum wage of €14\.71/);
  });

  it('refuses a participant number with the wrong date of birth, so numbers cannot be tried', async () => {
    const res = await t.http
      .post('/api/v1/applications')
      .set(bearer(employer))
      .send(application({ participant: { participantNumber, dateOfBirth: '1990-05-02' } }))
      .expect(422);
    expect(res.body.invalidParams).toEqual([{ name: 'participant', reason: 'no matching participant' }]);
    expect(JSON.stringify(res.body)).not.toContain('Fatima');
  });

  it('finds the candidate by BSN with date of birth, without echoing the BSN', async () => {
    const res = await t.http
      .post('/api/v1/applications')
      .set(bearer(employer))
      .send(application({ participant: { bsn: '111222333', dateOfBirth: '1990-05-01' } }))
      .expect(201);
    expect(res.body.participant).toEqual({ participantNumber, name: 'Fatima El Amrani', dateOfBirth: '1990-05-01' });
    expect(JSON.stringify(res.body)).not.toContain('111222333');
    const wrongBirthDate = await t.http
      .post('/api/v1/applications')
      .set(bearer(employer))
      .send(application({ participant: { bsn: '111222333', dateOfBirth: '1990-05-02' } }))
      .expect(422);
    expect(wrongBirthDate.body.invalidParams).toEqual([{ name: 'participant', reason: 'no matching participant' }]);
  });

  it('takes an application from draft to a proposed grant with the clock suspended while information is requested', async () => {
    today = '2026-03-02';
    const draft = await t.http.post('/api/v1/applications').set(bearer(employer)).send(application()).expect(201);
    const id = draft.body.id;
    expect(draft.body).toEqual(
      expect.objectContaining({ status: 'draft', decisionClock: null, allowedActions: expect.arrayContaining(['submit']) }),
    );

    // Editing needs the ETag: without it 428, with a stale one 412.
    await t.http.patch(`/api/v1/applications/${id}`).set(bearer(employer)).send({ hoursPerWeek: 30 }).expect(428);
    await t.http
      .patch(`/api/v1/applications/${id}`)
      .set(bearer(employer))
      .set('If-Match', '"7"')
      .send({ hoursPerWeek: 30 })
      .expect(412);
    const edited = await t.http
      .patch(`/api/v1/applications/${id}`)
      .set(bearer(employer))
      .set('If-Match', draft.headers.etag)
      .send({ hoursPerWeek: 32, flatRateRequested: true })
      .expect(200);
    expect(edited.body.version).toBe(2);

    const doc = await t.http
      .post(`/api/v1/applications/${id}/documents`)
      .set(bearer(employer))
      .field('kind', 'employment-contract')
      .attach('file', PDF, 'arbeidsovereenkomst.pdf')
      .expect(201);
    expect(doc.body).toEqual(expect.objectContaining({ contentType: 'application/pdf', sizeBytes: PDF.length }));

    const submitted = await t.http.post(`/api/v1/applications/${id}/submit`).set(bearer(employer)).expect(200);
    // 2 March + 8 weeks = Mon 27 April 2026 = Koningsdag → Tue 28 April (Algemene termijnenwet).
    expect(submitted.body.decisionClock).toEqual(
      expect.objectContaining({ baseDeadline: '2026-04-27', deadline: '2026-04-28', state: 'running', daysLeft: 57 }),
    );
    await t.http
      .patch(`/api/v1/applications/${id}`)
      .set(bearer(employer))
      .set('If-Match', submitted.headers.etag)
      .send({ jobTitle: 'x' })
      .expect(409);

    await t.http.post(`/api/v1/applications/${id}/start-assessment`).set(bearer(caseworker)).expect(200);
    today = '2026-03-10';
    const requested = await t.http
      .post(`/api/v1/applications/${id}/request-information`)
      .set(bearer(caseworker))
      .send({ question: 'Please send a recent pay slip.' })
      .expect(200);
    expect(requested.body.status).toBe('information-requested');
    expect(requested.body.decisionClock.state).toBe('suspended');

    today = '2026-03-20';
    const suspended = await t.http.get(`/api/v1/applications/${id}`).set(bearer(employer)).expect(200);
    // Suspended 11..19 March = 9 days so far (Awb 4:15): 27 April + 9 = 6 May.
    expect(suspended.body.decisionClock).toEqual(
      expect.objectContaining({ state: 'suspended', suspendedDays: 9, deadline: '2026-05-06' }),
    );

    await t.http
      .post(`/api/v1/applications/${id}/documents`)
      .set(bearer(employer))
      .field('kind', 'pay-slip')
      .attach('file', PDF, 'loonstrook.pdf')
      .expect(201);
    const received = await t.http
      .post(`/api/v1/applications/${id}/receive-information`)
      .set(bearer(employer))
      .send({ note: 'Pay slip uploaded.' })
      .expect(200);
    expect(received.body.status).toBe('in-assessment');
    expect(received.body.decisionClock).toEqual(
      expect.objectContaining({ state: 'running', suspendedDays: 9, deadline: '2026-05-06' }),
    );
    expect(received.body.informationRequests).toEqual([
      expect.objectContaining({ requestedOn: '2026-03-10', receivedOn: '2026-03-20', receivedNote: 'Pay slip uploaded.' }),
    ]);

    today = '2026-04-01';
    const assessment = await t.http
      .post(`/api/v1/applications/${id}/wage-value-assessments`)
      .set(bearer(caseworker))
      .send({
        assessedOn: '2026-03-31',
        method: 'dariuz',
        assessorName: 'J. Bakker',
        percentage: 60,
        workplaceNotes: 'Steady worker.',
        effectiveFrom: '2026-04-01',
      })
      .expect(201);
    expect(assessment.body).toEqual(expect.objectContaining({ percentage: '60', validUntil: '2027-04-01' }));

    const calculation = await t.http.get(`/api/v1/applications/${id}/lks-calculation`).set(bearer(caseworker)).expect(200);
    expect(calculation.body.segments.map((s: any) => [s.basis, s.periodStart, s.periodEnd])).toEqual([
      ['flat-rate', '2026-03-01', '2026-03-31'],
      ['wage-value', '2026-04-01', '2026-06-30'],
    ]);
    // March flat rate: 14.71 × 32 × 50% × 5.7798 (= 52/12 × 1.08 × 1.235) = 14.71 × 92.4768 = 1360.333728 → 1360.33
    expect(calculation.body.segments[0].calculation.months[0].total).toBe('1360.33');
    // April–June at 60%: 14.71 × 32 × 40% × 5.7798 = 1088.2669824 → 1088.27 each; 3 × 1088.27 = 3264.81
    // Total 1360.33 + 3264.81 = 4625.14
    expect(calculation.body.segments[1].calculation.total).toBe('3264.81');
    expect(calculation.body.total).toBe('4625.14');

    await t.http
      .post(`/api/v1/applications/${id}/record-target-group`)
      .set(bearer(caseworker))
      .send({ basis: 'praktijkroute', assessedOn: '2026-03-31', assessorName: 'M. Jansen' })
      .expect(200);
    const proposed = await t.http
      .post(`/api/v1/applications/${id}/propose-decision`)
      .set(bearer(caseworker))
      .send({ outcome: 'grant' })
      .expect(200);
    expect(proposed.body.status).toBe('decision-proposed');
    expect(proposed.body.proposal).toEqual(expect.objectContaining({ outcome: 'grant' }));
    const [{ proposed_calculation }] = await t.dataSource.query('SELECT proposed_calculation FROM application WHERE id = $1', [
      id,
    ]);
    expect(proposed_calculation.total).toBe('4625.14');

    const trail = await t.dataSource.query(
      `SELECT action FROM audit_event WHERE entity_type = 'application' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(trail.map((r: { action: string }) => r.action)).toEqual([
      'application.created',
      'application.edit',
      'application.upload-document',
      'application.submit',
      'application.start-assessment',
      'application.request-information',
      'application.upload-document',
      'application.receive-information',
      'application.record-assessment',
      'application.record-target-group',
      'application.propose-decision',
    ]);
  });

  it('answers illegal transitions with 409 and changes nothing', async () => {
    const draft = await t.http.post('/api/v1/applications').set(bearer(employer)).send(application()).expect(201);
    const res = await t.http.post(`/api/v1/applications/${draft.body.id}/start-assessment`).set(bearer(caseworker)).expect(409);
    expect(res.body.detail).toBe("Application in status 'draft' does not allow 'start-assessment'.");
    const after = await t.http.get(`/api/v1/applications/${draft.body.id}`).set(bearer(employer)).expect(200);
    expect(after.body).toEqual(expect.objectContaining({ status: 'draft', version: 1 }));
  });

  it('lets exactly one of two caseworkers acting at once win; the other gets 409/412', async () => {
    const draft = await t.http.post('/api/v1/applications').set(bearer(employer)).send(application()).expect(201);
    const submitted = await t.http.post(`/api/v1/applications/${draft.body.id}/submit`).set(bearer(employer)).expect(200);
    const results = await Promise.all(
      [caseworker, caseworker2].map((cw) =>
        t.http
          .post(`/api/v1/applications/${draft.body.id}/start-assessment`)
          .set(bearer(cw))
          .set('If-Match', submitted.headers.etag),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, expect.any(Number)]);
    expect([409, 412]).toContain(results.map((r) => r.status).sort()[1]);
    const after = await t.http.get(`/api/v1/applications/${draft.body.id}`).set(bearer(caseworker)).expect(200);
    expect(after.body.version).toBe(submitted.body.version + 1);
  });

  it('answers a submission with the same view a read gives, and records it once with the state before and after', async () => {
    today = '2026-03-02';
    const draft = await t.http.post('/api/v1/applications').set(bearer(employer)).send(application()).expect(201);
    const submitted = await t.http
      .post(`/api/v1/applications/${draft.body.id}/submit`)
      .set(bearer(employer))
      .set('If-Match', draft.headers.etag)
      .expect(200);
    expect(submitted.headers.etag).toBe('"2"');
    const read = await t.http.get(`/api/v1/applications/${draft.body.id}`).set(bearer(employer)).expect(200);
    expect(submitted.body).toEqual(read.body);
    expect(submitted.body).toEqual(expect.objectContaining({ status: 'submitted', submittedOn: '2026-03-02', version: 2 }));
    const trail = await t.dataSource.query(
      `SELECT actor_role, before, after FROM audit_event WHERE entity_id = $1 AND action = 'application.submit'`,
      [draft.body.id],
    );
    expect(trail).toEqual([
      {
        actor_role: 'employer',
        before: expect.objectContaining({ status: 'draft', version: 1, submittedOn: null, grossHourlyWage: '15.20' }),
        after: expect.objectContaining({ status: 'submitted', version: 2, submittedOn: '2026-03-02', grossHourlyWage: '15.20' }),
      },
    ]);
  });

  it('submits a draft once when two submissions race: the other gets 409 and the trail one entry', async () => {
    const draft = await t.http.post('/api/v1/applications').set(bearer(employer)).send(application()).expect(201);
    const results = await Promise.all(
      [1, 2].map(() => t.http.post(`/api/v1/applications/${draft.body.id}/submit`).set(bearer(employer))),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_event WHERE entity_id = $1 AND action = 'application.submit'`,
      [draft.body.id],
    );
    expect(count).toBe(1);
    const after = await t.http.get(`/api/v1/applications/${draft.body.id}`).set(bearer(employer)).expect(200);
    expect(after.body).toEqual(expect.objectContaining({ status: 'submitted', version: 2 }));
  });

  it('refuses a stale If-Match or a wage no longer above the minimum at submission, and changes nothing', async () => {
    const draft = await t.http.post('/api/v1/applications').set(bearer(employer)).send(application()).expect(201);
    await t.http.post(`/api/v1/applications/${draft.body.id}/submit`).set(bearer(employer)).set('If-Match', '"7"').expect(412);
    // As if the draft had been saved under older minimum wages: the check is made again at submission.
    await t.dataSource.query(`UPDATE application SET gross_hourly_wage = 14.70 WHERE id = $1`, [draft.body.id]);
    const res = await t.http.post(`/api/v1/applications/${draft.body.id}/submit`).set(bearer(employer)).expect(422);
    expect(res.body.invalidParams).toEqual([
      { name: 'grossHourlyWage', reason: 'must be at least 14.71 (minimum wage for age 35, scale regular)' },
    ]);
    const after = await t.http.get(`/api/v1/applications/${draft.body.id}`).set(bearer(employer)).expect(200);
    expect(after.body).toEqual(expect.objectContaining({ status: 'draft', version: 1, submittedOn: null }));
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_event WHERE entity_id = $1 AND action = 'application.submit'`,
      [draft.body.id],
    );
    expect(count).toBe(0);
  });

  it('extends the decision term once, with a reason', async () => {
    today = '2026-03-02';
    const draft = await t.http.post('/api/v1/applications').set(bearer(employer)).send(application()).expect(201);
    await t.http.post(`/api/v1/applications/${draft.body.id}/submit`).set(bearer(employer)).expect(200);
    const extended = await t.http
      .post(`/api/v1/applications/${draft.body.id}/extend-deadline`)
      .set(bearer(caseworker))
      .send({ weeks: 4, reason: 'Workplace assessment planned.' })
      .expect(200);
    // 27 April + 4 weeks = Mon 25 May 2026 = Tweede Pinksterdag → Tue 26 May.
    expect(extended.body.decisionClock).toEqual(expect.objectContaining({ deadline: '2026-05-26', extensionWeeks: 4 }));
    expect(extended.body.extensionReason).toBe('Workplace assessment planned.');
    await t.http
      .post(`/api/v1/applications/${draft.body.id}/extend-deadline`)
      .set(bearer(caseworker))
      .send({ weeks: 2, reason: 'Again.' })
      .expect(409);
  });

  it('lists overdue and nearly due applications for caseworkers, most urgent first', async () => {
    today = '2026-05-20';
    const res = await t.http.get('/api/v1/application-deadlines').query({ withinDays: '30' }).set(bearer(caseworker)).expect(200);
    expect(res.body.length).toBeGreaterThan(0);
    const deadlines = res.body.map((a: any) => a.decisionClock.deadline);
    expect([...deadlines].sort()).toEqual(deadlines);
    expect(res.body[0].decisionClock.state).toBe('overdue');
    expect(res.body.every((a: any) => a.decisionClock.daysLeft <= 30)).toBe(true);
  });

  it('pages, filters and sorts the listing; an employer sees only its own', async () => {
    const page = await t.http
      .get('/api/v1/applications')
      .query({ status: 'draft', pageSize: '2', page: '1', sort: 'applicationNumber' })
      .set(bearer(caseworker))
      .expect(200);
    expect(page.body.pageSize).toBe(2);
    expect(page.body.items.length).toBeLessThanOrEqual(2);
    expect(page.body.items.every((a: any) => a.status === 'draft')).toBe(true);
    const numbers = page.body.items.map((a: any) => a.applicationNumber);
    expect([...numbers].sort()).toEqual(numbers);
    const submittedRange = await t.http
      .get('/api/v1/applications')
      .query({ submittedFrom: '2026-03-01', submittedTo: '2026-03-31', jobPlan: 'zorg' })
      .set(bearer(caseworker))
      .expect(200);
    expect(submittedRange.body.total).toBeGreaterThan(0);
    expect(submittedRange.body.items.every((a: any) => a.submittedOn >= '2026-03-01' && a.submittedOn <= '2026-03-31')).toBe(
      true,
    );
    const others = await t.http.get('/api/v1/applications').set(bearer(other)).expect(200);
    expect(others.body.total).toBe(0);
    await t.http.get('/api/v1/applications').query({ pageSize: '500' }).set(bearer(caseworker)).expect(400);
  });

  it('gives another employer 404 on everything of the first', async () => {
    const mine = await t.http.get('/api/v1/applications').set(bearer(employer)).expect(200);
    const id = mine.body.items[0].id;
    const docs = await t.dataSource.query('SELECT id, application_id FROM application_document LIMIT 1');
    const paths = [
      `/api/v1/applications/${id}`,
      `/api/v1/applications/${id}/lks-calculation`,
      `/api/v1/applications/${id}/wage-value-assessments`,
      `/api/v1/applications/${id}/documents`,
      `/api/v1/applications/${docs[0].application_id}/documents/${docs[0].id}/content`,
      `/api/v1/employers/${employerId}`,
      `/api/v1/employers/${employerId}/bank-accounts`,
    ];
    for (const path of paths) {
      const res = await t.http.get(path).set(bearer(other));
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    for (const action of ['submit', 'withdraw', 'receive-information']) {
      const res = await t.http.post(`/api/v1/applications/${id}/${action}`).set(bearer(other)).send({});
      expect({ action, status: res.status }).toEqual({ action, status: 404 });
    }
    await t.http
      .patch(`/api/v1/applications/${id}`)
      .set(bearer(other))
      .set('If-Match', '"1"')
      .send({ jobTitle: 'x' })
      .expect(404);
    await t.http
      .post(`/api/v1/applications/${id}/documents`)
      .set(bearer(other))
      .field('kind', 'other')
      .attach('file', PDF, 'x.pdf')
      .expect(404);
    await t.http
      .patch(`/api/v1/employers/${employerId}`)
      .set(bearer(other))
      .set('If-Match', '"1"')
      .send({ name: 'Hijack' })
      .expect(404);
    await t.http
      .post(`/api/v1/employers/${employerId}/bank-accounts`)
      .set(bearer(other))
      .send({ iban: 'NL20INGB0001234567', accountHolder: 'x' })
      .expect(404);
  });

  it('stores documents with their SHA-256, checks content by magic bytes, and returns the exact bytes', async () => {
    const draft = await t.http.post('/api/v1/applications').set(bearer(employer)).send(application()).expect(201);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    const up = await t.http
      .post(`/api/v1/applications/${draft.body.id}/documents`)
      .set(bearer(employer))
      .field('kind', 'pay-slip')
      .attach('file', png, { filename: 'slip.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(up.body.contentType).toBe('image/png');
    const { createHash } = await import('node:crypto');
    expect(up.body.sha256).toBe(createHash('sha256').update(png).digest('hex'));
    const down = await binary(
      t.http.get(`/api/v1/applications/${draft.body.id}/documents/${up.body.id}/content`).set(bearer(caseworker)),
    ).expect(200);
    expect(Buffer.compare(down.body, png)).toBe(0);
    expect(down.headers.etag).toBe(`"${up.body.sha256}"`);
    expect(down.headers['content-type']).toBe('image/png');

    const exe = await t.http
      .post(`/api/v1/applications/${draft.body.id}/documents`)
      .set(bearer(employer))
      .field('kind', 'other')
      .attach('file', Buffer.from('MZ\x90\x00 not a pdf'), { filename: 'contract.pdf', contentType: 'application/pdf' })
      .expect(415);
    expect(exe.headers['content-type']).toMatch(/problem\+json/);
    await t.http
      .post(`/api/v1/applications/${draft.body.id}/documents`)
      .set(bearer(employer))
      .field('kind', 'other')
      .attach('file', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'huge.pdf')
      .expect(413);
    await t.http
      .post(`/api/v1/applications/${draft.body.id}/documents`)
      .set(bearer(employer))
      .field('kind', 'invoice')
      .attach('file', PDF, 'a.pdf')
      .expect(400);
    const [{ count }] = await t.dataSource.query('SELECT count(*) FROM application_document WHERE application_id = $1', [
      draft.body.id,
    ]);
    expect(Number(count)).toBe(1);
  });

  it('lists subsidies whose wage value must be re-assessed soon', async () => {
    const [row] = await t.dataSource.query(`SELECT application_id FROM wage_value_assessment LIMIT 1`);
    // An active subsidy (the decisions module will set this; here directly) with validity until 2027-04-01.
    await t.dataSource.query(`UPDATE application SET status = 'active' WHERE id = $1`, [row.application_id]);
    today = '2027-03-01';
    const due = await t.http
      .get('/api/v1/wage-value-assessments/due')
      .query({ withinDays: '60' })
      .set(bearer(caseworker))
      .expect(200);
    expect(due.body).toEqual([
      expect.objectContaining({ applicationId: row.application_id, validUntil: '2027-04-01', daysLeft: 31 }),
    ]);
    const notYet = await t.http
      .get('/api/v1/wage-value-assessments/due')
      .query({ withinDays: '30' })
      .set(bearer(caseworker))
      .expect(200);
    expect(notYet.body).toEqual([]);
  });
});
