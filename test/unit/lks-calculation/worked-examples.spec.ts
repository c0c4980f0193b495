/**
 * Worked examples on the real Dutch minimum wage table (reference/minimum-wage.csv) with the
 * parameters 70% cap, 8% holiday allowance, 23.5% employer costs (Regeling loonkostensubsidie
 * Participatiewet art. 1, since 2018-01-01), 50% flat rate for at most 6 months.
 *
 * Every expected amount is worked out by hand below. A shortcut used throughout:
 *   52/12 × 1.08 × 1.235 = 56.16 × 1.235 / 12 = 69.3576 / 12 = 5.7798   (exactly)
 * so a full month (cap not reached) = hourly × hours × gap share × 5.7798, and for 32 hours at a
 * wage value of 60% (gap share 40%): 32 × 0.40 × 5.7798 = 12.8 × 5.7798 = 73.98144 per euro of hourly wage.
 */
import { BusinessRuleViolation, InvalidInput, MissingReferenceData } from '../../../src/common/errors/domain-errors';
import { calculateLks, prepareReferenceData } from '../../../src/lks-calculation/domain';
import { adultInput, dutchReferenceData, thrownBy } from './fixtures';

const plain = dutchReferenceData();
const reference = prepareReferenceData(plain);

describe('calculateLks worked examples', () => {
  it('computes a fully covered month from the hourly minimum wage, the wage value gap, 8% and 23.5%', () => {
    // 2026-03, born 1990-05-15 → age 35 → regular adult (21+) rate 14.71 valid 2026-01-01..2026-06-30.
    // minimum wage month = 14.71 × 32 × 52 / 12 = 470.72 × 52 / 12 = 24477.44 / 12 = 2039.78666… → '2039.7867'
    // gap      = 40% × 2039.78666… = 9790.976 / 12       = 815.91466…  → '815.9147'
    // cap      = 70% × 2039.78666… = 1427.85066… > gap   → capApplied false
    // holiday  = 8% × 815.91466…   = 783.27808 / 12      = 65.27317…   → '65.2732'
    // subtotal = (9790.976 + 783.27808) / 12 = 10574.25408 / 12 = 881.18784
    // employer = 23.5% × 881.18784 = 881.18784 × 0.235 = 207.0791424    → '207.0791'
    // full     = 881.18784 + 207.0791424 = 1088.2669824                 → '1088.2670', total 1088.27
    const result = calculateLks(adultInput(), reference);

    expect(result.months).toHaveLength(1);
    expect(result.months[0]).toEqual({
      month: '2026-03',
      firstDay: '2026-03-01',
      lastDay: '2026-03-31',
      daysCovered: 31,
      daysInMonth: 31,
      age: 35,
      scale: 'regular',
      minimumWagePeriod: { validFrom: '2026-01-01', validUntil: '2026-06-30' },
      hourlyMinimumWage: '14.71',
      hoursPerWeek: '32',
      wageValuePercentage: '60',
      flatRate: false,
      gapPercentage: '40',
      capPercentage: '70',
      holidayAllowancePercentage: '8',
      employerCostsPercentage: '23.5',
      minimumWageMonthly: '2039.7867',
      gap: '815.9147',
      cappedGap: '815.9147',
      capApplied: false,
      holidayAllowance: '65.2732',
      employerCosts: '207.0791',
      fullMonthAmount: '1088.2670',
      prorationFactor: '1.000000',
      total: '1088.27',
      totalCents: 108827,
    });
    expect(result.total).toBe('1088.27');
    expect(result.totalCents).toBe(108827);
    expect(result.noSubsidyReason).toBeUndefined();
  });

  it('keeps intermediates exact: rounding each step to the cent would lose a cent', () => {
    // Rounded per step: gap 815.91, holiday 65.27, employer 23.5% × 881.18 = 207.0773 → 207.08,
    // sum 815.91 + 65.27 + 207.08 = 1088.26. Exact (previous test): 1088.2669824 → 1088.27.
    expect(calculateLks(adultInput(), reference).totalCents).toBe(108827);
  });

  it('accepts the plain reference arrays as well as prepared reference data', () => {
    expect(calculateLks(adultInput(), plain)).toEqual(calculateLks(adultInput(), reference));
  });

  it('prorates a partly covered month by calendar days', () => {
    // 2026-03-10..2026-03-31 = 22 of 31 days; factor 22/31 = 0.7096774… → '0.709677'.
    // 1088.2669824 × 22 / 31 = 23941.8736128 / 31 = 772.31850… → 772.32
    const [march] = calculateLks(adultInput({ periodStart: '2026-03-10' }), reference).months;

    expect(march).toMatchObject({
      firstDay: '2026-03-10',
      lastDay: '2026-03-31',
      daysCovered: 22,
      daysInMonth: 31,
      prorationFactor: '0.709677',
      fullMonthAmount: '1088.2670',
      total: '772.32',
      totalCents: 77232,
    });
  });

  it('takes the age on the first covered day of each month, so a birthday counts from the next month', () => {
    // Born 2005-04-15, turns 21 on 2026-04-15. 32 h, 60% → full month = hourly × 73.98144.
    // March: reference day 03-01, age 20 → 11.77: 11.77 × 73.98144 = 813.79584 + 56.9657088 = 870.7615488 → 870.76
    // April: reference day 04-01, age still 20 (birthday on the 15th) → 870.76
    // May:   reference day 05-01, age 21 → 14.71: 14.71 × 73.98144 = 1035.74016 + 52.5268224 = 1088.2669824 → 1088.27
    // total 870.76 + 870.76 + 1088.27 = 2829.79
    const result = calculateLks(
      adultInput({ dateOfBirth: '2005-04-15', periodStart: '2026-03-01', periodEnd: '2026-05-31' }),
      reference,
    );

    expect(result.months.map((m) => [m.month, m.age, m.hourlyMinimumWage, m.total])).toEqual([
      ['2026-03', 20, '11.77', '870.76'],
      ['2026-04', 20, '11.77', '870.76'],
      ['2026-05', 21, '14.71', '1088.27'],
    ]);
    expect(result.total).toBe('2829.79');
  });

  it('uses the adult rate in the birthday month when the period starts after the birthday', () => {
    // Period 2026-04-20..2026-05-31: April's reference day is 04-20, age 21 → 14.71, 11 of 30 days:
    // 1088.2669824 × 11 / 30 = 11970.9368064 / 30 = 399.03122688 → 399.03; May 1088.27.
    // total 399.03 + 1088.27 = 1487.30
    const result = calculateLks(
      adultInput({ dateOfBirth: '2005-04-15', periodStart: '2026-04-20', periodEnd: '2026-05-31' }),
      reference,
    );

    expect(result.months.map((m) => [m.age, m.hourlyMinimumWage, m.daysCovered, m.total])).toEqual([
      [21, '14.71', 11, '399.03'],
      [21, '14.71', 31, '1088.27'],
    ]);
    expect(result.total).toBe('1487.30');
  });

  it('uses the bbl row for a bbl student aged 19', () => {
    // Born 2007-01-01 → age 19 on 2026-03-01 → bbl 19 = 7.72.
    // 7.72 × 73.98144 = 517.87008 + 53.2666368 = 571.1367168 → 571.14
    const [march] = calculateLks(adultInput({ dateOfBirth: '2007-01-01', scale: 'bbl' }), reference).months;

    expect(march).toMatchObject({ age: 19, scale: 'bbl', hourlyMinimumWage: '7.72', total: '571.14' });
  });

  it('falls back to the regular rate for a bbl student aged 25 (bbl has rows for 18–20 only)', () => {
    // Born 2001-01-01 → age 25 → no bbl row → regular 21+ = 14.71 → 1088.27 (first example).
    const [march] = calculateLks(adultInput({ dateOfBirth: '2001-01-01', scale: 'bbl' }), reference).months;

    expect(march).toMatchObject({ age: 25, scale: 'regular', hourlyMinimumWage: '14.71', total: '1088.27' });
  });

  it('caps the gap at 70% of the minimum wage when the wage value is low', () => {
    // Wage value 20% → gap 80% of 2039.78666… = 1631.82933… → '1631.8293'
    // cap 70% of 2039.78666… = 1427.85066… → '1427.8507', capApplied true
    // full = 14.71 × 32 × 0.70 × 5.7798 = 329.504 × 5.7798 = 1647.52 + 256.9472192 = 1904.4672192 → 1904.47
    const [march] = calculateLks(adultInput({ wageValuePercentage: 20 }), reference).months;

    expect(march).toMatchObject({
      gapPercentage: '80',
      gap: '1631.8293',
      cappedGap: '1427.8507',
      capApplied: true,
      fullMonthAmount: '1904.4672',
      total: '1904.47',
    });
  });

  it('grants a 50% flat rate for at most 6 months from the contract start', () => {
    // Flat rate 50%: 14.71 × 32 × 0.50 × 5.7798 = 235.36 × 5.7798 = 1176.8 + 183.533728 = 1360.333728 → 1360.33
    // 2026-01..2026-06, all at 14.71: 6 × 1360.33 = 8161.98
    const result = calculateLks(
      adultInput({
        contractStart: '2026-01-01',
        periodStart: '2026-01-01',
        periodEnd: '2026-06-30',
        wageValuePercentage: undefined,
        flatRate: true,
      }),
      reference,
    );

    expect(result.months).toHaveLength(6);
    expect(result.months.every((m) => m.total === '1360.33' && m.gapPercentage === '50')).toBe(true);
    expect(result.months[0].wageValuePercentage).toBeNull();
    expect(result.total).toBe('8161.98');
  });

  it('refuses a flat rate for a seventh month', () => {
    // Contract start 2025-07-01 + 6 months − 1 day = 2025-12-31; the period runs to 2026-01-31.
    const error = thrownBy(() =>
      calculateLks(
        adultInput({
          contractStart: '2025-07-01',
          periodStart: '2025-07-01',
          periodEnd: '2026-01-31',
          wageValuePercentage: null,
          flatRate: true,
        }),
        reference,
      ),
    );

    expect(error).toBeInstanceOf(BusinessRuleViolation);
    expect(error.status).toBe(422);
    expect(error.message).toContain('at most 6 months');
    expect(error.message).toContain('2025-12-31');
    expect(error.invalidParams).toEqual([expect.objectContaining({ name: 'periodEnd' })]);
  });

  it('refuses a flat-rate period that starts after the window, however short', () => {
    // Contract start 2026-01-01 → flat rate allowed until 2026-06-30; asking for July alone by starting
    // the period there must not open a new 6-month window.
    const error = thrownBy(() =>
      calculateLks(
        adultInput({
          contractStart: '2026-01-01',
          periodStart: '2026-07-01',
          periodEnd: '2026-07-31',
          wageValuePercentage: null,
          flatRate: true,
        }),
        reference,
      ),
    );

    expect(error).toBeInstanceOf(BusinessRuleViolation);
    expect(error.status).toBe(422);
    expect(error.message).toContain('2026-06-30');
    expect(error.invalidParams).toEqual([expect.objectContaining({ name: 'periodEnd' })]);
  });

  it('counts the flat-rate months from contractStart, not from periodStart', () => {
    // Contract start 2025-10-01 → flat rate allowed until 2025-10-01 + 6 months − 1 day = 2026-03-31.
    const input = adultInput({ contractStart: '2025-10-01', wageValuePercentage: null, flatRate: true });

    expect(calculateLks({ ...input, periodStart: '2026-01-01', periodEnd: '2026-03-31' }, reference).months).toHaveLength(3);
    expect(() => calculateLks({ ...input, periodStart: '2026-01-01', periodEnd: '2026-04-01' }, reference)).toThrow(
      BusinessRuleViolation,
    );
  });

  it('applies each 1 January and 1 July indexation from its own month', () => {
    // 2025-06..2026-01, 32 h, 60% → full month = hourly × 73.98144 (14 × 73.98144 = 1035.74016):
    // 2025-06 14.06: 1035.74016 + 4.4388864  = 1040.1790464 → 1040.18
    // 2025-07..2025-12 14.40: 1035.74016 + 29.592576 = 1065.332736 → 1065.33 (6 months)
    // 2026-01 14.71: 1088.2669824 → 1088.27
    // total 1040.18 + 6 × 1065.33 + 1088.27 = 1040.18 + 6391.98 + 1088.27 = 8520.43
    const result = calculateLks(adultInput({ periodStart: '2025-06-01', periodEnd: '2026-01-31' }), reference);

    expect(result.months.map((m) => [m.month, m.hourlyMinimumWage, m.minimumWagePeriod.validFrom, m.total])).toEqual([
      ['2025-06', '14.06', '2025-01-01', '1040.18'],
      ['2025-07', '14.40', '2025-07-01', '1065.33'],
      ['2025-08', '14.40', '2025-07-01', '1065.33'],
      ['2025-09', '14.40', '2025-07-01', '1065.33'],
      ['2025-10', '14.40', '2025-07-01', '1065.33'],
      ['2025-11', '14.40', '2025-07-01', '1065.33'],
      ['2025-12', '14.40', '2025-07-01', '1065.33'],
      ['2026-01', '14.71', '2026-01-01', '1088.27'],
    ]);
    expect(result.total).toBe('8520.43');
  });

  it('uses 23% employer costs until 2017-12-31 and 23.5% from 2018-01-01', () => {
    // Regeling loonkostensubsidie Participatiewet art. 1: 23% from 2015, 23.5% from 2018-01-01.
    // The seeded minimum wage table starts in 2024, so this example brings its own adult rows: the
    // monthly minimum wage for a 38-hour week turned into an hourly amount (test data, not seeded):
    // 2017-07-01: 1565.40 / (38 × 52/12) = 9.5064… → 9.51; 2018-01-01: 1578.00 / 164.666… = 9.5829… → 9.58.
    // 32 h, 60% (gap 40%), born 1980-01-01:
    // 2017-12 at 23%:   9.51 × 32 × 0.40 × 52/12 × 1.08 × 1.23 = 9.51 × 73.68192 (52/12 × 1.08 × 1.23 = 5.7564,
    //                   × 12.8 = 73.68192) = 663.13728 + 37.5777792 = 700.7150592 → 700.72
    //                   (employer costs 23% × (527.488 + 42.19904) = 0.23 × 569.68704 = 131.0280192)
    // 2018-01 at 23.5%: 9.58 × 73.98144 = 665.83296 + 42.9092352 = 708.7421952 → 708.74
    //                   (employer costs 23.5% × (531.37066… + 42.50965…) = 134.8618752)
    // total 700.72 + 708.74 = 1409.46
    const history = prepareReferenceData({
      minimumWageRates: [
        { validFrom: '2017-07-01', validUntil: '2017-12-31', scale: 'regular', age: 21, hourly: '9.51' },
        { validFrom: '2018-01-01', validUntil: '2018-06-30', scale: 'regular', age: 21, hourly: '9.58' },
      ],
      parameters: plain.parameters,
    });
    const result = calculateLks(
      adultInput({ periodStart: '2017-12-01', periodEnd: '2018-01-31', dateOfBirth: '1980-01-01' }),
      history,
    );

    expect(result.months.map((m) => [m.month, m.employerCostsPercentage, m.employerCosts, m.fullMonthAmount, m.total])).toEqual([
      ['2017-12', '23', '131.0280', '700.7151', '700.72'],
      ['2018-01', '23.5', '134.8619', '708.7422', '708.74'],
    ]);
    expect(result.total).toBe('1409.46');
  });

  it('throws MissingReferenceData naming the month without a minimum wage', () => {
    // The table ends on 2026-06-30, so July 2026 has no rate.
    const error = thrownBy(() => calculateLks(adultInput({ periodStart: '2026-06-15', periodEnd: '2026-07-15' }), reference));

    expect(error).toBeInstanceOf(MissingReferenceData);
    expect(error.message).toBe('No minimum wage for 2026-07 (scale regular, age 36).');
  });

  it('throws MissingReferenceData for an age below the lowest row in the table', () => {
    // Born 2011-06-01 → age 14 on 2026-03-01; the table starts at 15.
    const error = thrownBy(() => calculateLks(adultInput({ dateOfBirth: '2011-06-01' }), reference));

    expect(error).toBeInstanceOf(MissingReferenceData);
    expect(error.message).toBe('No minimum wage for 2026-03 (scale regular, age 14).');
  });

  it('throws MissingReferenceData naming the month without LKS parameters', () => {
    const error = thrownBy(() => calculateLks(adultInput(), { ...plain, parameters: [] }));

    expect(error).toBeInstanceOf(MissingReferenceData);
    expect(error.message).toContain('2026-03');
  });

  it('gives no subsidy at a wage value of 100%: there is no productivity gap', () => {
    const result = calculateLks(adultInput({ periodEnd: '2026-04-30', wageValuePercentage: 100 }), reference);

    expect(result.months.map((m) => [m.gapPercentage, m.cappedGap, m.total, m.totalCents])).toEqual([
      ['0', '0.0000', '0.00', 0],
      ['0', '0.0000', '0.00', 0],
    ]);
    expect(result.total).toBe('0.00');
    expect(result.totalCents).toBe(0);
    expect(result.noSubsidyReason).toMatch(/100% or more.*no productivity gap.*no wage cost subsidy/);
  });

  it('rejects a wage value of 0 as invalid input', () => {
    const error = thrownBy(() => calculateLks(adultInput({ wageValuePercentage: 0 }), reference));

    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.invalidParams.map((p: { name: string }) => p.name)).toEqual(['wageValuePercentage']);
  });

  it('rounds an exact half cent up', () => {
    // 2025-03, bbl, born 2006-06-01 → age 18 → bbl 18 of 2025-01-01 = 6.40; 37.5 h, wage value 68.75%
    // (gap 31.25%):
    // minimum wage month = 6.40 × 37.5 × 52 / 12 = 240 × 52 / 12 = 12480 / 12 = 1040 (exact)
    // gap = 31.25% × 1040 = 325.00 (cap 70% = 728, not reached); holiday 8% × 325 = 26.00
    // employer 23.5% × (325 + 26) = 0.235 × 351 = 82.485
    // full = 351 + 82.485 = 433.485 exactly → half-up 433.49 (half-even would give 433.48)
    const [march] = calculateLks(halfCentInput(), reference).months;

    expect(march).toMatchObject({
      scale: 'bbl',
      age: 18,
      hourlyMinimumWage: '6.40',
      minimumWageMonthly: '1040.0000',
      gap: '325.0000',
      holidayAllowance: '26.0000',
      employerCosts: '82.4850',
      fullMonthAmount: '433.4850',
      total: '433.49',
    });
  });

  it('rounds each month once and sums the rounded months, not the exact amounts', () => {
    // 2025-03 and 2025-04 are both 433.485 exactly (previous test; still age 18 on 04-01) → 433.49 each.
    // Sum of rounded months: 2 × 433.49 = 866.98; rounding the exact sum 866.97 would give 866.97.
    const result = calculateLks(halfCentInput({ periodEnd: '2025-04-30' }), reference);

    expect(result.months.map((m) => m.totalCents)).toEqual([43349, 43349]);
    expect(result.total).toBe('866.98');
    expect(result.totalCents).toBe(86698);
  });
});

/** The month where 23.5% gives an exact half cent: bbl age 18 in 2025-03, 37.5 h, wage value 68.75%. */
function halfCentInput(overrides: Partial<Parameters<typeof adultInput>[0]> = {}) {
  return adultInput({
    periodStart: '2025-03-01',
    periodEnd: '2025-03-31',
    dateOfBirth: '2006-06-01',
    scale: 'bbl',
    hoursPerWeek: '37.5',
    wageValuePercentage: '68.75',
    ...overrides,
  });
}
