/**
 * Worked examples on the real Dutch minimum wage table (reference/minimum-wage.csv) with the
 * parameters 70% cap, 8% holiday allowance, 23% employer costs, 50% flat rate for at most 6 months.
 *
 * Every expected amount is worked out by hand below. A shortcut used throughout:
 *   52/12 × 1.08 × 1.23 = 56.16 × 1.23 / 12 = 69.0768 / 12 = 5.7564   (exactly)
 * so a full month (cap not reached) = hourly × hours × gap share × 5.7564, and for 32 hours at a
 * wage value of 60% (gap share 40%): 32 × 0.40 × 5.7564 = 12.8 × 5.7564 = 73.68192 per euro of hourly wage.
 */
import { BusinessRuleViolation, InvalidInput, MissingReferenceData } from '../../../src/common/errors/domain-errors';
import { calculateLks, prepareReferenceData } from '../../../src/lks-calculation/domain';
import { adultInput, dutchReferenceData, thrownBy } from './fixtures';

const plain = dutchReferenceData();
const reference = prepareReferenceData(plain);

describe('calculateLks worked examples', () => {
  it('computes a fully covered month from the hourly minimum wage, the wage value gap, 8% and 23%', () => {
    // 2026-03, born 1990-05-15 → age 35 → regular adult (21+) rate 14.71 valid 2026-01-01..2026-06-30.
    // minimum wage month = 14.71 × 32 × 52 / 12 = 470.72 × 52 / 12 = 24477.44 / 12 = 2039.78666… → '2039.7867'
    // gap      = 40% × 2039.78666… = 9790.976 / 12       = 815.91466…  → '815.9147'
    // cap      = 70% × 2039.78666… = 1427.85066… > gap   → capApplied false
    // holiday  = 8% × 815.91466…   = 783.27808 / 12      = 65.27317…   → '65.2732'
    // subtotal = (9790.976 + 783.27808) / 12 = 10574.25408 / 12 = 881.18784
    // employer = 23% × 881.18784   = 202.6732032                        → '202.6732'
    // full     = 881.18784 + 202.6732032 = 1083.8610432                 → '1083.8610', total 1083.86
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
      employerCostsPercentage: '23',
      minimumWageMonthly: '2039.7867',
      gap: '815.9147',
      cappedGap: '815.9147',
      capApplied: false,
      holidayAllowance: '65.2732',
      employerCosts: '202.6732',
      fullMonthAmount: '1083.8610',
      prorationFactor: '1.000000',
      total: '1083.86',
      totalCents: 108386,
    });
    expect(result.total).toBe('1083.86');
    expect(result.totalCents).toBe(108386);
    expect(result.noSubsidyReason).toBeUndefined();
  });

  it('keeps intermediates exact: rounding each step to the cent would lose a cent', () => {
    // Rounded per step: gap 815.91, holiday 65.27, employer 23% × 881.18 = 202.6714 → 202.67,
    // sum 815.91 + 65.27 + 202.67 = 1083.85. Exact (previous test): 1083.8610432 → 1083.86.
    expect(calculateLks(adultInput(), reference).totalCents).toBe(108386);
  });

  it('accepts the plain reference arrays as well as prepared reference data', () => {
    expect(calculateLks(adultInput(), plain)).toEqual(calculateLks(adultInput(), reference));
  });

  it('prorates a partly covered month by calendar days', () => {
    // 2026-03-10..2026-03-31 = 22 of 31 days; factor 22/31 = 0.7096774… → '0.709677'.
    // 1083.8610432 × 22 / 31 = 23844.9429504 / 31 = 769.19170… → 769.19
    const [march] = calculateLks(adultInput({ periodStart: '2026-03-10' }), reference).months;

    expect(march).toMatchObject({
      firstDay: '2026-03-10',
      lastDay: '2026-03-31',
      daysCovered: 22,
      daysInMonth: 31,
      prorationFactor: '0.709677',
      fullMonthAmount: '1083.8610',
      total: '769.19',
      totalCents: 76919,
    });
  });

  it('takes the age on the first covered day of each month, so a birthday counts from the next month', () => {
    // Born 2005-04-15, turns 21 on 2026-04-15. 32 h, 60% → full month = hourly × 73.68192.
    // March: reference day 03-01, age 20 → 11.77: 11.77 × 73.68192 = 810.50112 + 56.7350784 = 867.2361984 → 867.24
    // April: reference day 04-01, age still 20 (birthday on the 15th) → 867.24
    // May:   reference day 05-01, age 21 → 14.71: 14.71 × 73.68192 = 1083.8610432 → 1083.86
    // total 867.24 + 867.24 + 1083.86 = 2818.34
    const result = calculateLks(
      adultInput({ dateOfBirth: '2005-04-15', periodStart: '2026-03-01', periodEnd: '2026-05-31' }),
      reference,
    );

    expect(result.months.map((m) => [m.month, m.age, m.hourlyMinimumWage, m.total])).toEqual([
      ['2026-03', 20, '11.77', '867.24'],
      ['2026-04', 20, '11.77', '867.24'],
      ['2026-05', 21, '14.71', '1083.86'],
    ]);
    expect(result.total).toBe('2818.34');
  });

  it('uses the adult rate in the birthday month when the period starts after the birthday', () => {
    // Period 2026-04-20..2026-05-31: April's reference day is 04-20, age 21 → 14.71, 11 of 30 days:
    // 1083.8610432 × 11 / 30 = 11922.4714752 / 30 = 397.41571584 → 397.42; May 1083.86.
    // total 397.42 + 1083.86 = 1481.28
    const result = calculateLks(
      adultInput({ dateOfBirth: '2005-04-15', periodStart: '2026-04-20', periodEnd: '2026-05-31' }),
      reference,
    );

    expect(result.months.map((m) => [m.age, m.hourlyMinimumWage, m.daysCovered, m.total])).toEqual([
      [21, '14.71', 11, '397.42'],
      [21, '14.71', 31, '1083.86'],
    ]);
    expect(result.total).toBe('1481.28');
  });

  it('uses the bbl row for a bbl student aged 19', () => {
    // Born 2007-01-01 → age 19 on 2026-03-01 → bbl 19 = 7.72.
    // 7.72 × 73.68192 = 515.77344 + 53.0509824 = 568.8244224 → 568.82
    const [march] = calculateLks(adultInput({ dateOfBirth: '2007-01-01', scale: 'bbl' }), reference).months;

    expect(march).toMatchObject({ age: 19, scale: 'bbl', hourlyMinimumWage: '7.72', total: '568.82' });
  });

  it('falls back to the regular rate for a bbl student aged 25 (bbl has rows for 18–20 only)', () => {
    // Born 2001-01-01 → age 25 → no bbl row → regular 21+ = 14.71 → 1083.86 (first example).
    const [march] = calculateLks(adultInput({ dateOfBirth: '2001-01-01', scale: 'bbl' }), reference).months;

    expect(march).toMatchObject({ age: 25, scale: 'regular', hourlyMinimumWage: '14.71', total: '1083.86' });
  });

  it('caps the gap at 70% of the minimum wage when the wage value is low', () => {
    // Wage value 20% → gap 80% of 2039.78666… = 1631.82933… → '1631.8293'
    // cap 70% of 2039.78666… = 1427.85066… → '1427.8507', capApplied true
    // full = 14.71 × 32 × 0.70 × 5.7564 = 329.504 × 5.7564 = 1647.52 + 249.2368256 = 1896.7568256 → 1896.76
    const [march] = calculateLks(adultInput({ wageValuePercentage: 20 }), reference).months;

    expect(march).toMatchObject({
      gapPercentage: '80',
      gap: '1631.8293',
      cappedGap: '1427.8507',
      capApplied: true,
      fullMonthAmount: '1896.7568',
      total: '1896.76',
    });
  });

  it('grants a 50% flat rate for at most 6 months from the contract start', () => {
    // Flat rate 50%: 14.71 × 32 × 0.50 × 5.7564 = 235.36 × 5.7564 = 1176.8 + 178.026304 = 1354.826304 → 1354.83
    // 2026-01..2026-06, all at 14.71: 6 × 1354.83 = 8128.98
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
    expect(result.months.every((m) => m.total === '1354.83' && m.gapPercentage === '50')).toBe(true);
    expect(result.months[0].wageValuePercentage).toBeNull();
    expect(result.total).toBe('8128.98');
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
    // 2025-06..2026-01, 32 h, 60% → full month = hourly × 73.68192:
    // 2025-06 14.06: 1031.54688 + 4.4209152  = 1035.9677952 → 1035.97
    // 2025-07..2025-12 14.40: 1031.54688 + 29.472768 = 1061.019648 → 1061.02 (6 months)
    // 2026-01 14.71: 1083.8610432 → 1083.86
    // total 1035.97 + 6 × 1061.02 + 1083.86 = 1035.97 + 6366.12 + 1083.86 = 8485.95
    const result = calculateLks(adultInput({ periodStart: '2025-06-01', periodEnd: '2026-01-31' }), reference);

    expect(result.months.map((m) => [m.month, m.hourlyMinimumWage, m.minimumWagePeriod.validFrom, m.total])).toEqual([
      ['2025-06', '14.06', '2025-01-01', '1035.97'],
      ['2025-07', '14.40', '2025-07-01', '1061.02'],
      ['2025-08', '14.40', '2025-07-01', '1061.02'],
      ['2025-09', '14.40', '2025-07-01', '1061.02'],
      ['2025-10', '14.40', '2025-07-01', '1061.02'],
      ['2025-11', '14.40', '2025-07-01', '1061.02'],
      ['2025-12', '14.40', '2025-07-01', '1061.02'],
      ['2026-01', '14.71', '2026-01-01', '1083.86'],
    ]);
    expect(result.total).toBe('8485.95');
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
    // 2025-09 at 14.40, 37.5 h, wage value 37.5% (gap 62.5%):
    // minimum wage month = 14.40 × 37.5 × 52 / 12 = 540 × 52 / 12 = 28080 / 12 = 2340 (exact)
    // gap = 62.5% × 2340 = 1462.50 (cap 70% = 1638, not reached); holiday 8% × 1462.50 = 117.00
    // employer 23% × (1462.50 + 117.00) = 23% × 1579.50 = 363.285
    // full = 1579.50 + 363.285 = 1942.785 exactly → half-up 1942.79 (half-even would give 1942.78)
    const [september] = calculateLks(
      adultInput({ periodStart: '2025-09-01', periodEnd: '2025-09-30', hoursPerWeek: '37.5', wageValuePercentage: '37.5' }),
      reference,
    ).months;

    expect(september).toMatchObject({
      minimumWageMonthly: '2340.0000',
      gap: '1462.5000',
      holidayAllowance: '117.0000',
      employerCosts: '363.2850',
      fullMonthAmount: '1942.7850',
      total: '1942.79',
    });
  });

  it('rounds each month once and sums the rounded months, not the exact amounts', () => {
    // 2025-09 and 2025-10 are both 1942.785 exactly (previous test) → 1942.79 each.
    // Sum of rounded months: 2 × 1942.79 = 3885.58; rounding the exact sum 3885.57 would give 3885.57.
    const result = calculateLks(
      adultInput({ periodStart: '2025-09-01', periodEnd: '2025-10-31', hoursPerWeek: 37.5, wageValuePercentage: 37.5 }),
      reference,
    );

    expect(result.months.map((m) => m.totalCents)).toEqual([194279, 194279]);
    expect(result.total).toBe('3885.58');
    expect(result.totalCents).toBe(388558);
  });
});
