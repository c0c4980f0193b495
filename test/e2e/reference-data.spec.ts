import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Clock } from '../../src/common/clock';
import { JULY_2026_RATES } from '../support/fixtures';
import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../support/test-app';

const july2026Rates = () => JULY_2026_RATES.map((r) => ({ ...r }));

describe('reference data with validity periods', () => {
  let t: TestApp;
  let admin: TestUser;
  let caseworker: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t, ['admin']);
    caseworker = await createUser(t, ['caseworker']);
  });
  afterAll(() => t.close());

  const countRows = async () => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM minimum_wage_period) AS periods, (SELECT count(*) FROM minimum_wage_rate) AS rates,
              (SELECT count(*) FROM audit_event) AS audits`,
    );
    return row;
  };

  it('is seeded by migration with exactly the sourced minimum wage table', async () => {
    const csv: Array<Record<string, string>> = parse(readFileSync(join(__dirname, '../../reference/minimum-wage.csv')), {
      columns: true,
    });
    const res = await t.http.get('/api/v1/minimum-wage-periods').set(bearer(caseworker)).expect(200);
    const served = res.body.items.flatMap((p: any) =>
      p.rates.map((r: any) => `${p.validFrom},${r.scale},${r.age},${Number(r.percentage).toFixed(1)},${r.hourly}`),
    );
    const expected = csv.map((r) => `${r.valid_from},${r.scale},${r.age},${r.percentage},${r.hourly_eur}`);
    expect(served.sort()).toEqual(expected.sort());
    expect(res.body.items.map((p: any) => [p.validFrom, p.validUntil])).toEqual([
      ['2024-01-01', '2024-06-30'],
      ['2024-07-01', '2024-12-31'],
      ['2025-01-01', '2025-06-30'],
      ['2025-07-01', '2025-12-31'],
      ['2026-01-01', '2026-06-30'],
    ]);
    expect(res.body.total).toBe(5);
  });

  it('says until when the table reaches, and warns from 60 days before it ends', async () => {
    const clock = jest.spyOn(t.app.get(Clock), 'today');
    try {
      const coverage = async (today: string) => {
        clock.mockReturnValue(today);
        const res = await t.http.get('/api/v1/minimum-wage-periods').set(bearer(admin)).expect(200);
        const { items, total, ...rest } = res.body;
        return rest;
      };
      // 2026-05-01 → 2026-06-30 is 60 days: the first day of the warning.
      expect(await coverage('2026-04-30')).toEqual({
        coveredUntil: '2026-06-30',
        daysLeft: 61,
        state: 'covered',
        warning: false,
      });
      expect(await coverage('2026-05-01')).toEqual({ coveredUntil: '2026-06-30', daysLeft: 60, state: 'ending', warning: true });
      expect(await coverage('2026-07-01')).toEqual({ coveredUntil: '2026-06-30', daysLeft: -1, state: 'ended', warning: true });
    } finally {
      clock.mockRestore();
    }
  });

  it('is seeded with the LKS parameters 70 / 8 / 23.5 / 50 / 6, and 23% employer costs before 2018', async () => {
    // Regeling loonkostensubsidie Participatiewet art. 1: 23% from 2015-01-01, 23.5% from 2018-01-01.
    const res = await t.http.get('/api/v1/lks-parameter-sets').set(bearer(caseworker)).expect(200);
    const rest = {
      capPercentage: '70.00',
      holidayAllowancePercentage: '8.00',
      flatRatePercentage: '50.00',
      flatRateMaxMonths: 6,
    };
    expect(res.body).toEqual([
      expect.objectContaining({ validFrom: '2015-01-01', validUntil: '2017-12-31', employerCostsPercentage: '23.00', ...rest }),
      expect.objectContaining({ validFrom: '2018-01-01', validUntil: '2023-12-31', employerCostsPercentage: '23.50', ...rest }),
      expect.objectContaining({ validFrom: '2024-01-01', validUntil: null, employerCostsPercentage: '23.50', ...rest }),
    ]);
    // The seeded 23% was corrected by a migration, with its reason in the audit trail.
    const [corrected] = await t.dataSource.query(
      `SELECT actor_role, before, after FROM audit_event WHERE entity_type = 'lks-parameter-set' AND action = 'lks-parameter-set.corrected'`,
    );
    expect(corrected).toEqual({
      actor_role: 'system:migration',
      before: { employerCostsPercentage: '23.00' },
      after: { employerCostsPercentage: '23.50', reason: expect.stringContaining('art. 1') },
    });
  });

  it('refuses a period that leaves a gap, saying which start date is expected', async () => {
    const before = await countRows();
    const res = await t.http
      .post('/api/v1/minimum-wage-periods')
      .set(bearer(admin))
      .send({ validFrom: '2026-08-01', validUntil: '2026-12-31', rates: july2026Rates() })
      .expect(422);
    expect(res.body.invalidParams).toEqual([
      { name: 'validFrom', reason: 'must be 2026-07-01 (the day after the previous period ends)' },
    ]);
    expect(await countRows()).toEqual(before);
  });

  it('refuses a period that overlaps an existing one', async () => {
    const res = await t.http
      .post('/api/v1/minimum-wage-periods')
      .set(bearer(admin))
      .send({ validFrom: '2026-06-01', validUntil: '2026-12-31', rates: july2026Rates() })
      .expect(409);
    expect(res.body.invalidParams[0].name).toBe('validFrom');
  });

  it('refuses an inconsistent table, naming the cell, and writes nothing', async () => {
    const before = await countRows();
    const rates = july2026Rates();
    rates[1].hourly = '11.95'; // 80% of 14.99 = 11.992 → 11.99
    const res = await t.http
      .post('/api/v1/minimum-wage-periods')
      .set(bearer(admin))
      .send({ validFrom: '2026-07-01', validUntil: '2026-12-31', rates })
      .expect(400);
    expect(res.body.invalidParams).toContainEqual({
      name: 'rates[1].hourly',
      reason: 'must be 11.99 (80.00% of the adult amount 14.99, rounded to the cent)',
    });
    expect(await countRows()).toEqual(before);
  });

  it('refuses a table without an age in the middle', async () => {
    const rates = july2026Rates().filter((r) => !(r.scale === 'regular' && r.age === 18));
    const res = await t.http
      .post('/api/v1/minimum-wage-periods')
      .set(bearer(admin))
      .send({ validFrom: '2026-07-01', validUntil: '2026-12-31', rates })
      .expect(400);
    expect(res.body.invalidParams).toContainEqual({
      name: 'rates',
      reason: 'a regular rate for age 18 is missing',
    });
  });

  it('refuses validUntil before validFrom', async () => {
    const res = await t.http
      .post('/api/v1/minimum-wage-periods')
      .set(bearer(admin))
      .send({ validFrom: '2026-07-01', validUntil: '2026-06-30', rates: july2026Rates() })
      .expect(400);
    expect(res.body.invalidParams).toEqual([{ name: 'validUntil', reason: 'must not be before validFrom' }]);
  });

  it('adds the 1 July 2026 indexation and audits it', async () => {
    const res = await t.http
      .post('/api/v1/minimum-wage-periods')
      .set(bearer(admin))
      .send({ validFrom: '2026-07-01', validUntil: '2026-12-31', rates: july2026Rates() })
      .expect(201);
    expect(res.body).toEqual(expect.objectContaining({ validFrom: '2026-07-01', validUntil: '2026-12-31' }));
    expect(res.body.rates).toContainEqual({ scale: 'regular', age: 21, percentage: '100.00', hourly: '14.99' });
    const audit = await t.http
      .get('/api/v1/audit-events')
      .query({ entityType: 'minimum-wage-period', entityId: String(res.body.id) })
      .set(bearer(admin))
      .expect(200);
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0]).toEqual(
      expect.objectContaining({ action: 'minimum-wage-period.created', actorUserId: admin.id, actorRole: 'admin', before: null }),
    );
    expect(audit.body[0].after.validFrom).toBe('2026-07-01');
    expect(audit.body[0].requestId).toBe(res.headers['x-request-id']);
  });

  it('closes an open-ended parameter set when the next one starts, and audits both', async () => {
    const res = await t.http
      .post('/api/v1/lks-parameter-sets')
      .set(bearer(admin))
      .send({
        validFrom: '2027-01-01',
        capPercentage: '70',
        holidayAllowancePercentage: '8',
        employerCostsPercentage: '23.5',
        flatRatePercentage: '50',
        flatRateMaxMonths: 6,
      })
      .expect(201);
    expect(res.body.employerCostsPercentage).toBe('23.50');
    const list = await t.http.get('/api/v1/lks-parameter-sets').set(bearer(caseworker)).expect(200);
    expect(list.body.map((p: any) => [p.validFrom, p.validUntil])).toEqual([
      ['2015-01-01', '2017-12-31'],
      ['2018-01-01', '2023-12-31'],
      ['2024-01-01', '2026-12-31'],
      ['2027-01-01', null],
    ]);
    const audit = await t.http
      .get('/api/v1/audit-events')
      .query({ entityType: 'lks-parameter-set', entityId: String(list.body[2].id) })
      .set(bearer(admin))
      .expect(200);
    expect(audit.body.map((e: any) => e.action)).toEqual(['lks-parameter-set.corrected', 'lks-parameter-set.closed']);
    expect(audit.body[1]).toEqual(expect.objectContaining({ before: { validUntil: null }, after: { validUntil: '2026-12-31' } }));
  });

  it('refuses a cap of 0% and percentages over 100', async () => {
    const res = await t.http
      .post('/api/v1/lks-parameter-sets')
      .set(bearer(admin))
      .send({
        validFrom: '2028-01-01',
        capPercentage: '0',
        holidayAllowancePercentage: '108',
        employerCostsPercentage: '23',
        flatRatePercentage: '50',
        flatRateMaxMonths: 6,
      })
      .expect(400);
    expect(res.body.invalidParams.map((p: any) => p.name).sort()).toEqual(['holidayAllowancePercentage']);
    const zero = await t.http
      .post('/api/v1/lks-parameter-sets')
      .set(bearer(admin))
      .send({
        validFrom: '2028-01-01',
        capPercentage: '0',
        holidayAllowancePercentage: '8',
        employerCostsPercentage: '23',
        flatRatePercentage: '50',
        flatRateMaxMonths: 6,
      })
      .expect(400);
    expect(zero.body.invalidParams).toEqual([{ name: 'capPercentage', reason: 'must be more than 0' }]);
  });

  it('lets the database refuse overlapping periods even past the code', async () => {
    await expect(
      t.dataSource.query(`INSERT INTO minimum_wage_period (valid_from, valid_until) VALUES ('2025-03-01', '2025-03-31')`),
    ).rejects.toThrow(/conflicting key value violates exclusion constraint/);
  });
});
