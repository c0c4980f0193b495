import type { Test } from 'supertest';
import { euroFromDecimal } from '../../../src/portal/shared/format';
import { portalLogin, type PortalAgent } from '../../support/portal';
import {
  APPLICATION,
  TARGET_GROUP,
  createParticipant,
  issueDecision,
  proposedApplication,
  registerEmployer,
  submitApplication,
} from '../../support/scenario';
import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../../support/test-app';

/** A valid BSN (elfproef) from an 8-digit prefix. */
function bsnFrom(prefix: number): string {
  for (let p = prefix; ; p++) {
    const digits = String(p).padStart(8, '0').split('').map(Number);
    const sum = digits.reduce((s, d, i) => s + d * (9 - i), 0);
    const last = sum % 11;
    if (last < 10 && !/^0+$/.test(digits.join(''))) return digits.join('') + String(last);
  }
}

describe('backoffice portal: work queue, application detail and decisions', () => {
  let t: TestApp;
  let caseworker: TestUser;
  let approver: TestUser;
  let caseworkerApprover: TestUser;
  let paymentOfficer: TestUser;
  let employer: TestUser;
  let cw: PortalAgent;
  let bsnCounter = 10000000;

  async function newParticipant(): Promise<string> {
    bsnCounter += 7;
    return createParticipant(t, caseworker, bsnFrom(bsnCounter));
  }

  /** A submitted application (decision term running); returns its id. */
  async function submittedApplication(overrides: object = {}): Promise<string> {
    const participantNumber = await newParticipant();
    const draft = await t.http
      .post('/api/v1/applications')
      .set(bearer(employer))
      .send({ ...APPLICATION, ...overrides, participant: { participantNumber, dateOfBirth: '1990-05-01' } })
      .expect(201);
    await submitApplication(t, employer, draft.body.id);
    return draft.body.id;
  }

  /** A submitted application, taken into assessment, with a wage value of 60% from the contract start. */
  async function assessedApplication(): Promise<string> {
    const id = await submittedApplication();
    await t.http.post(`/api/v1/applications/${id}/start-assessment`).set(bearer(caseworker)).expect(200);
    await t.http
      .post(`/api/v1/applications/${id}/wage-value-assessments`)
      .set(bearer(caseworker))
      .send({ assessedOn: '2026-01-01', method: 'dariuz', assessorName: 'J. Bakker', percentage: 60 })
      .expect(201);
    return id;
  }

  /** A form post of the portal page, with the session's CSRF token. */
  function post(who: PortalAgent, path: string, fields: Record<string, string>): Test {
    return who.agent
      .post(path)
      .type('form')
      .send({ _csrf: who.csrf, ...fields });
  }

  async function status(id: string): Promise<string> {
    return (await t.dataSource.query(`SELECT status FROM application WHERE id = $1`, [id]))[0].status;
  }

  async function count(table: string, applicationId: string): Promise<number> {
    return (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE application_id = $1`, [applicationId]))[0].n;
  }

  beforeAll(async () => {
    t = await createTestApp();
    caseworker = await createUser(t, ['caseworker']);
    approver = await createUser(t, ['approver']);
    caseworkerApprover = await createUser(t, ['caseworker', 'approver']);
    paymentOfficer = await createUser(t, ['payment-officer']);
    employer = (await registerEmployer(t, '12345678', 'hr@bo-apps.nl', 'Zorggroep Werkvoorraad B.V.')).user;
    cw = await portalLogin(t, caseworker);
  });
  afterAll(() => t.close());

  it('keeps employers out of every backoffice page, and payment officers out of the work queue', async () => {
    const id = await submittedApplication();
    const { agent } = await portalLogin(t, employer, 'a-long-enough-password');
    for (const path of ['/portaal/backoffice/werkvoorraad', `/portaal/backoffice/werkvoorraad/aanvragen/${id}`]) {
      const res = await agent.get(path).expect(403);
      expect(res.text).toContain('Geen toegang');
      expect(res.text).not.toContain('Zorggroep Werkvoorraad');
    }
    const officer = await portalLogin(t, paymentOfficer);
    await officer.agent.get('/portaal/backoffice/werkvoorraad').expect(403);
    const menu = await officer.agent.get(`/portaal/backoffice/werkvoorraad/aanvragen/${id}`).expect(200);
    expect(menu.text).not.toContain('href="/portaal/backoffice/werkvoorraad" ');
  });

  it('lists undecided applications overdue first, then by nearest deadline, with Dutch labels and a status filter', async () => {
    const recent = await submittedApplication();
    const overdue = await submittedApplication();
    const older = await submittedApplication();
    // Submitted within the application window (see submitApplication), then dated as the test needs.
    await t.dataSource.query(`UPDATE application SET submitted_on = current_date WHERE id = $1`, [recent]);
    await t.dataSource.query(`UPDATE application SET submitted_on = '2026-01-05' WHERE id = $1`, [overdue]);
    await t.dataSource.query(`UPDATE application SET submitted_on = current_date - 30 WHERE id = $1`, [older]);
    await t.http.post(`/api/v1/applications/${older}/start-assessment`).set(bearer(caseworker)).expect(200);
    const numbers = await t.dataSource.query(`SELECT id, application_number FROM application WHERE id = ANY($1)`, [
      [recent, overdue, older],
    ]);
    const number = (id: string) => numbers.find((r: { id: string }) => r.id === id).application_number;

    const res = await cw.agent.get('/portaal/backoffice/werkvoorraad').expect(200);
    const position = (id: string) => res.text.indexOf(`/portaal/backoffice/werkvoorraad/aanvragen/${id}"`);
    expect(position(overdue)).toBeGreaterThan(-1);
    expect(position(overdue)).toBeLessThan(position(older));
    expect(position(older)).toBeLessThan(position(recent));
    expect(res.text).toContain('Te laat');
    expect(res.text).toContain('In beoordeling');
    expect(res.text).toContain('Ingediend');
    expect(res.text).toMatch(/aria-current="page">Werkvoorraad/);

    const filtered = await cw.agent.get('/portaal/backoffice/werkvoorraad?status=in-assessment').expect(200);
    expect(filtered.text).toContain(number(older));
    expect(filtered.text).not.toContain(number(recent));
    expect(filtered.text).toMatch(/<option value="in-assessment" selected>/);
  });

  it('shows the queue 50 applications at a time, most urgent first', async () => {
    const [{ n: before }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM application WHERE status IN ('submitted','in-assessment','information-requested','decision-proposed')`,
    );
    for (let i = before; i < 53; i += 5) await Promise.all([0, 1, 2, 3, 4].map(() => submittedApplication()));
    const [{ n: total }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM application WHERE status IN ('submitted','in-assessment','information-requested','decision-proposed')`,
    );
    const links = (html: string) => html.match(/href="\/portaal\/backoffice\/werkvoorraad\/aanvragen\/[0-9a-f-]{36}"/g) ?? [];
    const first = await cw.agent.get('/portaal/backoffice/werkvoorraad').expect(200);
    const second = await cw.agent.get('/portaal/backoffice/werkvoorraad?pagina=2').expect(200);
    const queueLinks = (html: string) => links(html.slice(html.indexOf('aanvragen-titel'), html.indexOf('Paginering')));
    expect(queueLinks(first.text)).toHaveLength(50);
    expect(first.text).toContain(`Pagina 1 van ${Math.ceil(total / 50)}`);
    expect(first.text).toContain('href="?pagina=2">Volgende pagina');
    expect(queueLinks(second.text)).toHaveLength(total - 50);
    expect(new Set([...queueLinks(first.text), ...queueLinks(second.text)]).size).toBe(total);
  });

  it('shows the application with a masked BSN, documents and the calculation breakdown of the service', async () => {
    const id = await assessedApplication();
    const participantNumber = (await t.http.get(`/api/v1/applications/${id}`).set(bearer(caseworker))).body.participant
      .participantNumber as string;
    const pdf = Buffer.from('%PDF-1.4\n% test\n');
    await t.http
      .post(`/api/v1/applications/${id}/documents`)
      .set(bearer(employer))
      .field('kind', 'employment-contract')
      .attach('file', pdf, 'contract.pdf')
      .expect(201);
    const calculation = await t.http.get(`/api/v1/applications/${id}/lks-calculation`).set(bearer(caseworker)).expect(200);

    const res = await cw.agent.get(`/portaal/backoffice/werkvoorraad/aanvragen/${id}`).expect(200);
    const bsn = bsnFrom(bsnCounter);
    expect(res.text).not.toContain(bsn);
    expect(res.text).toContain(`******${bsn.slice(-3)}`);
    expect(res.text).toMatch(/aria-current="page">Werkvoorraad/);
    expect(res.text).toContain(participantNumber);
    expect(res.text).toContain('Arbeidsovereenkomst: contract.pdf');
    // Every month of the service's calculation, and its total, in Dutch notation.
    const total = calculation.body.total as string;
    expect(res.text).toContain(`Totaal: <strong>${euroFromDecimal(total)}</strong>`);
    for (const month of calculation.body.segments[0].calculation.months) {
      expect(res.text).toContain(`<td class="ams-table__cell wk-number">${euroFromDecimal(month.total)}</td>`);
    }
    expect(res.text).toContain('loonwaarde 60%');
    expect(res.text).toContain('januari 2026');
    // Both terms of the decision clock, which ends first, and the end of the flat-rate period.
    expect(res.text).toContain('Termijn van 8 weken (Awb), met opschorting en verlenging');
    expect(res.text).toMatch(/Termijn van 5 weken na de loonwaarde[\s\S]*loonwaarde vastgesteld op 1 januari 2026/);
    expect(res.text).toMatch(/Eerst verloopt<\/dt>\s*<dd[^>]*>De termijn van 5 weken na de loonwaarde/);
    expect(res.text).toMatch(
      /Forfaitaire periode \(eerste 6 maanden van het dienstverband\)<\/dt>\s*<dd[^>]*>tot en met 30 juni 2026/,
    );
    expect(res.text).toContain('Kreeg in de 6 maanden ervoor ondersteuning van de gemeente (bijstand of re-integratie)');
    const doc = await cw.agent.get(
      `/portaal/backoffice/werkvoorraad/aanvragen/${id}/documenten/${res.text.match(/documenten\/([0-9a-f-]{36})/)![1]}`,
    );
    expect(doc.status).toBe(200);
    expect(doc.body.toString()).toBe(pdf.toString());
  });

  it('takes an application into assessment and records a wage value; invalid input gets Dutch messages and writes nothing', async () => {
    const id = await submittedApplication();
    const page = await cw.agent.get(`/portaal/backoffice/werkvoorraad/aanvragen/${id}`).expect(200);
    expect(page.text).toContain('In beoordeling nemen');
    await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/beoordeling-starten`, { version: '2' }).expect(303);
    expect(await status(id)).toBe('in-assessment');
    const flash = await cw.agent.get(`/portaal/backoffice/werkvoorraad/aanvragen/${id}`).expect(200);
    expect(flash.text).toContain('De aanvraag is in beoordeling genomen.');

    const invalid = await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/loonwaarde`, {
      percentage: '150',
      method: 'dariuz',
      assessorName: '',
      assessedOn: '2026-02-30',
    }).expect(400);
    expect(invalid.text).toContain('Vul maximaal 100 in.');
    expect(invalid.text).toContain('Vul een geldige datum in (dag, maand en jaar).');
    expect(invalid.text).toMatch(/id="percentage"[^>]*aria-invalid="true"/);
    expect(invalid.text).toContain('value="150"');
    expect(invalid.text).toContain('<details class="wk-details" open>');
    expect(await count('wage_value_assessment', id)).toBe(0);

    const beforeContract = await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/loonwaarde`, {
      percentage: '60',
      method: 'dariuz',
      assessorName: 'J. Bakker',
      assessedOn: '2025-12-01',
    }).expect(422);
    expect(beforeContract.text).toContain('Deze datum moet op of na de ingangsdatum van het contract (1 januari 2026) liggen.');
    expect(await count('wage_value_assessment', id)).toBe(0);

    await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/loonwaarde`, {
      percentage: '62,5',
      method: 'dariuz',
      assessorName: 'J. Bakker',
      assessedOn: '2026-01-01',
    }).expect(303);
    const [row] = await t.dataSource.query(
      `SELECT percentage, assessor_name FROM wage_value_assessment WHERE application_id = $1`,
      [id],
    );
    expect(row).toEqual({ percentage: '62.50', assessor_name: 'J. Bakker' });
    const after = await cw.agent.get(`/portaal/backoffice/werkvoorraad/aanvragen/${id}`).expect(200);
    expect(after.text).toContain('62,5%');
    expect(after.text).toContain('loonwaarde 62,5%');
  });

  it('requests information, receives it and extends the term once, with Dutch messages for wrong input', async () => {
    const id = await submittedApplication();
    // Submitted within the application window (see submitApplication); dated today so the term still runs.
    await t.dataSource.query(`UPDATE application SET submitted_on = current_date WHERE id = $1`, [id]);
    await t.http.post(`/api/v1/applications/${id}/start-assessment`).set(bearer(caseworker)).expect(200);
    const empty = await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/informatie-opvragen`, {
      question: '   ',
    }).expect(400);
    expect(empty.text).toContain('Vul dit veld in.');
    expect(await count('information_request', id)).toBe(0);

    await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/informatie-opvragen`, {
      question: 'Stuur de getekende arbeidsovereenkomst.',
    }).expect(303);
    expect(await status(id)).toBe('information-requested');
    const suspended = await cw.agent.get(`/portaal/backoffice/werkvoorraad/aanvragen/${id}`).expect(200);
    expect(suspended.text).toContain('Opgeschort');
    expect(suspended.text).toContain('Stuur de getekende arbeidsovereenkomst.');

    await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/informatie-ontvangen`, {
      note: 'Contract ontvangen per post.',
    }).expect(303);
    expect(await status(id)).toBe('in-assessment');

    const tooLong = await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/termijn-verlengen`, {
      weeks: '9',
      reason: '',
    }).expect(400);
    expect(tooLong.text).toContain('Vul maximaal 8 in.');
    expect(tooLong.text).toMatch(/id="reason-error"[\s\S]*Vul dit veld in\./);
    await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/termijn-verlengen`, {
      weeks: '4',
      reason: 'Loonwaardebepaling op de werkplek staat later gepland.',
    }).expect(303);
    const again = await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/termijn-verlengen`, {
      weeks: '2',
      reason: 'Nog een keer.',
    }).expect(409);
    expect(again.text).toContain('De beslistermijn is al eerder verlengd.');
    const [row] = await t.dataSource.query(`SELECT extension_weeks FROM application WHERE id = $1`, [id]);
    expect(row.extension_weeks).toBe(4);
  });

  it('records that no measurement is needed (Participatiewet art. 10d), from which the five-week term runs; a date in the future is refused in Dutch', async () => {
    const id = await submittedApplication({ flatRateRequested: true });
    await t.http.post(`/api/v1/applications/${id}/start-assessment`).set(bearer(caseworker)).expect(200);
    const future = await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/geen-meting`, {
      noMeasurementOn: '2999-01-01',
      noMeasurementReason: 'Forfaitair.',
    }).expect(422);
    expect(future.text).toMatch(/id="noMeasurementOn-error"[\s\S]*Deze datum mag niet in de toekomst liggen\./);
    expect((await t.dataSource.query(`SELECT no_measurement_decided_on FROM application WHERE id = $1`, [id]))[0]).toEqual({
      no_measurement_decided_on: null,
    });
    const { submittedOn } = (await t.http.get(`/api/v1/applications/${id}`).set(bearer(caseworker))).body;
    await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/geen-meting`, {
      noMeasurementOn: submittedOn,
      noMeasurementReason: 'Met de werkgever afgesproken: eerst 6 maanden forfaitair.',
    }).expect(303);
    const page = await cw.agent.get(`/portaal/backoffice/werkvoorraad/aanvragen/${id}`).expect(200);
    expect(page.text).toContain('met de werkgever besloten dat de loonwaarde (nog) niet gemeten hoeft te worden');
    expect(page.text).toContain('besloten dat meten niet nodig is op');
    expect(page.text).not.toContain('Vastleggen dat meten niet nodig is');
  });

  it('refuses a change made on an outdated page', async () => {
    const id = await submittedApplication();
    const res = await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/beoordeling-starten`, { version: '1' }).expect(
      412,
    );
    expect(res.text).toContain('Iemand anders heeft dit intussen gewijzigd');
    expect(await status(id)).toBe('submitted');
  });

  it('proposes, drafts and issues a decision with four eyes; the drafter and a payment officer cannot approve', async () => {
    const id = await assessedApplication();

    const drafter = await portalLogin(t, caseworkerApprover);
    const noReasons = await post(drafter, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/voorstel`, {
      outcome: 'reject',
      reasons: '',
    }).expect(400);
    expect(noReasons.text).toMatch(/id="reasons-error"[\s\S]*Vul dit veld in\./);
    expect(await status(id)).toBe('in-assessment');
    // A grant needs the target-group basis first; the form for it names what is missing, in Dutch.
    const noTargetGroup = await post(drafter, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/voorstel`, {
      outcome: 'grant',
      reasons: 'De loonwaarde is 60%.',
    }).expect(422);
    expect(noTargetGroup.text).toContain('href="#targetGroup"');
    expect(noTargetGroup.text).toContain('Leg eerst vast waarom de kandidaat bij de doelgroep loonkostensubsidie hoort');
    const noAssessor = await post(drafter, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/doelgroep`, {
      version: '4',
      targetGroupBasis: 'praktijkroute',
      targetGroupAssessedOn: '2026-01-02',
      targetGroupRegisteredOn: '2025-01-01',
    }).expect(400);
    expect(noAssessor.text).toMatch(/id="targetGroupAssessorName-error"[\s\S]*Vul dit veld in\./);
    expect(
      (await t.dataSource.query(`SELECT target_group_basis FROM application WHERE id = $1`, [id]))[0].target_group_basis,
    ).toBeNull();
    await post(drafter, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/doelgroep`, {
      version: '4',
      targetGroupBasis: 'praktijkroute',
      targetGroupAssessedOn: '2026-01-02',
      targetGroupAssessorName: 'M. Jansen',
      targetGroupRegisteredOn: '2025-01-01',
    }).expect(303);
    const recorded = await drafter.agent.get(`/portaal/backoffice/werkvoorraad/aanvragen/${id}`).expect(200);
    expect(recorded.text).toContain('Praktijkroute (beoordeling door de gemeente)');
    expect(recorded.text).toContain('2 januari 2026, door M. Jansen');
    await post(drafter, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/voorstel`, {
      outcome: 'grant',
      reasons: 'De loonwaarde is 60%.',
    }).expect(303);
    expect(await status(id)).toBe('decision-proposed');

    const emptyDraft = await post(drafter, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/besluit`, {
      type: 'grant',
      reasons: '',
    }).expect(303);
    // No reasons typed: the reasons of the proposal are used, as the API does.
    const drafted = await t.dataSource.query(`SELECT id, status, drafted_by, reasons FROM decision WHERE application_id = $1`, [
      id,
    ]);
    expect(drafted).toHaveLength(1);
    expect(drafted[0]).toMatchObject({ status: 'draft', drafted_by: caseworkerApprover.id, reasons: 'De loonwaarde is 60%.' });
    const decisionId = drafted[0].id;
    expect(emptyDraft.headers.location).toBe(`/portaal/backoffice/werkvoorraad/besluiten/${decisionId}`);

    const own = await drafter.agent.get(`/portaal/backoffice/werkvoorraad/besluiten/${decisionId}`).expect(200);
    expect(own.text).toContain('Het conceptbesluit is opgesteld.');
    expect(own.text).toContain(
      'U heeft dit besluit zelf opgesteld. Een andere medewerker met de rol beslisser moet het goedkeuren',
    );
    const refused = await post(drafter, `/portaal/backoffice/werkvoorraad/besluiten/${decisionId}/goedkeuren`, {}).expect(403);
    expect(refused.text).toContain('Vier-ogenprincipe: Een tweede medewerker moet deze stap zetten');
    const officer = await portalLogin(t, paymentOfficer);
    const denied = await post(officer, `/portaal/backoffice/werkvoorraad/besluiten/${decisionId}/goedkeuren`, {}).expect(403);
    expect(denied.text).toContain('Geen toegang');
    expect((await t.dataSource.query(`SELECT status FROM decision WHERE id = $1`, [decisionId]))[0].status).toBe('draft');

    const second = await portalLogin(t, approver);
    const page = await second.agent.get(`/portaal/backoffice/werkvoorraad/besluiten/${decisionId}`).expect(200);
    expect(page.text).toContain('Opgesteld door</dt>');
    expect(page.text).toContain('Test caseworker/approver');
    expect(page.text).toContain('dus niet Test caseworker/approver');
    await post(second, `/portaal/backoffice/werkvoorraad/besluiten/${decisionId}/goedkeuren`, { version: '1' }).expect(303);
    const [issued] = await t.dataSource.query(`SELECT status, approved_by, decision_number FROM decision WHERE id = $1`, [
      decisionId,
    ]);
    expect(issued).toMatchObject({ status: 'issued', approved_by: approver.id });
    expect(await status(id)).toBe('active');
    const after = await second.agent.get(`/portaal/backoffice/werkvoorraad/besluiten/${decisionId}`).expect(200);
    expect(after.text).toContain(`afgegeven met nummer ${issued.decision_number}`);
    expect(after.text).toContain('Test approver');
    const pdf = await second.agent.get(`/portaal/backoffice/werkvoorraad/besluiten/${decisionId}/pdf`).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(pdf.body).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('checks the roles of each action: an approver may take a proposal back, not record a wage value', async () => {
    const id = await submittedApplication();
    await t.http.post(`/api/v1/applications/${id}/start-assessment`).set(bearer(caseworker)).expect(200);
    const second = await portalLogin(t, approver);
    const denied = await post(second, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/loonwaarde`, {
      percentage: '60',
      method: 'dariuz',
      assessorName: 'J. Bakker',
      assessedOn: '2026-01-01',
    }).expect(403);
    expect(denied.text).toContain('Geen toegang');
    expect(await count('wage_value_assessment', id)).toBe(0);
    await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/bestaat-niet`, {}).expect(404);
    const officer = await portalLogin(t, paymentOfficer);
    await post(officer, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/beoordeling-starten`, {}).expect(403);

    await t.http
      .post(`/api/v1/applications/${id}/wage-value-assessments`)
      .set(bearer(caseworker))
      .send({ assessedOn: '2026-01-01', method: 'dariuz', assessorName: 'J. Bakker', percentage: 60 })
      .expect(201);
    await t.http.post(`/api/v1/applications/${id}/record-target-group`).set(bearer(caseworker)).send(TARGET_GROUP).expect(200);
    await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/voorstel`, { outcome: 'grant' }).expect(303);
    const page = await second.agent.get(`/portaal/backoffice/werkvoorraad/aanvragen/${id}`).expect(200);
    expect(page.text).toContain('Voorstel intrekken en terug naar beoordeling');
    await post(second, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/terug-naar-beoordeling`, {}).expect(303);
    expect(await status(id)).toBe('in-assessment');
  });

  it('edits the reasons of a draft decision and discards it; an empty text is refused and nothing changes', async () => {
    const participantNumber = await newParticipant();
    const id = await proposedApplication(t, employer, caseworker, participantNumber);
    const drafted = await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/besluit`, {
      type: 'grant',
      reasons: 'Eerste tekst.',
    }).expect(303);
    const decisionId = drafted.headers.location.split('/').pop()!;
    const twice = await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/besluit`, {
      type: 'grant',
      reasons: 'Nog een.',
    }).expect(409);
    expect(twice.text).toContain('Er is al een conceptbesluit voor deze aanvraag.');

    const empty = await post(cw, `/portaal/backoffice/werkvoorraad/besluiten/${decisionId}/motivering`, { reasons: ' ' }).expect(
      400,
    );
    expect(empty.text).toMatch(/id="reasons-error"[\s\S]*Vul dit veld in\./);
    const reasons = async () =>
      (await t.dataSource.query(`SELECT reasons FROM decision WHERE id = $1`, [decisionId]))[0]?.reasons;
    expect(await reasons()).toBe('Eerste tekst.');
    await post(cw, `/portaal/backoffice/werkvoorraad/besluiten/${decisionId}/motivering`, {
      reasons: 'Aangepaste tekst.',
    }).expect(303);
    expect(await reasons()).toBe('Aangepaste tekst.');

    const gone = await post(cw, `/portaal/backoffice/werkvoorraad/besluiten/${decisionId}/verwijderen`, {}).expect(303);
    expect(gone.headers.location).toBe(`/portaal/backoffice/werkvoorraad/aanvragen/${id}`);
    expect(await reasons()).toBeUndefined();
    const page = await cw.agent.get(`/portaal/backoffice/werkvoorraad/aanvragen/${id}`).expect(200);
    expect(page.text).toContain('Het conceptbesluit is verwijderd.');
    expect(page.text).toContain('Conceptbesluit verlening opstellen');
  });

  it('handles a running subsidy: re-assessment due, new wage value, change of hours, change and recovery decisions', async () => {
    const participantNumber = await newParticipant();
    const id = await proposedApplication(t, employer, caseworker, participantNumber);
    await issueDecision(t, caseworker, approver, { applicationId: id, type: 'grant' });
    const [{ application_number: number }] = await t.dataSource.query(
      `SELECT application_number FROM application WHERE id = $1`,
      [id],
    );

    // The wage value assessed on 1 January 2026 must be re-assessed by 1 January 2027.
    let queue = await cw.agent.get('/portaal/backoffice/werkvoorraad').expect(200);
    const reassessments = queue.text.slice(queue.text.indexOf('id="herbeoordeling-titel"'));
    expect(reassessments).toContain(number);
    expect(reassessments).toContain('1 januari 2027');

    await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/loonwaarde`, {
      percentage: '70',
      method: 'dariuz',
      assessorName: 'J. Bakker',
      assessedOn: '2026-03-25',
      effectiveFrom: '2026-04-01',
    }).expect(303);
    queue = await cw.agent.get('/portaal/backoffice/werkvoorraad').expect(200);
    const changes = queue.text.slice(
      queue.text.indexOf('id="wijzigingen-titel"'),
      queue.text.indexOf('id="herbeoordeling-titel"'),
    );
    expect(changes).toContain(number);
    expect(changes).toContain('Nieuwe loonwaarde vastgesteld');

    const tooMany = await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/wijzigen`, {
      hoursPerWeek: '50',
      reason: 'Meer uren.',
    }).expect(400);
    expect(tooMany.text).toContain('Vul maximaal 40 in.');
    await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/wijzigen`, {
      hoursPerWeek: '28',
      reason: 'Minder uren.',
    }).expect(303);
    expect((await t.dataSource.query(`SELECT hours_per_week FROM application WHERE id = $1`, [id]))[0].hours_per_week).toBe(
      '28.00',
    );

    const outside = await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/ander-besluit`, {
      type: 'change',
      effectiveDate: '2027-01-01',
      reasons: 'Nieuwe loonwaarde.',
    }).expect(422);
    expect(outside.text).toContain('Deze datum moet tussen 1 januari 2026 en 30 juni 2026 liggen.');
    expect(await count('decision', id)).toBe(1);
    const change = await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/ander-besluit`, {
      type: 'change',
      effectiveDate: '2026-04-01',
      reasons: 'De loonwaarde is per 1 april 2026 70%.',
    }).expect(303);
    const changeId = change.headers.location.split('/').pop()!;
    const second = await portalLogin(t, approver);
    await post(second, `/portaal/backoffice/werkvoorraad/besluiten/${changeId}/goedkeuren`, {}).expect(303);
    const [issued] = await t.dataSource.query(`SELECT type, status FROM decision WHERE id = $1`, [changeId]);
    expect(issued).toEqual({ type: 'change', status: 'issued' });

    const badAmount = await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/ander-besluit`, {
      type: 'recovery',
      recoveryCents: 'honderd',
      paymentTermDays: '42',
      reasons: 'Te veel betaald.',
    }).expect(400);
    expect(badAmount.text).toContain('Vul een bedrag in euro in, zoals 125,50.');
    expect(badAmount.text).toMatch(/id="recoveryCents"[^>]*aria-invalid="true"/);
    const recovery = await post(cw, `/portaal/backoffice/werkvoorraad/aanvragen/${id}/ander-besluit`, {
      type: 'recovery',
      recoveryCents: '1.250,50',
      paymentTermDays: '42',
      reasons: 'Te veel betaald.',
    }).expect(303);
    const [draft] = await t.dataSource.query(
      `SELECT type, status, recovery_cents, payment_term_days FROM decision WHERE id = $1`,
      [recovery.headers.location.split('/').pop()],
    );
    expect(draft).toEqual({ type: 'recovery', status: 'draft', recovery_cents: '125050', payment_term_days: 42 });
  });

  it('answers an unknown or malformed record address with the Dutch 404 page', async () => {
    const missing = await cw.agent
      .get('/portaal/backoffice/werkvoorraad/aanvragen/00000000-0000-4000-8000-000000000000')
      .expect(404);
    expect(missing.text).toContain('Niet gevonden');
    await cw.agent.get('/portaal/backoffice/werkvoorraad/aanvragen/geen-id').expect(404);
    await cw.agent.get('/portaal/backoffice/werkvoorraad/besluiten/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('registers an objection against an issued decision and records how it stands; bad input writes nothing', async () => {
    const participantNumber = await newParticipant();
    const id = await proposedApplication(t, employer, caseworker, participantNumber);
    const decision = await issueDecision(t, caseworker, approver, { applicationId: id, type: 'grant' });
    const base = `/portaal/backoffice/werkvoorraad/besluiten/${decision.id}`;
    const objections = async () =>
      t.dataSource.query(`SELECT id, status, grounds, within_term FROM objection WHERE decision_id = $1`, [decision.id]);

    const page = await cw.agent.get(base).expect(200);
    expect(page.text).toContain('Er is geen bezwaar tegen dit besluit ontvangen.');
    const bad = await post(cw, `${base}/bezwaren`, { receivedOn: '31-02-2026', grounds: 'Te lage loonwaarde.' }).expect(400);
    expect(bad.text).toMatch(/id="receivedOn-error"[^>]*>.*Vul een geldige datum in/);
    expect(await objections()).toEqual([]);

    await post(cw, `${base}/bezwaren`, {
      receivedOn: new Date().toISOString().slice(0, 10),
      grounds: 'Te lage loonwaarde.',
    }).expect(303);
    const [registered] = await objections();
    expect(registered).toMatchObject({ status: 'received', grounds: 'Te lage loonwaarde.', within_term: true });
    const listed = await cw.agent.get(base).expect(200);
    expect(listed.text).toContain('Het bezwaar is geregistreerd.');
    expect(listed.text).toContain('Te lage loonwaarde.');

    await post(cw, `${base}/bezwaren/${registered.id}`, { version: '1', [`status-${registered.id}`]: 'in-treatment' }).expect(
      303,
    );
    expect((await objections())[0].status).toBe('in-treatment');
    // An approver may read the decision but not register objections (caseworkers do, as in the API).
    const second = await portalLogin(t, approver);
    const readOnly = await second.agent.get(base).expect(200);
    expect(readOnly.text).not.toContain('Bezwaar registreren');
    await post(second, `${base}/bezwaren`, { receivedOn: '2026-06-01' }).expect(403);
    expect(await objections()).toHaveLength(1);
  });
});
