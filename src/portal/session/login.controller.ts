import { Body, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { clientAddress, PasswordLogin } from '../../auth/password-login.service';
import { TooManyAttempts } from '../../common/errors/domain-errors';
import { tooManyLoginsNl } from '../shared/messages-nl';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { homeFor } from '../shared/navigation';
import { CurrentSession, PortalController, PortalPublic, PortalRoles } from '../shared/portal-decorators';
import { sessionCookieName } from '../shared/portal-metadata';
import { ROLES } from '../../auth/principal';
import { PortalSessionService, sameToken, type PortalSession } from './portal-session.service';

/** Before login there is no session yet: the login form's CSRF token is paired with this cookie. */
const LOGIN_CSRF_COOKIE = 'werkkans_login_csrf';

/** Only a path inside the portal may be a place to return to after login (no open redirect). */
export function safeReturnPath(value: unknown): string | null {
  return typeof value === 'string' && /^\/portaal(\/[A-Za-z0-9\-._~%/?=&]*)?$/.test(value) && !value.includes('//')
    ? value
    : null;
}

/** Login and logout of the web portals, with the same accounts and passwords as the API. */
@PortalController()
export class LoginController {
  constructor(
    private readonly login: PasswordLogin,
    private readonly sessions: PortalSessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private cookieOptions(maxAgeMs?: number) {
    const secure = this.config.portal.secureCookies;
    return { httpOnly: true, secure, sameSite: 'lax' as const, path: '/', ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
  }

  @Get()
  @PortalRoles(...ROLES)
  home(@CurrentSession() session: PortalSession, @Res() res: Response): void {
    res.redirect(303, homeFor(session.principal));
  }

  @Get('inloggen')
  @PortalPublic()
  loginPage(@Query() query: Record<string, unknown>, @Res() res: Response): void {
    if (res.locals.principal) return res.redirect(303, homeFor(res.locals.principal));
    const flash =
      query.uitgelogd === '1'
        ? 'U bent uitgelogd.'
        : query.verlopen === '1'
          ? 'U bent automatisch uitgelogd, omdat u een tijd niet actief was. Log opnieuw in; wat u nog niet had verstuurd, moet u opnieuw invullen.'
          : null;
    this.renderLogin(res, 200, { returnTo: safeReturnPath(query.terug), flash });
  }

  @Post('inloggen')
  @PortalPublic()
  @HttpCode(200)
  async loginSubmit(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const returnTo = safeReturnPath(body.terug);
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    if (!sameToken(typeof body._csrf === 'string' ? body._csrf : undefined, req.cookies?.[LOGIN_CSRF_COOKIE] ?? '')) {
      return this.renderLogin(res, 403, {
        returnTo,
        values: { email },
        message: 'Het inlogformulier was verlopen. Probeer het opnieuw.',
      });
    }
    const errors: Record<string, string> = {};
    if (!email) errors.email = 'Vul uw e-mailadres in.';
    else if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      errors.email = 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.';
    if (!password) errors.password = 'Vul uw wachtwoord in.';
    else if (password.length > 200) errors.password = 'Dit wachtwoord is te lang.';
    if (Object.keys(errors).length) return this.renderLogin(res, 422, { returnTo, values: { email }, errors });

    let principal;
    try {
      principal = await this.login.verify(email, password, { channel: 'portal', address: clientAddress(req) });
    } catch (error) {
      if (!(error instanceof TooManyAttempts)) throw error;
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
      return this.renderLogin(res, 429, { returnTo, values: { email }, message: tooManyLoginsNl(error.retryAfterSeconds) });
    }
    if (!principal) {
      return this.renderLogin(res, 401, {
        returnTo,
        values: { email },
        message: 'Het e-mailadres of het wachtwoord klopt niet.',
      });
    }
    const { token } = await this.sessions.start(principal);
    res.clearCookie(LOGIN_CSRF_COOKIE, this.cookieOptions());
    res.cookie(sessionCookieName(this.config.portal.secureCookies), token, this.cookieOptions());
    res.redirect(303, returnTo ?? homeFor(principal));
  }

  @Post('uitloggen')
  @PortalRoles(...ROLES)
  async logout(@CurrentSession() session: PortalSession, @Res() res: Response): Promise<void> {
    await this.sessions.end(session);
    res.clearCookie(sessionCookieName(this.config.portal.secureCookies), this.cookieOptions());
    res.redirect(303, '/portaal/inloggen?uitgelogd=1');
  }

  private renderLogin(
    res: Response,
    status: number,
    view: { returnTo: string | null; values?: object; errors?: object; message?: string; flash?: string | null },
  ): void {
    const csrfToken = randomBytes(32).toString('base64url');
    res.cookie(LOGIN_CSRF_COOKIE, csrfToken, { ...this.cookieOptions(60 * 60 * 1000), sameSite: 'strict' });
    res.status(status).render('login.njk', { title: 'Inloggen', csrfToken, ...view });
  }
}
