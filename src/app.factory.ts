import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { guardParsedInput, requireJsonOrMultipart } from './common/http/request-guards';
import { accessLogMiddleware, PinoNestLogger } from './common/logging/logger';
import { ProblemDetailsFilter, sendProblem, toProblem } from './common/problem/problem-details.filter';
import { problemForStatus } from './common/problem/problem';
import { createValidationPipe } from './common/problem/validation';
import { requestContextMiddleware } from './common/request-context/request-context';
import type { AppConfig } from './config/config';
import { API_PREFIX, API_VERSION, buildOpenApiDocument } from './openapi/openapi';
import { configurePortal, isPortalRequest } from './portal/portal-setup';
import { PORTAL_PREFIX } from './portal/shared/portal-metadata';
import { PortalExceptionFilter } from './portal/shared/portal-exception.filter';

/** Middleware for the JSON API only; portal requests pass by. */
function apiOnly(middleware: (req: Request, res: Response, next: NextFunction) => void) {
  return (req: Request, res: Response, next: NextFunction) => (isPortalRequest(req) ? next() : middleware(req, res, next));
}

/**
 * Builds the fully configured HTTP application. main.ts and the tests both use this, so tests
 * exercise the same middleware, pipes and filters as production.
 */
export async function createApp(config: AppConfig, databaseUrl: string, logger: Logger): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, databaseUrl, logger), {
    // Body parsing is set up below so that its errors become problem+json too.
    bodyParser: false,
    logger: new PinoNestLogger(logger),
  });
  app.disable('x-powered-by');
  // req.ip is the client's address, also behind the configured proxies (login throttling counts per address).
  app.set('trust proxy', config.trustProxy);
  app.use(requestContextMiddleware);
  app.use(accessLogMiddleware(logger));
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('API-Version', API_VERSION);
    next();
  });
  // API answers carry personal data: no cache may keep them, and no browser may sniff them into
  // something else (a download that sets its own Cache-Control, with an ETag, overrides the first).
  app.use(
    apiOnly((_req, res, next) => {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      next();
    }),
  );
  // The web portals: server-rendered pages with their own parsing, cookies and Dutch error pages.
  configurePortal(app, config, logger);
  app.use(apiOnly(requireJsonOrMultipart));
  // strict: a body must be a JSON object or array.
  app.use(express.json({ limit: config.bodyLimit, strict: true }));
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    sendProblem(res, toProblem(error, req.path));
  });
  app.use(apiOnly(guardParsedInput));
  app.setGlobalPrefix(API_PREFIX, { exclude: [PORTAL_PREFIX, `${PORTAL_PREFIX}/{*path}`] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(logger, { matches: isPortalRequest, filter: new PortalExceptionFilter(logger) }));
  app.enableShutdownHooks();

  const document = buildOpenApiDocument(app);
  (app.getHttpAdapter().getInstance() as express.Express).get(`/${API_PREFIX}/openapi.json`, (_req, res) => {
    res.json(document);
  });
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document, { jsonDocumentUrl: `${API_PREFIX}/docs-json` });

  await app.init();
  // Unknown routes: problem+json 404 instead of Express's HTML page.
  app.use((req: Request, res: Response) => {
    sendProblem(res, problemForStatus(404, `No route ${req.method} ${req.path}.`, { instance: req.path }));
  });
  return app;
}
