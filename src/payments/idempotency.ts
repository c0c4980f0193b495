import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Conflict, InvalidInput } from '../common/errors/domain-errors';

/** The Idempotency-Key header (1–200 visible characters), or undefined. */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value: string | undefined = ctx.switchToHttp().getRequest().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,200}$/.test(value)) {
    throw new InvalidInput([{ name: 'Idempotency-Key', reason: 'must be 1 to 200 visible ASCII characters' }]);
  }
  return value;
});

/**
 * Runs `action` once per (user, key): a retry with the same key and the same request gets the
 * stored result instead of acting again. The key row is written in the action's own transaction,
 * so a crash leaves no key behind and the retry simply runs the action; two simultaneous requests
 * with one key serialise on the key's primary key.
 */
export async function once<T extends object>(
  m: EntityManager,
  key: string | undefined,
  userId: string,
  route: string,
  request: unknown,
  action: () => Promise<T>,
): Promise<T> {
  if (!key) return action();
  const hash = createHash('sha256')
    .update(JSON.stringify(request ?? null))
    .digest('hex');
  const inserted = await m.query(
    `INSERT INTO idempotency_key (key, user_id, route, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [key, userId, route, hash],
  );
  if (inserted.length === 0) {
    const [previous] = await m.query(
      `SELECT route, request_hash, response FROM idempotency_key WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    if (previous.route !== route || previous.request_hash !== hash) {
      throw new Conflict('This Idempotency-Key was used for a different request.', [
        { name: 'Idempotency-Key', reason: 'already used for another request' },
      ]);
    }
    return previous.response as T;
  }
  const result = await action();
  await m.query(`UPDATE idempotency_key SET status_code = 200, response = $3 WHERE user_id = $1 AND key = $2`, [
    userId,
    key,
    JSON.stringify(result),
  ]);
  return result;
}
