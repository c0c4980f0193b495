import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import pino, { type DestinationStream, type Logger } from 'pino';
import { bsnRedactingHooks } from '../privacy/log-redaction';
import { currentRequestId, runWithRequestContext } from '../request-context/request-context';

/**
 * Structured JSON logs. Every line carries the request id; personal data is redacted by hooks
 * that run over every argument, so a BSN cannot reach a log line by accident.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'werkkans' },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: bsnRedactingHooks,
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** Adapts pino to Nest's LoggerService so framework messages are JSON too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

/**
 * One line per request: method, route path without query string (queries may hold personal
 * data), status and duration. Bodies are never logged.
 */
export function accessLogMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const requestId = currentRequestId() ?? 'unknown';
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      runWithRequestContext({ requestId }, () =>
        logger.info(
          { method: req.method, path: req.path, status: res.statusCode, durationMs: Math.round(ms * 10) / 10 },
          'request completed',
        ),
      );
    });
    next();
  };
}
