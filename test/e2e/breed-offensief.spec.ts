import { Clock } from '../../src/common/clock';
import { OverviewService } from '../../src/portal/backoffice/overview/overview.service';
import { binary } from '../support/http';
import { pdfText } from '../support/pdf';
import { APPLICATION, createParticipant, registerEmployer } from '../support/scenario';
import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../support/test-app';

/**
 * The Breed offensief (Participatiewet art. 10d, Stb. 2022, 499) through the HTTP API: the
 * application window, the five-week term after the wage value, the target-group basis and the
 * decision that no measurement is needed. One app and database for the file; the clock is set per step.
 */
describe('Breed offensief', () => {
  let t: TestApp;
  let caseworker: TestUser;
  let employer: TestUser;
  let participantNumber: string;
  let today = '2026-01-05';

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'today').mockImplementation(() => today);
    caseworker = await createUser(t, ['caseworker']);
    employer = (await registerEmployer(t, '24681357', 'hr@breed.nl')).user;
    participantNumber = await createParticipant(t, caseworker, '111222333');
  });
  afterAll(() => t.close());

  async function draft(overrides: object = {}): Promise<{ id: string; etag: string }> {
    const res = await t.http
      .post('/api/v1/applications')
      .set(bearer(employer))
      .send({ ...APPLICATION, ...overrides, participant: { participantNumber, dateOfBirth: '1990-05-01' } })
      .expect(201);
    return { id: res.body.id, etag: res.headers.etag };
  }

  /** A submitted application taken into assessment; returns its id. */
  async function inAssessment(overrides: object = {}): Promise<string> {
    const { id } = await draft(overrides);
    await t.http.post(`/api/v1/applications/${id}/submit`).set(bearer(employer)).expect(200);
    await t.http.post(`/api/v1/applications/${id}/start-assessment`).set(bearer(caseworker)).expect(200);
    return id;
  }

  /** What a refusal must leave untouched: the row and its audit trail. */
  async function state(id: string) {
    const [row] = await t.dataSource.query(
      `SELECT a.status, a.version, a.submitted_on::text AS submitted_on, a.target_group_basis, a.no_measurement_decided_on,
              (SELECT count(*)::int FROM audit_event e WHERE e.entity_type = 'application' AND e.entity_id = a.id::text) AS audit
         FROM application a WHERE a.id = $1`,
      [id],
    );
    return row;
  }

  describe('the application window (art. 10d)', () => {
    it('before the start: the day before is the last day; on the start day the submission is refused naming the window and that day, and nothing is written', async () => {
      const { id } = await draft({ contractStart: '2026-04-01', contractEnd: null, employmentOrigin: 'other' });
      const view = await t.http.get(`/api/v1/applications/${id}`).set(bearer(employer)).expect(200);
      expect(view.body.applicationWindow).toEqual({ kind: 'before-start', lastDay: '2026-03-31' });
      const before = await state(id);

      today = '2026-04-01';
      const late = await t.http.post(`/api/v1/applications/${id}/submit`).set(bearer(employer)).expect(422);
      expect(late.body.invalidParams).toEqual([
        {
          name: 'contractStart',
          reason: 'the application must be submitted before the employment starts on 2026-04-01; the last day was 2026-03-31',
        },
      ]);
      expect(await state(id)).toEqual(before);

      today = '2026-03-31';
      const inTime = await t.http.post(`/api/v1/applications/${id}/submit`).set(bearer(employer)).expect(200);
      expect(inTime.body).toEqual(expect.objectContaining({ status: 'submitted', submittedOn: '2026-03-31' }));
    });

    it('from an MBO entree course: up to 6 months after the start (15 Jan -> Wed 15 Jul 2026), refused the day after', async () => {
      const { id } = await draft({ contractStart: '2026-01-15', contractEnd: '2026-06-30', employmentOrigin: 'mbo-entree' });
      const before = await state(id);
      today = '2026-07-16';
      const late = await t.http.post(`/api/v1/applications/${id}/submit`).set(bearer(employer)).expect(422);
      expect(late.body.invalidParams).toEqual([
        {
          name: 'contractStart',
          reason:
            'the application must be submitted within 6 months after the employment started on 2026-01-15; the last day was 2026-07-15',
        },
      ]);
      expect(await state(id)).toEqual(before);
      today = '2026-07-15';
      await t.http.post(`/api/v1/applications/${id}/submit`).set(bearer(employer)).expect(200);
    });

    it('refuses an unknown origin with 400 naming the field, and writes nothing', async () => {
      const [{ n: before }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM application`);
      const res = await t.http
        .post('/api/v1/applications')
        .set(bearer(employer))
        .send({ ...APPLICATION, employmentOrigin: 'school', participant: { participantNumber, dateOfBirth: '1990-05-01' } })
        .expect(400);
      expect(res.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['employmentOrigin']);
      const { employmentOrigin: _, ...withoutOrigin } = APPLICATION;
      const missing = await t.http
        .post('/api/v1/applications')
        .set(bearer(employer))
        .send({ ...withoutOrigin, participant: { participantNumber, dateOfBirth: '1990-05-01' } })
        .expect(400);
      expect(missing.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['employmentOrigin']);
      const [{ n: after }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM application`);
      expect(after).toBe(before);
    });

    it('shows the end of the flat-rate period: the first 6 months of the employment (1 Jan -> 30 Jun 2026)', async () => {
      today = '2026-01-05';
      const { id } = await draft({ flatRateRequested: true });
      const view = await t.http.get(`/api/v1/applications/${id}`).set(bearer(employer)).expect(200);
      expect(view.body).toEqual(
        expect.objectContaining({
          flatRateWindowEnd: '2026-06-30',
          employmentOrigin: 'municipality-placement',
          applicationWindow: { kind: 'within-six-months-after-start', lastDay: '2026-07-01' },
        }),
      );
    });
  });

  describe('the five-week term after the wage value (art. 10d) beside the Awb term', () => {
    it('runs from the assessment, is suspended by an information request, and makes the application overdue before the Awb term ends', async () => {
      // Submitted Mon 2 Feb 2026: Awb term Mon 30 Mar.
      today = '2026-02-02';
      const id = await inAssessment();
      today = '2026-02-09';
      const assessed = await t.http
        .post(`/api/v1/applications/${id}/wage-value-assessments`)
        .set(bearer(caseworker))
        .send({
          assessedOn: '2026-02-09',
          method: 'dariuz',
          assessorName: 'J. Bakker',
          percentage: 60,
          effectiveFrom: '2026-01-01',
        })
        .expect(201);
      expect(assessed.body.assessedOn).toBe('2026-02-09');
      const view = await t.http.get(`/api/v1/applications/${id}`).set(bearer(caseworker)).expect(200);
      // 9 Feb + 35 days = Mon 16 Mar, before the Awb term.
      expect(view.body.decisionClock).toEqual(
        expect.objectContaining({
          awbDeadline: '2026-03-30',
          wageValueTerm: expect.objectContaining({
            basis: 'wage-value-assessment',
            establishedOn: '2026-02-09',
            deadline: '2026-03-16',
          }),
          endsFirst: 'wage-value',
          deadline: '2026-03-16',
          state: 'running',
        }),
      );

      // Asked Fri 13 Feb, answered Mon 23 Feb: 14..22 Feb = 9 days suspended, for both terms.
      today = '2026-02-13';
      await t.http
        .post(`/api/v1/applications/${id}/request-information`)
        .set(bearer(caseworker))
        .send({ question: 'Stuur de loonstrook van januari.' })
        .expect(200);
      today = '2026-02-23';
      const received = await t.http
        .post(`/api/v1/applications/${id}/receive-information`)
        .set(bearer(employer))
        .send({})
        .expect(200);
      expect(received.body.decisionClock).toEqual(
        expect.objectContaining({
          awbDeadline: '2026-04-08',
          wageValueTerm: expect.objectContaining({ suspendedDays: 9, deadline: '2026-03-25' }),
          endsFirst: 'wage-value',
          deadline: '2026-03-25',
        }),
      );

      // The day after the five weeks: overdue in the deadlines list, though the Awb term runs until 8 April.
      today = '2026-03-26';
      const deadlines = await t.http
        .get('/api/v1/application-deadlines')
        .query({ withinDays: '0' })
        .set(bearer(caseworker))
        .expect(200);
      const listed = deadlines.body.find((a: { id: string }) => a.id === id);
      expect(listed.decisionClock).toEqual(
        expect.objectContaining({ state: 'overdue', daysLeft: -1, awbDeadline: '2026-04-08' }),
      );

      // Decided on 30 Mar (within the Awb term, after the five weeks): the overview counts it late.
      const overview = t.app.get(OverviewService);
      const before = await overview.figures();
      await t.dataSource.query(`UPDATE application SET status = 'rejected', decided_on = '2026-03-30' WHERE id = $1`, [id]);
      const after = await overview.figures();
      expect(after.decidedCount).toBe(before.decidedCount + 1);
      expect(after.decidedWithinTerm).toBe(before.decidedWithinTerm);
    });

    it('runs from the recorded decision that no measurement is needed, which is audited, recorded once, and refused with bad input', async () => {
      today = '2026-02-02';
      const id = await inAssessment({ flatRateRequested: true });
      const before = await state(id);
      const bad = await t.http
        .post(`/api/v1/applications/${id}/record-no-measurement`)
        .set(bearer(caseworker))
        .send({ decidedOn: '2026-02-31' })
        .expect(400);
      expect(bad.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(['decidedOn', 'reason']);
      const future = await t.http
        .post(`/api/v1/applications/${id}/record-no-measurement`)
        .set(bearer(caseworker))
        .send({ decidedOn: '2026-02-03', reason: 'Forfaitair.' })
        .expect(422);
      expect(future.body.invalidParams).toEqual([{ name: 'decidedOn', reason: 'must not be in the future' }]);
      expect(await state(id)).toEqual(before);

      today = '2026-02-16';
      const recorded = await t.http
        .post(`/api/v1/applications/${id}/record-no-measurement`)
        .set(bearer(caseworker))
        .send({ decidedOn: '2026-02-16', reason: 'Met de werkgever afgesproken: eerst 6 maanden forfaitair.' })
        .expect(200);
      expect(recorded.body.noMeasurement).toEqual(
        expect.objectContaining({ decidedOn: '2026-02-16', reason: 'Met de werkgever afgesproken: eerst 6 maanden forfaitair.' }),
      );
      // 16 Feb + 35 = Mon 23 Mar, before the Awb term of 30 Mar.
      expect(recorded.body.decisionClock).toEqual(
        expect.objectContaining({
          wageValueTerm: expect.objectContaining({ basis: 'no-measurement-needed', deadline: '2026-03-23' }),
          deadline: '2026-03-23',
        }),
      );
      const [audit] = await t.dataSource.query(
        `SELECT after FROM audit_event WHERE entity_id = $1 AND action = 'application.record-no-measurement'`,
        [id],
      );
      expect(audit.after).toEqual(expect.objectContaining({ noMeasurementDecidedOn: '2026-02-16' }));
      const again = await t.http
        .post(`/api/v1/applications/${id}/record-no-measurement`)
        .set(bearer(caseworker))
        .send({ decidedOn: '2026-02-16', reason: 'Nog eens.' })
        .expect(409);
      expect(again.body.invalidParams[0].name).toBe('decidedOn');
    });
  });

  describe('the target group (doelgroepregister or praktijkroute)', () => {
    it('refuses bad input naming the field and writes nothing; a grant cannot be proposed without it; the decision letter states it', async () => {
      today = '2026-02-02';
      const id = await inAssessment();
      await t.http
        .post(`/api/v1/applications/${id}/wage-value-assessments`)
        .set(bearer(caseworker))
        .send({
          assessedOn: '2026-02-02',
          method: 'dariuz',
          assessorName: 'J. Bakker',
          percentage: 60,
          effectiveFrom: '2026-01-01',
        })
        .expect(201);
      const before = await state(id);
      const record = (body: object) =>
        t.http.post(`/api/v1/applications/${id}/record-target-group`).set(bearer(caseworker)).send(body);
      const names = (res: { body: { invalidParams: Array<{ name: string }> } }) => res.body.invalidParams.map((p) => p.name);

      expect(names(await record({ basis: 'register', registeredOn: '2025-06-02' }).expect(400))).toEqual(['basis']);
      expect(names(await record({ basis: 'praktijkroute', assessedOn: '2026-01-20' }).expect(400))).toEqual(['assessorName']);
      expect(names(await record({ basis: 'doelgroepregister' }).expect(400))).toEqual(['registeredOn']);
      expect(
        names(await record({ basis: 'doelgroepregister', registeredOn: '2025-06-02', assessorName: 'X' }).expect(400)),
      ).toEqual(['assessorName']);
      expect((await record({ basis: 'doelgroepregister', registeredOn: '2026-02-03' }).expect(422)).body.invalidParams).toEqual([
        { name: 'registeredOn', reason: 'must not be in the future' },
      ]);
      const refused = await t.http
        .post(`/api/v1/applications/${id}/propose-decision`)
        .set(bearer(caseworker))
        .send({ outcome: 'grant' })
        .expect(422);
      expect(refused.body.invalidParams).toEqual([
        { name: 'targetGroup', reason: 'must be recorded before a grant is proposed' },
      ]);
      expect(await state(id)).toEqual(before);

      const recorded = await record({ basis: 'praktijkroute', assessedOn: '2026-01-20', assessorName: 'M. Jansen' }).expect(200);
      expect(recorded.body.targetGroup).toEqual({
        basis: 'praktijkroute',
        registeredOn: null,
        assessedOn: '2026-01-20',
        assessorName: 'M. Jansen',
      });
      await t.http
        .post(`/api/v1/applications/${id}/propose-decision`)
        .set(bearer(caseworker))
        .send({ outcome: 'grant' })
        .expect(200);
      const decision = await t.http
        .post('/api/v1/decisions')
        .set(bearer(caseworker))
        .send({ applicationId: id, type: 'grant', reasons: 'De loonwaarde is 60%.' })
        .expect(201);
      const pdf = await binary(t.http.get(`/api/v1/decisions/${decision.body.id}/pdf`).set(bearer(caseworker))).expect(200);
      expect((await pdfText(pdf.body)).replace(/\s+/g, ' ')).toContain(
        'Dat heeft de gemeente zelf beoordeeld (praktijkroute): M. Jansen heeft dat op 20 januari 2026 vastgesteld.',
      );
    });
  });
});
