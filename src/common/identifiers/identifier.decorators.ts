/**
 * class-validator decorators over the pure validators in identifiers.ts.
 *
 * The default message is the reason alone (problem+json pairs it with the field name) and never
 * includes the value: a rejected BSN is still a BSN, and messages travel into problem+json responses.
 */
import {
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import {
  IdentifierValidator,
  validateBic,
  validateBrinCode,
  validateBsn,
  validateCreboCode,
  validateIban,
  validateKvkNumber,
  validatePayrollTaxNumber,
} from './identifiers';

/**
 * With `{ each: true }` class-validator checks the elements but hands the whole collection to
 * defaultMessage, so the reason of the first failing element is reported instead.
 */
function reasonFor(check: IdentifierValidator, value: unknown): string | null {
  if (Array.isArray(value) || value instanceof Set) {
    for (const item of value) {
      const reason = check(item);
      if (reason !== null) return `each value ${reason}`;
    }
  }
  return check(value);
}

/**
 * One constraint class per identifier so each shows up under its own name in
 * ValidationError.constraints (e.g. `{ isBsn: 'fails the elfproef (11-test)' }`).
 */
function constraintFor(name: string, check: IdentifierValidator): new () => ValidatorConstraintInterface {
  @ValidatorConstraint({ name, async: false })
  class IdentifierConstraint implements ValidatorConstraintInterface {
    validate(value: unknown): boolean {
      return check(value) === null;
    }

    defaultMessage(args: ValidationArguments): string {
      // Re-running the check is cheap and keeps the constraint stateless, so it is safe to share.
      return reasonFor(check, args.value) ?? 'is invalid';
    }
  }
  return IdentifierConstraint;
}

function decoratorFor(name: string, check: IdentifierValidator) {
  const constraint = constraintFor(name, check);
  return (validationOptions?: ValidationOptions): PropertyDecorator =>
    (target: object, propertyName: string | symbol) => {
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: String(propertyName),
        options: validationOptions,
        validator: constraint,
      });
    };
}

export const IsBsn = decoratorFor('isBsn', validateBsn);
export const IsKvkNumber = decoratorFor('isKvkNumber', validateKvkNumber);
export const IsPayrollTaxNumber = decoratorFor('isPayrollTaxNumber', validatePayrollTaxNumber);
export const IsIban = decoratorFor('isIban', validateIban);
export const IsBic = decoratorFor('isBic', validateBic);
export const IsCreboCode = decoratorFor('isCreboCode', validateCreboCode);
export const IsBrinCode = decoratorFor('isBrinCode', validateBrinCode);
