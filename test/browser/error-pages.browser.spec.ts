import { auditPage, loginInBrowser, startBrowserHarness, type BrowserHarness } from '../support/browser';
import { createEmployer, createUser } from '../support/test-app';

describe('portal error pages in a real browser', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 60_000);
  afterAll(() => h?.close());

  it('shows accessible Dutch pages for a missing page, a page of another role and an expired form', async () => {
    const employerId = await createEmployer(h.t);
    const user = await createUser(h.t, ['employer'], { employerId });
    const { page, context } = await h.newPage();

    const missing = await page.goto(`${h.baseUrl}/portaal/bestaat-niet`);
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pagina niet gevonden');
    expect(await auditPage(page, 'fout-404')).toEqual([]);

    await loginInBrowser(h, page, user);
    const forbidden = await page.goto(`${h.baseUrl}/portaal/backoffice/werkvoorraad`);
    expect(forbidden?.status()).toBe(403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Geen toegang');
    expect(await auditPage(page, 'fout-403')).toEqual([]);

    // A form from a page of an ended session: the logout form with its token replaced.
    await page.goto(`${h.baseUrl}/portaal/account`);
    await page.evaluate(`document.querySelector('form[action="/portaal/uitloggen"] input[name="_csrf"]').value = 'verlopen'`);
    expect(await page.locator('form[action="/portaal/uitloggen"] input[name="_csrf"]').inputValue()).toBe('verlopen');
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Formulier verlopen');
    expect(await auditPage(page, 'fout-formulier-verlopen')).toEqual([]);

    // The session ends while the user is away: the login page says why.
    await h.t.dataSource.query(`UPDATE portal_session SET last_seen_at = now() - interval '31 minutes'`);
    await page.goto(`${h.baseUrl}/portaal/account`);
    expect(new URL(page.url()).searchParams.get('verlopen')).toBe('1');
    expect(await page.getByRole('status').textContent()).toContain('U bent automatisch uitgelogd');
    expect(await auditPage(page, 'inloggen-verlopen')).toEqual([]);
    await context.close();
  });
});
