import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { UsersService } from '../users/users.service';
import { IdentityProvider } from './identity-provider';
import type { Principal } from './principal';

const ISSUER = 'werkkans';
const AUDIENCE = 'werkkans-api';
/** How many verified tokens are remembered; beyond that the oldest is forgotten (and verified again when it comes back). */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * Built-in identity provider: short-lived HS256 tokens issued after password login. The user is
 * loaded on every request so a deactivated account or a changed role takes effect at once.
 */
@Injectable()
export class JwtIdentityProvider extends IdentityProvider {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    // A KeyObject made once: given a string, jsonwebtoken tries to parse it as a public key on every call.
    this.key = createSecretKey(Buffer.from(config.jwt.secret, 'utf8'));
  }

  private readonly key: KeyObject;
  /** Tokens whose signature and claims were verified: their subject and when they expire. */
  private readonly verified = new Map<string, { userId: string; expiresAtMs: number }>();

  issue(userId: string): { accessToken: string; expiresIn: number } {
    const expiresIn = this.config.jwt.ttlSeconds;
    const accessToken = this.jwt.sign(
      { sub: userId },
      { secret: this.key as unknown as string, expiresIn, issuer: ISSUER, audience: AUDIENCE, algorithm: 'HS256' },
    );
    return { accessToken, expiresIn };
  }

  async authenticate(bearerToken: string): Promise<Principal | null> {
    const userId = this.verifiedSubject(bearerToken);
    return userId ? this.users.findActivePrincipal(userId) : null;
  }

  /**
   * The user id of a token with a valid signature and claims that has not expired. A client sends
   * the same token with every request, so a verified token is remembered with its subject and
   * expiry: only the signature check is saved, the expiry is checked on every request and the
   * user is still loaded every time.
   */
  private verifiedSubject(token: string): string | null {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return known.userId;
      this.verified.delete(token);
      return null;
    }
    let payload: { sub?: unknown; exp?: unknown; nbf?: unknown };
    try {
      payload = this.jwt.verify(token, {
        secret: this.key as unknown as string,
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
    } catch {
      return null;
    }
    if (typeof payload.sub !== 'string' || !/^[0-9a-f-]{36}$/i.test(payload.sub)) return null;
    // Tokens are issued with an expiry and no not-before; anything else is verified every time.
    if (typeof payload.exp === 'number' && payload.nbf === undefined) {
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { userId: payload.sub, expiresAtMs: payload.exp * 1000 });
    }
    return payload.sub;
  }
}
