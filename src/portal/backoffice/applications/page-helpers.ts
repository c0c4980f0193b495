import { NotFound } from '../../../common/errors/domain-errors';
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
