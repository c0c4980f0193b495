import { isEmail, registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * True for an e-mail address. validator.js decodes the local part with decodeURIComponent, which
 * throws URIError on malformed Unicode (a lone surrogate); that is an invalid address, not a 500.
 */
export function isEmailAddress(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return isEmail(value);
  } catch {
    return false;
  }
}

/** An e-mail address; see {@link isEmailAddress}. */
export function IsEmailAddress(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isEmail',
      target: object.constructor,
      propertyName,
      options: { message: 'must be an email address', ...options },
      validator: { validate: (value: unknown) => isEmailAddress(value) },
    });
}
