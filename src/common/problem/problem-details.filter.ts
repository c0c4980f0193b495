import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DomainError, TooManyAttempts } from '../errors/domain-errors';
import { currentRequestId } from '../request-context/request-context';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemForStatus, problemType } from './problem';

export const APP_LOGGER = Symbol('APP_LOGGER');

/** Maps any error to RFC 9457 problem+json: domain errors, Nest HTTP errors, and the unexpected. */
export function toProblem(error: unknown, instance?: string): ProblemDetails {
  const requestId = currentRequestId();
  if (error instanceof DomainError) {
    return {
      type: problemType(error.slug),
      title: error.title,
      status: error.status,
      detail: error.message,
      ...(error.invalidParams ? { invalidParams: error.invalidParams } : {}),
      instance,
      requestId,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : Array.isArray((response as any)?.message)
          ? (response as any).message.join('; ')
          : String((response as any)?.message ?? error.message);
    return problemForStatus(status, message, { instance, requestId });
  }
  const status = httpStatusOfLibraryError(error);
  if (status) {
    return problemForStatus(status, libraryErrorDetail(status), { instance, requestId });
  }
  const database = databaseProblem(error);
  if (database) return problemForStatus(database.status, database.detail, { instance, requestId });
  return problemForStatus(500, 'An unexpected error occurred. Quote the request id when reporting it.', {
    instance,
    requestId,
  });
}

/** body-parser and similar libraries mark their client errors with a status. */
function httpStatusOfLibraryError(error: unknown): number | undefined {
  const e = error as { status?: unknown; statusCode?: unknown; expose?: unknown } | null;
  const status = Number(e?.status ?? e?.statusCode);
  return e?.expose === true && status >= 400 && status < 500 ? status : undefined;
}

function libraryErrorDetail(status: number): string {
  switch (status) {
    case 400:
      return 'The request body is not valid JSON.';
    case 413:
      return 'The request body is larger than allowed.';
    case 415:
      return 'The request body has an unsupported content type or encoding.';
    default:
      return 'The request could not be processed.';
  }
}

const PG_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

/**
 * Postgres errors that reach here are races or inputs the validation let through: map them to what
 * they mean for the client instead of a 500. The database's own message is not passed on.
 */
function databaseProblem(error: unknown): { status: number; detail: string } | undefined {
  const e = error as { driverError?: { code?: string }; code?: string } | null;
  const code = e?.driverError?.code ?? e?.code;
  if (typeof code !== 'string') return undefined;
  if (PG_CONNECTION_CODES.has(code) || /Connection terminated|connect ECONNREFUSED/.test(String((error as Error).message))) {
    return { status: 503, detail: 'The database is not reachable. Try again shortly.' };
  }
  switch (code) {
    case '23505':
      return { status: 409, detail: 'This conflicts with an existing record (it may just have been created by someone else).' };
    case '23503':
      return { status: 422, detail: 'A referenced record does not exist.' };
    case '23514':
    case '23502':
      return { status: 422, detail: 'The data breaks a rule of the database.' };
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22021':
    case '22P02':
    case '22P05':
      return {
        status: 400,
        detail: 'A value has an invalid form (too long, out of range, or with characters that cannot be stored).',
      };
    case '40001':
    case '40P01':
      return { status: 409, detail: 'A concurrent change got in the way. Try again.' };
    default:
      return undefined;
  }
}

/**
 * What is logged of an unexpected error: name, message, code and stack. Never the whole object,
 * which for database errors carries the query parameters (personal data, password hashes).
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const e = error as Error & { code?: unknown; driverError?: { code?: unknown } };
  return { type: e.name, message: e.message, code: e.driverError?.code ?? e.code, stack: e.stack };
}

export function sendProblem(res: Response, problem: ProblemDetails): void {
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/** Requests that want another format than problem+json (the web portals' HTML pages). */
export interface ExceptionDelegate {
  matches(req: Request): boolean;
  filter: ExceptionFilter;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly delegate?: ExceptionDelegate,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    // Errors outside any controller (unknown portal paths) reach this global filter too.
    if (this.delegate?.matches(req)) return this.delegate.filter.catch(exception, host);
    const problem = toProblem(exception, req.path);
    if (problem.status >= 500) {
      this.logger.error({ error: describeError(exception) }, 'unhandled error');
    } else if (databaseProblem(exception)) {
      // A database error that became a 4xx still deserves a trace (without its parameters).
      this.logger.warn({ error: describeError(exception) }, 'database refused the change');
    }
    if (res.headersSent) return;
    if (exception instanceof TooManyAttempts) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    sendProblem(res, problem);
  }
}
