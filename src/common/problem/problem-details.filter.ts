import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DomainError } from '../errors/domain-errors';
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

export function sendProblem(res: Response, problem: ProblemDetails): void {
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@Inject(APP_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const problem = toProblem(exception, req.path);
    if (problem.status >= 500) {
      this.logger.error({ err: exception }, 'unhandled error');
    }
    if (res.headersSent) return;
    sendProblem(res, problem);
  }
}
