/** A complete minimum wage table for a new period: adult amount and the statutory percentages, cent-rounded half-up. */
export function minimumWageRatesFor(adult: string) {
  const adultCents = Math.round(Number(adult) * 100);
  const rows: Array<['regular' | 'bbl', number, string]> = [
    ['regular', 21, '100.00'],
    ['regular', 20, '80.00'],
    ['regular', 19, '60.00'],
    ['regular', 18, '50.00'],
    ['regular', 17, '39.50'],
    ['regular', 16, '34.50'],
    ['regular', 15, '30.00'],
    ['bbl', 20, '61.50'],
    ['bbl', 19, '52.50'],
    ['bbl', 18, '45.50'],
  ];
  return rows.map(([scale, age, percentage]) => ({
    scale,
    age,
    percentage,
    hourly: (Math.floor((adultCents * Math.round(Number(percentage) * 100) + 5000) / 10000) / 100).toFixed(2),
  }));
}

/**
 * The 1 July 2026 indexation as secondary sources report it (adult €14.99), entered by an admin in the
 * tests. Not seeded: no published government text could be consulted (reference/README.md).
 */
export const JULY_2026_RATES = minimumWageRatesFor('14.99');
