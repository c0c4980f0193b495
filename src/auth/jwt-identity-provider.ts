import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { UsersService } from '../users/users.service';
import { IdentityProvider } from './identity-provider';
import type { Principal } from './principal';

const ISSUER = 'werkkans';
const AUDIENCE = 'werkkans-api';

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

  issue(userId: string): { accessToken: string; expiresIn: number } {
    const expiresIn = this.config.jwt.ttlSeconds;
    const accessToken = this.jwt.sign(
      { sub: userId },
      { secret: this.key as unknown as string, expiresIn, issuer: ISSUER, audience: AUDIENCE, algorithm: 'HS256' },
    );
    return { accessToken, expiresIn };
  }

  async authenticate(bearerToken: string): Promise<Principal | null> {
    let payload: { sub?: unknown };
    try {
      payload = this.jwt.verify(bearerToken, {
        secret: this.key as unknown as string,
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
    } catch {
      return null;
    }
    if (typeof payload.sub !== 'string' || !/^[0-9a-f-]{36}$/i.test(payload.sub)) return null;
    return this.users.findActivePrincipal(payload.sub);
  }
}
