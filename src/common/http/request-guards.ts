import type { NextFunction, Request, Response } from 'express';
import { InvalidInput, type InvalidParam } from '../errors/domain-errors';
import { problemForStatus } from '../problem/problem';
import { sendProblem, toProblem } from '../problem/problem-details.filter';

/** Deeper JSON than this is refused before validation walks it (recursion would overflow the stack). */
export const MAX_JSON_DEPTH = 32;

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** A request with a body must send JSON (or a multipart upload); anything else is a 415. */
export function requireJsonOrMultipart(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (METHODS_WITH_BODY.has(req.method) && hasBody && !req.is('application/json') && !req.is('multipart/form-data')) {
    return sendProblem(
      res,
      problemForStatus(415, 'Send the request body as application/json (or multipart/form-data for uploads).', {
        instance: req.path,
      }),
    );
  }
  next();
}

/** A UTF-16 surrogate without its partner: not a character, so not valid Unicode text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when a string is well-formed Unicode (JSON's `\ud800` escapes can make it otherwise). */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/**
 * After JSON parsing: refuse absurd nesting, NUL characters (Postgres cannot store them in
 * text) and malformed Unicode (lone surrogates, which validators and encoders choke on) with a 400
 * that names the field, in the body and in the query string.
 */
export function guardParsedInput(req: Request, res: Response, next: NextFunction): void {
  const problems = [...inspect(req.body, ''), ...inspect(req.query, '')];
  if (problems.length) return sendProblem(res, toProblem(new InvalidInput(problems.slice(0, 20)), req.path));
  next();
}

function inspect(root: unknown, rootName: string): InvalidParam[] {
  const problems: InvalidParam[] = [];
  const stack: Array<{ value: unknown; name: string; depth: number }> = [{ value: root, name: rootName, depth: 0 }];
  while (stack.length) {
    const { value, name, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) problems.push({ name: name || 'body', reason: 'must not contain NUL characters' });
      else if (!isWellFormedText(value)) problems.push({ name: name || 'body', reason: 'must be valid Unicode text' });
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_JSON_DEPTH) {
        problems.push({ name: name || 'body', reason: `is nested deeper than ${MAX_JSON_DEPTH} levels` });
        continue;
      }
      for (const [key, child] of Object.entries(value)) {
        if (key.includes('\u0000')) problems.push({ name: name || 'body', reason: 'has a key with a NUL character' });
        else if (!isWellFormedText(key))
          problems.push({ name: name || 'body', reason: 'has a key that is not valid Unicode text' });
        const childName = Array.isArray(value) ? `${name}[${key}]` : name ? `${name}.${key}` : key;
        stack.push({ value: child, name: childName, depth: depth + 1 });
      }
    }
  }
  return problems;
}
