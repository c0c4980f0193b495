import type { Response } from 'express';
import { NotFound, type DomainError } from '../../common/errors/domain-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from the address bar: a malformed one is simply a page that does not exist (the Dutch 404). */
export function portalId(value: string): string {
  if (!UUID.test(value)) throw new NotFound('Page', value);
  return value.toLowerCase();
}

/** `?pagina=` as a page number from 1; anything else is page 1. */
export function pageNumber(value: unknown): number {
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return Math.max(1, page);
}

/** The version a form was rendered with (sent back as If-Match would be), or none. */
export function formVersion(value: unknown): number | undefined {
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

/** Sends stored bytes as a download, with a file name safe for the header. */
export function attachment(res: Response, bytes: Buffer, contentType: string, fileName: string): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"`);
  res.setHeader('Content-Length', String(bytes.length));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(bytes);
}

/**
 * For a promise's rejection: renames the fields an error names, so a reason lands on the form field
 * that carries it (the API's DTO of a form part names `iban`; the form calls it `bankAccount.iban`).
 */
export function renameFields(rename: (name: string) => string) {
  return (error: unknown): never => {
    for (const param of (error as DomainError).invalidParams ?? []) param.name = rename(param.name);
    throw error;
  };
}
