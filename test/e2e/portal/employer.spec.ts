import { createHash } from 'node:crypto';
import { Clock } from '../../../src/common/clock';
import { JULY_2026_RATES } from '../../support/fixtures';
import { binary } from '../../support/http';
import { portalLogin, type PortalAgent } from '../../support/portal';
import { createParticipant, issueDecision, proposedApplication, registerEmployer } from '../../support/scenario';
import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../../support/test-app';

const PASSWORD = 'a-long-enough-password';
const BSN = '111222333';

/** A filled-in application form as the browser posts it (field names are the API's paths). */
function applicationForm(participantNumber: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'participant.participantNumber': participantNumber,
    'participant.bsn': '',
    'participant.dateOfBirth': '1990-05-01',
    jobTitle: 'Helpende zorg en welzijn',
    sector: 'Zorg en welzijn',
    jobPlan: 'zorg',
    contractStart: '2026-01-01',
    contractEnd: '2026-06-30',
    hoursPerWeek: '32',
    fullTimeHoursPerWeek: '36',
    grossHourlyWage: '15,20',
    scale: 'regular',
    employmentOrigin: 'municipality-placement',
    wageValuePercentage: '60',
    ...overrides,
  };
}

describe('employer portal: applications, estimate, documents, decisions, payments, organisation', () => {
  let t: TestApp;
  let caseworker: TestUser;
  let approver: TestUser;
  let employerA: { employerId: string; user: TestUser };
  let employerB: { employerId: string; user: TestUser };
  let participantNumber: string;
  let a: PortalAgent;
  let b: PortalAgent;

  const count = async (table: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  /** Runs a step on a given day: the form's contract starts on 1 January 2026, so submitting it is only in time until 1 July. */
  async function on<T>(day: string, step: () => Promise<T>): Promise<T> {
    const today = jest.spyOn(t.app.get(Clock), 'today').mockReturnValue(day);
    try {
      return await step();
    } finally {
      today.mockRestore();
    }
  }
  const post = (agent: PortalAgent, path: string, form: Record<string, string>) =>
    agent.agent
      .post(path)
      .type('form')
      .send({ _csrf: agent.csrf, ...form });

  beforeAll(async () => {
    t = await createTestApp();
    caseworker = await createUser(t, ['caseworker']);
    approver = await createUser(t, ['approver']);
    employerA = await registerEmployer(t, '12345678', 'hr@portaal-a.nl', 'Zorggroep Amstelland B.V.');
    employerB = await registerEmployer(t, '87654321', 'hr@portaal-b.nl', 'Bouwbedrijf Noord B.V.');
    participantNumber = await createParticipant(t, caseworker, BSN);
    a = await portalLogin(t, employerA.user, PASSWORD);
    b = await portalLogin(t, employerB.user, PASSWORD);
  });
  afterAll(() => t.close());

  it('refuses the employer pages to other roles with the Dutch 403 page', async () => {
    const staff = await portalLogin(t, caseworker);
    const res = await staff.agent.get('/portaal/werkgever').expect(403);
    expect(res.text).toContain('Geen toegang');
  });

  describe('the application form', () => {
    it('shows every field of the API with a label, the job plans and the estimate region', async () => {
      const res = await a.agent.get('/portaal/werkgever/aanvragen/nieuw').expect(200);
      for (const field of ['participant.participantNumber', 'participant.bsn', 'participant.dateOfBirth', 'jobTitle', 'sector']) {
        expect(res.text).toContain(`<label class="ams-label" for="${field}">`);
      }
      expect(res.text).toContain('<option value="zorg"');
      expect(res.text).toContain('aria-live="polite"');
      // The live estimate is told which fields to send: never the BSN or the participant number.
      expect(res.text).toContain(
        'data-estimate-fields="participant.dateOfBirth contractStart contractEnd hoursPerWeek scale flatRateRequested wageValuePercentage"',
      );
      expect(res.text).toContain('src="/portaal/static/app/employer.js"');
    });

    it('marks invalid fields with the API reasons in Dutch and writes nothing', async () => {
      const before = await count('application');
      const res = await post(
        a,
        '/portaal/werkgever/aanvragen/nieuw',
        applicationForm('', {
          'participant.participantNumber': '',
          'participant.bsn': '12345',
          hoursPerWeek: '41',
          grossHourlyWage: '15.2.0',
          jobTitle: '',
          actie: 'indienen',
        }),
      ).expect(400);
      expect(res.text).toContain('Niet alle gegevens kloppen');
      expect(res.text).toMatch(
        /id="participant.bsn-error"[^>]*><span class="ams-visually-hidden">Fout: <\/span>Vul 9 cijfers in./,
      );
      expect(res.text).toMatch(/id="hoursPerWeek-error"[^>]*>.*Vul maximaal 40 in./);
      expect(res.text).toMatch(/id="grossHourlyWage-error"[^>]*>.*Vul een bedrag in euro in/);
      expect(res.text).toMatch(/id="jobTitle-error"[^>]*>.*Vul dit veld in./);
      expect(res.text).toMatch(/id="hoursPerWeek"[^>]*aria-invalid="true"/);
      expect(res.text).toContain('href="#participant.bsn"');
      // The BSN typed in is not sent back; the other values are.
      expect(res.text).not.toContain('value="12345"');
      expect(res.text).toContain('value="Zorg en welzijn"');
      expect(await count('application')).toBe(before);
    });

    it('names the candidate field when the municipality knows no such participant, without saying why', async () => {
      const before = await count('application');
      const res = await post(
        a,
        '/portaal/werkgever/aanvragen/nieuw',
        applicationForm('', {
          'participant.participantNumber': '',
          'participant.bsn': BSN,
          'participant.dateOfBirth': '1991-05-01',
          actie: 'opslaan',
        }),
      ).expect(422);
      expect(res.text).toMatch(/id="participant.bsn-error"[^>]*>.*Er is geen deelnemer gevonden met deze gegevens./);
      expect(res.text).not.toContain(BSN);
      expect(t.logLines.join('\n')).not.toContain(BSN);
      expect(await count('application')).toBe(before);
    });

    it('says what is wrong with empty and non-numeric hours, not a range that does not apply', async () => {
      const before = await count('application');
      const res = await post(
        a,
        '/portaal/werkgever/aanvragen/nieuw',
        applicationForm(participantNumber, { hoursPerWeek: '', fullTimeHoursPerWeek: 'zesendertig', actie: 'indienen' }),
      ).expect(400);
      expect(res.text).toMatch(/id="hoursPerWeek-error"[^>]*>.*Vul dit veld in\./);
      expect(res.text).toMatch(
        /id="fullTimeHoursPerWeek-error"[^>]*>.*Vul een getal in met hoogstens 2 cijfers achter de komma\./,
      );
      expect(res.text).not.toContain('Vul maximaal 40 in.');
      expect(await count('application')).toBe(before);
    });

    it('asks where the employee comes from, and refuses a submission past the application window in Dutch, keeping one draft to correct', async () => {
      const form = await a.agent.get('/portaal/werkgever/aanvragen/nieuw').expect(200);
      expect(form.text).toContain('<label class="ams-label" for="employmentOrigin">Waar komt de werknemer vandaan?</label>');
      expect(form.text).toContain('<option value="mbo-entree">Volgde in de 6 maanden ervoor een mbo-entreeopleiding</option>');
      const before = await count('application');
      const late = await on('2026-01-20', () =>
        post(
          a,
          '/portaal/werkgever/aanvragen/nieuw',
          applicationForm(participantNumber, { employmentOrigin: 'other', actie: 'indienen' }),
        ).expect(422),
      );
      expect(late.text).toMatch(
        /id="contractStart-error"[^>]*>.*De aanvraag moest vóór de start van het dienstverband \(1 januari 2026\) binnen zijn\. De laatste dag om aan te vragen was 31 december 2025\./,
      );
      // The draft was saved; the form shown again edits it, so correcting the origin does not save a second one.
      const [draft] = await t.dataSource.query(`SELECT id, status FROM application ORDER BY created_at DESC LIMIT 1`);
      expect(draft.status).toBe('draft');
      expect(late.text).toContain(`action="/portaal/werkgever/aanvragen/${draft.id}/wijzigen"`);
      expect(late.text).toContain('name="version" value="1"');
      await on('2026-01-20', () =>
        post(a, `/portaal/werkgever/aanvragen/${draft.id}/wijzigen`, {
          ...applicationForm(participantNumber, { employmentOrigin: 'municipality-placement' }),
          version: '1',
          actie: 'indienen',
        }).expect(303),
      );
      expect(await count('application')).toBe(before + 1);
      const page = await a.agent.get(`/portaal/werkgever/aanvragen/${draft.id}`).expect(200);
      expect(page.text).toContain('Kreeg in de 6 maanden ervoor ondersteuning van de gemeente (bijstand of re-integratie)');
      expect(page.text).toContain('tot en met 30 juni 2026');
    });

    it('says in Dutch that the wage is below the minimum wage for the age', async () => {
      const res = await post(
        a,
        '/portaal/werkgever/aanvragen/nieuw',
        applicationForm(participantNumber, { grossHourlyWage: '5,00', actie: 'opslaan' }),
      ).expect(422);
      expect(res.text).toMatch(
        /id="grossHourlyWage-error"[^>]*>.*Dit moet minstens € \d+,\d\d zijn \(minimumloon voor leeftijd 35\)/,
      );
    });

    it('saves a draft, then submits it from the application page', async () => {
      const res = await post(
        a,
        '/portaal/werkgever/aanvragen/nieuw',
        applicationForm(participantNumber, { actie: 'opslaan' }),
      ).expect(303);
      const path = res.headers.location as string;
      expect(path).toMatch(/^\/portaal\/werkgever\/aanvragen\/[0-9a-f-]{36}$/);
      const id = path.split('/').pop()!;
      const draft = await a.agent.get(path).expect(200);
      expect(draft.text).toContain('opgeslagen als concept');
      expect(draft.text).toContain('Concept');
      expect(draft.text).toContain('Aanvraag indienen');
      const [row] = await t.dataSource.query(`SELECT status, hours_per_week, gross_hourly_wage FROM application WHERE id = $1`, [
        id,
      ]);
      expect(row).toEqual({ status: 'draft', hours_per_week: '32.00', gross_hourly_wage: '15.20' });

      // The draft's edit form is filled in (never with a BSN) and changes are saved.
      const edit = await a.agent.get(`${path}/wijzigen`).expect(200);
      expect(edit.text).toContain(`value="${participantNumber}"`);
      expect(edit.text).toContain('value="15,20"');
      await post(a, `${path}/wijzigen`, {
        ...applicationForm(participantNumber, { hoursPerWeek: '24,5' }),
        version: '1',
        actie: 'opslaan',
      }).expect(303);
      expect((await t.dataSource.query(`SELECT hours_per_week FROM application WHERE id = $1`, [id]))[0].hours_per_week).toBe(
        '24.50',
      );
      // A stale form (old version) is refused in Dutch.
      const stale = await post(a, `${path}/wijzigen`, {
        ...applicationForm(participantNumber),
        version: '1',
        actie: 'opslaan',
      }).expect(412);
      expect(stale.text).toContain('Iemand anders heeft dit intussen gewijzigd');

      await on('2026-01-20', () => post(a, `${path}/indienen`, { version: '2' }).expect(303));
      const submitted = await a.agent.get(path).expect(200);
      expect(submitted.text).toContain('Uw aanvraag is ingediend.');
      expect(submitted.text).toContain('Ingediend');
      expect(submitted.text).toContain('Uiterlijke beslisdatum');
      expect((await t.dataSource.query(`SELECT status FROM application WHERE id = $1`, [id]))[0].status).toBe('submitted');
      // A submitted application can no longer be edited: its edit form leads back to its page.
      expect((await a.agent.get(`${path}/wijzigen`).expect(303)).headers.location).toBe(path);
    });

    it('submits at once and lists the application as submitted, with its decision deadline', async () => {
      const res = await on('2026-01-20', () =>
        post(a, '/portaal/werkgever/aanvragen/nieuw', applicationForm(participantNumber, { actie: 'indienen' })).expect(303),
      );
      const id = (res.headers.location as string).split('/').pop()!;
      const api = await t.http.get(`/api/v1/applications/${id}`).set(bearer(employerA.user)).expect(200);
      expect(api.body.status).toBe('submitted');
      const list = await a.agent.get('/portaal/werkgever/aanvragen').expect(200);
      expect(list.text).toContain(api.body.applicationNumber);
      expect(list.text).toMatch(new RegExp(`${api.body.applicationNumber}[\\s\\S]*?Ingediend`));
      const home = await a.agent.get('/portaal/werkgever').expect(200);
      expect(home.text).toContain(api.body.applicationNumber);
      const [, year, month, day] = /^(\d{4})-(\d{2})-(\d{2})$/.exec(api.body.decisionClock.deadline)!;
      expect(home.text).toContain(`${Number(day)} `);
      expect(home.text).toContain(year);
      expect(month).toBeTruthy();
    });
  });

  describe('the LKS estimate', () => {
    const query = {
      'participant.dateOfBirth': '1990-05-01',
      contractStart: '2026-01-01',
      contractEnd: '2026-06-30',
      hoursPerWeek: '32',
      scale: 'regular',
      wageValuePercentage: '60',
    };

    it('refuses a wage value above 100% in the estimate, naming the field', async () => {
      const res = await a.agent
        .get('/portaal/werkgever/schatting')
        .set('Accept', 'application/json')
        .query({ ...query, wageValuePercentage: '150' })
        .expect(422);
      expect(res.body.ok).toBe(false);
      expect(res.body.fields.wageValuePercentage).toBe('Vul maximaal 100 in.');
    });

    it('gives the same total as the API calculation for the same facts', async () => {
      const res = await a.agent.get('/portaal/werkgever/schatting').query(query).expect(200);
      const api = await t.http
        .post('/api/v1/lks-calculations')
        .set(bearer(employerA.user))
        .send({
          periodStart: '2026-01-01',
          periodEnd: '2026-06-30',
          dateOfBirth: '1990-05-01',
          hoursPerWeek: 32,
          wageValuePercentage: 60,
          scale: 'regular',
          flatRate: false,
        })
        .expect(200);
      const euro = (decimal: string) => {
        const [whole, cents] = decimal.split('.');
        return `€ ${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${cents}`;
      };
      expect(res.body.ok).toBe(true);
      expect(res.body.lines[1]).toBe(`Totaal van 1 januari 2026 tot en met 30 juni 2026: ${euro(api.body.total)}.`);
      expect(res.body.lines[0]).toBe(`Geschatte loonkostensubsidie per volledige maand: ${euro(api.body.months[0].total)}.`);
      // More hours, more subsidy.
      const more = await a.agent
        .get('/portaal/werkgever/schatting')
        .query({ ...query, hoursPerWeek: '36' })
        .expect(200);
      expect(more.body.lines[1]).not.toBe(res.body.lines[1]);
    });

    it('says in Dutch when the minimum wage is not known yet, then splits the flat-rate months from the wage-value months', async () => {
      const yearQuery = { ...query, contractEnd: '2026-12-31', flatRateRequested: 'true' };
      const missing = await a.agent.get('/portaal/werkgever/schatting').query(yearQuery).expect(422);
      expect(missing.body.message).toBe(
        'Het minimumloon of de subsidieregels voor deze periode zijn nog niet vastgelegd. Neem contact op met de gemeente.',
      );
      const admin = await createUser(t, ['admin']);
      await t.http
        .post('/api/v1/minimum-wage-periods')
        .set(bearer(admin))
        .send({ validFrom: '2026-07-01', validUntil: '2026-12-31', rates: JULY_2026_RATES })
        .expect(201);
      const res = await a.agent.get('/portaal/werkgever/schatting').query(yearQuery).expect(200);
      expect(res.body.lines).toHaveLength(4);
      expect(res.body.lines[2]).toMatch(
        /^1 januari 2026 tot en met 30 juni 2026, forfaitair \(vóór de loonwaardebepaling\): € [\d.]+,\d\d\.$/,
      );
      expect(res.body.lines[3]).toMatch(/^1 juli 2026 tot en met 31 december 2026, bij een loonwaarde van 60%: € [\d.]+,\d\d\.$/);
    });

    it('asks in Dutch for what is missing', async () => {
      const res = await a.agent
        .get('/portaal/werkgever/schatting')
        .query({ ...query, hoursPerWeek: '0' })
        .expect(422);
      expect(res.body).toEqual({
        ok: false,
        message: 'Vul de gegevens aan om een schatting te zien.',
        fields: { hoursPerWeek: 'Vul een getal groter dan 0 in.' },
      });
    });

    it('leaves a waiting confirmation for the next page when an estimate is asked for in between', async () => {
      const res = await post(
        a,
        '/portaal/werkgever/aanvragen/nieuw',
        applicationForm(participantNumber, { actie: 'opslaan' }),
      ).expect(303);
      await a.agent.get('/portaal/werkgever/schatting').set('Accept', 'application/json').query(query).expect(200);
      const page = await a.agent.get(res.headers.location as string).expect(200);
      expect(page.text).toContain('Uw aanvraag is opgeslagen als concept.');
      const again = await a.agent.get(res.headers.location as string).expect(200);
      expect(again.text).not.toContain('Uw aanvraag is opgeslagen als concept.');
    });

    it('shows the estimate without JavaScript and stores nothing', async () => {
      const before = await count('application');
      const res = await post(
        a,
        '/portaal/werkgever/aanvragen/nieuw',
        applicationForm(participantNumber, { actie: 'schatting' }),
      ).expect(200);
      expect(res.text).toMatch(/Geschatte loonkostensubsidie per volledige maand: € [\d.]+,\d\d\./);
      expect(res.text).toContain('value="Helpende zorg en welzijn"');
      expect(await count('application')).toBe(before);
    });
  });

  describe('one application', () => {
    let id: string;
    beforeAll(async () => {
      const res = await on('2026-01-20', () =>
        post(a, '/portaal/werkgever/aanvragen/nieuw', applicationForm(participantNumber, { actie: 'indienen' })).expect(303),
      );
      id = (res.headers.location as string).split('/').pop()!;
    });

    it("shows another employer's application, documents and forms as the Dutch 404 page, and changes nothing", async () => {
      for (const path of [`/portaal/werkgever/aanvragen/${id}`, `/portaal/werkgever/aanvragen/${id}/wijzigen`]) {
        const res = await b.agent.get(path).expect(404);
        expect(res.text).toContain('Niet gevonden');
        expect(res.text).not.toContain('Helpende zorg');
      }
      await post(b, `/portaal/werkgever/aanvragen/${id}/intrekken`, {}).expect(404);
      const upload = await b.agent
        .post(`/portaal/werkgever/aanvragen/${id}/documenten`)
        .field('_csrf', b.csrf)
        .field('kind', 'other')
        .attach('file', Buffer.from('%PDF-1.4 x'), 'x.pdf')
        .expect(404);
      expect(upload.text).toContain('Niet gevonden');
      expect((await t.dataSource.query(`SELECT status FROM application WHERE id = $1`, [id]))[0].status).toBe('submitted');
      expect(
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM application_document WHERE application_id = $1`, [id]))[0].n,
      ).toBe(0);
      await a.agent.get('/portaal/werkgever/aanvragen/not-a-uuid').expect(404);
    });

    it('uploads a document, lists it and gives back the same bytes; refuses other file types in Dutch', async () => {
      const pdf = Buffer.from('%PDF-1.4\n% contract\n%%EOF\n');
      await a.agent
        .post(`/portaal/werkgever/aanvragen/${id}/documenten`)
        .field('_csrf', a.csrf)
        .field('kind', 'employment-contract')
        .attach('file', pdf, 'arbeidsovereenkomst.pdf')
        .expect(303);
      const page = await a.agent.get(`/portaal/werkgever/aanvragen/${id}`).expect(200);
      expect(page.text).toContain('Het document is toegevoegd.');
      expect(page.text).toContain('arbeidsovereenkomst.pdf');
      expect(page.text).toContain('Arbeidsovereenkomst');
      const href = /href="(\/portaal\/werkgever\/aanvragen\/[^"]+\/documenten\/[^"]+)"/.exec(page.text)![1];
      const download = await a.agent.get(href).use(binary).expect(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
      await b.agent.get(href).expect(404);

      const before = await count('application_document');
      const wrong = await a.agent
        .post(`/portaal/werkgever/aanvragen/${id}/documenten`)
        .field('_csrf', a.csrf)
        .field('kind', 'other')
        .attach('file', Buffer.from('just text'), 'notities.pdf')
        .expect(415);
      expect(wrong.text).toMatch(/id="file-error"[^>]*>.*Kies een PDF-, JPEG- of PNG-bestand/);
      const none = await a.agent
        .post(`/portaal/werkgever/aanvragen/${id}/documenten`)
        .field('_csrf', a.csrf)
        .field('kind', 'other')
        .expect(400);
      expect(none.text).toMatch(/id="file-error"[^>]*>.*Kies een bestand dat niet leeg is./);
      const badKind = await a.agent
        .post(`/portaal/werkgever/aanvragen/${id}/documenten`)
        .field('_csrf', a.csrf)
        .field('kind', 'selfie')
        .attach('file', pdf, 'x.pdf')
        .expect(400);
      expect(badKind.text).toMatch(/id="kind-error"/);
      expect(await count('application_document')).toBe(before);
    });

    it("shows the caseworker's question, the suspended term, and takes the employer's answer", async () => {
      await t.http.post(`/api/v1/applications/${id}/start-assessment`).set(bearer(caseworker)).expect(200);
      await t.http
        .post(`/api/v1/applications/${id}/request-information`)
        .set(bearer(caseworker))
        .send({ question: 'Stuur de getekende arbeidsovereenkomst.' })
        .expect(200);
      const page = await a.agent.get(`/portaal/werkgever/aanvragen/${id}`).expect(200);
      expect(page.text).toContain('Stuur de getekende arbeidsovereenkomst.');
      expect(page.text).toContain('Informatie gevraagd');
      expect(page.text).toContain('Opgeschort (wacht op uw informatie)');
      const version = /name="version" value="(\d+)"/.exec(page.text)![1];
      const tooLong = await post(a, `/portaal/werkgever/aanvragen/${id}/informatie`, { version, note: 'x'.repeat(4001) }).expect(
        400,
      );
      expect(tooLong.text).toMatch(/id="note-error"[^>]*>.*Gebruik hoogstens 4000 tekens./);
      await post(a, `/portaal/werkgever/aanvragen/${id}/informatie`, { version, note: 'Toegevoegd bij documenten.' }).expect(303);
      const after = await t.http.get(`/api/v1/applications/${id}`).set(bearer(employerA.user)).expect(200);
      expect(after.body.status).toBe('in-assessment');
      expect(after.body.informationRequests[0].receivedNote).toBe('Toegevoegd bij documenten.');
    });
  });

  describe('decisions and payments', () => {
    let applicationId: string;
    let decision: { id: string };
    beforeAll(async () => {
      applicationId = await proposedApplication(t, employerA.user, caseworker, participantNumber);
      decision = await issueDecision(t, caseworker, approver, { applicationId, type: 'grant' });
    });

    it('downloads the issued decision as exactly the PDF the API stored', async () => {
      const api = await t.http.get(`/api/v1/decisions/${decision.id}`).set(bearer(employerA.user)).expect(200);
      const page = await a.agent.get(`/portaal/werkgever/aanvragen/${applicationId}`).expect(200);
      expect(page.text).toContain(`Besluit ${api.body.decisionNumber} downloaden (PDF)`);
      expect(page.text).toContain('Verlening');
      const res = await a.agent.get(`/portaal/werkgever/besluiten/${decision.id}/pdf`).use(binary).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${api.body.decisionNumber}.pdf"`);
      expect(
        createHash('sha256')
          .update(res.body as Buffer)
          .digest('hex'),
      ).toBe(api.body.pdfSha256);
      const other = await b.agent.get(`/portaal/werkgever/besluiten/${decision.id}/pdf`).expect(404);
      expect(other.text).toContain('Niet gevonden');
    });

    it('shows the payment schedule with its instalments and the paid and open amounts', async () => {
      const [schedule] = (
        await t.http.get(`/api/v1/payment-schedules?applicationId=${applicationId}`).set(bearer(employerA.user)).expect(200)
      ).body;
      expect(schedule.items.length).toBeGreaterThan(0);
      const page = await a.agent.get(`/portaal/werkgever/aanvragen/${applicationId}`).expect(200);
      const euro = (decimal: string) =>
        `€ ${decimal.split('.')[0].replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${decimal.split('.')[1]}`;
      expect(page.text).toContain(euro(schedule.open));
      expect(page.text).toContain(euro(schedule.paid));
      for (const item of schedule.items) expect(page.text).toContain(euro(item.amount));
      expect(page.text).toContain('Nog te betalen');
      const home = await a.agent.get('/portaal/werkgever').expect(200);
      expect(home.text).toContain(euro(schedule.items[0].amount));
      expect(home.text).toContain(`Verlening`);
    });
  });

  describe('organisation', () => {
    it('shows the registration and the bank account waiting for verification', async () => {
      const res = await a.agent.get('/portaal/werkgever/organisatie').expect(200);
      expect(res.text).toContain('Zorggroep Amstelland B.V.');
      expect(res.text).toContain('12345678');
      expect(res.text).toMatch(
        /<td class="ams-table__cell">NL91 ABNA 0417 1643 00<\/td>\s*<td[^>]*>[^<]*<\/td>\s*<td class="ams-table__cell">Wacht op controle door de gemeente<\/td>/,
      );
    });

    it('edits the organisation with Dutch messages for wrong fields, and saves valid changes', async () => {
      const form = await a.agent.get('/portaal/werkgever/organisatie/wijzigen').expect(200);
      const version = /name="version" value="(\d+)"/.exec(form.text)![1];
      const values = {
        version,
        name: 'Zorggroep Amstelland',
        payrollTaxNumber: '123456782L01',
        'address.street': 'Amstelplein',
        'address.houseNumber': '12a',
        'address.postalCode': '1096BC',
        'address.city': 'Amsterdam',
        'contact.name': 'H. de Vries',
        'contact.email': 'hr@example.nl',
        'contact.phone': '020 123 4567',
      };
      const bad = await post(a, '/portaal/werkgever/organisatie/wijzigen', {
        ...values,
        'address.postalCode': '0123',
        'contact.email': 'geen',
      }).expect(400);
      expect(bad.text).toMatch(/id="address.postalCode-error"[^>]*>.*Vul een postcode in zoals 1096 BC./);
      expect(bad.text).toMatch(/id="contact.email-error"[^>]*>.*Vul een geldig e-mailadres in/);
      expect((await t.dataSource.query(`SELECT name FROM employer WHERE id = $1`, [employerA.employerId]))[0].name).toBe(
        'Zorggroep Amstelland B.V.',
      );
      await post(a, '/portaal/werkgever/organisatie/wijzigen', values).expect(303);
      const page = await a.agent.get('/portaal/werkgever/organisatie').expect(200);
      expect(page.text).toContain('De gegevens van uw organisatie zijn opgeslagen.');
      expect((await t.dataSource.query(`SELECT name FROM employer WHERE id = $1`, [employerA.employerId]))[0].name).toBe(
        'Zorggroep Amstelland',
      );
    });

    it('takes a new IBAN as pending and refuses a wrong one in Dutch', async () => {
      const before = await count('bank_account');
      const bad = await post(b, '/portaal/werkgever/organisatie/bankrekening', {
        'bankAccount.iban': 'NL91 ABNA 0417 1643 01',
        'bankAccount.accountHolder': 'Bouwbedrijf Noord B.V.',
      }).expect(400);
      expect(bad.text).toMatch(/id="bankAccount.iban-error"[^>]*>.*Dit IBAN klopt niet/);
      expect(await count('bank_account')).toBe(before);
      await post(b, '/portaal/werkgever/organisatie/bankrekening', {
        'bankAccount.iban': 'NL02 ABNA 0123 4567 89',
        'bankAccount.accountHolder': 'Bouwbedrijf Noord B.V.',
      }).expect(303);
      const accounts = await t.http
        .get(`/api/v1/employers/${employerB.employerId}/bank-accounts`)
        .set(bearer(employerB.user))
        .expect(200);
      expect(
        accounts.body.filter((x: { status: string }) => x.status === 'pending').map((x: { iban: string }) => x.iban),
      ).toContain('NL02 ABNA 0123 4567 89');
    });
  });

  describe('registration', () => {
    const registration = {
      name: 'Kinderopvang West B.V.',
      kvkNumber: '11223344',
      payrollTaxNumber: '123456782L01',
      'address.street': 'Westerstraat',
      'address.houseNumber': '1',
      'address.postalCode': '1015 MK',
      'address.city': 'Amsterdam',
      'contact.name': 'J. Jansen',
      'contact.email': 'hr@opvang-west.nl',
      'contact.phone': '020 765 4321',
      'bankAccount.iban': 'NL91 ABNA 0417 1643 00',
      'bankAccount.accountHolder': 'Kinderopvang West B.V.',
      'account.displayName': 'Jan Jansen',
      'account.email': 'jan@opvang-west.nl',
      'account.password': 'een-lang-wachtwoord',
    };

    async function registrationAgent() {
      const request = (await import('supertest')).default;
      const agent = request.agent(t.app.getHttpServer());
      const page = await agent.get('/portaal/werkgever/registreren').expect(200);
      return { agent, csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1] };
    }

    it('registers an organisation without login, with Dutch messages for wrong fields', async () => {
      const { agent, csrf } = await registrationAgent();
      const bad = await agent
        .post('/portaal/werkgever/registreren')
        .type('form')
        .send({ _csrf: csrf, ...registration, kvkNumber: '1234', 'account.password': 'kort' })
        .expect(400);
      expect(bad.text).toMatch(/id="kvkNumber-error"[^>]*>.*Vul 8 cijfers in./);
      expect(bad.text).toMatch(/id="account.password-error"[^>]*>.*Gebruik 12 tot 200 tekens./);
      expect(bad.text).not.toContain('value="kort"');
      expect((await t.dataSource.query(`SELECT 1 FROM employer WHERE kvk_number = '11223344'`)).length).toBe(0);

      const again = await registrationAgent();
      const ok = await again.agent
        .post('/portaal/werkgever/registreren')
        .type('form')
        .send({ _csrf: again.csrf, ...registration })
        .expect(303);
      expect(ok.headers.location).toBe('/portaal/werkgever/registreren/ontvangen');
      expect((await t.dataSource.query(`SELECT name FROM employer WHERE kvk_number = '11223344'`))[0].name).toBe(
        'Kinderopvang West B.V.',
      );
      const login = await portalLogin(t, { email: 'jan@opvang-west.nl' }, 'een-lang-wachtwoord');
      const home = await login.agent.get('/portaal/werkgever').expect(200);
      expect(home.text).toContain('Kinderopvang West B.V.');

      const duplicate = await registrationAgent();
      const taken = await duplicate.agent
        .post('/portaal/werkgever/registreren')
        .type('form')
        .send({ _csrf: duplicate.csrf, ...registration, 'account.email': 'ander@opvang-west.nl' })
        .expect(409);
      expect(taken.text).toMatch(/id="kvkNumber-error"[^>]*>.*Dit is al geregistreerd./);
    });

    it('refuses a registration that was not posted from its own form', async () => {
      const res = await t.http
        .post('/portaal/werkgever/registreren')
        .type('form')
        .send({ _csrf: 'x'.repeat(43), ...registration, kvkNumber: '55667788' })
        .expect(403);
      expect(res.text).toContain('Formulier verlopen');
      expect((await t.dataSource.query(`SELECT 1 FROM employer WHERE kvk_number = '55667788'`)).length).toBe(0);
    });
  });
});
