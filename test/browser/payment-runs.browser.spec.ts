import { readFileSync } from 'node:fs';
import { auditPage, loginInBrowser, startBrowserHarness, type BrowserHarness } from '../support/browser';
import { onDay } from '../support/clock';
import { validatePain001 } from '../support/sepa';
import { duePayments, type DuePayments } from '../e2e/portal/payment-runs.support';

describe('payment runs and holds in a real browser', () => {
  let h: BrowserHarness;
  let s: DuePayments;
  beforeAll(async () => {
    h = await startBrowserHarness();
    s = await duePayments(h.t);
  }, 120_000);
  afterAll(() => h?.close());

  it('a payment run is created by one officer, approved by another, and its SEPA file and CSV downloaded', async () => {
    // Officer 1 creates the run.
    const first = (await h.newPage()).page;
    await loginInBrowser(h, first, s.officer);
    // (The backoffice home is another page; go straight to the payment runs, then check the menu.)
    await first.goto(`${h.baseUrl}/portaal/backoffice/betaalrondes`);
    await expect(first.getByRole('link', { name: 'Betaalrondes' }).getAttribute('aria-current')).resolves.toBe('page');
    expect(await auditPage(first, 'betaalrondes')).toEqual([]);

    // A date with nothing due: a Dutch message at the field.
    await first.getByLabel('Betaaldatum').fill('2026-02-01');
    await first.getByRole('button', { name: 'Betaalronde aanmaken' }).click();
    await expect(first.locator('#runDate-error').textContent()).resolves.toContain(
      'Er zijn geen betalingen die nu betaald moeten worden.',
    );
    expect(await auditPage(first, 'betaalrondes-fout')).toEqual([]);

    await first.getByLabel('Betaaldatum').fill('2026-03-15');
    // Made on its run date: a run date is today or at most 31 days ahead.
    await onDay(h.t, '2026-03-15', () =>
      Promise.all([
        first.waitForURL(/\/portaal\/backoffice\/betaalrondes\/[0-9a-f-]{36}$/),
        first.getByRole('button', { name: 'Betaalronde aanmaken' }).click(),
      ]),
    );
    const runUrl = first.url();
    await expect(first.getByRole('status').textContent()).resolves.toContain('De betaalronde is aangemaakt.');
    await expect(first.getByText('U heeft deze betaalronde aangemaakt.').isVisible()).resolves.toBe(true);
    expect(await first.getByRole('button', { name: 'Betaalronde goedkeuren' }).count()).toBe(0);
    await expect(first.locator('tfoot').textContent()).resolves.toContain('€ 4.353,08');
    expect(await auditPage(first, 'betaalronde-aangemaakt')).toEqual([]);

    // Officer 2 opens it from the list and approves it.
    const { page: second } = await h.newPage();
    await loginInBrowser(h, second, s.officer2);
    await second.goto(`${h.baseUrl}/portaal/backoffice/betaalrondes`);
    const runNumber = (await first.locator('h1').textContent())?.replace('Betaalronde ', '').trim() as string;
    await second.getByRole('link', { name: runNumber }).click();
    await second.waitForURL(runUrl);
    await expect(second.getByText('Petra de Betaler heeft deze betaalronde aangemaakt.').isVisible()).resolves.toBe(true);
    expect(await auditPage(second, 'betaalronde-goedkeuren')).toEqual([]);
    await Promise.all([second.waitForLoadState('load'), second.getByRole('button', { name: 'Betaalronde goedkeuren' }).click()]);
    await expect(second.getByRole('status').textContent()).resolves.toContain('De betaalronde is goedgekeurd.');
    expect(await auditPage(second, 'betaalronde-goedgekeurd')).toEqual([]);

    const [sepa] = await Promise.all([
      second.waitForEvent('download'),
      second.getByRole('link', { name: /SEPA-bestand voor de bank downloaden/ }).click(),
    ]);
    expect(sepa.suggestedFilename()).toBe(`${runNumber}.xml`);
    const xml = readFileSync(await sepa.path());
    expect((await validatePain001(xml)).errors).toEqual([]);
    expect(xml.toString()).toContain('<CtrlSum>4353.08</CtrlSum>');

    const [csv] = await Promise.all([
      second.waitForEvent('download'),
      second.getByRole('link', { name: /Overzicht voor de financiële administratie downloaden/ }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe(`${runNumber}.csv`);
    const lines = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('run,runDate,payee,iban,kind,month,decision,description,amount,status,rejectionReason');
    expect(lines).toHaveLength(5);

    // The file went to the bank; the bank rejected one transfer.
    await Promise.all([
      second.waitForLoadState('load'),
      second.getByRole('button', { name: 'Vastleggen: naar de bank gestuurd' }).click(),
    ]);
    await expect(second.getByRole('status').textContent()).resolves.toContain('naar de bank gestuurd');
    expect(await auditPage(second, 'betaalronde-afronden')).toEqual([]);
    await second.getByLabel('Overboeking aan Thuiszorg Noord B.V. afgewezen').check();
    await second.getByRole('button', { name: 'Antwoord van de bank vastleggen en ronde afronden' }).click();
    await expect(second.locator('#fouten').textContent()).resolves.toContain(
      'Kies de reden die de bank voor de afwijzing geeft.',
    );
    expect(await auditPage(second, 'betaalronde-afronden-fout')).toEqual([]);
    await second.getByLabel('Overboeking aan Thuiszorg Noord B.V. afgewezen').check();
    await second.getByLabel('Reden afwijzing Thuiszorg Noord B.V.').selectOption('AC04');
    await Promise.all([
      second.waitForLoadState('load'),
      second.getByRole('button', { name: 'Antwoord van de bank vastleggen en ronde afronden' }).click(),
    ]);
    await expect(second.getByRole('status').textContent()).resolves.toContain('Afgewezen overboekingen: 1.');
    await expect(second.getByText('Afgewezen: AC04 Rekening opgeheven').count()).resolves.toBe(2);
    expect(await auditPage(second, 'betaalronde-afgerond')).toEqual([]);

    // The list shows the run with both officers, by keyboard to the run.
    await second.getByRole('link', { name: 'Terug naar alle betaalrondes' }).click();
    await second.waitForURL('**/portaal/backoffice/betaalrondes');
    const row = second.getByRole('row', { name: new RegExp(runNumber) });
    await expect(row.textContent()).resolves.toMatch(/Afgerond.*Petra de Betaler.*Omar Tweede/s);
    expect(await auditPage(second, 'betaalrondes-lijst')).toEqual([]);
    await second.getByRole('link', { name: runNumber }).focus();
    await Promise.all([second.waitForURL(runUrl), second.keyboard.press('Enter')]);
  }, 120_000);

  it('a hold is placed on an employer, keeps its payments out, and is lifted', async () => {
    const { page } = await h.newPage();
    await loginInBrowser(h, page, s.caseworker);
    await page.goto(`${h.baseUrl}/portaal/backoffice/blokkades`);
    await expect(page.getByRole('link', { name: 'Blokkades' }).getAttribute('aria-current')).resolves.toBe('page');
    await expect(page.getByText('Er gelden geen blokkades.').isVisible()).resolves.toBe(true);
    expect(await auditPage(page, 'blokkades')).toEqual([]);

    // Without a reason: the field is marked, with the message next to it.
    await page.getByLabel('Werkgever', { exact: true }).selectOption({ label: 'Zorggroep Amstelland B.V. (KvK 12345678)' });
    await page.getByRole('button', { name: 'Blokkade plaatsen' }).click();
    await expect(page.locator('#reason-error').isVisible()).resolves.toBe(true);
    expect(await auditPage(page, 'blokkades-fout')).toEqual([]);

    await page.getByLabel('Reden van de blokkade').fill('Onderzoek naar de urenregistratie.');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Blokkade plaatsen' }).click()]);
    await expect(page.getByRole('status').textContent()).resolves.toContain('De blokkade is geplaatst.');
    const holds = page.getByRole('table', { name: 'Blokkades die nu gelden, oudste eerst' });
    await expect(holds.textContent()).resolves.toContain('Werkgever Zorggroep Amstelland B.V.');
    const held = page.getByRole('table', { name: /Open betalingen die door een blokkade/ });
    expect(await held.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await auditPage(page, 'blokkades-geplaatst')).toEqual([]);

    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: /Opheffen/ }).click()]);
    await expect(page.getByRole('status').textContent()).resolves.toContain('De blokkade is opgeheven.');
    await expect(page.getByText('Er gelden geen blokkades.').isVisible()).resolves.toBe(true);
  }, 120_000);
});
