import { ArgumentsHost, Catch, ExceptionFilter, Inject, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { APP_LOGGER, describeError } from '../../common/problem/problem-details.filter';
import { currentRequestId } from '../../common/request-context/request-context';
import { toDutchError } from './messages-nl';
import { CsrfRejected, PortalLoginRequired } from './portal-errors';

/** Where the login page lives; `terug` brings the user back to the page they asked for. */
export function loginUrl(returnTo: string | null, expired = false): string {
  const query = [expired ? 'verlopen=1' : '', returnTo ? `terug=${encodeURIComponent(returnTo)}` : ''].filter(Boolean).join('&');
  return query ? `/portaal/inloggen?${query}` : '/portaal/inloggen';
}

/**
 * Errors on portal pages become a Dutch page with the right status (never a stack trace or
 * problem+json); a missing session becomes a redirect to the login page.
 */
@Catch()
export class PortalExceptionFilter implements ExceptionFilter {
  constructor(@Inject(APP_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      this.logger.error({ error: describeError(exception), path: req.path }, 'Portal error after the response started');
      res.end();
      return;
    }
    if (exception instanceof PortalLoginRequired) {
      res.redirect(303, loginUrl(exception.returnTo, exception.expired));
      return;
    }
    if (exception instanceof CsrfRejected) {
      renderError(res, 403, {
        title: 'Formulier verlopen',
        message: 'Dit formulier is verlopen of niet van deze website. Ga terug, ververs de pagina en probeer het opnieuw.',
      });
      return;
    }
    if (exception instanceof NotFoundException) {
      // No such route (Nest's own 404), as opposed to a record the user may not see.
      renderError(res, 404, {
        title: 'Pagina niet gevonden',
        message: 'Deze pagina bestaat niet (meer). Controleer het adres, of ga terug naar de startpagina.',
      });
      return;
    }
    const error = toDutchError(exception);
    if (error.status >= 500) {
      this.logger.error({ error: describeError(exception), path: req.path }, 'Unexpected portal error');
    }
    renderError(res, error.status, { title: error.title, message: error.message, fields: error.fields });
  }
}

export function renderError(
  res: Response,
  status: number,
  error: { title: string; message: string; fields?: Record<string, string> },
): void {
  res.status(status).render('error.njk', { title: error.title, error, status, requestId: currentRequestId() });
}
