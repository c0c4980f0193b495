import type { Page } from 'playwright-core';
import { Clock } from '../../src/common/clock';
import { auditPage, loginInBrowser, startBrowserHarness, type BrowserHarness } from '../support/browser';
import { enrolmentStatus, nominateNew, programmeWithCohorts, registerPartner } from '../e2e/portal/partner-scenario';
import { createUser, type TestUser } from '../support/test-app';

/** The education partner portal in real Chromium: nominations, confirming one and a whole cohort, enrolments. */
describe('education partner portal in a real browser', () => {
  let h: BrowserHarness;
  let partnerUser: TestUser;
  let caseworker: TestUser;
  let cohortA: string;
  let cohortB: string;
  const enrolments: Record<string, string> = {};

  const people: Array<[string, string, string]> = [
    ['Fatima', 'El Amrani', '111222333'],
    ['Sanne', 'de Vries', '123456782'],
    ['Mohamed', 'Bakkali', '100000009'],
    ['Priya', 'Ramdin', '200000007'],
    ['Kees', 'Jansen', '200000019'],
    ['Ayse', 'Yilmaz', '200000020'],
  ];

  async function nominate(cohortId: string, [givenNames, familyName, bsn]: [string, string, string]) {
    const person = { givenNames, familyName, bsn, dateOfBirth: '1988-04-12' };
    enrolments[`${givenNames} ${familyName}`] = await nominateNew(h.t, caseworker, cohortId, person);
  }

  const status = (name: string) => enrolmentStatus(h.t, enrolments[name]);

  async function submit(page: Page, button: string) {
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: button }).click()]);
  }

  beforeAll(async () => {
    h = await startBrowserHarness();
    jest.spyOn(h.t.app.get(Clock), 'today').mockImplementation(() => '2026-09-20');
    const admin = await createUser(h.t, ['admin']);
    caseworker = await createUser(h.t, ['caseworker']);
    const partnerId = await registerPartner(h.t, admin, 'ROC Amstelstad', '25LJ', 'NL20INGB0001234567');
    partnerUser = await createUser(h.t, ['education-partner'], { educationPartnerId: partnerId });
    [cohortA, cohortB] = await programmeWithCohorts(h.t, admin, partnerId, [
      { startDate: '2026-09-01', capacity: 10 },
      { startDate: '2027-02-01', capacity: 3 },
    ]);
    for (const person of people.slice(0, 3)) await nominate(cohortA, person);
    for (const person of people.slice(3)) await nominate(cohortB, person);
  }, 90_000);
  afterAll(() => h?.close());

  it('a partner confirms an enrolment: opens the nominations, confirms one, and sees it confirmed', async () => {
    const { page } = await h.newPage();
    await loginInBrowser(h, page, partnerUser);
    // The partner's home page is Nominaties.
    expect(new URL(page.url()).pathname).toBe('/portaal/opleider');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Nominaties');
    expect(await page.getByText('Er staan 6 voordrachten open.').isVisible()).toBe(true);
    expect(await auditPage(page, 'opleider-nominaties')).toEqual([]);

    await Promise.all([
      page.waitForURL(`**/groepen/${cohortA}`),
      page.getByRole('link', { name: 'Start 1 september 2026' }).click(),
    ]);
    expect(await page.locator('#plaatsen-vrij').textContent()).toBe('10');
    expect(await page.content()).not.toContain('111222333');
    expect(await auditPage(page, 'opleider-groep')).toEqual([]);

    await Promise.all([
      page.waitForURL('**/bevestigen'),
      page.getByRole('link', { name: 'Bevestigen van Fatima El Amrani' }).click(),
    ]);
    expect(await page.getByLabel('Startdatum').inputValue()).toBe('2026-09-01');
    // Without a student number: the message next to the field and in the summary, nothing recorded.
    await submit(page, 'Inschrijving bevestigen');
    expect(await page.locator('#studentNumber-error').textContent()).toContain(
      'Vul een studentnummer in (letters, cijfers en streepjes).',
    );
    expect(await page.getByRole('link', { name: /Studentnummer: Vul een studentnummer in/ }).isVisible()).toBe(true);
    // Focus moves to the error summary, so keyboard and screen reader users hear what to fix.
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('fouten');
    expect(await status('Fatima El Amrani')).toBe('nominated');
    expect(await auditPage(page, 'opleider-voordracht-bevestigen-fout')).toEqual([]);

    await page.getByLabel('Studentnummer').fill('S100200');
    await Promise.all([
      page.waitForURL(`**/groepen/${cohortA}`),
      page.getByRole('button', { name: 'Inschrijving bevestigen' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toContain('De voordracht is bevestigd. (Fatima El Amrani)');
    expect(await page.locator('#plaatsen-vrij').textContent()).toBe('9');
    const confirmedRow = page.getByRole('row', { name: /Fatima El Amrani/ });
    expect(await confirmedRow.textContent()).toContain('Bevestigd');
    expect(await confirmedRow.textContent()).toContain('S100200');
    expect(await status('Fatima El Amrani')).toBe('confirmed');
    expect(await auditPage(page, 'opleider-groep-bevestigd')).toEqual([]);
  }, 90_000);

  it('confirms a whole cohort at once, after fixing the row the page marks', async () => {
    const { page } = await h.newPage();
    await loginInBrowser(h, page, partnerUser);
    await page.goto(`${h.baseUrl}/portaal/opleider/groepen/${cohortB}`);
    await page.getByLabel('Studentnummer van Priya Ramdin').fill('S201');
    await page.getByLabel('Studentnummer van Ayse Yilmaz').fill('S203');
    await submit(page, 'Gekozen voordrachten bevestigen');
    // One row lacks a student number: nothing is recorded, and that row is marked.
    expect(await page.getByRole('heading', { name: 'Niet alle gegevens kloppen' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Studentnummer van Kees Jansen').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Studentnummer van Priya Ramdin').inputValue()).toBe('S201');
    expect(await status('Priya Ramdin')).toBe('nominated');
    expect(await auditPage(page, 'opleider-groep-fout')).toEqual([]);

    // The summary's link takes the keyboard user to the field.
    await page.getByRole('link', { name: /Studentnummer van Kees Jansen/ }).click();
    await page.keyboard.type('S202');
    await Promise.all([
      page.waitForURL(`**/groepen/${cohortB}`),
      page.getByRole('button', { name: 'Gekozen voordrachten bevestigen' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toContain('De 3 voordrachten zijn bevestigd.');
    expect(await page.getByText('Er staan in deze groep geen voordrachten open.').isVisible()).toBe(true);
    expect(await page.locator('#plaatsen-vrij').textContent()).toBe('0');
    for (const name of ['Priya Ramdin', 'Kees Jansen', 'Ayse Yilmaz']) expect(await status(name)).toBe('confirmed');
  }, 90_000);

  it('declines a nomination with a reason', async () => {
    const { page } = await h.newPage();
    await loginInBrowser(h, page, partnerUser);
    await page.goto(`${h.baseUrl}/portaal/opleider/voordrachten/${enrolments['Sanne de Vries']}/afwijzen`);
    expect(await auditPage(page, 'opleider-voordracht-afwijzen')).toEqual([]);
    await page.getByLabel('Reden van afwijzing').fill('Geen praktijkplaats beschikbaar.');
    await Promise.all([
      page.waitForURL(`**/groepen/${cohortA}`),
      page.getByRole('button', { name: 'Voordracht afwijzen' }).click(),
    ]);
    expect(await page.getByRole('row', { name: /Sanne de Vries/ }).textContent()).toContain('Afgewezen');
    expect(await status('Sanne de Vries')).toBe('declined');
  }, 90_000);

  it('declines the chosen nominations of a cohort at once, with one reason', async () => {
    await nominate(cohortA, ['Daan', 'Visser', '200000032']);
    await nominate(cohortA, ['Lotte', 'Bos', '200000044']);
    const { page } = await h.newPage();
    await loginInBrowser(h, page, partnerUser);
    await page.goto(`${h.baseUrl}/portaal/opleider/groepen/${cohortA}`);
    // Every open row starts chosen; Mohamed Bakkali stays open.
    await page.getByLabel('Mohamed Bakkali kiezen').uncheck();
    await page.getByLabel('Ja, ik wijs alle gekozen voordrachten af').check();
    await submit(page, 'Gekozen voordrachten afwijzen');
    // Without a reason nothing is declined, and the page says so next to the field.
    expect(await page.locator('#declineReason-error').textContent()).toContain('Vul dit veld in.');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('fouten');
    expect(await page.getByLabel('Mohamed Bakkali kiezen').isChecked()).toBe(false);
    expect(await status('Daan Visser')).toBe('nominated');
    expect(await auditPage(page, 'opleider-groep-afwijzen-fout')).toEqual([]);

    await page.getByLabel('Reden van afwijzing').fill('De groep is te groot geworden.');
    expect(await page.getByLabel('Ja, ik wijs alle gekozen voordrachten af').isChecked()).toBe(true);
    await Promise.all([
      page.waitForURL(`**/groepen/${cohortA}`),
      page.getByRole('button', { name: 'Gekozen voordrachten afwijzen' }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).toContain('De 2 voordrachten zijn afgewezen.');
    for (const name of ['Daan Visser', 'Lotte Bos']) {
      expect(await page.getByRole('row', { name: new RegExp(name) }).textContent()).toContain('Afgewezen');
      expect(await status(name)).toBe('declined');
    }
    expect(await status('Mohamed Bakkali')).toBe('nominated');
    expect(await auditPage(page, 'opleider-groep-afgewezen')).toEqual([]);
  }, 90_000);

  it('lists the enrolments and reports progress, diploma and drop-out', async () => {
    const { page } = await h.newPage();
    await loginInBrowser(h, page, partnerUser);
    await page.getByRole('link', { name: 'Deelnemers' }).click();
    await page.waitForURL('**/portaal/opleider/deelnemers');
    expect(await page.getByRole('row', { name: /Fatima El Amrani/ }).textContent()).toContain('Bevestigd');
    expect(await auditPage(page, 'opleider-deelnemers')).toEqual([]);

    await Promise.all([page.waitForURL('**/deelnemers/*'), page.getByRole('link', { name: 'Fatima El Amrani' }).click()]);
    expect(await auditPage(page, 'opleider-deelnemer')).toEqual([]);
    await Promise.all([page.waitForURL('**/voortgang'), page.getByRole('link', { name: 'Voortgang melden' }).click()]);
    await page.getByLabel('Begin van de periode').fill('2026-09-01');
    await page.getByLabel('Einde van de periode').fill('2026-09-14');
    await page.getByLabel('Aanwezigheid (procent)').fill('150');
    await page.getByLabel('Resultaten').fill('Praktijkopdracht 1 behaald.');
    await submit(page, 'Voortgang melden');
    expect(await page.locator('#attendancePercentage-error').textContent()).toContain('Vul maximaal 100 in.');
    expect(await auditPage(page, 'opleider-voortgang-fout')).toEqual([]);
    await page.getByLabel('Aanwezigheid (procent)').fill('92,5');
    await Promise.all([page.waitForURL(/deelnemers\/[^/]+$/), page.getByRole('button', { name: 'Voortgang melden' }).click()]);
    expect(await page.getByRole('status').textContent()).toContain('De voortgang is gemeld.');
    expect(await page.getByRole('row', { name: /92,5%/ }).textContent()).toContain('Praktijkopdracht 1 behaald.');

    await Promise.all([page.waitForURL('**/diploma'), page.getByRole('link', { name: 'Diploma registreren' }).click()]);
    expect(await auditPage(page, 'opleider-diploma')).toEqual([]);
    await page.getByRole('link', { name: 'Terug naar de deelnemer' }).click();
    await Promise.all([page.waitForURL('**/uitval'), page.getByRole('link', { name: 'Uitval melden' }).click()]);
    await page.getByLabel('Datum van uitval').fill('2026-09-18');
    await page.getByLabel('Reden van uitval').fill('Werk gevonden buiten de zorg.');
    expect(await auditPage(page, 'opleider-uitval')).toEqual([]);
    await Promise.all([page.waitForURL(/deelnemers\/[^/]+$/), page.getByRole('button', { name: 'Uitval melden' }).click()]);
    expect(await page.getByText('Uitgevallen', { exact: true }).isVisible()).toBe(true);
    expect(await status('Fatima El Amrani')).toBe('dropped-out');
  }, 90_000);
});
