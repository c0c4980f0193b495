import { ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidationError, ValidationTypes, type ValidatorOptions } from 'class-validator';
import { InvalidInput, type InvalidParam } from '../errors/domain-errors';

const NOT_AN_OBJECT = 'must be an object';

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
      out.push({ name, reason: REASON_OF_CONSTRAINT[constraint] ?? message });
    }
    if (error.children?.length) out.push(...toInvalidParams(error.children, name));
  }
  // The nested-shape check below can name an element class-validator named too.
  return out.filter((p, i) => out.findIndex((q) => q.name === p.name && q.reason === p.reason) === i);
}

const REASON_OF_CONSTRAINT: Record<string, string> = {
  whitelistValidation: 'is not a known field',
  nestedValidation: NOT_AN_OBJECT,
};

/**
 * class-validator's `@ValidateNested` walks into arrays wherever it finds them, so `rates: [[]]`
 * passed as "an array of valid rates" and reached the service as an array of arrays (a 500). Every
 * nested field must hold an object (or, with `each`, an array of objects): anything else is named.
 */
export function nestedShapeErrors(object: object, depth = 0): ValidationError[] {
  const errors: ValidationError[] = [];
  if (depth > 32) return errors;
  const nested = getMetadataStorage()
    .getTargetValidationMetadatas(object.constructor, '', true, false)
    .filter((m) => m.type === ValidationTypes.NESTED_VALIDATION);
  for (const property of new Set(nested.map((m) => m.propertyName))) {
    const value = (object as Record<string, unknown>)[property];
    if (value === undefined || value === null) continue;
    const each = nested.some((m) => m.propertyName === property && m.each);
    if (each && !Array.isArray(value)) continue; // IsArray and friends name it
    const elements: Array<[string, unknown]> = each ? (value as unknown[]).map((v, i) => [String(i), v]) : [['', value]];
    const children: ValidationError[] = [];
    for (const [index, element] of elements) {
      const error = Object.assign(new ValidationError(), { property: index, constraints: {}, children: [] as ValidationError[] });
      if (typeof element !== 'object' || element === null || Array.isArray(element)) {
        error.constraints = { isObject: NOT_AN_OBJECT };
      } else {
        error.children = nestedShapeErrors(element, depth + 1);
      }
      if (Object.keys(error.constraints!).length || error.children!.length) children.push(error);
    }
    if (!children.length) continue;
    errors.push(
      each
        ? Object.assign(new ValidationError(), { property, children })
        : Object.assign(new ValidationError(), {
            property,
            constraints: children[0].constraints,
            children: children[0].children,
          }),
    );
  }
  return errors;
}

/** The global pipe: class-validator's checks plus the shape of nested objects. */
class StrictValidationPipe extends ValidationPipe {
  protected async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, options);
    return [...errors, ...nestedShapeErrors(object)];
  }
}

/**
 * Strict input: unknown fields are rejected, types are not coerced from JSON (a string is not a
 * number), query strings are converted by explicit @Type decorators only.
 */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
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
