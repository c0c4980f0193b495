import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * True for a finite JSON number written in plain decimal notation with at most `maxDecimals`
 * decimals. Exponent forms (1e-7, 1e-300, 5e-324, 1e+21) are rejected rather than interpreted:
 * class-validator's `IsNumber({ maxDecimalPlaces })` throws on them, which surfaced as a 500.
 */
export function isDecimalNumber(value: unknown, maxDecimals: number): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  const match = /^-?\d+(?:\.(\d+))?$/.exec(String(value));
  return match !== null && (match[1]?.length ?? 0) <= maxDecimals;
}

/** A number with at most `maxDecimals` decimals, not in exponent form; see {@link isDecimalNumber}. */
export function IsDecimalNumber(maxDecimals: number, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDecimalNumber',
      target: object.constructor,
      propertyName,
      constraints: [maxDecimals],
      options: { message: `must be a number with at most ${maxDecimals} decimals`, ...options },
      validator: { validate: (value: unknown) => isDecimalNumber(value, maxDecimals) },
    });
}
