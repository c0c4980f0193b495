import { InvalidInput } from '../../../src/common/errors/domain-errors';
import { calculateLks, LksInput, prepareReferenceData } from '../../../src/lks-calculation/domain';
import { adultInput, dutchReferenceData, LKS_PARAMETERS, thrownBy } from './fixtures';

const reference = prepareReferenceData(dutchReferenceData());

/** The names of the invalid fields reported for this input. */
function invalidFields(overrides: Partial<LksInput> | Record<string, unknown>): string[] {
  const error = thrownBy(() => calculateLks(adultInput(overrides as Partial<LksInput>), reference));
  expect(error).toBeInstanceOf(InvalidInput);
  expect(error.status).toBe(400);
  return error.invalidParams.map((p: { name: string }) => p.name);
}

describe('calculateLks input validation', () => {
  it.each([
    ['0', 0],
    ['above 40', 40.01],
    ['with 3 decimals', 32.555],
    ['as a string with 3 decimals', '32.555'],
    ['negative', -8],
    ['not a number', 'abc'],
  ])('rejects hoursPerWeek %s', (_label, hoursPerWeek) => {
    expect(invalidFields({ hoursPerWeek })).toEqual(['hoursPerWeek']);
  });

  it.each([40, '40', '32.50', 0.01])('accepts hoursPerWeek %p', (hoursPerWeek) => {
    expect(() => calculateLks(adultInput({ hoursPerWeek }), reference)).not.toThrow();
  });

  it('reports hoursPerWeek without trailing zeros', () => {
    expect(calculateLks(adultInput({ hoursPerWeek: '32.50' }), reference).months[0].hoursPerWeek).toBe('32.5');
  });

  it('rejects a periodEnd before periodStart', () => {
    expect(invalidFields({ periodStart: '2026-03-10', periodEnd: '2026-03-09' })).toEqual(['periodEnd']);
  });

  it('accepts a one-day period', () => {
    const result = calculateLks(adultInput({ periodStart: '2026-03-10', periodEnd: '2026-03-10' }), reference);
    expect(result.months[0].daysCovered).toBe(1);
  });

  it('accepts a period ending on periodStart + 36 months − 1 day and rejects one day more', () => {
    // A 36-month contract starting mid-month touches 37 calendar months but is still 36 months long.
    // Valid input (it fails later on missing reference data, not on validation).
    expect(() =>
      calculateLks(adultInput({ periodStart: '2024-01-15', periodEnd: '2027-01-14', dateOfBirth: '1980-01-01' }), reference),
    ).not.toThrow(InvalidInput);
    expect(() => calculateLks(adultInput({ periodStart: '2026-01-01', periodEnd: '2028-12-31' }), reference)).not.toThrow(
      InvalidInput,
    );

    const error = thrownBy(() =>
      calculateLks(adultInput({ periodStart: '2024-01-15', periodEnd: '2027-01-15', dateOfBirth: '1980-01-01' }), reference),
    );
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.invalidParams).toEqual([{ name: 'periodEnd', reason: expect.stringContaining('on or before 2027-01-14') }]);
    expect(invalidFields({ periodStart: '2026-01-01', periodEnd: '2029-01-01' })).toEqual(['periodEnd']);
  });

  it.each(['2026-02-30', '2026-3-01', '01-03-2026', '2026-03-01T00:00:00Z', ''])(
    'rejects the malformed date %p',
    (periodStart) => {
      expect(invalidFields({ periodStart })).toEqual(['periodStart']);
    },
  );

  it('rejects a dateOfBirth on or after periodStart', () => {
    expect(invalidFields({ dateOfBirth: '2026-03-01' })).toEqual(['dateOfBirth']);
  });

  it('rejects a periodStart before contractStart', () => {
    expect(invalidFields({ contractStart: '2026-03-02' })).toEqual(['periodStart']);
  });

  it('requires contractStart with the flat rate, so the flat-rate window cannot be moved', () => {
    const error = thrownBy(() => calculateLks(adultInput({ wageValuePercentage: undefined, flatRate: true }), reference));
    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.invalidParams).toEqual([
      { name: 'contractStart', reason: expect.stringContaining('is required with the flat rate') },
    ]);
    expect(invalidFields({ wageValuePercentage: null, flatRate: true, contractStart: null as unknown as string })).toEqual([
      'contractStart',
    ]);
  });

  it('defaults contractStart to periodStart without the flat rate', () => {
    expect(() => calculateLks(adultInput({ contractStart: undefined }), reference)).not.toThrow();
  });

  it.each([0, -1, 1000, 60.125, '60,5'])('rejects wageValuePercentage %p', (wageValuePercentage) => {
    expect(invalidFields({ wageValuePercentage })).toEqual(['wageValuePercentage']);
  });

  it('requires wageValuePercentage unless the flat rate applies', () => {
    expect(invalidFields({ wageValuePercentage: undefined })).toEqual(['wageValuePercentage']);
    expect(invalidFields({ wageValuePercentage: null })).toEqual(['wageValuePercentage']);
  });

  it('rejects an unknown scale and a non-boolean flatRate', () => {
    expect(invalidFields({ scale: 'student', flatRate: 'yes' })).toEqual(['scale', 'flatRate']);
  });

  it('collects every violation in one error', () => {
    expect(
      invalidFields({ periodStart: '2026-03-10', periodEnd: '2026-03-01', hoursPerWeek: 0, wageValuePercentage: 0 }),
    ).toEqual(['periodEnd', 'hoursPerWeek', 'wageValuePercentage']);
  });

  it('rejects invalid reference data, naming the row and field', () => {
    const error = thrownBy(() =>
      prepareReferenceData({
        minimumWageRates: [
          { validFrom: '2026-01-01', validUntil: null, scale: 'regular', age: 21, hourly: '14.715' },
          { validFrom: '2026-06-01', validUntil: null, scale: 'regular', age: 21, hourly: '15.00' },
        ],
        parameters: [{ ...LKS_PARAMETERS, capPercentage: '170' }],
      }),
    );

    expect(error).toBeInstanceOf(InvalidInput);
    expect(error.invalidParams.map((p: { name: string }) => p.name)).toEqual([
      'minimumWageRates[0].hourly',
      'parameters[0].capPercentage',
    ]);
  });

  it('rejects overlapping reference rows for the same scale and age', () => {
    const error = thrownBy(() =>
      prepareReferenceData({
        minimumWageRates: [
          { validFrom: '2026-01-01', validUntil: null, scale: 'regular', age: 21, hourly: '14.71' },
          { validFrom: '2026-06-01', validUntil: null, scale: 'regular', age: 21, hourly: '15.00' },
        ],
        parameters: [LKS_PARAMETERS],
      }),
    );

    expect(error.invalidParams).toEqual([{ name: 'minimumWageRates[1].validFrom', reason: 'overlaps minimumWageRates[0]' }]);
  });
});
