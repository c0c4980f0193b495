/**
 * Free text for a CSV cell that finance opens in a spreadsheet. A cell that starts with = + - @ or a
 * tab/carriage return would be run as a formula (CSV injection: a payee named "=HYPERLINK(…)"); such
 * text gets a leading apostrophe, which spreadsheets show as plain text. Only for text columns:
 * amounts and dates are written as they are.
 */
export function spreadsheetText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
