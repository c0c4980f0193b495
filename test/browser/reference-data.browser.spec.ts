import type { Page } from 'playwright-core';
import { JULY_2026_RATES } from '../support/fixtures';
import { auditPage, loginInBrowser, startBrowserHarness, type BrowserHarness } from '../support/browser';
import { createEducationPartner, createUser, type TestUser } from '../support/test-app';

/** The backoffice reference-data pages in real Chromium: every page audited, errors shown at the field. */
describe('backoffice reference data in a real browser', () => {
  let h: BrowserHarness;
  let admin: TestUser;
  let caseworker: TestUser;

  beforeAll(async () => {
    h = await startBrowserHarness();
    admin = await createUser(h.t, ['admin']);
    caseworker = await createUser(h.t, ['caseworker']);
    await createEducationPartner(h.t, 'ROC Amstelstad');
  }, 90_000);
  afterAll(() => h?.close());

  async function open(page: Page, link: string, url: string) {
    await Promise.all([page.waitForURL(url), page.getByRole('link', { name: link }).click()]);
  }

  it('adds a minimum wage period after the form shows the gap rule at the date field', async () => {
    const { page } = await h.newPage();
    await loginInBrowser(h, page, admin);
    await page.goto(`${h.baseUrl}/portaal/backoffice/referentiegegevens`);
    expect(await page.getByRole('link', { name: 'Referentiegegevens' }).getAttribute('aria-current')).toBe('page');
    expect(await auditPage(page, 'referentiegegevens')).toEqual([]);

    await open(page, 'Nieuwe periode minimumloon toevoegen', '**/minimumloon/nieuw');
    expect(await auditPage(page, 'referentiegegevens-minimumloon')).toEqual([]);
    // A start that leaves a gap after the last period (which ends 30 June 2026).
    await page.getByLabel('Geldig vanaf').fill('2026-08-01');
    await page.getByLabel('Geldig tot en met').fill('2026-12-31');
    for (const [i, rate] of JULY_2026_RATES.entries()) {
      await page.locator(`[id="rates[${i}].hourly"]`).fill(rate.hourly.replace('.', ','));
    }
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Periode vastleggen' }).click()]);
    expect(await page.locator('#validFrom-error').textContent()).toContain(
      'Deze datum moet 1 juli 2026 zijn (de dag na het einde van de vorige periode).',
    );
    expect(await page.getByLabel('Geldig vanaf').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Uurbedrag, 21 jaar en ouder').inputValue()).toBe('14,99');
    expect(await auditPage(page, 'referentiegegevens-minimumloon-fout')).toEqual([]);

    await page.getByRole('link', { name: /Geldig vanaf: Deze datum moet/ }).click();
    await page.getByLabel('Geldig vanaf').fill('2026-07-01');
    await Promise.all([
      page.waitForURL('**/portaal/backoffice/referentiegegevens'),
      page.getByRole('button', { name: 'Periode vastleggen' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toContain('De nieuwe periode van het minimumloon is vastgelegd.');
    expect(await page.getByRole('row', { name: /1 juli 2026/ }).textContent()).toContain('€ 14,99');
  }, 90_000);

  it('shows the other forms accessibly, with Dutch messages at the fields', async () => {
    const { page } = await h.newPage();
    await loginInBrowser(h, page, admin);
    await page.goto(`${h.baseUrl}/portaal/backoffice/referentiegegevens/lks-parameters/nieuw`);
    expect(await page.getByLabel('Maximum (procent van het minimumloon)').inputValue()).toBe('70,00');
    expect(await auditPage(page, 'referentiegegevens-lks-parameters')).toEqual([]);

    await page.goto(`${h.baseUrl}/portaal/backoffice/referentiegegevens/banenplannen/nieuw`);
    await page.getByLabel('Naam').fill('Banenplan West');
    await page.getByLabel('Code').fill('Banenplan West');
    await page.getByLabel('Soort banenplan').selectOption('area');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Banenplan toevoegen' }).click()]);
    expect(await page.locator('#code-error').textContent()).toContain(
      'Gebruik kleine letters en streepjes, zoals bouw-techniek.',
    );
    expect(await auditPage(page, 'referentiegegevens-banenplan-fout')).toEqual([]);
    await page.getByLabel('Code').fill('west');
    await Promise.all([
      page.waitForURL('**/portaal/backoffice/referentiegegevens'),
      page.getByRole('button', { name: 'Banenplan toevoegen' }).click(),
    ]);
    expect(await page.getByRole('row', { name: /Banenplan West/ }).textContent()).toContain('Gebiedsgericht banenplan');

    await open(page, 'Nieuwe opleiding toevoegen', '**/opleidingen/nieuw');
    await page.getByLabel('Naam van de opleiding').fill('Helpende Zorg en Welzijn');
    await page.getByLabel('Crebocode').fill('25498');
    // The only partner, after the 'Kies een onderwijspartner' placeholder.
    await page.getByLabel('Onderwijspartner').selectOption({ index: 1 });
    await page.getByLabel('Duur (maanden)').fill('18');
    await page.getByLabel('Scholingskosten per deelnemer (euro)').fill('veel');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Opleiding toevoegen' }).click()]);
    expect(await page.locator('#tuition-error').textContent()).toContain('Vul een bedrag in euro in, zoals 4500,00.');
    expect(await auditPage(page, 'referentiegegevens-opleiding-fout')).toEqual([]);
    await page.getByLabel('Scholingskosten per deelnemer (euro)').fill('4.500,00');
    await Promise.all([
      page.waitForURL('**/portaal/backoffice/referentiegegevens'),
      page.getByRole('button', { name: 'Opleiding toevoegen' }).click(),
    ]);
    expect(await page.getByRole('row', { name: /Helpende Zorg en Welzijn/ }).textContent()).toContain('€ 4.500,00');

    await open(page, 'Groep toevoegen aan Helpende Zorg en Welzijn', '**/groepen/nieuw');
    expect(await auditPage(page, 'referentiegegevens-groep')).toEqual([]);
    await page.getByLabel('Startdatum').fill('2026-09-01');
    await page.getByLabel('Aantal plaatsen').fill('12');
    await Promise.all([
      page.waitForURL('**/portaal/backoffice/referentiegegevens'),
      page.getByRole('button', { name: 'Groep toevoegen' }).click(),
    ]);
    expect(await page.getByRole('row', { name: /Helpende Zorg en Welzijn/ }).textContent()).toContain(
      '1 september 2026 (0 van 12 bezet)',
    );
  }, 90_000);

  it('lets a caseworker read the reference data without the forms', async () => {
    const { page } = await h.newPage();
    await loginInBrowser(h, page, caseworker);
    await page.goto(`${h.baseUrl}/portaal/backoffice/referentiegegevens`);
    expect(await page.getByText('Alleen een beheerder kan ze aanvullen.').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Nieuwe periode minimumloon toevoegen' }).count()).toBe(0);
    expect(await auditPage(page, 'referentiegegevens-lezen')).toEqual([]);
  }, 90_000);

  it('shows an admin the decisions whose processing failed, accessibly, and retries one', async () => {
    await h.t.dataSource.query(
      `INSERT INTO outbox_event (type, payload, attempts, last_error, failed_at) VALUES ('decision.issued', $1, 8, $2, now())`,
      [
        {
          type: 'recovery',
          decisionId: '00000000-0000-4000-8000-000000000042',
          decisionNumber: 'LKS-2026-000042',
          applicationId: '00000000-0000-4000-8000-000000000043',
          months: [],
        },
        'TypeError: event.months is not iterable',
      ],
    );
    const { page } = await h.newPage();
    await loginInBrowser(h, page, admin);
    await page.goto(`${h.baseUrl}/portaal/backoffice/referentiegegevens`);
    await open(page, 'Verwerking', `${h.baseUrl}/portaal/backoffice/verwerking`);
    expect(await page.getByRole('row', { name: /LKS-2026-000042/ }).textContent()).toContain(
      'TypeError: event.months is not iterable',
    );
    expect(await auditPage(page, 'verwerking')).toEqual([]);
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Opnieuw verwerken besluit LKS-2026-000042' }).click(),
    ]);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Besluit LKS-2026-000042 wordt opnieuw verwerkt.');
    expect(await auditPage(page, 'verwerking-opnieuw')).toEqual([]);
  }, 90_000);
});
