import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidInput, type InvalidParam } from '../errors/domain-errors';

/** Constraints that bound a value of the right kind; a wrong kind of value is reported first. */
const RANGE_CONSTRAINTS = new Set([
  'min',
  'max',
  'minLength',
  'maxLength',
  'minDate',
  'maxDate',
  'arrayMinSize',
  'arrayMaxSize',
  'isPositive',
  'isNegative',
]);

/** Flattens class-validator errors into `{ name: 'a.b[0].c', reason }` entries. */
export function toInvalidParams(errors: ValidationError[], parent = ''): InvalidParam[] {
  const out: InvalidParam[] = [];
  for (const error of errors) {
    const name = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    // One reason per field: what the value is (present, type, format) before how far it may go.
    const constraints = Object.entries(error.constraints ?? {}).sort(
      ([a], [b]) => Number(RANGE_CONSTRAINTS.has(a)) - Number(RANGE_CONSTRAINTS.has(b)),
    );
    if (constraints.length) {
      const [constraint, message] = constraints[0];
      out.push({ name, reason: constraint === 'whitelistValidation' ? 'is not a known field' : message });
    }
    if (error.children?.length) out.push(...toInvalidParams(error.children, name));
  }
  return out;
}

/**
 * Strict input: unknown fields are rejected, types are not coerced from JSON (a string is not a
 * number), query strings are converted by explicit @Type decorators only.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    // All of a field's constraints are checked; toInvalidParams reports the most basic one, so a
    // string for a number says 'must be a number', not 'must not be more than 40'.
    stopAtFirstError: false,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInput(toInvalidParams(errors)),
  });
}
