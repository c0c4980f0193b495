import { binary } from '../support/http';
import { createHash } from 'node:crypto';
import { Clock } from '../../src/common/clock';
import { DECISION_ISSUED, type DecisionIssuedEvent } from '../../src/decisions/decisions.service';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { pdfText } from '../support/pdf';
import { checkPdfStructure } from '../unit/decision-pdf/pdf-structure';
import { createParticipant, proposedApplication, registerEmployer } from '../support/scenario';
import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../support/test-app';

describe('decisions: drafted, approved by another person, issued as an immutable PDF', () => {
  let t: TestApp;
  let caseworker: TestUser;
  let approver: TestUser;
  let approverWhoDrafts: TestUser;
  let employer: TestUser;
  let otherEmployer: TestUser;
  let participantNumber: string;
  let today = '2026-03-03';
  const issuedEvents: DecisionIssuedEvent[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'today').mockImplementation(() => today);
    t.app.get(EventEmitter2).on(DECISION_ISSUED, (e: DecisionIssuedEvent) => issuedEvents.push(e));
    caseworker = await createUser(t, ['caseworker']);
    approver = await createUser(t, ['approver']);
    approverWhoDrafts = await createUser(t, ['caseworker', 'approver']);
    employer = (await registerEmployer(t, '12345678', 'hr@zorg-a.nl', 'Zorggroep Amstelland B.V.')).user;
    otherEmployer = (await registerEmployer(t, '87654321', 'hr@zorg-b.nl')).user;
    participantNumber = await createParticipant(t, caseworker, '111222333');
  });
  afterAll(() => t.close());

  it('drafts a grant from the proposal, previews it, and issues it on approval by another person', async () => {
    const applicationId = await proposedApplication(t, employer, caseworker, participantNumber);
    const draft = await t.http
      .post('/api/v1/decisions')
      .set(bearer(caseworker))
      .send({ applicationId, type: 'grant' })
      .expect(201);
    expect(draft.body).toEqual(
      expect.objectContaining({
        status: 'draft',
        decisionNumber: null,
        total: '6529.62',
        periodStart: '2026-01-01',
        periodEnd: '2026-06-30',
      }),
    );
    // 6 months × (14.71 × 32 × 40% × 52/12 × 1.08 × 1.235 = 1088.2669824 → 1088.27) = 6529.62

    // The employer does not see drafts.
    await t.http.get(`/api/v1/decisions/${draft.body.id}`).set(bearer(employer)).expect(404);
    const preview = await binary(t.http.get(`/api/v1/decisions/${draft.body.id}/pdf`).set(bearer(caseworker))).expect(200);
    expect(preview.headers['cache-control']).toBe('no-store');
    expect(await pdfText(preview.body)).toMatch(/CONCEPT/);

    // Four eyes: the drafter cannot approve, even with the approver role.
    const own = await t.http.post('/api/v1/decisions').set(bearer(approverWhoDrafts)).send({ applicationId, type: 'grant' });
    expect(own.status).toBe(409); // one draft per application at a time
    await t.http.post(`/api/v1/decisions/${draft.body.id}/approve`).set(bearer(caseworker)).expect(403);

    today = '2026-03-03';
    const issued = await t.http.post(`/api/v1/decisions/${draft.body.id}/approve`).set(bearer(approver)).expect(200);
    expect(issued.body).toEqual(
      expect.objectContaining({
        status: 'issued',
        decisionNumber: 'LKS-2026-000001',
        decisionDate: '2026-03-03',
        sendingDate: '2026-03-03',
        objectionDeadline: '2026-04-14',
        approvedBy: approver.id,
      }),
    );
    const application = await t.http.get(`/api/v1/applications/${applicationId}`).set(bearer(employer)).expect(200);
    expect(application.body).toEqual(expect.objectContaining({ status: 'active', decidedOn: '2026-03-03' }));

    // Handed over to payments: an outbox row and an in-process event with the months.
    const [outbox] = await t.dataSource.query(`SELECT type, payload FROM outbox_event WHERE payload->>'decisionId' = $1`, [
      draft.body.id,
    ]);
    expect(outbox.type).toBe('decision.issued');
    expect(outbox.payload.months).toHaveLength(6);
    expect(issuedEvents.find((e) => e.decisionId === draft.body.id)?.totalCents).toBe(652962);

    // Approving twice: 409, nothing changes.
    await t.http.post(`/api/v1/decisions/${draft.body.id}/approve`).set(bearer(approver)).expect(409);
  });

  it('lets the employer download exactly the stored bytes, which hash to the stored SHA-256 and read correctly', async () => {
    const list = await t.http.get('/api/v1/decisions').set(bearer(employer)).expect(200);
    const decision = list.body.items.find((d: any) => d.decisionNumber === 'LKS-2026-000001');
    const res = await binary(t.http.get(`/api/v1/decisions/${decision.id}/pdf`).set(bearer(employer))).expect(200);
    const sha = createHash('sha256').update(res.body).digest('hex');
    expect(sha).toBe(decision.pdfSha256);
    expect(res.headers.etag).toBe(`"${sha}"`);
    const [stored] = await t.dataSource.query('SELECT pdf, pdf_sha256 FROM decision WHERE id = $1', [decision.id]);
    expect(Buffer.compare(stored.pdf, res.body)).toBe(0);
    expect(stored.pdf_sha256).toBe(sha);
    await t.http.get(`/api/v1/decisions/${decision.id}/pdf`).set(bearer(employer)).set('If-None-Match', `"${sha}"`).expect(304);

    checkPdfStructure(res.body);
    const text = await pdfText(res.body);
    expect(text).toContain('LKS-2026-000001');
    expect(text).toContain('Zorggroep Amstelland B.V.');
    // Registered as "1096 BC", stored as 1096BC, written on the letter as the Dutch convention has it.
    expect(text).toMatch(/1096 BC\s+AMSTERDAM/);
    expect(text).toContain('€ 1.088,27');
    expect(text).toContain('€ 6.529,62');
    expect(text).toMatch(/bezwaar/i);
    expect(text).toContain('14 april 2026');
  });

  it('never changes an issued decision: edits 409, and the database refuses updates', async () => {
    const [row] = await t.dataSource.query(`SELECT id, version FROM decision WHERE decision_number = 'LKS-2026-000001'`);
    await t.http.patch(`/api/v1/decisions/${row.id}`).set(bearer(caseworker)).send({ reasons: 'Changed.' }).expect(409);
    await t.http.delete(`/api/v1/decisions/${row.id}`).set(bearer(caseworker)).expect(409);
    await expect(t.dataSource.query(`UPDATE decision SET reasons = 'tampered' WHERE id = $1`, [row.id])).rejects.toThrow(
      /issued and cannot be changed/,
    );
    await expect(t.dataSource.query(`DELETE FROM decision WHERE id = $1`, [row.id])).rejects.toThrow(
      /issued and cannot be changed/,
    );
  });

  it('numbers decisions gap-free per year, also when approvals run at the same time', async () => {
    const drafts: string[] = [];
    for (let i = 0; i < 4; i++) {
      const applicationId = await proposedApplication(t, employer, caseworker, participantNumber);
      drafts.push(
        (await t.http.post('/api/v1/decisions').set(bearer(caseworker)).send({ applicationId, type: 'grant' }).expect(201)).body
          .id,
      );
    }
    const results = await Promise.all(drafts.map((id) => t.http.post(`/api/v1/decisions/${id}/approve`).set(bearer(approver))));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const numbers = results.map((r) => r.body.decisionNumber).sort();
    expect(numbers).toEqual(['LKS-2026-000002', 'LKS-2026-000003', 'LKS-2026-000004', 'LKS-2026-000005']);
  });

  it('issues a rejection with the reasons and no amounts, and the application is rejected', async () => {
    const applicationId = await proposedApplication(t, employer, caseworker, participantNumber, { outcome: 'reject' });
    await t.http.post('/api/v1/decisions').set(bearer(caseworker)).send({ applicationId, type: 'grant' }).expect(409);
    const draft = await t.http
      .post('/api/v1/decisions')
      .set(bearer(caseworker))
      .send({ applicationId, type: 'rejection' })
      .expect(201);
    expect(draft.body.total).toBeNull();
    const issued = await t.http.post(`/api/v1/decisions/${draft.body.id}/approve`).set(bearer(approver)).expect(200);
    const pdf = await binary(t.http.get(`/api/v1/decisions/${issued.body.id}/pdf`).set(bearer(employer))).expect(200);
    checkPdfStructure(pdf.body);
    expect(await pdfText(pdf.body)).toContain('De werknemer heeft een volledige loonwaarde.');
    const application = await t.http.get(`/api/v1/applications/${applicationId}`).set(bearer(employer)).expect(200);
    expect(application.body.status).toBe('rejected');
  });

  it('issues a change from a new wage value, stating old and new amounts from the effective date', async () => {
    const [grant] = await t.dataSource.query(`SELECT application_id FROM decision WHERE decision_number = 'LKS-2026-000001'`);
    today = '2026-04-01';
    await t.http
      .post(`/api/v1/applications/${grant.application_id}/wage-value-assessments`)
      .set(bearer(caseworker))
      .send({
        assessedOn: '2026-03-31',
        method: 'dariuz',
        assessorName: 'J. Bakker',
        percentage: 50,
        effectiveFrom: '2026-04-01',
      })
      .expect(201);
    const draft = await t.http
      .post('/api/v1/decisions')
      .set(bearer(caseworker))
      .send({
        applicationId: grant.application_id,
        type: 'change',
        effectiveDate: '2026-04-01',
        reasons: 'Nieuwe loonwaardemeting: 50%.',
      })
      .expect(201);
    // Old: April–June 3 × 1088.27 = 3264.81. New at 50%: 14.71 × 32 × 50% × 5.7798 = 1360.333728 → 1360.33; × 3 = 4080.99.
    expect(draft.body).toEqual(
      expect.objectContaining({ previousTotal: '3264.81', total: '4080.99', effectiveDate: '2026-04-01' }),
    );
    const issued = await t.http.post(`/api/v1/decisions/${draft.body.id}/approve`).set(bearer(approver)).expect(200);
    expect(issued.body.refersToDecisionId).toBeTruthy();
    const text = await pdfText(
      (await binary(t.http.get(`/api/v1/decisions/${issued.body.id}/pdf`).set(bearer(employer))).expect(200)).body,
    );
    expect(text).toContain('€ 4.080,99');
    expect(text).toContain('€ 3.264,81');
  });

  it('lists a running subsidy whose hours changed as due for a change decision, and the change uses the new hours', async () => {
    const [row] = await t.dataSource.query(`SELECT application_id FROM decision WHERE decision_number = 'LKS-2026-000002'`);
    const application = await t.http.get(`/api/v1/applications/${row.application_id}`).set(bearer(caseworker)).expect(200);
    await t.http
      .post(`/api/v1/applications/${row.application_id}/amend`)
      .set(bearer(caseworker))
      .set('If-Match', application.headers.etag)
      .send({ hoursPerWeek: 24, reason: 'Minder uren per 1 mei.' })
      .expect(200);
    const due = await t.http.get('/api/v1/application-changes-due').set(bearer(caseworker)).expect(200);
    expect(due.body).toContainEqual(expect.objectContaining({ applicationId: row.application_id, reason: 'contract-change' }));
    const draft = await t.http
      .post('/api/v1/decisions')
      .set(bearer(caseworker))
      .send({ applicationId: row.application_id, type: 'change', effectiveDate: '2026-05-01', reasons: 'Minder uren.' })
      .expect(201);
    // May and June at 24 hours: 14.71 × 24 × 40% × 5.7798 = 141.216 × 5.7798 = 816.2002368 → 816.20 each
    // (2 × 816.20 = 1632.40); before 1088.27 each (2 × 1088.27 = 2176.54).
    expect(draft.body).toEqual(expect.objectContaining({ total: '1632.40', previousTotal: '2176.54' }));
    await t.http.post(`/api/v1/decisions/${draft.body.id}/approve`).set(bearer(approver)).expect(200);
    const after = await t.http.get('/api/v1/application-changes-due').set(bearer(caseworker)).expect(200);
    expect(after.body.map((d: any) => d.applicationId)).not.toContain(row.application_id);
  });

  it('registers objections, on time or late, and lists contested decisions', async () => {
    const [row] = await t.dataSource.query(`SELECT id FROM decision WHERE decision_number = 'LKS-2026-000001'`);
    today = '2026-04-20';
    const late = await t.http
      .post(`/api/v1/decisions/${row.id}/objections`)
      .set(bearer(caseworker))
      .send({ receivedOn: '2026-04-15', grounds: 'Niet eens met de loonwaarde.' })
      .expect(201);
    expect(late.body).toEqual(expect.objectContaining({ withinTerm: false, status: 'received' }));
    const onTime = await t.http
      .post(`/api/v1/decisions/${row.id}/objections`)
      .set(bearer(caseworker))
      .send({ receivedOn: '2026-04-14' })
      .expect(201);
    expect(onTime.body.withinTerm).toBe(true);
    await t.http
      .patch(`/api/v1/decisions/${row.id}/objections/${onTime.body.id}`)
      .set(bearer(caseworker))
      .set('If-Match', '"1"')
      .send({ status: 'in-treatment' })
      .expect(200);
    const contested = await t.http.get('/api/v1/decisions').query({ contested: 'true' }).set(bearer(caseworker)).expect(200);
    expect(contested.body.items.map((d: any) => d.id)).toEqual([row.id]);
  });

  it("gives another employer 404 on the first employer's decisions", async () => {
    const [row] = await t.dataSource.query(`SELECT id FROM decision WHERE decision_number = 'LKS-2026-000001'`);
    await t.http.get(`/api/v1/decisions/${row.id}`).set(bearer(otherEmployer)).expect(404);
    await t.http.get(`/api/v1/decisions/${row.id}/pdf`).set(bearer(otherEmployer)).expect(404);
    const list = await t.http.get('/api/v1/decisions').set(bearer(otherEmployer)).expect(200);
    expect(list.body.total).toBe(0);
  });

  it('refuses to issue a draft when the application moved on since it was drafted', async () => {
    const applicationId = await proposedApplication(t, employer, caseworker, participantNumber);
    const draft = await t.http
      .post('/api/v1/decisions')
      .set(bearer(caseworker))
      .send({ applicationId, type: 'grant' })
      .expect(201);
    await t.http.post(`/api/v1/applications/${applicationId}/return-to-assessment`).set(bearer(caseworker)).expect(200);
    const res = await t.http.post(`/api/v1/decisions/${draft.body.id}/approve`).set(bearer(approver)).expect(409);
    expect(res.body.detail).toMatch(/changed since this decision was drafted/);
    await t.http
      .post(`/api/v1/applications/${applicationId}/propose-decision`)
      .set(bearer(caseworker))
      .send({ outcome: 'reject', reasons: 'Toch afwijzen.' })
      .expect(200);
    await t.http.post(`/api/v1/decisions/${draft.body.id}/approve`).set(bearer(approver)).expect(409);
    const [{ status }] = await t.dataSource.query('SELECT status FROM decision WHERE id = $1', [draft.body.id]);
    expect(status).toBe('draft');
  });

  it('refuses a settlement with only one of its amounts, and a recovery without its amount, naming the fields', async () => {
    const [grant] = await t.dataSource.query(`SELECT application_id FROM decision WHERE decision_number = 'LKS-2026-000001'`);
    const settlement = await t.http
      .post('/api/v1/decisions')
      .set(bearer(caseworker))
      .send({ applicationId: grant.application_id, type: 'settlement', reasons: 'Vaststelling.', dueCents: 100 })
      .expect(400);
    expect(settlement.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['paidCents']);
    const recovery = await t.http
      .post('/api/v1/decisions')
      .set(bearer(caseworker))
      .send({ applicationId: grant.application_id, type: 'recovery', reasons: 'Terugvordering.', paymentTermDays: 42 })
      .expect(400);
    expect(recovery.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['recoveryCents']);
  });

  it('refuses a draft without reasons for a change, naming the field, and writes nothing', async () => {
    const [{ count: before }] = await t.dataSource.query('SELECT count(*) FROM decision');
    const [grant] = await t.dataSource.query(`SELECT application_id FROM decision WHERE decision_number = 'LKS-2026-000001'`);
    const res = await t.http
      .post('/api/v1/decisions')
      .set(bearer(caseworker))
      .send({ applicationId: grant.application_id, type: 'change' })
      .expect(400);
    expect(res.body.invalidParams).toEqual([{ name: 'effectiveDate', reason: 'must be a calendar date as YYYY-MM-DD' }]);
    const [{ count: after }] = await t.dataSource.query('SELECT count(*) FROM decision');
    expect(after).toBe(before);
  });
});
