import { auditPage, loginInBrowser, startBrowserHarness, type BrowserHarness } from '../support/browser';
import { createEmployer, createUser } from '../support/test-app';

describe('portal login in a real browser', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 60_000);
  afterAll(() => h?.close());

  it('shows an accessible login page with Dutch messages for a wrong password', async () => {
    const user = await createUser(h.t, ['caseworker']);
    const { page } = await h.newPage();
    await page.goto(`${h.baseUrl}/portaal/inloggen`);
    expect(await page.title()).toBe('Inloggen – Werkkans');
    expect(await auditPage(page, 'inloggen')).toEqual([]);

    await page.getByLabel('E-mailadres').fill(user.email);
    await page.getByLabel('Wachtwoord').fill('verkeerd-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect(page.getByText('Het e-mailadres of het wachtwoord klopt niet.').isVisible()).resolves.toBe(true);
    expect(await auditPage(page, 'inloggen-fout')).toEqual([]);
  });

  it('logs in with the keyboard only, lands on the portal home, and logs out', async () => {
    const employerId = await createEmployer(h.t);
    const user = await createUser(h.t, ['employer'], { employerId });
    const { page, context } = await h.newPage();
    await page.goto(`${h.baseUrl}/portaal/account`);
    // Not logged in: the login page, which brings the user back afterwards.
    expect(new URL(page.url()).pathname).toBe('/portaal/inloggen');

    // Skip link first, then the fields in order; Enter submits.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent?.trim()')).toBe('Direct naar de inhoud');
    await page.getByLabel('E-mailadres').focus();
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('test-password-123');
    await Promise.all([page.waitForURL('**/portaal/account'), page.keyboard.press('Enter')]);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'werkkans_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    expect(await page.evaluate('document.cookie')).not.toContain('werkkans_session');
    expect(await auditPage(page, 'account')).toEqual([]);

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL('**/portaal/inloggen?uitgelogd=1');
    await expect(page.getByText('U bent uitgelogd.').isVisible()).resolves.toBe(true);
    await loginInBrowser(h, page, user);
    expect(new URL(page.url()).pathname).not.toBe('/portaal/inloggen');
  });

  it('tells a slowed-down source how long to wait, and lets an admin find it in an accessible Logboek', async () => {
    const user = await createUser(h.t, ['approver']);
    for (let i = 0; i < 5; i++) {
      await h.t.http.post('/api/v1/auth/token').send({ email: user.email, password: 'verkeerd-wachtwoord' }).expect(401);
    }
    const { page } = await h.newPage();
    await page.goto(`${h.baseUrl}/portaal/inloggen`);
    await page.getByLabel('E-mailadres').fill(user.email);
    await page.getByLabel('Wachtwoord').fill('test-password-123');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect(
      page.getByText(/Er is te vaak een verkeerd wachtwoord gebruikt\. Probeer het over \d+ seconden opnieuw\./).isVisible(),
    ).resolves.toBe(true);
    expect(await auditPage(page, 'inloggen-vertraagd')).toEqual([]);

    const admin = await createUser(h.t, ['admin']);
    const { page: adminPage } = await h.newPage();
    await loginInBrowser(h, adminPage, admin);
    await adminPage.getByRole('link', { name: 'Logboek' }).click();
    await adminPage.waitForURL('**/portaal/backoffice/logboek');
    await adminPage.getByLabel('Actie').fill('auth.login-throttled');
    await Promise.all([adminPage.waitForURL('**/logboek?**'), adminPage.getByRole('button', { name: 'Zoeken' }).click()]);
    await expect(adminPage.getByRole('cell', { name: 'auth.login-throttled' }).first().isVisible()).resolves.toBe(true);
    expect(await auditPage(adminPage, 'logboek')).toEqual([]);

    await adminPage.getByLabel('Vanaf').fill('2026-12-02');
    await adminPage.getByLabel('Tot en met').fill('2026-12-01');
    await adminPage.getByRole('button', { name: 'Zoeken' }).click();
    await expect(adminPage.getByText('Deze datum moet na de begindatum liggen.').first().isVisible()).resolves.toBe(true);
    expect(await auditPage(adminPage, 'logboek-fout')).toEqual([]);
  });
});
