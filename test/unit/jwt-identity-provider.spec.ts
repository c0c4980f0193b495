import { JwtService } from '@nestjs/jwt';
import { JwtIdentityProvider } from '../../src/auth/jwt-identity-provider';
import type { Principal } from '../../src/auth/principal';
import type { AppConfig } from '../../src/config/config';
import type { UsersService } from '../../src/users/users.service';

const USER_ID = '9b2f7a3e-1111-4222-8333-444455556666';
const PRINCIPAL: Principal = {
  kind: 'user',
  userId: USER_ID,
  displayName: 'Hanna de Vries',
  roles: ['employer'],
  employerId: '1b2f7a3e-1111-4222-8333-444455556666',
  educationPartnerId: null,
};

function provider(secret = 'a-secret-of-at-least-thirty-two-characters') {
  let active = true;
  const findActivePrincipal = jest.fn(async (id: string) => (active && id === USER_ID ? PRINCIPAL : null));
  const identity = new JwtIdentityProvider(
    new JwtService({}),
    { findActivePrincipal } as unknown as UsersService,
    {
      jwt: { secret, ttlSeconds: 60 },
    } as AppConfig,
  );
  return { identity, findActivePrincipal, deactivate: () => (active = false) };
}

describe('JwtIdentityProvider', () => {
  afterEach(() => jest.useRealTimers());

  it('loads the user on every request, also with a token it verified before, so a deactivation counts at once', async () => {
    const { identity, findActivePrincipal, deactivate } = provider();
    const { accessToken } = identity.issue(USER_ID);
    expect(await identity.authenticate(accessToken)).toEqual(PRINCIPAL);
    expect(await identity.authenticate(accessToken)).toEqual(PRINCIPAL);
    deactivate();
    expect(await identity.authenticate(accessToken)).toBeNull();
    expect(findActivePrincipal).toHaveBeenCalledTimes(3);
  });

  it('refuses a token it verified before once the token has expired', async () => {
    jest.useFakeTimers({ now: new Date('2026-03-02T09:00:00Z') });
    const { identity } = provider();
    const { accessToken } = identity.issue(USER_ID);
    expect(await identity.authenticate(accessToken)).toEqual(PRINCIPAL);
    jest.setSystemTime(new Date('2026-03-02T09:00:59.999Z'));
    expect(await identity.authenticate(accessToken)).toEqual(PRINCIPAL);
    jest.setSystemTime(new Date('2026-03-02T09:01:00Z'));
    expect(await identity.authenticate(accessToken)).toBeNull();
    expect(await identity.authenticate(accessToken)).toBeNull();
  });

  it('refuses an altered token or one signed with another secret, also after the genuine token was verified', async () => {
    const { identity } = provider();
    const { accessToken } = identity.issue(USER_ID);
    expect(await identity.authenticate(accessToken)).toEqual(PRINCIPAL);
    const [header, payload, signature] = accessToken.split('.');
    const otherSignature = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA');
    expect(await identity.authenticate(`${header}.${payload}.${otherSignature}`)).toBeNull();
    const forged = provider('another-secret-of-at-least-thirty-two-chars').identity.issue(USER_ID).accessToken;
    expect(await identity.authenticate(forged)).toBeNull();
  });
});
