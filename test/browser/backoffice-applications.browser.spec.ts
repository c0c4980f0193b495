import type { Page } from 'playwright-core';
import { auditPage, loginInBrowser, startBrowserHarness, type BrowserHarness } from '../support/browser';
import { APPLICATION, TARGET_GROUP, createParticipant, registerEmployer, submitApplication } from '../support/scenario';
import { bearer, createUser, type TestUser } from '../support/test-app';

describe('backoffice in a real browser: a caseworker and an approver issue the decision', () => {
  let h: BrowserHarness;
  let caseworker: TestUser;
  let approver: TestUser;
  let caseworkerApprover: TestUser;
  let employer: TestUser;

  /** A submitted application, taken into assessment, with a wage value of 60% (through the API). */
  async function applicationInAssessment(bsn: string): Promise<{ id: string; number: string }> {
    const participantNumber = await createParticipant(h.t, caseworker, bsn);
    const draft = await h.t.http
      .post('/api/v1/applications')
      .set(bearer(employer))
      .send({ ...APPLICATION, participant: { participantNumber, dateOfBirth: '1990-05-01' } })
      .expect(201);
    const id = draft.body.id as string;
    await submitApplication(h.t, employer, id);
    await h.t.http.post(`/api/v1/applications/${id}/start-assessment`).set(bearer(caseworker)).expect(200);
    await h.t.http.post(`/api/v1/applications/${id}/record-target-group`).set(bearer(caseworker)).send(TARGET_GROUP).expect(200);
    await h.t.http
      .post(`/api/v1/applications/${id}/wage-value-assessments`)
      .set(bearer(caseworker))
      .send({ assessedOn: '2026-01-01', method: 'dariuz', assessorName: 'J. Bakker', percentage: 60 })
      .expect(201);
    return { id, number: draft.body.applicationNumber };
  }

  async function proposeAndDraft(page: Page, id: string): Promise<void> {
    await page.goto(`${h.baseUrl}/portaal/backoffice/werkvoorraad/aanvragen/${id}`);
    await page.getByLabel('Voorstel', { exact: true }).selectOption('grant');
    await page.getByLabel('Motivering', { exact: true }).fill('De loonwaarde is vastgesteld op 60% met de Dariuz-methode.');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Voorstel vastleggen' }).click()]);
    await page.getByText('Het voorstel is vastgelegd.').waitFor();
    await Promise.all([
      page.waitForURL('**/portaal/backoffice/werkvoorraad/besluiten/*'),
      page.getByRole('button', { name: 'Conceptbesluit verlening opstellen' }).click(),
    ]);
  }

  beforeAll(async () => {
    h = await startBrowserHarness();
    caseworker = await createUser(h.t, ['caseworker']);
    approver = await createUser(h.t, ['approver']);
    caseworkerApprover = await createUser(h.t, ['caseworker', 'approver']);
    employer = (await registerEmployer(h.t, '12345678', 'hr@browser-bo.nl', 'Zorggroep Browser B.V.')).user;
  }, 120_000);
  afterAll(() => h?.close());

  it('caseworker proposes and drafts, another person approves, and the decision is issued', async () => {
    const application = await applicationInAssessment('111222333');

    // The caseworker: work queue, application detail (with a Dutch error first), proposal and draft.
    const { page } = await h.newPage();
    await loginInBrowser(h, page, caseworker);
    expect(new URL(page.url()).pathname).toBe('/portaal/backoffice');
    await page.goto(`${h.baseUrl}/portaal/backoffice/werkvoorraad`);
    expect(await page.title()).toBe('Werkvoorraad – Werkkans');
    expect(await auditPage(page, 'backoffice-werkvoorraad')).toEqual([]);
    await Promise.all([
      page.waitForURL(`**/aanvragen/${application.id}`),
      page.getByRole('link', { name: application.number }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Aanvraag ${application.number}`);
    await expect(page.getByText('******333').isVisible()).resolves.toBe(true);
    expect(await auditPage(page, 'backoffice-aanvraag')).toEqual([]);

    // The form opens with the keyboard (a <details> summary).
    await page.locator('summary', { hasText: 'Loonwaarde vastleggen' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Loonwaarde (procent)').fill('150');
    await page.getByLabel('Methode').selectOption('dariuz');
    await page.getByLabel('Naam beoordelaar').fill('J. Bakker');
    await page.getByLabel('Datum beoordeling').fill('2026-01-01');
    await page.getByRole('button', { name: 'Loonwaarde vastleggen' }).click();
    await page.getByText('Loonwaarde: Vul maximaal 100 in.').waitFor();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('fouten');
    expect(await page.getByLabel('Loonwaarde (procent)').getAttribute('aria-invalid')).toBe('true');
    expect(await auditPage(page, 'backoffice-aanvraag-fout')).toEqual([]);

    await proposeAndDraft(page, application.id);
    await page.getByText('Een beslisser (een andere medewerker dan u) moet het nu goedkeuren.').waitFor();
    await expect(page.getByText('U heeft dit besluit zelf opgesteld.').isVisible()).resolves.toBe(true);
    // A caseworker without the approver role gets no approve button.
    expect(await page.getByRole('button', { name: 'Goedkeuren en afgeven' }).count()).toBe(0);
    expect(await auditPage(page, 'backoffice-besluit-concept')).toEqual([]);

    // The approver: finds the draft in the work queue and approves it.
    const second = (await h.newPage()).page;
    await loginInBrowser(h, second, approver);
    await second.goto(`${h.baseUrl}/portaal/backoffice/werkvoorraad`);
    const row = second.getByRole('row').filter({ hasText: application.number });
    await Promise.all([
      second.waitForURL('**/portaal/backoffice/werkvoorraad/besluiten/*'),
      row.getByRole('link', { name: 'Verleningsbesluit' }).click(),
    ]);
    await expect(second.getByText('dus niet Test caseworker').isVisible()).resolves.toBe(true);
    await Promise.all([second.waitForLoadState('load'), second.getByRole('button', { name: 'Goedkeuren en afgeven' }).click()]);
    await second.getByText(/afgegeven met nummer LKS-\d{4}-\d{6}/).waitFor();
    expect(await second.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Verleningsbesluit LKS-\d{4}-\d{6}$/);
    expect(await auditPage(second, 'backoffice-besluit-afgegeven')).toEqual([]);
    const download = await Promise.all([
      second.waitForEvent('download'),
      second.getByRole('link', { name: 'Download het besluit (PDF)' }).click(),
    ]);
    expect(download[0].suggestedFilename()).toMatch(/\.pdf$/);

    const [decision] = await h.t.dataSource.query(
      `SELECT status, drafted_by, approved_by FROM decision WHERE application_id = $1`,
      [application.id],
    );
    expect(decision).toEqual({ status: 'issued', drafted_by: caseworker.id, approved_by: approver.id });
    const [app] = await h.t.dataSource.query(`SELECT status FROM application WHERE id = $1`, [application.id]);
    expect(app.status).toBe('active');

    // The running subsidy: the caseworker sees the issued decision and the forms for what may follow.
    await page.goto(`${h.baseUrl}/portaal/backoffice/werkvoorraad/aanvragen/${application.id}`);
    await expect(page.getByText('Lopend', { exact: true }).isVisible()).resolves.toBe(true);
    await page.locator('summary', { hasText: 'Uren of einddatum van het contract wijzigen' }).click();
    await expect(page.getByLabel('Soort besluit').isVisible()).resolves.toBe(true);
    expect(await page.getByRole('link', { name: /Download PDF/ }).count()).toBe(1);
    expect(await auditPage(page, 'backoffice-aanvraag-lopend')).toEqual([]);
  }, 120_000);

  it('refuses, in Dutch, an approver who approves their own draft', async () => {
    const application = await applicationInAssessment('200000007');
    const { page } = await h.newPage();
    await loginInBrowser(h, page, caseworkerApprover);
    await proposeAndDraft(page, application.id);
    await page.getByText('U heeft dit besluit zelf opgesteld.').waitFor();
    await page.getByRole('button', { name: 'Goedkeuren en afgeven' }).click();
    await page.getByText('Vier-ogenprincipe: Een tweede medewerker moet deze stap zetten').waitFor();
    expect(await auditPage(page, 'backoffice-besluit-vier-ogen')).toEqual([]);
    const [decision] = await h.t.dataSource.query(`SELECT status, approved_by FROM decision WHERE application_id = $1`, [
      application.id,
    ]);
    expect(decision).toEqual({ status: 'draft', approved_by: null });
  }, 120_000);
});
