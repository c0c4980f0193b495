import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { PaymentRunView, RunTransferView } from '../../../payments/payment-runs.service';
import { InvalidInput, type InvalidParam } from '../../../common/errors/domain-errors';

/** How the users call a run's status; the badge colour repeats the text, never replaces it. */
export const RUN_STATUS: Record<string, { label: string; color: string }> = {
  created: { label: 'Wacht op goedkeuring', color: 'yellow' },
  approved: { label: 'Goedgekeurd', color: 'azure' },
  sent: { label: 'Naar de bank', color: 'purple' },
  settled: { label: 'Afgerond', color: 'lime' },
  cancelled: { label: 'Geannuleerd', color: 'red' },
};

/** Status of a transfer or a run item. */
export const TRANSFER_STATUS: Record<string, string> = {
  included: 'In de betaalronde',
  sent: 'Naar de bank',
  settled: 'Betaald',
  rejected: 'Afgewezen',
};

export const ITEM_KIND: Record<string, string> = {
  'lks-instalment': 'Termijn loonkostensubsidie',
  'lks-correction': 'Correctie loonkostensubsidie',
  'settlement-payment': 'Nabetaling vaststelling',
  tuition: 'Scholingskosten',
};

/**
 * The SEPA return reasons (ISO 20022 reason codes) a bank reports for a rejected credit transfer.
 * The API takes the reason as text; the page sends "<code> <Dutch description>".
 */
export const REJECTION_REASONS: Array<{ value: string; label: string }> = [
  { value: 'AC01', label: 'AC01 – Rekeningnummer (IBAN) onjuist' },
  { value: 'AC04', label: 'AC04 – Rekening opgeheven' },
  { value: 'AC06', label: 'AC06 – Rekening geblokkeerd' },
  { value: 'AG01', label: 'AG01 – Overboeking op deze rekening niet toegestaan' },
  { value: 'AM05', label: 'AM05 – Dubbele betaling' },
  { value: 'BE04', label: 'BE04 – Adres van de ontvanger ontbreekt' },
  { value: 'MD07', label: 'MD07 – Rekeninghouder overleden' },
  { value: 'MS02', label: 'MS02 – Geweigerd door de ontvanger, reden niet opgegeven' },
  { value: 'MS03', label: 'MS03 – Geweigerd door de bank, reden niet opgegeven' },
  { value: 'RC01', label: 'RC01 – BIC onjuist' },
];

/** The reason text the API stores for a chosen code, e.g. "AC04 Rekening opgeheven". */
export function rejectionReasonText(code: string): string | undefined {
  const reason = REJECTION_REASONS.find((r) => r.value === code);
  return reason ? `${reason.value} ${reason.label.split(' – ')[1]}` : undefined;
}

/** A fresh key per rendered form: submitting the same form twice acts once (the API's Idempotency-Key). */
export function newFormKey(): string {
  return randomUUID();
}

/** The key a form sent back, checked like the API checks its Idempotency-Key header. */
export function formKey(value: unknown): string {
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(value)) {
    throw new InvalidInput([{ name: 'Idempotency-Key', reason: 'must be 1 to 200 visible ASCII characters' }]);
  }
  return value;
}

export interface RunItemRow {
  payee: string;
  iban: string;
  kind: string;
  month: string;
  decision: string;
  description: string;
  amount: string;
  status: string;
  rejectionReason: string;
}

/** The run's items as the service exports them for the finance department (its CSV). */
export function runItemsFromCsv(text: string, limit: number): RunItemRow[] {
  return parse(text, { columns: true, skip_empty_lines: true, to: limit }) as RunItemRow[];
}

export interface RunPageData {
  run: PaymentRunView;
  status: { label: string; color: string };
  createdByName: string;
  approvedByName: string | null;
  transfers: Array<RunTransferView & { statusLabel: string }>;
  items: Array<RunItemRow & { kindLabel: string; statusLabel: string }>;
}

/**
 * The rejections ticked in the settle form: each end-to-end id with the reason code chosen on its
 * row. A ticked transfer without a reason is refused on its row; an unknown end-to-end id is passed
 * on, for the service to refuse with its own reason.
 */
export function rejectionsFromForm(
  body: Record<string, unknown>,
  transfers: RunTransferView[],
): Array<{ endToEndId: string; reason: string }> {
  const ticked = ([] as unknown[]).concat(body.afgewezen ?? []).filter((v): v is string => typeof v === 'string');
  const rejections: Array<{ endToEndId: string; reason: string }> = [];
  const missing: InvalidParam[] = [];
  for (const endToEndId of ticked) {
    const index = transfers.findIndex((t) => t.endToEndId === endToEndId);
    const reason = rejectionReasonText(String(body[`reden-${index}`] ?? ''));
    if (index >= 0 && !reason) missing.push({ name: `reden-${index}`, reason: 'choose the reason the bank gave' });
    rejections.push({ endToEndId, reason: reason ?? 'onbekend' });
  }
  if (missing.length) throw new InvalidInput(missing);
  return rejections;
}
