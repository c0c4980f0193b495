import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { hasRole, isBackoffice, type Role } from '../../auth/principal';
import { Clock } from '../../common/clock';
import { Forbidden } from '../../common/errors/domain-errors';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { ReferenceDataService } from '../../reference-data/reference-data.service';
import { PortalSessionService, sameToken } from '../session/portal-session.service';
import { navigationFor } from './navigation';
import { CsrfRejected, PortalLoginRequired } from './portal-errors';
import { CSRF_FIELD, CSRF_HEADER, PORTAL_PUBLIC_KEY, PORTAL_ROLES_KEY, sessionCookieName } from './portal-metadata';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates portal pages by session cookie, checks the CSRF token of every form post and the
 * page's roles, and puts the user, the CSRF token, the menu and any flash message in the view's locals.
 */
@Injectable()
export class PortalAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: PortalSessionService,
    private readonly referenceData: ReferenceDataService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const req = context.switchToHttp().getRequest<Request & { principal?: unknown; portalSession?: unknown }>();
    const res = context.switchToHttp().getResponse<Response>();
    const cookie: string | undefined = req.cookies?.[sessionCookieName(this.config.portal.secureCookies)];
    const session = await this.sessions.resolve(cookie);
    if (session) {
      // Also on public pages: the header's logout form needs the session's token.
      res.locals.principal = session.principal;
      res.locals.sessionCsrfToken = session.csrfToken;
      res.locals.navigation = navigationFor(session.principal, req.path);
    }
    if (this.reflector.getAllAndOverride<boolean>(PORTAL_PUBLIC_KEY, targets)) return true;
    // A cookie without a live session: the session ran out (idle time, maximum, deactivated account).
    if (!session) throw new PortalLoginRequired(req.method === 'GET' ? req.originalUrl : null, Boolean(cookie));
    if (!SAFE_METHODS.has(req.method)) {
      const sent = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD] ?? req.headers[CSRF_HEADER];
      if (!sameToken(typeof sent === 'string' ? sent : undefined, session.csrfToken)) throw new CsrfRejected();
    }
    req.principal = session.principal;
    req.portalSession = session;
    res.locals.csrfToken = session.csrfToken;
    // A one-time message belongs to the next page shown, not to a script's JSON request in between.
    if (req.method === 'GET' && req.accepts(['html', 'json']) === 'html') {
      res.locals.flash = await this.sessions.takeFlash(session);
      // Every backoffice page warns while the minimum wage table is about to end or has ended.
      if (isBackoffice(session.principal)) {
        const coverage = await this.referenceData.minimumWageCoverage(this.clock.today());
        if (coverage.warning) res.locals.minimumWageCoverage = coverage;
      }
    }

    const roles = this.reflector.getAllAndOverride<Role[]>(PORTAL_ROLES_KEY, targets);
    if (!roles?.length) throw new Forbidden('This page declares no roles and is closed.');
    if (!hasRole(session.principal, ...roles)) throw new Forbidden('Your role does not allow this page.');
    return true;
  }
}
