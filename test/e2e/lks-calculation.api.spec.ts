import { calculateLks } from '../../src/lks-calculation/domain';
import { ReferenceDataService } from '../../src/reference-data/reference-data.service';
import { JULY_2026_RATES } from '../support/fixtures';
import { createParticipant, proposedApplication } from '../support/scenario';
import { bearer, createEmployer, createTestApp, createUser, type TestApp, type TestUser } from '../support/test-app';

const REQUEST = {
  periodStart: '2026-03-10',
  periodEnd: '2026-06-30',
  dateOfBirth: '1990-05-01',
  hoursPerWeek: 32,
  wageValuePercentage: 60,
  scale: 'regular',
  flatRate: false,
};

describe('POST /api/v1/lks-calculations', () => {
  let t: TestApp;
  let employer: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    employer = await createUser(t, ['employer'], { employerId: await createEmployer(t) });
    admin = await createUser(t, ['admin']);
  });
  afterAll(() => t.close());

  const calculate = (body: object, user: TestUser = employer) =>
    t.http.post('/api/v1/lks-calculations').set(bearer(user)).send(body);

  it('returns one line per month with the breakdown, and the total as the sum of rounded months', async () => {
    const res = await calculate(REQUEST).expect(200);
    expect(res.body.months.map((m: any) => m.month)).toEqual(['2026-03', '2026-04', '2026-05', '2026-06']);
    // March: 22 of 31 days; full month 1088.2669824 (14.71 × 32 × 52/12 × 40% × 1.08 × 1.235)
    // × 22/31 = 772.3185… → 772.32. April–June are full months: 1088.27 each.
    expect(res.body.months[0]).toEqual(
      expect.objectContaining({
        month: '2026-03',
        daysCovered: 22,
        daysInMonth: 31,
        age: 35,
        hourlyMinimumWage: '14.71',
        minimumWageMonthly: '2039.7867',
        gap: '815.9147',
        cappedGap: '815.9147',
        holidayAllowance: '65.2732',
        employerCosts: '207.0791',
        prorationFactor: '0.709677',
        total: '772.32',
      }),
    );
    expect(res.body.months.slice(1).map((m: any) => m.total)).toEqual(['1088.27', '1088.27', '1088.27']);
    // 772.32 + 3 × 1088.27 = 772.32 + 3264.81 = 4037.13
    expect(res.body.total).toBe('4037.13');
    expect(res.body.totalCents).toBe(403713);
  });

  it('gives the same answer as the pure module with the database reference data', async () => {
    const res = await calculate({ ...REQUEST, scale: 'bbl', dateOfBirth: '2006-04-20', hoursPerWeek: 24.5 }).expect(200);
    const reference = await t.app.get(ReferenceDataService).loadCalculationReferenceData();
    expect(res.body).toEqual(
      JSON.parse(
        JSON.stringify(
          calculateLks({ ...REQUEST, scale: 'bbl', dateOfBirth: '2006-04-20', hoursPerWeek: 24.5 } as any, reference),
        ),
      ),
    );
  });

  it('refuses a month without minimum wage data with 422 naming the month, until an admin adds it', async () => {
    const body = { ...REQUEST, periodEnd: '2026-12-31' };
    const res = await calculate(body).expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toMatch(/2026-07/);

    const rates = JULY_2026_RATES; // adult €14.99 from 1 July 2026
    await t.http
      .post('/api/v1/minimum-wage-periods')
      .set(bearer(admin))
      .send({ validFrom: '2026-07-01', validUntil: '2026-12-31', rates })
      .expect(201);

    const after = await calculate(body).expect(200);
    expect(after.body.months).toHaveLength(10);
    const july = after.body.months.find((m: any) => m.month === '2026-07');
    expect(july.hourlyMinimumWage).toBe('14.99');
    // A month of July 2026: 14.99 × 32 × 40% × 5.7798 (= 52/12 × 1.08 × 1.235) = 14.99 × 73.98144
    // = 1035.74016 + 73.2416256 = 1108.9817856 → 1108.98
    expect(july.employerCostsPercentage).toBe('23.5');
    expect(july.total).toBe('1108.98');
  });

  it('takes the wage value as a share of the minimum wage, so a job wage above it changes nothing', async () => {
    // Participatiewet art. 6 onderdeel g: the loonwaarde is a percentage of the statutory minimum wage.
    // The example: minimum wage 14.71, job wage 16.00, wage value 60%. The gap per hour is
    // 40% × 14.71 = 5.884 (→ 5.88), not 14.71 − 60% × 16.00 = 5.11 (the method before Stb. 2016, 444).
    // A month (32 h, January 2026): 5.884 × 32 × 52/12 = 188.288 × 52/12 = 815.9146… → gap '815.9147',
    // total 1088.27 (worked out in the first test). The cap stays 70% of the minimum wage: 1427.8507.
    const caseworker = await createUser(t, ['caseworker']);
    const calculation = async (bsn: string, dateOfBirth: string, grossHourlyWage: string) => {
      const participant = await createParticipant(t, caseworker, bsn, dateOfBirth);
      const id = await proposedApplication(t, employer, caseworker, participant, {
        dateOfBirth,
        application: { grossHourlyWage },
      });
      const res = await t.http.get(`/api/v1/applications/${id}/lks-calculation`).set(bearer(caseworker)).expect(200);
      return res.body;
    };
    const atMinimum = await calculation('200000007', '1990-05-01', '14.71');
    const above = await calculation('111222333', '1990-05-01', '16.00');
    expect(above.segments[0].calculation.months[0]).toEqual(
      expect.objectContaining({ hourlyMinimumWage: '14.71', gap: '815.9147', cappedGap: '815.9147', total: '1088.27' }),
    );
    expect(above.totalCents).toBe(atMinimum.totalCents);
    // A youth wage: aged 20 in January 2026, minimum wage 11.77; paid 13.00 an hour. Gap 40% × 11.77
    // × 32 × 52/12 = 150.656 × 52/12 = 652.8426… → '652.8427'; total 11.77 × 73.98144 = 870.76.
    const youth = await calculation('123456782', '2005-06-01', '13.00');
    expect(youth.segments[0].calculation.months[0]).toEqual(
      expect.objectContaining({ age: 20, hourlyMinimumWage: '11.77', gap: '652.8427', total: '870.76' }),
    );
  });

  it('refuses a flat rate longer than 6 months with 422', async () => {
    const res = await calculate({
      contractStart: '2026-01-01',
      periodStart: '2026-01-01',
      periodEnd: '2026-07-31',
      dateOfBirth: '1990-05-01',
      hoursPerWeek: 32,
      scale: 'regular',
      flatRate: true,
    }).expect(422);
    expect(res.body.invalidParams).toEqual([expect.objectContaining({ name: 'periodEnd' })]);
    expect(res.body.detail).toMatch(/at most 6 months/);
  });

  it('explains that a wage value of 100% or more gives no subsidy', async () => {
    const res = await calculate({ ...REQUEST, wageValuePercentage: 100 }).expect(200);
    expect(res.body.total).toBe('0.00');
    expect(res.body.noSubsidyReason).toMatch(/100% or more/);
  });

  it.each([
    ['hoursPerWeek', { hoursPerWeek: 0 }],
    ['hoursPerWeek', { hoursPerWeek: 40.5 }],
    ['hoursPerWeek', { hoursPerWeek: 32.555 }],
    ['wageValuePercentage', { wageValuePercentage: 0 }],
    ['wageValuePercentage', { wageValuePercentage: undefined }],
    ['periodEnd', { periodEnd: '2026-03-01' }],
    ['periodEnd', { periodEnd: '2029-04-01' }],
    ['periodStart', { periodStart: '2026-02-30' }],
    ['scale', { scale: 'youth' }],
    ['contractStart', { flatRate: true, wageValuePercentage: undefined }],
    ['hoursPerWeek', { hoursPerWeek: 1e-7 }],
    ['hoursPerWeek', { hoursPerWeek: 5e-324 }],
    ['wageValuePercentage', { wageValuePercentage: 1e-300 }],
  ])('answers 400 naming %s for %j', async (field, change) => {
    const res = await calculate({ ...REQUEST, ...change }).expect(400);
    expect(res.body.invalidParams.map((p: { name: string }) => p.name)).toContain(field);
  });

  it('accepts a decimal number of hours', async () => {
    const res = await calculate({ ...REQUEST, hoursPerWeek: 32.5 }).expect(200);
    expect(res.body.months[1].hoursPerWeek).toBe('32.5');
  });
});
