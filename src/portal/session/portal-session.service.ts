import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../auth/principal';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { UsersService } from '../../users/users.service';
import { updateReturning } from '../../database/update-returning';

/** A live portal session: who is logged in, and the token every form must send back. */
export interface PortalSession {
  id: string;
  principal: Principal;
  csrfToken: string;
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison of two tokens (a CSRF token from a form against the session's). */
export function sameToken(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Server-side sessions for the web portals. The browser holds only a random token in an httpOnly
 * cookie; the database holds its hash, the user and the CSRF token. A session ends on logout,
 * after `sessionIdleMinutes` without a request, or `sessionMaxHours` after login, whichever is first;
 * a deactivated account loses its sessions at the next request.
 */
@Injectable()
export class PortalSessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  /** Starts a session for a user whose password was just verified; returns the cookie token. */
  async start(principal: Principal): Promise<{ token: string; session: PortalSession }> {
    const token = randomToken();
    const csrfToken = randomToken();
    const session = await this.dataSource.transaction(async (m) => {
      // Expired sessions of this user are removed on the way (no separate clean-up job needed).
      await m.query(`DELETE FROM portal_session WHERE user_id = $1 AND expires_at <= now()`, [principal.userId]);
      const rows: Array<{ id: string }> = await m.query(
        `INSERT INTO portal_session (token_hash, user_id, csrf_token, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING id`,
        [hashToken(token), principal.userId, csrfToken, this.config.portal.sessionMaxHours],
      );
      await this.audit.record(m, principal, { action: 'portal.login', entityType: 'user', entityId: principal.userId });
      return { id: rows[0].id, principal, csrfToken };
    });
    return { token, session };
  }

  /** The live session for a cookie token, or null; each use extends the idle period. */
  async resolve(token: string | undefined): Promise<PortalSession | null> {
    if (!token || token.length > 100) return null;
    const rows = await updateReturning<{ id: string; user_id: string; csrf_token: string }>(
      this.dataSource.manager,
      `UPDATE portal_session SET last_seen_at = now()
        WHERE token_hash = $1 AND expires_at > now() AND last_seen_at > now() - make_interval(mins => $2)
        RETURNING id, user_id, csrf_token`,
      [hashToken(token), this.config.portal.sessionIdleMinutes],
    );
    if (!rows.length) return null;
    const principal = await this.users.findActivePrincipal(rows[0].user_id);
    if (!principal) return null;
    return { id: rows[0].id, principal, csrfToken: rows[0].csrf_token };
  }

  /** Ends a session (logout). */
  async end(session: PortalSession): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`DELETE FROM portal_session WHERE id = $1`, [session.id]);
      await this.audit.record(m, session.principal, {
        action: 'portal.logout',
        entityType: 'user',
        entityId: session.principal.userId,
      });
    });
  }

  /** A one-time message shown on the next page (after a redirect). */
  async setFlash(session: PortalSession, text: string): Promise<void> {
    await this.dataSource.query(`UPDATE portal_session SET flash = $2 WHERE id = $1`, [session.id, text.slice(0, 500)]);
  }

  async takeFlash(session: PortalSession): Promise<string | null> {
    const rows = await updateReturning<{ flash: string | null }>(
      this.dataSource.manager,
      `UPDATE portal_session s SET flash = NULL FROM (SELECT id, flash FROM portal_session WHERE id = $1 FOR UPDATE) old
        WHERE s.id = old.id AND old.flash IS NOT NULL RETURNING old.flash`,
      [session.id],
    );
    return rows[0]?.flash ?? null;
  }
}
