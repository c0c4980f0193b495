import type { TargetGroupBasis } from '../../applications/application.entities';
import type { ApplicationWindowKind, EmploymentOrigin } from '../../applications/domain/application-window';
import type { TermThatEndsFirst } from '../../applications/domain/decision-deadline';

/**
 * Dutch labels for the Breed offensief (Participatiewet art. 10d) on an application, shared by the
 * employer's and the backoffice's pages.
 */
export const EMPLOYMENT_ORIGIN_LABELS: Record<EmploymentOrigin, string> = {
  praktijkonderwijs: 'Zat in de 6 maanden ervoor op het praktijkonderwijs',
  'voortgezet-speciaal-onderwijs': 'Zat in de 6 maanden ervoor op het voortgezet speciaal onderwijs (vso)',
  'mbo-entree': 'Volgde in de 6 maanden ervoor een mbo-entreeopleiding',
  'municipality-placement': 'Kreeg in de 6 maanden ervoor ondersteuning van de gemeente (bijstand of re-integratie)',
  other: 'Anders',
};

export const EMPLOYMENT_ORIGIN_OPTIONS = Object.entries(EMPLOYMENT_ORIGIN_LABELS).map(([value, label]) => ({ value, label }));

export const APPLICATION_WINDOW_LABELS: Record<ApplicationWindowKind, string> = {
  'before-start': 'Aanvragen vóór de start van het dienstverband',
  'within-six-months-after-start': 'Aanvragen tot 6 maanden na de start van het dienstverband',
};

export const TARGET_GROUP_BASIS_LABELS: Record<TargetGroupBasis, string> = {
  doelgroepregister: 'Doelgroepregister',
  praktijkroute: 'Praktijkroute (beoordeling door de gemeente)',
};

export const TARGET_GROUP_BASIS_OPTIONS = Object.entries(TARGET_GROUP_BASIS_LABELS).map(([value, label]) => ({ value, label }));

/** Which term of the decision clock ends first. */
export const TERM_ENDS_FIRST_LABELS: Record<TermThatEndsFirst, string> = {
  awb: 'De termijn van 8 weken (Awb)',
  'wage-value': 'De termijn van 5 weken na de loonwaarde',
  both: 'Beide termijnen op dezelfde dag',
};

export const WAGE_VALUE_TERM_BASIS_LABELS: Record<'wage-value-assessment' | 'no-measurement-needed', string> = {
  'wage-value-assessment': 'loonwaarde vastgesteld',
  'no-measurement-needed': 'besloten dat meten niet nodig is',
};
