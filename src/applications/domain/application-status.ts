import { IllegalTransition } from '../../common/errors/domain-errors';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'in-assessment',
  'information-requested',
  'decision-proposed',
  'granted',
  'rejected',
  'active',
  'ended',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export type ApplicationAction =
  | 'edit'
  | 'submit'
  | 'withdraw'
  | 'start-assessment'
  | 'request-information'
  | 'receive-information'
  | 'extend-deadline'
  | 'record-assessment'
  | 'record-no-measurement'
  | 'record-target-group'
  | 'upload-document'
  | 'propose-decision'
  | 'return-to-assessment'
  | 'amend'
  | 'grant'
  | 'reject'
  | 'activate'
  | 'end';

/** Statuses in which the decision term (Awb 4:13) runs or is suspended. */
export const UNDECIDED: readonly ApplicationStatus[] = [
  'submitted',
  'in-assessment',
  'information-requested',
  'decision-proposed',
];

/**
 * The application lifecycle as data: for each action, the statuses it is allowed from and the
 * status it leads to (null: the status stays).
 */
export const APPLICATION_TRANSITIONS: Record<
  ApplicationAction,
  { from: readonly ApplicationStatus[]; to: ApplicationStatus | null }
> = {
  edit: { from: ['draft'], to: null },
  submit: { from: ['draft'], to: 'submitted' },
  // An employer may withdraw until the application is decided.
  withdraw: { from: ['draft', ...UNDECIDED], to: 'withdrawn' },
  'start-assessment': { from: ['submitted'], to: 'in-assessment' },
  'request-information': { from: ['in-assessment'], to: 'information-requested' },
  'receive-information': { from: ['information-requested'], to: 'in-assessment' },
  'extend-deadline': { from: ['submitted', 'in-assessment', 'information-requested', 'decision-proposed'], to: null },
  // On an active subsidy a new assessment leads to a change decision.
  'record-assessment': { from: ['in-assessment', 'information-requested', 'active'], to: null },
  // Participatiewet art. 10d lid 1 sub b: the college decides, with the employer, that the wage value
  // need not be measured (the flat-rate route); the five-week term starts from that decision.
  'record-no-measurement': { from: ['in-assessment', 'information-requested'], to: null },
  // Why the person belongs to the LKS target group; recorded before a grant is proposed.
  'record-target-group': { from: ['in-assessment', 'information-requested'], to: null },
  'upload-document': { from: ['draft', 'submitted', 'in-assessment', 'information-requested', 'active'], to: null },
  'propose-decision': { from: ['in-assessment'], to: 'decision-proposed' },
  'return-to-assessment': { from: ['decision-proposed'], to: 'in-assessment' },
  // A running subsidy whose hours or contract end change; a change or termination decision follows.
  amend: { from: ['active'], to: null },
  grant: { from: ['decision-proposed'], to: 'granted' },
  reject: { from: ['decision-proposed'], to: 'rejected' },
  activate: { from: ['granted'], to: 'active' },
  end: { from: ['active'], to: 'ended' },
};

/** The status after `action`, or IllegalTransition (409) when the lifecycle does not allow it. */
export function applyAction(current: ApplicationStatus, action: ApplicationAction): ApplicationStatus {
  const rule = APPLICATION_TRANSITIONS[action];
  if (!rule.from.includes(current)) throw new IllegalTransition('Application', current, action);
  return rule.to ?? current;
}
