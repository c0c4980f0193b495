import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { dirname, join } from 'node:path';
import { MAX_DOCUMENT_BYTES } from '../applications/application-documents';
import type { Logger } from 'pino';
import { describeError } from '../common/problem/problem-details.filter';
import type { AppConfig } from '../config/config';
import { toDutchError } from './shared/messages-nl';
import { renderError } from './shared/portal-exception.filter';
import { PORTAL_PREFIX } from './shared/portal-metadata';
import { configureViews, portalTemplatesDirectory } from './shared/views';

const PORTAL_PATH = `/${PORTAL_PREFIX}`;

/** True for requests to the web portals (and the site root, which leads there). */
export function isPortalRequest(req: Request): boolean {
  return req.path === '/' || req.path === PORTAL_PATH || req.path.startsWith(`${PORTAL_PATH}/`);
}

function packageDirectory(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/**
 * Content Security Policy: scripts, styles, fonts and images only from this site, no inline script,
 * no framing, forms only to this site.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

function securityHeaders(https: boolean) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    // Behind https (production), browsers keep to https for this host for a year.
    if (https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}

/**
 * Everything the portals need from Express before Nest's routes: templates, cookies, form and
 * upload parsing (so the CSRF token of a multipart form is read before the guard runs), the
 * design system's static files, and Dutch error pages for errors that happen before a controller.
 * Call before the API's JSON-only middleware, which skips portal requests.
 */
export function configurePortal(app: NestExpressApplication, config: AppConfig, logger: Logger): void {
  const server = app.getHttpAdapter().getInstance() as express.Express;
  configureViews(server, config.env === 'production', config.municipality.name);
  server.get('/', (_req, res) => res.redirect(302, PORTAL_PATH));
  server.use(PORTAL_PATH, securityHeaders(config.portal.secureCookies));

  const staticOptions = { maxAge: config.env === 'production' ? '1d' : 0, fallthrough: false, index: false as const };
  const designSystem = `${PORTAL_PATH}/static/ds`;
  server.use(
    `${designSystem}/css`,
    express.static(join(packageDirectory('@amsterdam/design-system-css'), 'dist'), staticOptions),
  );
  server.use(
    `${designSystem}/tokens`,
    express.static(join(packageDirectory('@amsterdam/design-system-tokens'), 'dist'), staticOptions),
  );
  server.use(`${designSystem}/assets`, express.static(packageDirectory('@amsterdam/design-system-assets'), staticOptions));
  server.use(`${PORTAL_PATH}/static/app`, express.static(join(portalTemplatesDirectory(), 'static'), staticOptions));

  server.use(PORTAL_PATH, (_req: Request, res: Response, next: NextFunction) => {
    // Pages carry personal data: never cached by the browser or a proxy.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  server.use(PORTAL_PATH, cookieParser());
  server.use(PORTAL_PATH, express.urlencoded({ extended: false, limit: config.bodyLimit, parameterLimit: 2000 }));
  // Multipart is parsed only where a page takes an upload (so an anonymous post cannot make the
  // server buffer a file), and before the guard, so the form's CSRF token is checked for uploads too.
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 20 },
  }).single('file');
  for (const path of PORTAL_UPLOAD_PATHS) server.post(path, upload);
  server.use(PORTAL_PATH, (req: Request, res: Response, next: NextFunction) => {
    // A multipart body anywhere else was not read: refuse it instead of handing the page no fields.
    if (req.body === undefined && req.is('multipart/form-data')) {
      return renderError(res, 415, { title: 'Dit kan niet', message: 'Dit formulier neemt geen bestanden aan.' });
    }
    next();
  });
  server.use(PORTAL_PATH, (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    const { status, title, message } = middlewareError(error);
    if (status >= 500) logger.error({ error: describeError(error), path: req.path }, 'Unexpected portal error');
    renderError(res, status, { title, message });
  });
}

/** Pages that take a file upload (multipart field `file`). */
export const PORTAL_UPLOAD_PATHS = [`${PORTAL_PATH}/werkgever/aanvragen/:applicationId/documenten`];

/** What an error from the middleware (static files, body parsing, uploads) means for the user. */
function middlewareError(error: unknown): { status: number; title: string; message: string } {
  const e = error as { code?: string; status?: number; statusCode?: number };
  if (e.code === 'LIMIT_FILE_SIZE') {
    return {
      status: 413,
      title: 'Bestand te groot',
      message: `Een bestand mag hoogstens ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB zijn.`,
    };
  }
  if (typeof e.code === 'string' && e.code.startsWith('LIMIT_')) {
    return { status: 400, title: 'Dit kan niet', message: 'Stuur één bestand mee met het formulier, en niets anders.' };
  }
  const status = e.status ?? e.statusCode;
  if (status === 404) {
    return {
      status,
      title: 'Pagina niet gevonden',
      message: 'Deze pagina of dit bestand bestaat niet (meer). Controleer het adres.',
    };
  }
  const dutch = toDutchError(error);
  return typeof status === 'number' && status >= 400 && status < 500 && dutch.status >= 500
    ? { status, title: 'Dit kan niet', message: 'Het formulier kon niet worden gelezen. Probeer het opnieuw.' }
    : dutch;
}
