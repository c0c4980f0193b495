import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { dirname, join } from 'node:path';
import { MAX_DOCUMENT_BYTES } from '../applications/application-documents';
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

function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  next();
}

/**
 * Everything the portals need from Express before Nest's routes: templates, cookies, form and
 * upload parsing (so the CSRF token of a multipart form is read before the guard runs), the
 * design system's static files, and Dutch error pages for errors that happen before a controller.
 * Call before the API's JSON-only middleware, which skips portal requests.
 */
export function configurePortal(app: NestExpressApplication, config: AppConfig): void {
  const server = app.getHttpAdapter().getInstance() as express.Express;
  configureViews(server, config.env === 'production', config.municipality.name);
  server.get('/', (_req, res) => res.redirect(302, PORTAL_PATH));
  server.use(PORTAL_PATH, securityHeaders);

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
  server.use(
    PORTAL_PATH,
    multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 20 } }).single('file'),
  );
  server.use(PORTAL_PATH, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    const status = (error as { code?: string }).code === 'LIMIT_FILE_SIZE' ? 413 : undefined;
    const dutch = toDutchError(error);
    renderError(
      res,
      status ?? dutch.status,
      status
        ? { title: 'Bestand te groot', message: `Een bestand mag hoogstens ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB zijn.` }
        : dutch,
    );
  });
}
