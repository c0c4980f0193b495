/**
 * Keeps BSNs and credentials out of logs (DESIGN.md "Privacy and trust": never log the BSN).
 *
 * Two layers, because neither alone is enough:
 * - `redactPersonalData` over the arguments of every log call (pino `hooks.logMethod`): it knows the
 *   structure, so it can blank values by key (`password`, `token`, ...) as well as 9-digit runs.
 * - a check on the final JSON line (pino `hooks.streamWrite`): it also sees what the first layer
 *   cannot, such as child-logger bindings, serializer output and class instances passed through.
 *
 * The digit rule is deliberately blunt: any standalone run of exactly 9 digits is treated as a BSN.
 * Over-redacting an order number is cheap; a BSN in a log file is a reportable data breach.
 */
import type { Logger, LogFn } from 'pino';

export const REDACTED = '[REDACTED]';
export const REDACTED_BSN = '[REDACTED-BSN]';

/**
 * Matched case-insensitively after dropping '-' and '_', so `accessToken`, `access_token` and
 * `ACCESS-TOKEN` are all caught. IBANs are intentionally absent: they identify an account, are
 * needed to trace payments, and are not subject to the BSN's special regime.
 */
export const SENSITIVE_KEYS: ReadonlySet<string> = new Set([
  'bsn',
  'password',
  'passwordhash',
  'token',
  'accesstoken',
  'refreshtoken',
  'authorization',
  'cookie',
]);

// Plain 9 digits, or the dotted 4.2.3 layout printed on Dutch documents (1112.22.333).
const BSN_PATTERN = /(?<!\d)(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?!\d)/g;

function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(key.replace(/[-_]/g, '').toLowerCase());
}

export function redactString(value: string): string {
  return value.replace(BSN_PATTERN, REDACTED_BSN);
}

function isNineDigitInteger(value: number | bigint): boolean {
  if (typeof value === 'bigint') {
    const abs = value < 0n ? -value : value;
    return abs >= 100_000_000n && abs <= 999_999_999n;
  }
  const abs = Math.abs(value);
  return Number.isInteger(value) && abs >= 100_000_000 && abs <= 999_999_999;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Returns a redacted deep copy of strings, numbers, arrays, plain objects and errors; the input is
 * never modified, since it is usually still in use by the caller.
 *
 * Errors keep their prototype (pino recognises them with `instanceof Error` and serializes stack
 * and cause). Other class instances (Dates, Buffers, HTTP requests, ...) are returned as they are:
 * copying them into plain objects would break pino serializers and could walk huge object graphs
 * such as a socket; the streamWrite hook covers what they render.
 * A cycle becomes '[Circular]' instead of recursing forever.
 */
export function redactPersonalData(value: unknown): unknown {
  return redact(value, new WeakSet<object>());
}

function redact(value: unknown, ancestors: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactString(value);
  if (typeof value === 'number' || typeof value === 'bigint') return isNineDigitInteger(value) ? REDACTED_BSN : value;
  if (value === null || typeof value !== 'object') return value;
  const isError = value instanceof Error;
  if (!isError && !Array.isArray(value) && !isPlainObject(value)) return value;
  // Only ancestors count: the same object reached twice via different paths is not a cycle.
  if (ancestors.has(value)) return '[Circular]';
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redact(item, ancestors));
    if (isError) return redactError(value, ancestors);
    const copy: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
    for (const [key, item] of Object.entries(value)) {
      copy[key] = isSensitiveKey(key) ? REDACTED : redact(item, ancestors);
    }
    return copy;
  } finally {
    ancestors.delete(value);
  }
}

function redactError(error: Error, ancestors: WeakSet<object>): Error {
  const copy = Object.create(Object.getPrototypeOf(error)) as Error;
  // Own properties including the non-enumerable ones (message, stack, cause), with their flags
  // intact, so serializers treat the copy exactly like the original.
  for (const key of Object.getOwnPropertyNames(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key)!;
    if ('value' in descriptor) {
      descriptor.value = isSensitiveKey(key) ? REDACTED : redact(descriptor.value, ancestors);
    }
    Object.defineProperty(copy, key, descriptor);
  }
  return copy;
}

// Cheap pre-check for streamWrite so that the common line (no BSN, no secret) is not re-parsed.
const BSN_PRESENT = /(?<!\d)(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?!\d)/;
const SENSITIVE_KEY_PRESENT = /"[^"]*(?:bsn|password|token|authorization|cookie)[^"]*"\s*:/i;

/**
 * Redacts a serialized log line. JSON lines are parsed and rebuilt so a 9-digit number value
 * becomes a string rather than breaking the JSON; anything else gets the plain text replacement.
 */
export function redactLogLine(line: string): string {
  if (!BSN_PRESENT.test(line) && !SENSITIVE_KEY_PRESENT.test(line)) return line;
  const newline = line.endsWith('\n') ? '\n' : '';
  try {
    return JSON.stringify(redactPersonalData(JSON.parse(line))) + newline;
  } catch {
    return redactString(line);
  }
}

export interface BsnRedactingHooks {
  logMethod(this: Logger, args: Parameters<LogFn>, method: LogFn, level: number): void;
  streamWrite(s: string): string;
}

/** For pino's `hooks` option: `pino({ hooks: bsnRedactingHooks }, destination)`. */
export const bsnRedactingHooks: BsnRedactingHooks = {
  logMethod(args, method) {
    const redacted = args.map((arg) => redactPersonalData(arg)) as Parameters<LogFn>;
    return method.apply(this, redacted);
  },
  streamWrite(s) {
    return redactLogLine(s);
  },
};
