import { InvalidInput, NotFound } from '../../../common/errors/domain-errors';
import type { UsersService } from '../../../users/users.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record id from the page address; anything that is not an id is simply a page that does not exist (404). */
export function recordId(value: string, entity: string): string {
  if (!UUID.test(value)) throw new NotFound(entity, value);
  return value;
}

/** The version a form was rendered with (hidden field), so a change made meanwhile by someone else is refused. */
export function versionField(body: Record<string, unknown>): number | undefined {
  const value = body?.version;
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

/** Display names of users (drafter, approver, proposer), looked up once per page. */
export async function displayNames(users: UsersService, ids: Array<string | null | undefined>): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const id of new Set(ids.filter((i): i is string => Boolean(i)))) {
    names[id] = await users
      .get(id)
      .then((u) => u.displayName)
      .catch(() => 'onbekende medewerker');
  }
  return names;
}

/**
 * An amount typed in euros ("125,50", "1.250" or "1250.5") as integer cents for an API field in cents;
 * empty → absent. Anything else is refused with the API's reason for amounts, in Dutch on the page.
 */
export function euroCentsField(value: unknown, field: string): number | undefined {
  const text = typeof value === 'string' ? value.replace(/[\s€]/g, '') : '';
  if (text === '') return undefined;
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(text) ?? /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new InvalidInput([{ name: field, reason: 'must be an amount in euros like 125.50' }]);
  return Number(match[1].replace(/\./g, '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
