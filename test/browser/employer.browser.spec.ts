import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { Clock } from '../../src/common/clock';
import { auditPage, loginInBrowser, startBrowserHarness, type BrowserHarness } from '../support/browser';
import { createParticipant, issueDecision, proposedApplication } from '../support/scenario';
import { bearer, createEmployer, createUser, type TestUser } from '../support/test-app';

/** The locator's text once it differs from `before` (the page's CSP rules out waitForFunction's eval). */
async function changedText(locator: Locator, before: string, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = ((await locator.textContent()) ?? '').trim();
    if (text !== before && text.includes('Totaal')) return text;
    if (Date.now() > until) throw new Error(`The text did not change from: ${before}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('employer portal in a real browser', () => {
  let h: BrowserHarness;
  let caseworker: TestUser;
  let approver: TestUser;
  let employer: TestUser;
  let participantNumber: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    caseworker = await createUser(h.t, ['caseworker']);
    approver = await createUser(h.t, ['approver']);
    const employerId = await createEmployer(h.t, 'Zorggroep Amstelland B.V.');
    employer = await createUser(h.t, ['employer'], { employerId });
    participantNumber = await createParticipant(h.t, caseworker, '111222333');
  }, 90_000);
  afterAll(() => h?.close());

  it('an employer applies through the form, sees the live estimate change with the hours, and finds it listed as submitted', async () => {
    const { page } = await h.newPage();
    await loginInBrowser(h, page, employer);
    expect(new URL(page.url()).pathname).toBe('/portaal/werkgever');
    expect(await auditPage(page, 'werkgever-overzicht-leeg')).toEqual([]);

    await page.getByRole('link', { name: 'Nieuwe aanvraag' }).first().click();
    await page.waitForURL('**/portaal/werkgever/aanvragen/nieuw');
    expect(await auditPage(page, 'werkgever-aanvraag-formulier')).toEqual([]);

    // Submitting an empty form shows the API's reasons in Dutch, next to the fields and in a summary.
    await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
    await page.getByRole('heading', { name: 'Niet alle gegevens kloppen' }).waitFor();
    expect(await page.locator('#jobTitle-error').textContent()).toContain('Vul dit veld in.');
    expect(await auditPage(page, 'werkgever-aanvraag-fouten')).toEqual([]);

    await page.getByLabel('Deelnemernummer').fill(participantNumber);
    await page.getByLabel('Geboortedatum').fill('1990-05-01');
    await page.getByLabel('Functie').fill('Helpende zorg en welzijn');
    await page.getByLabel('Sector').fill('Zorg en welzijn');
    await page.getByLabel('Banenplan').selectOption('zorg');
    await page.getByLabel('Ingangsdatum contract').fill('2026-01-01');
    await page.getByLabel('Waar komt de werknemer vandaan?').selectOption('municipality-placement');
    await page.getByLabel('Einddatum contract').fill('2026-06-30');
    await page.getByLabel('Uren van een volledige werkweek').fill('36');
    await page.getByLabel('Bruto uurloon (euro)').fill('15,20');
    await page.getByLabel('Verwachte loonwaarde (%)').fill('60');
    const estimate = page.locator('#schatting');
    await page.getByLabel('Uren per week in het contract').fill('32');
    await estimate.getByText(/Geschatte loonkostensubsidie per volledige maand/).waitFor();
    const first = (await estimate.textContent())!.trim();
    expect(first).toMatch(/Totaal van 1 januari 2026 tot en met 30 juni 2026: € [\d.]+,\d\d\./);
    expect(await estimate.getAttribute('aria-live')).toBe('polite');

    await page.getByLabel('Uren per week in het contract').fill('24');
    const second = await changedText(estimate, first);
    const total = (text: string) => Number(/Totaal[^€]*€ ([\d.]+,\d\d)/.exec(text)![1].replace(/\./g, '').replace(',', '.'));
    expect(total(second)).toBeLessThan(total(first));
    expect(await auditPage(page, 'werkgever-aanvraag-schatting')).toEqual([]);

    // Submitted on a day within the application window of a contract that started on 1 January 2026.
    const today = jest.spyOn(h.t.app.get(Clock), 'today').mockReturnValue('2026-01-20');
    await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
    await page.waitForURL(/\/portaal\/werkgever\/aanvragen\/[0-9a-f-]{36}$/);
    today.mockRestore();
    await page.getByText('Uw aanvraag is ingediend.').waitFor();
    expect(await page.getByText('Uiterlijke beslisdatum').isVisible()).toBe(true);
    expect(await auditPage(page, 'werkgever-aanvraag-ingediend')).toEqual([]);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const api = await h.t.http.get(`/api/v1/applications/${id}`).set(bearer(employer)).expect(200);
    expect(api.body.status).toBe('submitted');
    expect(api.body.hoursPerWeek).toBe('24');

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Aanvragen' }).click();
    await page.waitForURL('**/portaal/werkgever/aanvragen');
    const row = page.getByRole('row').filter({ hasText: api.body.applicationNumber });
    expect(await row.getByText('Ingediend').isVisible()).toBe(true);
    expect(await auditPage(page, 'werkgever-aanvragen')).toEqual([]);
  }, 90_000);

  it('the employer downloads the decision PDF, the same bytes as the API issued', async () => {
    const applicationId = await proposedApplication(h.t, employer, caseworker, participantNumber);
    const decision = await issueDecision(h.t, caseworker, approver, { applicationId, type: 'grant' });
    const issued = await h.t.http.get(`/api/v1/decisions/${decision.id}`).set(bearer(employer)).expect(200);

    const { page } = await h.newPage();
    await loginInBrowser(h, page, employer);
    expect(await auditPage(page, 'werkgever-overzicht')).toEqual([]);
    await page.goto(`${h.baseUrl}/portaal/werkgever/aanvragen/${applicationId}`);
    expect(await page.getByRole('heading', { name: 'Betalingen' }).isVisible()).toBe(true);
    expect(await auditPage(page, 'werkgever-aanvraag-besluit')).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: `Besluit ${issued.body.decisionNumber} downloaden (PDF)` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${issued.body.decisionNumber}.pdf`);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(issued.body.pdfSha256);
  }, 90_000);

  it('shows the organisation pages and the registration form accessibly', async () => {
    const { page } = await h.newPage();
    await loginInBrowser(h, page, employer);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Organisatie' }).click();
    await page.waitForURL('**/portaal/werkgever/organisatie');
    expect(await auditPage(page, 'werkgever-organisatie')).toEqual([]);

    await page.getByLabel('IBAN').fill('NL91 ABNA 0417 1643 01');
    await page.getByLabel('Naam rekeninghouder').fill('Zorggroep Amstelland B.V.');
    await page.getByRole('button', { name: 'Rekeningnummer doorgeven' }).click();
    await page.getByText('Dit IBAN klopt niet.').first().waitFor();
    expect(await auditPage(page, 'werkgever-organisatie-fout')).toEqual([]);

    await page.goto(`${h.baseUrl}/portaal/werkgever/organisatie/wijzigen`);
    expect(await auditPage(page, 'werkgever-organisatie-wijzigen')).toEqual([]);

    const visitor = await h.newPage();
    await visitor.page.goto(`${h.baseUrl}/portaal/werkgever/registreren`);
    expect(await auditPage(visitor.page, 'werkgever-registreren')).toEqual([]);
    await visitor.page.getByRole('button', { name: 'Registreren' }).click();
    await visitor.page.getByRole('heading', { name: 'Niet alle gegevens kloppen' }).waitFor();
    expect(await auditPage(visitor.page, 'werkgever-registreren-fouten')).toEqual([]);
  }, 90_000);
});
