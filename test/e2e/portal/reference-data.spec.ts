import { Clock } from '../../../src/common/clock';
import { JULY_2026_RATES } from '../../support/fixtures';
import { portalLogin, type PortalAgent } from '../../support/portal';
import { createEducationPartner, createTestApp, createUser, type TestApp } from '../../support/test-app';

/** Backoffice reference data pages: minimum wage periods, LKS parameters, job plans, programmes and cohorts. */
describe('backoffice reference data pages', () => {
  let t: TestApp;
  let admin: PortalAgent;
  let caseworker: PortalAgent;
  let partnerId: string;
  const BASE = '/portaal/backoffice/referentiegegevens';

  function post(agent: PortalAgent, path: string, form: Record<string, string>) {
    return agent.agent
      .post(`${BASE}${path}`)
      .type('form')
      .send({ _csrf: agent.csrf, ...form });
  }

  async function count(table: string): Promise<number> {
    const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    return row.n;
  }

  /** The July 2026 table as typed in the form: Dutch decimal commas. */
  function wageForm(validFrom: string, validUntil: string, change: (rates: typeof JULY_2026_RATES) => void = () => {}) {
    const rates = JULY_2026_RATES.map((r) => ({ ...r }));
    change(rates);
    const form: Record<string, string> = { validFrom, validUntil };
    rates.forEach((r, i) => {
      form[`rates[${i}].percentage`] = r.percentage.replace('.', ',');
      form[`rates[${i}].hourly`] = r.hourly.replace('.', ',');
    });
    return form;
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await portalLogin(t, await createUser(t, ['admin']));
    caseworker = await portalLogin(t, await createUser(t, ['caseworker']));
    partnerId = await createEducationPartner(t, 'ROC Amstelstad');
  });
  afterAll(() => t.close());

  it('shows every table to the backoffice; only an administrator gets the links to add', async () => {
    const page = await admin.agent.get(BASE).expect(200);
    expect(page.text).toContain('<h1 class="ams-heading ams-heading--level-1">Referentiegegevens</h1>');
    expect(page.text).toContain('1 januari 2026');
    expect(page.text).toContain('30 juni 2026');
    expect(page.text).toContain('Banenplan Zuidoost');
    expect(page.text).toContain('Gebiedsgericht banenplan');
    expect(page.text).toContain('70,00%');
    expect(page.text).toContain(`${BASE}/minimumloon/nieuw`);
    const read = await caseworker.agent.get(BASE).expect(200);
    expect(read.text).toContain('Banenplan Zuidoost');
    expect(read.text).not.toContain(`${BASE}/minimumloon/nieuw`);
    expect(read.text).toContain('aria-current="page">Referentiegegevens');
  });

  it('warns on every backoffice page once the minimum wage table ends within 60 days or has ended', async () => {
    const clock = jest.spyOn(t.app.get(Clock), 'today');
    try {
      clock.mockReturnValue('2026-12-05');
      const queue = await caseworker.agent.get('/portaal/backoffice/werkvoorraad').expect(200);
      expect(queue.text).toContain('Het minimumloon in Werkkans is verlopen');
      expect(queue.text).toContain('De tabel met het minimumloon liep tot en met 30 juni 2026.');
      expect(queue.text).toContain('Een beheerder voegt de nieuwe periode toe');
      const overview = await admin.agent.get(BASE).expect(200);
      expect(overview.text).toContain(`<a class="ams-link" href="${BASE}/minimumloon/nieuw">Voeg de nieuwe periode toe</a>`);
      expect(overview.text).toContain('De tabel liep tot en met <strong>30 juni 2026</strong>');

      clock.mockReturnValue('2026-05-15'); // 46 days before 2026-06-30
      const soon = await caseworker.agent.get(BASE).expect(200);
      expect(soon.text).toContain('Het minimumloon in Werkkans loopt bijna af');
      expect(soon.text).toContain('loopt tot en met 30 juni 2026 (nog 46 dagen)');
      expect(soon.text).toContain('De tabel reikt tot en met <strong>30 juni 2026</strong> (nog 46 dagen).');

      clock.mockReturnValue('2026-04-30'); // 61 days before: no warning yet
      const calm = await caseworker.agent.get(BASE).expect(200);
      expect(calm.text).not.toContain('minimumloon-waarschuwing-titel');
      expect(calm.text).toContain('(nog 61 dagen)');
    } finally {
      clock.mockRestore();
    }
  });

  it('lets only administrators add (forms and posts are refused to a caseworker, nothing written)', async () => {
    await caseworker.agent.get(`${BASE}/minimumloon/nieuw`).expect(403);
    const before = await count('minimum_wage_period');
    const res = await post(caseworker, '/minimumloon/nieuw', wageForm('2026-07-01', '2026-12-31')).expect(403);
    expect(res.text).toContain('Geen toegang');
    await post(caseworker, '/banenplannen/nieuw', { code: 'west', name: 'Banenplan West' }).expect(403);
    expect(await count('minimum_wage_period')).toBe(before);
    expect(await t.dataSource.query(`SELECT 1 FROM code_list_item WHERE code = 'west'`)).toEqual([]);
  });

  describe('minimum wage periods', () => {
    it('offers the statutory percentages as defaults', async () => {
      const form = await admin.agent.get(`${BASE}/minimumloon/nieuw`).expect(200);
      expect(form.text).toContain('name="rates[7].percentage" type="text" inputmode="decimal" value="61,50"');
      expect(form.text).toContain('<label class="ams-visually-hidden" for="rates[0].hourly">Uurbedrag, 21 jaar en ouder</label>');
    });

    it('refuses a period that leaves a gap, with the date it must start on, and writes nothing', async () => {
      const before = await count('minimum_wage_rate');
      const res = await post(admin, '/minimumloon/nieuw', wageForm('2026-08-01', '2026-12-31')).expect(422);
      expect(res.text).toContain('Deze datum moet 1 juli 2026 zijn (de dag na het einde van de vorige periode).');
      expect(res.text).toMatch(/id="validFrom"[^>]*aria-invalid="true"/);
      expect(res.text).toContain('value="14,99"');
      expect(await count('minimum_wage_rate')).toBe(before);
    });

    it('refuses an overlapping period', async () => {
      const res = await post(admin, '/minimumloon/nieuw', wageForm('2026-06-01', '2026-12-31')).expect(409);
      expect(res.text).toContain('Deze periode overlapt met een andere periode.');
    });

    it('marks the one amount that does not follow from the adult amount', async () => {
      const res = await post(
        admin,
        '/minimumloon/nieuw',
        wageForm('2026-07-01', '2026-12-31', (rates) => (rates[1].hourly = '11.95')),
      ).expect(400);
      expect(res.text).toMatch(/id="rates\[1\]\.hourly"[^>]*aria-invalid="true"/);
      expect(res.text).toContain('href="#rates[1].hourly">Uurbedrag, 20 jaar: Dit moet € 11,99 zijn.');
      expect(res.text).not.toMatch(/id="rates\[2\]\.hourly"[^>]*aria-invalid="true"/);
    });

    it('adds the next period (Dutch decimal commas accepted)', async () => {
      const res = await post(admin, '/minimumloon/nieuw', wageForm('2026-07-01', '2026-12-31')).expect(303);
      expect(res.headers.location).toBe(BASE);
      const [period] = await t.dataSource.query(
        `SELECT p.valid_until::text, r.hourly::text FROM minimum_wage_period p JOIN minimum_wage_rate r ON r.period_id = p.id
          WHERE p.valid_from = '2026-07-01' AND r.scale = 'regular' AND r.age = 21`,
      );
      expect(period).toEqual({ valid_until: '2026-12-31', hourly: '14.99' });
      const page = await admin.agent.get(BASE).expect(200);
      expect(page.text).toContain('De nieuwe periode van het minimumloon is vastgelegd.');
      expect(page.text).toContain('€ 14,99');
    });
  });

  describe('LKS parameters', () => {
    it('prefills the latest set, refuses a malformed percentage in Dutch, and adds the next set', async () => {
      const form = await admin.agent.get(`${BASE}/lks-parameters/nieuw`).expect(200);
      expect(form.text).toContain('id="capPercentage" name="capPercentage" type="text" value="70,00"');
      const valid = {
        validFrom: '2027-01-01',
        capPercentage: '70',
        holidayAllowancePercentage: '8',
        employerCostsPercentage: '23,5',
        flatRatePercentage: '50',
        flatRateMaxMonths: '6',
      };
      const before = await count('lks_parameter_set');
      const bad = await post(admin, '/lks-parameters/nieuw', {
        ...valid,
        capPercentage: 'zeventig',
        flatRateMaxMonths: '0',
      }).expect(400);
      expect(bad.text).toContain('Vul een percentage in, zoals 70.');
      expect(bad.text).toContain('Vul minimaal 1 in.');
      expect(await count('lks_parameter_set')).toBe(before);
      await post(admin, '/lks-parameters/nieuw', valid).expect(303);
      const sets = await t.dataSource.query(
        `SELECT valid_from::text, valid_until::text, employer_costs_percentage::text FROM lks_parameter_set ORDER BY valid_from`,
      );
      expect(sets).toEqual([
        { valid_from: '2015-01-01', valid_until: '2017-12-31', employer_costs_percentage: '23.00' },
        { valid_from: '2018-01-01', valid_until: '2023-12-31', employer_costs_percentage: '23.50' },
        { valid_from: '2024-01-01', valid_until: '2026-12-31', employer_costs_percentage: '23.50' },
        { valid_from: '2027-01-01', valid_until: null, employer_costs_percentage: '23.50' },
      ]);
    });
  });

  describe('job plans', () => {
    it('refuses a code that is not kebab-case or already used, adds a job plan, and switches it off and on', async () => {
      const bad = await post(admin, '/banenplannen/nieuw', { code: 'Banenplan West', name: '' }).expect(400);
      expect(bad.text).toContain('Gebruik kleine letters en streepjes, zoals bouw-techniek.');
      expect(bad.text).toMatch(/id="name"[^>]*aria-invalid="true"/);
      const taken = await post(admin, '/banenplannen/nieuw', { code: 'zorg', name: 'Zorg 2' }).expect(409);
      expect(taken.text).toContain('Dit is al in gebruik.');
      await post(admin, '/banenplannen/nieuw', { code: 'west', name: 'Banenplan West', category: 'area' }).expect(303);
      const [row] = await t.dataSource.query(`SELECT name, category, active FROM code_list_item WHERE code = 'west'`);
      expect(row).toEqual({ name: 'Banenplan West', category: 'area', active: true });
      await post(admin, '/banenplannen/west/actief', { active: 'false' }).expect(303);
      expect((await t.dataSource.query(`SELECT active FROM code_list_item WHERE code = 'west'`))[0].active).toBe(false);
      const page = await admin.agent.get(BASE).expect(200);
      expect(page.text).toContain('Het banenplan is niet meer te kiezen.');
      await post(admin, '/banenplannen/bestaat-niet/actief', { active: 'true' }).expect(404);
    });
  });

  describe('programmes and cohorts', () => {
    const programme = () => ({
      qualificationName: 'Helpende Zorg en Welzijn',
      creboCode: '25498',
      mboLevel: '2',
      learningPath: 'BBL',
      educationPartnerId: partnerId,
      durationMonths: '18',
      tuition: '4.500,00',
      shareAtStartPercentage: '40',
      recoverOnDropout: 'true',
    });

    it('refuses a wrong crebo code and an amount that is not in euros together, and writes nothing', async () => {
      const res = await post(admin, '/opleidingen/nieuw', { ...programme(), creboCode: '2549', tuition: 'veel' }).expect(400);
      expect(res.text).toContain('Vul 5 cijfers in.');
      expect(res.text).toContain('Vul een bedrag in euro in, zoals 4500,00.');
      expect(res.text).toMatch(/id="tuition"[^>]*aria-invalid="true"/);
      expect(await count('programme')).toBe(0);
    });

    it('adds a programme with its tuition in cents, and a cohort; a second cohort on the same day is refused', async () => {
      await post(admin, '/opleidingen/nieuw', programme()).expect(303);
      const [row] = await t.dataSource.query(`SELECT id, tuition_cents, learning_path, recover_on_dropout FROM programme`);
      expect(row).toEqual(expect.objectContaining({ tuition_cents: '450000', learning_path: 'BBL', recover_on_dropout: true }));
      const page = await admin.agent.get(BASE).expect(200);
      expect(page.text).toContain('€ 4.500,00');
      expect(page.text).toContain('ROC Amstelstad');

      const form = await admin.agent.get(`${BASE}/opleidingen/${row.id}/groepen/nieuw`).expect(200);
      expect(form.text).toContain('Nieuwe groep voor Helpende Zorg en Welzijn');
      const bad = await post(admin, `/opleidingen/${row.id}/groepen/nieuw`, { startDate: '2026-09-01', capacity: 'tien' }).expect(
        400,
      );
      expect(bad.text).toContain('Vul een heel getal in.');
      await post(admin, `/opleidingen/${row.id}/groepen/nieuw`, { startDate: '2026-09-01', capacity: '12' }).expect(303);
      const again = await post(admin, `/opleidingen/${row.id}/groepen/nieuw`, { startDate: '2026-09-01', capacity: '5' }).expect(
        409,
      );
      expect(again.text).toContain('Op deze datum begint al een groep van deze opleiding.');
      expect(await t.dataSource.query(`SELECT capacity FROM cohort WHERE programme_id = $1`, [row.id])).toEqual([
        { capacity: 12 },
      ]);
      await admin.agent.get(`${BASE}/opleidingen/00000000-0000-4000-8000-000000000000/groepen/nieuw`).expect(404);
    });
  });
});
