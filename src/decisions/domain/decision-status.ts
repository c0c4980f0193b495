import { IllegalTransition } from '../../common/errors/domain-errors';
import type { DecisionType } from '../pdf/decision-document';
import type { DecisionStatus } from '../decision.entities';

export type DecisionAction = 'edit' | 'discard' | 'approve' | 'register-objection';

/** The decision lifecycle as data: drafts can be edited, discarded or approved; issued ones only objected to. */
const ALLOWED: Record<DecisionAction, DecisionStatus[]> = {
  edit: ['draft'],
  discard: ['draft'],
  approve: ['draft'],
  'register-objection': ['issued'],
};

export function assertDecisionAction(status: DecisionStatus, action: DecisionAction): void {
  if (!ALLOWED[action].includes(status)) throw new IllegalTransition('Decision', status, action);
}

/** Which application states a new decision of each type may be drafted in, and what issuing it does. */
export const DECISION_RULES: Record<
  DecisionType,
  { applicationStatuses: string[]; applicationActions: Array<'grant' | 'activate' | 'reject' | 'end'>; needsAmounts: boolean }
> = {
  grant: { applicationStatuses: ['decision-proposed'], applicationActions: ['grant', 'activate'], needsAmounts: true },
  rejection: { applicationStatuses: ['decision-proposed'], applicationActions: ['reject'], needsAmounts: false },
  change: { applicationStatuses: ['active'], applicationActions: [], needsAmounts: true },
  termination: { applicationStatuses: ['active'], applicationActions: ['end'], needsAmounts: true },
  settlement: { applicationStatuses: ['active', 'ended'], applicationActions: [], needsAmounts: true },
  recovery: { applicationStatuses: ['active', 'ended'], applicationActions: [], needsAmounts: true },
};
