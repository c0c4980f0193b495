import type { ApplicationStatus } from '../../applications/domain/application-status';
import type { DocumentKind } from '../../applications/application.entities';
import type { DecisionType } from '../../decisions/pdf/decision-document';
import { APPLICATION_WINDOW_LABELS, EMPLOYMENT_ORIGIN_LABELS, TERM_ENDS_FIRST_LABELS } from '../shared/breed-offensief-labels';

/** The application statuses as the employer reads them, with a badge colour (the text carries the meaning). */
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, { label: string; color: string }> = {
  draft: { label: 'Concept', color: 'purple' },
  submitted: { label: 'Ingediend', color: 'azure' },
  'in-assessment': { label: 'In behandeling', color: 'azure' },
  'information-requested': { label: 'Informatie gevraagd', color: 'orange' },
  'decision-proposed': { label: 'Besluit in voorbereiding', color: 'azure' },
  granted: { label: 'Toegekend', color: 'lime' },
  rejected: { label: 'Afgewezen', color: 'red' },
  active: { label: 'Lopend', color: 'lime' },
  ended: { label: 'Beëindigd', color: 'yellow' },
  withdrawn: { label: 'Ingetrokken', color: 'yellow' },
};

export const DECISION_TYPE_LABELS: Record<DecisionType, string> = {
  grant: 'Verlening',
  rejection: 'Afwijzing',
  change: 'Wijziging',
  termination: 'Beëindiging',
  settlement: 'Vaststelling',
  recovery: 'Terugvordering',
};

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  'employment-contract': 'Arbeidsovereenkomst',
  'pay-slip': 'Loonstrook',
  other: 'Ander document',
};

export const DOCUMENT_KIND_OPTIONS = Object.entries(DOCUMENT_KIND_LABELS).map(([value, label]) => ({ value, label }));

export const PAYMENT_STATUS_LABELS: Record<string, string> = {
  open: 'Nog te betalen',
  paid: 'Betaald',
  cancelled: 'Vervallen',
};

export const PAYMENT_KIND_LABELS: Record<string, string> = {
  'lks-instalment': 'Termijn',
  'lks-correction': 'Correctie',
  'settlement-payment': 'Nabetaling vaststelling',
  tuition: 'Scholingskosten',
};

export const BANK_ACCOUNT_STATUS_LABELS: Record<string, string> = {
  pending: 'Wacht op controle door de gemeente',
  verified: 'Gecontroleerd',
  rejected: 'Afgekeurd',
  superseded: 'Vervangen',
};

export const DEADLINE_STATE_LABELS: Record<string, string> = {
  running: 'Loopt',
  suspended: 'Opgeschort (wacht op uw informatie)',
  overdue: 'Verlopen',
};

export const SCALE_OPTIONS = [
  { value: 'regular', label: 'Gewoon minimumloon' },
  { value: 'bbl', label: 'BBL (werkend leren)' },
];

/** Labels, lookups and filters the employer templates use. */
export const EMPLOYER_LABELS = {
  status: APPLICATION_STATUS_LABELS,
  decisionType: DECISION_TYPE_LABELS,
  documentKind: DOCUMENT_KIND_LABELS,
  paymentStatus: PAYMENT_STATUS_LABELS,
  paymentKind: PAYMENT_KIND_LABELS,
  bankAccountStatus: BANK_ACCOUNT_STATUS_LABELS,
  deadlineState: DEADLINE_STATE_LABELS,
  employmentOrigin: EMPLOYMENT_ORIGIN_LABELS,
  applicationWindow: APPLICATION_WINDOW_LABELS,
  termEndsFirst: TERM_ENDS_FIRST_LABELS,
};
