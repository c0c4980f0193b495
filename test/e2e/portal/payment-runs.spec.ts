import { isCalendarDate } from '../../../src/common/dates/calendar-date';
import { onDay } from '../../support/clock';
import { binary } from '../../support/http';
import { portalLogin, type PortalAgent } from '../../support/portal';
import { validatePain001 } from '../../support/sepa';
import { createTestApp, createUser, type TestApp } from '../../support/test-app';
import { duePayments, type DuePayments } from './payment-runs.support';

const BASE = '/portaal/backoffice/betaalrondes';

describe('portal: backoffice payment runs', () => {
  let t: TestApp;
  let s: DuePayments;
  let officer: PortalAgent;
  let officer2: PortalAgent;

  const runCount = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM payment_run`))[0].n as number;
  const runStatus = async (id: string) =>
    (await t.dataSource.query(`SELECT status FROM payment_run WHERE id = $1`, [id]))[0].status as string;
  const keyFrom = (html: string) => (/name="idempotencyKey" value="([^"]+)"/.exec(html) as RegExpExecArray)[1];
  /** Sends the create form on the run date itself (a run date is today or at most 31 days ahead). */
  const sendCreateForm = (idempotencyKey: string, runDate: string, status: number) => {
    const send = () =>
      officer.agent.post(BASE).type('form').send({ _csrf: officer.csrf, idempotencyKey, runDate }).expect(status);
    return isCalendarDate(runDate) ? onDay(t, runDate, send) : send();
  };

  /** Creates a run through the form as officer 1; returns its id. */
  async function createRun(runDate: string): Promise<string> {
    const page = await officer.agent.get(BASE).expect(200);
    const res = await sendCreateForm(keyFrom(page.text), runDate, 303);
    return res.headers.location.split('/').pop() as string;
  }

  beforeAll(async () => {
    t = await createTestApp();
    s = await duePayments(t);
    officer = await portalLogin(t, s.officer);
    officer2 = await portalLogin(t, s.officer2);
  }, 60_000);
  afterAll(() => t.close());

  it('is closed to caseworkers and employers; an administrator may look but not act', async () => {
    const caseworker = await portalLogin(t, s.caseworker);
    const denied = await caseworker.agent.get(BASE).expect(403);
    expect(denied.text).toContain('Geen toegang');
    const employer = await portalLogin(t, await createUser(t, ['employer'], { employerId: s.employerA.employerId }));
    await employer.agent.get(BASE).expect(403);
    const forged = await employer.agent
      .post(BASE)
      .type('form')
      .send({ _csrf: employer.csrf, runDate: '2026-03-15', idempotencyKey: 'k-1' });
    expect(forged.status).toBe(403);

    const admin = await portalLogin(t, s.admin);
    const page = await admin.agent.get(BASE).expect(200);
    expect(page.text).toContain('<h1 class="ams-heading ams-heading--level-1">Betaalrondes</h1>');
    expect(page.text).not.toContain('Betaalronde aanmaken');
    await admin.agent
      .post(BASE)
      .type('form')
      .send({ _csrf: admin.csrf, runDate: '2026-03-15', idempotencyKey: 'k-2' })
      .expect(403);
    expect(await runCount()).toBe(0);
  });

  it('refuses a wrong date and a date with nothing due, in Dutch, writing nothing', async () => {
    const page = await officer.agent.get(BASE).expect(200);
    const key = keyFrom(page.text);
    const wrong = await sendCreateForm(key, '2026-02-31', 400);
    expect(wrong.text).toContain('id="runDate-error"');
    expect(wrong.text).toContain('Vul een geldige datum in (dag, maand en jaar).');
    expect(wrong.text).toMatch(/id="runDate"[^>]*value="2026-02-31"[^>]*aria-invalid="true"/);
    // The same form key stays in the form, so fixing the date and sending again still acts once.
    expect(keyFrom(wrong.text)).toBe(key);

    const nothing = await sendCreateForm(key, '2026-02-01', 422);
    expect(nothing.text).toContain('Er zijn geen betalingen die nu betaald moeten worden.');
    expect(nothing.text).not.toMatch(/Nothing is due|Error|at \w+ \(/);
    expect(await runCount()).toBe(0);
  });

  it('creates one run when the same form is sent twice, and shows its totals per payee and its items', async () => {
    const page = await officer.agent.get(BASE).expect(200);
    const form = { _csrf: officer.csrf, idempotencyKey: keyFrom(page.text), runDate: '2026-03-15' };
    const [first, second] = await onDay(t, '2026-03-15', () =>
      Promise.all([officer.agent.post(BASE).type('form').send(form), officer.agent.post(BASE).type('form').send(form)]),
    );
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await runCount()).toBe(1);

    const detail = await officer.agent.get(first.headers.location).expect(200);
    expect(detail.text).toContain('De betaalronde is aangemaakt.');
    expect(detail.text).toMatch(/<h1 class="ams-heading ams-heading--level-1">Betaalronde BR-\d{6}<\/h1>/);
    expect(detail.text).toContain('Wacht op goedkeuring');
    expect(detail.text).toContain('€ 4.353,08');
    expect(detail.text.match(/€ 2.176,54/g)).toHaveLength(2);
    expect(detail.text).toContain('Zorggroep Amstelland B.V.');
    expect(detail.text).toContain('Thuiszorg Noord B.V.');
    expect(detail.text.match(/Termijn loonkostensubsidie/g)).toHaveLength(4);
    expect(detail.text).toContain('januari 2026');

    const list = await officer.agent.get(BASE).expect(200);
    expect(list.text).toContain('Petra de Betaler');
    expect(list.text).toContain('€ 4.353,08');
  });

  it('shows the creator that a second officer must approve, and refuses the creator with the four-eyes message', async () => {
    const runId = await createRun('2026-04-15');
    const own = await officer.agent.get(`${BASE}/${runId}`).expect(200);
    expect(own.text).toContain(
      'U heeft deze betaalronde aangemaakt. Een andere medewerker betalingen moet hem controleren en goedkeuren',
    );
    expect(own.text).not.toContain('Betaalronde goedkeuren</button>');
    expect(own.text).toContain('Het SEPA-bestand komt beschikbaar zodra de betaalronde is goedgekeurd.');

    const tried = await officer.agent
      .post(`${BASE}/${runId}/goedkeuren`)
      .type('form')
      .send({ _csrf: officer.csrf, idempotencyKey: 'eigen-ronde-1' })
      .expect(403);
    expect(tried.text).toContain('Vier-ogenprincipe');
    expect(tried.text).toContain('u kunt uw eigen werk niet goedkeuren');
    expect(await runStatus(runId)).toBe('created');
    await officer.agent.get(`${BASE}/${runId}/sepa-bestand`).expect(409);

    const other = await officer2.agent.get(`${BASE}/${runId}`).expect(200);
    expect(other.text).toContain('Petra de Betaler heeft deze betaalronde aangemaakt.');
    expect(other.text).toContain('Betaalronde goedkeuren</button>');
  });

  it('is approved by a second officer; the SEPA file and the CSV download with the right type and name', async () => {
    const [run] = await t.dataSource.query(`SELECT id, run_number FROM payment_run WHERE run_date = '2026-04-15'`);
    const page = await officer2.agent.get(`${BASE}/${run.id}`).expect(200);
    const key = keyFrom(page.text);
    const approved = await officer2.agent
      .post(`${BASE}/${run.id}/goedkeuren`)
      .type('form')
      .send({ _csrf: officer2.csrf, idempotencyKey: key })
      .expect(303);
    expect(approved.headers.location).toBe(`${BASE}/${run.id}`);
    // The same approve form sent again: the first answer, no second approval.
    await officer2.agent
      .post(`${BASE}/${run.id}/goedkeuren`)
      .type('form')
      .send({ _csrf: officer2.csrf, idempotencyKey: key })
      .expect(303);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'payment-run.approved' AND entity_id = $1`,
      [run.id],
    );
    expect(n).toBe(1);

    const detail = await officer2.agent.get(`${BASE}/${run.id}`).expect(200);
    expect(detail.text).toContain('De betaalronde is goedgekeurd.');
    expect(detail.text).toMatch(/Goedgekeurd door<\/dt>\s*<dd[^>]*>Omar Tweede/);
    expect(detail.text).toContain(`${BASE}/${run.id}/sepa-bestand`);

    const file = await binary(officer.agent.get(`${BASE}/${run.id}/sepa-bestand`)).expect(200);
    expect(file.headers['content-type']).toBe('application/xml');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${run.run_number}.xml"`);
    expect((await validatePain001(file.body)).errors).toEqual([]);
    expect(file.body.toString()).toContain('<NbOfTxs>2</NbOfTxs>');

    const csv = await officer.agent.get(`${BASE}/${run.id}/export`).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="${run.run_number}.csv"`);
    expect(csv.text.trim().split('\n')).toHaveLength(3);

    const caseworker = await portalLogin(t, s.caseworker);
    await caseworker.agent.get(`${BASE}/${run.id}/sepa-bestand`).expect(403);
  });

  it('records that the file went to the bank, then the settlement with a rejected transfer', async () => {
    const [run] = await t.dataSource.query(`SELECT id, run_number FROM payment_run WHERE run_date = '2026-04-15'`);
    const url = `${BASE}/${run.id}`;
    // Settling before the file went to the bank is refused in Dutch.
    const early = await officer.agent.post(`${url}/afronden`).type('form').send({ _csrf: officer.csrf }).expect(409);
    expect(early.text).toContain('De status staat deze actie niet (meer) toe.');
    await officer.agent.post(`${url}/verzonden`).type('form').send({ _csrf: officer.csrf }).expect(303);
    const sent = await officer.agent.get(url).expect(200);
    expect(sent.text).toContain('Naar de bank');
    expect(sent.text).toContain('Antwoord van de bank vastleggen en ronde afronden');

    const transfers = await t.app
      .get((await import('../../../src/payments/payment-runs.service')).PaymentRunsService)
      .transferViews(run.id);
    const index = transfers.findIndex((x) => x.payeeName === 'Thuiszorg Noord B.V.');
    const rejected = transfers[index].endToEndId;

    const noReason = await officer.agent
      .post(`${url}/afronden`)
      .type('form')
      .send({ _csrf: officer.csrf, afgewezen: rejected })
      .expect(400);
    expect(noReason.text).toContain(`id="reden-${index}-error"`);
    expect(noReason.text).toContain('Kies de reden die de bank voor de afwijzing geeft.');
    expect(await runStatus(run.id)).toBe('sent');

    const unknown = await officer.agent
      .post(`${url}/afronden`)
      .type('form')
      .send({ _csrf: officer.csrf, afgewezen: 'BR-999999-onbekend' })
      .expect(400);
    expect(unknown.text).toContain(`Betaalronde ${run.run_number} bevat geen overboeking BR-999999-onbekend.`);
    expect(await runStatus(run.id)).toBe('sent');

    const settled = await officer.agent
      .post(`${url}/afronden`)
      .type('form')
      .send({ _csrf: officer.csrf, afgewezen: rejected, [`reden-${index}`]: 'AC04' })
      .expect(303);
    expect(settled.headers.location).toBe(url);
    const rows = await t.dataSource.query(
      `SELECT r.status, r.rejection_reason, p.status AS payable FROM payment_run_item r JOIN payable_item p ON p.id = r.payable_item_id
        WHERE r.run_id = $1 ORDER BY r.employer_id = $2`,
      [run.id, s.employerB.employerId],
    );
    expect(rows).toEqual([
      { status: 'settled', rejection_reason: null, payable: 'paid' },
      { status: 'rejected', rejection_reason: 'AC04 Rekening opgeheven', payable: 'open' },
    ]);
    const page = await officer.agent.get(url).expect(200);
    expect(page.text).toContain('Afgewezen overboekingen: 1.');
    expect(page.text).toContain('Afgewezen: AC04 Rekening opgeheven');
    expect(page.text).toContain('Afgerond');
  });

  it('cancels a run that has not gone to the bank, with a reason; not one that has', async () => {
    const runId = await createRun('2026-05-15');
    const empty = await officer.agent
      .post(`${BASE}/${runId}/annuleren`)
      .type('form')
      .send({ _csrf: officer.csrf, reason: '  ' })
      .expect(400);
    expect(empty.text).toContain('id="reason-error"');
    expect(await runStatus(runId)).toBe('created');
    await officer.agent
      .post(`${BASE}/${runId}/annuleren`)
      .type('form')
      .send({ _csrf: officer.csrf, reason: 'Verkeerde betaaldatum gekozen.' })
      .expect(303);
    expect(await runStatus(runId)).toBe('cancelled');
    const page = await officer.agent.get(`${BASE}/${runId}`).expect(200);
    expect(page.text).toContain('Geannuleerd');
    expect(page.text).not.toContain('Betaalronde annuleren</button>');

    const [settledRun] = await t.dataSource.query(`SELECT id FROM payment_run WHERE status = 'settled'`);
    const late = await officer.agent
      .post(`${BASE}/${settledRun.id}/annuleren`)
      .type('form')
      .send({ _csrf: officer.csrf, reason: 'Te laat.' })
      .expect(409);
    expect(late.text).toContain('Dit kan nu niet');
  });

  it('says so when a form that already created a run is sent again with another date, and gives a fresh form', async () => {
    const page = await officer.agent.get(BASE).expect(200);
    const key = keyFrom(page.text);
    await sendCreateForm(key, '2026-06-15', 303);
    const before = await runCount();
    const again = await sendCreateForm(key, '2026-06-16', 409);
    expect(again.text).toContain('Met dit formulier is al een betaalronde gemaakt (zie de lijst).');
    expect(keyFrom(again.text)).not.toBe(key);
    expect(await runCount()).toBe(before);
    await sendCreateForm('', '2026-06-16', 400);
    expect(await runCount()).toBe(before);
  });

  it('shows the Dutch not-found page for a run that does not exist', async () => {
    const res = await officer.agent.get(`${BASE}/00000000-0000-4000-8000-000000000000`).expect(404);
    expect(res.text).toContain('Niet gevonden');
    await officer.agent.get(`${BASE}/00000000-0000-4000-8000-000000000000/export`).expect(404);
  });
});
