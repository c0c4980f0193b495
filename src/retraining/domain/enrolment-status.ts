import { IllegalTransition } from '../../common/errors/domain-errors';

export const ENROLMENT_STATUSES = ['nominated', 'confirmed', 'declined', 'in-progress', 'completed', 'dropped-out'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export type EnrolmentAction = 'confirm' | 'decline' | 'report-progress' | 'complete' | 'drop-out';

/** The enrolment lifecycle as data: allowed from-statuses and the resulting status per action. */
export const ENROLMENT_TRANSITIONS: Record<EnrolmentAction, { from: readonly EnrolmentStatus[]; to: EnrolmentStatus }> = {
  confirm: { from: ['nominated'], to: 'confirmed' },
  decline: { from: ['nominated'], to: 'declined' },
  'report-progress': { from: ['confirmed', 'in-progress'], to: 'in-progress' },
  complete: { from: ['confirmed', 'in-progress'], to: 'completed' },
  'drop-out': { from: ['confirmed', 'in-progress'], to: 'dropped-out' },
};

export function applyEnrolmentAction(current: EnrolmentStatus, action: EnrolmentAction): EnrolmentStatus {
  const rule = ENROLMENT_TRANSITIONS[action];
  if (!rule.from.includes(current)) throw new IllegalTransition('Enrolment', current, action);
  return rule.to;
}

/**
 * Tuition split: a share when the enrolment is confirmed, the rest at the diploma. Cents, the
 * start share rounded half-up so the two parts always add up to the tuition.
 */
export function tuitionParts(tuitionCents: number, shareAtStartPercentage: string): { atStart: number; atDiploma: number } {
  const [whole, fraction = ''] = shareAtStartPercentage.split('.');
  const hundredths = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  const atStart = Math.floor((tuitionCents * hundredths + 5000) / 10000);
  return { atStart, atDiploma: tuitionCents - atStart };
}
