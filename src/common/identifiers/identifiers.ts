/**
 * Pure validators for the Dutch identifiers Werkkans handles (see DESIGN.md "Identifiers").
 *
 * Every validator returns `null` when the value is valid, otherwise a short English reason that can
 * be shown in an API error as `<field>: <reason>`. Reasons never contain the value itself, because
 * some of these values (the BSN above all) must not end up in responses or logs.
 *
 * Validators check the canonical form only; callers that accept user input run the matching
 * `normalize*` function first. Keeping the two apart means stored values are always canonical and a
 * validator never silently "fixes" something the client will later compare against.
 */
import { electronicFormatIBAN, friendlyFormatIBAN, isValidBIC, validateIBAN, ValidationErrorsIBAN } from 'ibantools';

export type IdentifierValidator = (value: unknown) => string | null;

const NINE_DIGITS = /^\d{9}$/;

/** For values that are not a non-empty string. */
function missingReason(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'is required';
  // Identifiers with leading zeros (BSN 0…, BRIN 0…) only survive as strings, so numbers are refused.
  return 'must be a string';
}

/**
 * The BSN/RSIN variant of the 11-test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 must be divisible by 11.
 * The last digit has weight -1, unlike the old bank-account 11-test (+1); using the wrong variant
 * is the classic bug here, so the property test pins it down.
 * Expects exactly nine digits; callers check the shape first.
 */
export function passesElfproef(nineDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (nineDigits.charCodeAt(i) - 48);
  sum -= nineDigits.charCodeAt(8) - 48;
  return sum % 11 === 0;
}

/** Strips whitespace, dots and dashes that people type when copying a BSN from a letter or card. */
export function normalizeBsn(value: string): string {
  return value.replace(/[\s.-]/g, '');
}

export function validateBsn(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return missingReason(value);
  if (!NINE_DIGITS.test(value)) return 'must be 9 digits';
  // 000000000 passes the arithmetic but is never issued; it is a common placeholder.
  if (value === '000000000') return 'must not be all zeros';
  if (!passesElfproef(value)) return 'fails the elfproef (11-test)';
  return null;
}

export function isValidBsn(value: unknown): value is string {
  return validateBsn(value) === null;
}

export function normalizeKvkNumber(value: string): string {
  return value.replace(/[\s.-]/g, '');
}

/** KvK numbers carry no check digit, so only the shape can be verified. */
export function validateKvkNumber(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return missingReason(value);
  if (!/^\d{8}$/.test(value)) return 'must be 8 digits';
  return null;
}

/** Uppercases (a lowercase 'l' is a frequent typo) and removes spaces and dots. */
export function normalizePayrollTaxNumber(value: string): string {
  return value.replace(/[\s.]/g, '').toUpperCase();
}

/**
 * Loonheffingennummer: the employer's fiscal number (RSIN, or the BSN of a sole trader) followed by
 * 'L' and a two-digit sub-number. RSIN and BSN share the same 11-test, so the first nine digits
 * are checked with {@link passesElfproef}. Sub-number 00 is never issued; numbering starts at 01.
 */
export function validatePayrollTaxNumber(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return missingReason(value);
  const match = /^(\d{9})L(\d{2})$/.exec(value);
  if (!match) return "must be 9 digits, the letter 'L' and 2 digits (e.g. 123456782L01)";
  const [, fiscalNumber, subNumber] = match;
  if (fiscalNumber === '000000000') return 'fiscal number must not be all zeros';
  if (!passesElfproef(fiscalNumber)) return 'fiscal number fails the elfproef (11-test)';
  if (subNumber === '00') return 'sub-number must be between 01 and 99';
  return null;
}

/** Electronic format: no spaces, uppercase. Returns '' for input with nothing usable in it. */
export function normalizeIban(value: string): string {
  return electronicFormatIBAN(value) ?? '';
}

/** Groups of four for letters and screens; falls back to the input if it is not IBAN-shaped at all. */
export function formatIbanForDisplay(value: string): string {
  return friendlyFormatIBAN(value) ?? value;
}

/**
 * Structure first, then the checksum, so a wrongly typed country layout is reported as such rather
 * than as a checksum failure. Dutch IBANs must carry a 4-letter bank code; ibantools' NL layout
 * already requires it, but checking it here yields a message that says what is wrong.
 */
export function validateIban(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return missingReason(value);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(value)) {
    return 'must be a country code, 2 check digits and letters or digits, without spaces';
  }
  if (value.startsWith('NL') && !/^NL\d{2}[A-Z]{4}\d{10}$/.test(value)) {
    return 'a Dutch IBAN must be NL, 2 check digits, a 4-letter bank code and 10 digits';
  }
  const { valid, errorCodes } = validateIBAN(value, { allowQRIBAN: true });
  if (valid) return null;
  if (errorCodes.includes(ValidationErrorsIBAN.NoIBANCountry)) return 'has an unknown country code';
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength)) return 'has the wrong length for its country';
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat)) {
    return 'does not match the account format of its country';
  }
  if (errorCodes.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) {
    return 'fails the national account checksum';
  }
  return 'fails the mod-97 check';
}

export function normalizeBic(value: string): string {
  return value.replace(/\s/g, '').toUpperCase();
}

export function validateBic(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return missingReason(value);
  // ibantools accepts lowercase; the canonical (stored) form is uppercase, so insist on it here.
  if (!/^[A-Z0-9]+$/.test(value) || !isValidBIC(value)) {
    return 'must be 8 or 11 characters: 4-letter bank code, country code, 2-character location, ' + 'optional 3-character branch';
  }
  return null;
}

/** Crebo codes identify vocational (MBO) qualifications; no check digit. */
export function validateCreboCode(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return missingReason(value);
  if (!/^\d{5}$/.test(value)) return 'must be 5 digits';
  return null;
}

export function normalizeBrinCode(value: string): string {
  return value.replace(/\s/g, '').toUpperCase();
}

/** BRIN identifies an educational institution, e.g. 25LJ. */
export function validateBrinCode(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return missingReason(value);
  if (!/^\d{2}[A-Z]{2}$/.test(value)) return 'must be 2 digits followed by 2 uppercase letters (e.g. 25LJ)';
  return null;
}
