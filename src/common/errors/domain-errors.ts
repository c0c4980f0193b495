/**
 * Typed domain errors. Services and pure modules throw these; one exception filter
 * (problem-details.filter.ts) maps them to RFC 9457 problem+json responses.
 * They carry no framework types so pure modules (e.g. the LKS calculation) can use them.
 */
export interface InvalidParam {
  /** Field path as sent by the client, e.g. `hoursPerWeek` or `rates[3].hourly`. */
  name: string;
  reason: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly slug: string;
  abstract readonly title: string;
  readonly invalidParams?: InvalidParam[];
  constructor(message: string, invalidParams?: InvalidParam[]) {
    super(message);
    this.name = new.target.name;
    this.invalidParams = invalidParams;
  }
}

/** 400: the request itself is malformed (a field has the wrong shape or range). */
export class InvalidInput extends DomainError {
  readonly status = 400;
  readonly slug = 'invalid-input';
  readonly title = 'Invalid input';
  constructor(invalidParams: InvalidParam[], message = 'One or more fields are invalid.') {
    super(message, invalidParams);
  }
}

/** 422: well-formed, but a business rule forbids it (e.g. wage below minimum wage). */
export class BusinessRuleViolation extends DomainError {
  readonly status = 422;
  readonly slug = 'business-rule-violation';
  readonly title = 'Business rule violated';
}

/** 422: reference data (minimum wage, LKS parameters) needed for a computation is missing. */
export class MissingReferenceData extends DomainError {
  readonly status = 422;
  readonly slug = 'missing-reference-data';
  readonly title = 'Reference data missing';
}

/** 404: does not exist, or the caller may not know that it exists (ownership). */
export class NotFound extends DomainError {
  readonly status = 404;
  readonly slug = 'not-found';
  readonly title = 'Not found';
  constructor(entity: string, id?: string | number) {
    super(id === undefined ? `${entity} not found.` : `${entity} ${id} not found.`);
  }
}

/** 409: the state machine does not allow this transition. */
export class IllegalTransition extends DomainError {
  readonly status = 409;
  readonly slug = 'illegal-transition';
  readonly title = 'Illegal state transition';
  constructor(entity: string, from: string, action: string) {
    super(`${entity} in status '${from}' does not allow '${action}'.`);
  }
}

/** 409: conflicts with existing data (duplicate, overlapping period, concurrent change). */
export class Conflict extends DomainError {
  readonly status = 409;
  readonly slug = 'conflict';
  readonly title = 'Conflict';
}

/** 403: the four-eyes principle forbids the same person doing both steps. */
export class FourEyesViolation extends DomainError {
  readonly status = 403;
  readonly slug = 'four-eyes-violation';
  readonly title = 'Four-eyes principle violated';
}

/** 403: authenticated, but the role does not allow this action. */
export class Forbidden extends DomainError {
  readonly status = 403;
  readonly slug = 'forbidden';
  readonly title = 'Forbidden';
}

/** 401: no or invalid credentials. */
export class Unauthenticated extends DomainError {
  readonly status = 401;
  readonly slug = 'unauthenticated';
  readonly title = 'Unauthenticated';
}

/** 412: the If-Match version is not the current one (someone else changed it first). */
export class PreconditionFailed extends DomainError {
  readonly status = 412;
  readonly slug = 'precondition-failed';
  readonly title = 'Precondition failed';
}

/** 428: an update without If-Match could overwrite someone else's change unseen. */
export class PreconditionRequired extends DomainError {
  readonly status = 428;
  readonly slug = 'precondition-required';
  readonly title = 'Precondition required';
}

/** 429: too many attempts (failed logins for one account); try again after `retryAfterSeconds`. */
export class TooManyAttempts extends DomainError {
  readonly status = 429;
  readonly slug = 'too-many-attempts';
  readonly title = 'Too many attempts';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
