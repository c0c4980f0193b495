import { auditPage, loginInBrowser, startBrowserHarness, type BrowserHarness } from '../support/browser';
import { createParticipant, issueDecision, proposedApplication, registerEmployer } from '../support/scenario';
import { createUser } from '../support/test-app';

describe('backoffice overview with charts in a real browser', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
  }, 120_000);
  afterAll(() => h?.close());

  it('shows the four charts as named images with their tables, accessible, as the home page of the staff', async () => {
    const caseworker = await createUser(h.t, ['caseworker']);
    const approver = await createUser(h.t, ['approver']);
    const { user: employer } = await registerEmployer(h.t, '12345678', 'hr@overzicht-browser.nl');
    const granted = await proposedApplication(h.t, employer, caseworker, await createParticipant(h.t, caseworker, '111222333'));
    await issueDecision(h.t, caseworker, approver, { applicationId: granted, type: 'grant' });
    await proposedApplication(h.t, employer, caseworker, await createParticipant(h.t, caseworker, '123456782'));

    const { page } = await h.newPage();
    await loginInBrowser(h, page, await createUser(h.t, ['payment-officer']));
    expect(new URL(page.url()).pathname).toBe('/portaal/backoffice');
    expect(await page.title()).toBe('Overzicht – Werkkans');
    for (const name of [
      'Staafdiagram: aanvragen per status',
      'Staafdiagram: besloten aanvragen per aantal weken doorlooptijd',
      'Kolomdiagram: betaalde en geplande loonkostensubsidie per maand en banenplan',
      'Staafdiagram: inschrijvingen per status',
    ]) {
      await expect(page.getByRole('img', { name }).isVisible()).resolves.toBe(true);
    }
    const statusRow = page.getByRole('table', { name: 'Aanvragen per status (tabel)' }).getByRole('row', { name: /Lopend/ });
    expect(await statusRow.getByRole('cell').textContent()).toBe('1');
    const proposedRow = page
      .getByRole('table', { name: 'Aanvragen per status (tabel)' })
      .getByRole('row', { name: /Besluit voorgesteld/ });
    expect(await proposedRow.getByRole('cell').textContent()).toBe('1');
    // Six scheduled instalments of the grant: six months in the payments table.
    expect(await page.getByRole('table', { name: 'Betalingen per maand en banenplan (tabel)' }).getByRole('row').count()).toBe(7);
    expect(await auditPage(page, 'backoffice-overzicht')).toEqual([]);
  }, 120_000);
});
