import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { PreconditionFailed, PreconditionRequired } from '../errors/domain-errors';

/**
 * Optimistic locking over HTTP: resources carry a version, sent as a strong ETag ("3"); updates
 * must send it back in If-Match, and lose with 412 when someone else changed the resource first.
 */
export function etagOf(version: number): string {
  return `"${version}"`;
}

export function setEtag(res: Response, version: number): void {
  res.setHeader('ETag', etagOf(version));
}

/** The version from If-Match, or undefined when the header is absent. */
export const IfMatchVersion = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined => {
  const header: string | undefined = ctx.switchToHttp().getRequest().headers['if-match'];
  if (header === undefined) return undefined;
  const match = header.trim().match(/^(?:W\/)?"(\d{1,9})"$/);
  if (!match) throw new PreconditionFailed('If-Match must be the ETag of the resource, like "3".');
  return Number(match[1]);
});

export function requireVersion(version: number | undefined): number {
  if (version === undefined) {
    throw new PreconditionRequired('Send the If-Match header with the ETag you last read, so no change is overwritten unseen.');
  }
  return version;
}

/** Throws 412 when the expected version is not the current one. */
export function assertVersion(entity: string, current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) {
    throw new PreconditionFailed(
      `${entity} was changed by someone else (version ${current}, you sent ${expected}). Reload and try again.`,
    );
  }
}
