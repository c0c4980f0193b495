import type { Principal } from '../../auth/principal';
import { DomainError } from '../../common/errors/domain-errors';
import { ENROLMENT_TRANSITIONS, type EnrolmentAction, type EnrolmentStatus } from '../../retraining/domain/enrolment-status';
import type { EnrolmentsService } from '../../retraining/enrolments.service';
import { EnrolmentQuery, type EnrolmentView } from '../../retraining/retraining.dto';

/** Dutch names of the enrolment statuses, with a badge colour (the text carries the meaning, not the colour). */
export const ENROLMENT_STATUS_NL: Record<EnrolmentStatus, { label: string; color: string }> = {
  nominated: { label: 'Voorgedragen', color: 'azure' },
  confirmed: { label: 'Bevestigd', color: 'lime' },
  declined: { label: 'Afgewezen', color: 'red' },
  'in-progress': { label: 'Bezig met opleiding', color: 'purple' },
  completed: { label: 'Diploma behaald', color: 'lime' },
  'dropped-out': { label: 'Uitgevallen', color: 'orange' },
};

export const ENROLMENT_STATUS_OPTIONS = Object.entries(ENROLMENT_STATUS_NL).map(([value, s]) => ({ value, label: s.label }));

/** Whether the enrolment's status allows the action (the same table the service applies). */
export function allows(status: EnrolmentStatus, action: EnrolmentAction): boolean {
  return ENROLMENT_TRANSITIONS[action].from.includes(status);
}

/** Every enrolment matching the filter, read page by page through the service (which limits a partner to its own). */
export async function allEnrolments(
  enrolments: EnrolmentsService,
  actor: Principal,
  filter: Partial<Pick<EnrolmentQuery, 'status' | 'cohortId'>>,
): Promise<EnrolmentView[]> {
  const all: EnrolmentView[] = [];
  for (let page = 1; ; page++) {
    const result = await enrolments.list(actor, Object.assign(new EnrolmentQuery(), filter, { page, pageSize: 100 }));
    all.push(...result.items);
    if (all.length >= result.total || result.items.length === 0) return all;
  }
}

/** The version the form was shown with, so a change made by someone else in between is refused (412). */
export function versionField(value: unknown): number | undefined {
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

/**
 * For forms whose fields are named differently from the API's (rows of a table, amounts in euros):
 * runs the action and renames the API's field names in a refusal to the form's, so submitForm marks
 * the right fields.
 */
export async function withFormFieldNames(rename: (apiField: string) => string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof DomainError) || !error.invalidParams?.length) throw error;
    const renamed = error.invalidParams.map((p) => ({ ...p, name: rename(p.name) }));
    // A copy of the same error class (status, slug, title) with the form's field names; message and
    // stack are not enumerable, so they are copied by name.
    throw Object.assign(Object.create(Object.getPrototypeOf(error) as object) as DomainError, error, {
      message: error.message,
      stack: error.stack,
      invalidParams: renamed,
    });
  }
}
