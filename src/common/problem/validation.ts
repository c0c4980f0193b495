import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidInput, type InvalidParam } from '../errors/domain-errors';

/** Flattens class-validator errors into `{ name: 'a.b[0].c', reason }` entries. */
export function toInvalidParams(errors: ValidationError[], parent = ''): InvalidParam[] {
  const out: InvalidParam[] = [];
  for (const error of errors) {
    const name = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
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
    // One reason per field: a string for a number should not also say 'must be more than 0'.
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInput(toInvalidParams(errors)),
  });
}
