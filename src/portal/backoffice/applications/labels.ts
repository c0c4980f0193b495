import type { ApplicationStatus } from '../../../applications/domain/application-status';
import type { DecisionType } from '../../../decisions/pdf/decision-document';
import type { ObjectionStatus } from '../../../decisions/decision.entities';

/** Dutch names of the application statuses, with a badge colour (the text carries the meaning, not the colour). */
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, { label: string; color: string }> = {
  draft: { label: 'Concept', color: 'azure' },
  submitted: { label: 'Ingediend', color: 'azure' },
  'in-assessment': { label: 'In beoordeling', color: 'lime' },
  'information-requested': { label: 'Informatie opgevraagd', color: 'yellow' },
  'decision-proposed': { label: 'Besluit voorgesteld', color: 'purple' },
  granted: { label: 'Toegekend', color: 'lime' },
  rejected: { label: 'Afgewezen', color: 'red' },
  active: { label: 'Lopend', color: 'lime' },
  ended: { label: 'Beëindigd', color: 'azure' },
  withdrawn: { label: 'Ingetrokken', color: 'azure' },
};

export const DECISION_TYPE_LABELS: Record<DecisionType, string> = {
  grant: 'Verleningsbesluit',
  rejection: 'Afwijzingsbesluit',
  change: 'Wijzigingsbesluit',
  termination: 'Beëindigingsbesluit',
  settlement: 'Vaststellingsbesluit',
  recovery: 'Terugvorderingsbesluit',
};

export const DECISION_STATUS_LABELS: Record<'draft' | 'issued', { label: string; color: string }> = {
  draft: { label: 'Concept, wacht op goedkeuring', color: 'yellow' },
  issued: { label: 'Afgegeven', color: 'lime' },
};

export const CLOCK_STATE_LABELS: Record<'running' | 'suspended' | 'overdue', { label: string; color: string }> = {
  running: { label: 'Loopt', color: 'azure' },
  suspended: { label: 'Opgeschort', color: 'yellow' },
  overdue: { label: 'Te laat', color: 'red' },
};

export const DOCUMENT_KIND_LABELS: Record<string, string> = {
  'employment-contract': 'Arbeidsovereenkomst',
  'pay-slip': 'Loonstrook',
  other: 'Overig',
};

export const CHANGE_REASON_LABELS: Record<string, string> = {
  'wage-value-assessment': 'Nieuwe loonwaarde vastgesteld',
  'contract-change': 'Uren of einddatum contract gewijzigd',
};

/** "-3" → "3 dagen te laat", "0" → "vandaag", "5" → "nog 5 dagen". */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft < 0) return `${-daysLeft} ${-daysLeft === 1 ? 'dag' : 'dagen'} te laat`;
  if (daysLeft === 0) return 'vandaag';
  return `nog ${daysLeft} ${daysLeft === 1 ? 'dag' : 'dagen'}`;
}

/** Where an objection (bezwaar) stands. */
export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = {
  received: 'Ontvangen',
  'in-treatment': 'In behandeling',
  upheld: 'Gegrond',
  'partly-upheld': 'Deels gegrond',
  dismissed: 'Ongegrond',
  inadmissible: 'Niet-ontvankelijk',
  withdrawn: 'Ingetrokken',
};
