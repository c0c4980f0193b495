/**
 * Pure LKS calculation: no framework, no database, no clock.
 *
 * Glossary (Dutch terms used in the domain, English names in code):
 *   loonkostensubsidie (LKS)     wage cost subsidy
 *   loonwaarde                   wage value: productivity as a percentage of a standard employee
 *   WML (wettelijk minimumloon)  statutory minimum wage, hourly since 2024
 *   vakantiebijslag              holiday allowance
 *   werkgeverslasten             employer costs (the fixed contribution towards them)
 *   forfaitaire LKS              flat-rate LKS, granted before the wage value has been assessed
 */
export type { LksInput, LksMonth, LksParameterSet, LksReferenceData, LksResult, MinimumWageRate, Scale } from './types';
export { calculateLks, MAX_PERIOD_MONTHS, NO_SUBSIDY_REASON } from './calculate-lks';
export { PreparedLksReferenceData, prepareReferenceData } from './reference-data';
export {
  divRoundHalfUp,
  divRoundHalfUpBig,
  formatCents,
  formatScaled,
  formatScaledTrimmed,
  parseDecimalToScaled,
} from './decimal';
export { ageOn, parseIsoDate } from './dates';
