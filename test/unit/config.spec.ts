import { ConfigError, loadConfig } from '../../src/config/config';

describe('configuration from the environment', () => {
  it('has development defaults that work on a fresh machine', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.embeddedPostgres.dataDir).toMatch(/\.data\/postgres$/);
    expect(config.runMigrations).toBe(true);
  });

  it('trusts X-Forwarded-For only from the proxies named in TRUST_PROXY (login throttling counts per client address)', () => {
    expect(loadConfig({}).trustProxy).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toBe('10.0.0.0/8, loopback');
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: must name the proxies/);
  });

  it('names every wrong variable and the reason', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', BODY_LIMIT: 'lots', BSN_HASH_KEY: 'c2hvcnQ=' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT: /);
    expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(message).toMatch(/BODY_LIMIT: must look like 100kb or 1mb/);
    expect(message).toMatch(/BSN_HASH_KEY: must be a 32-byte key/);
    expect(message).not.toMatch(/c2hvcnQ=/);
  });

  it('refuses development secrets and the embedded database in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET: must be set explicitly in production[\s\S]*BSN_ENCRYPTION_KEY[\s\S]*BSN_HASH_KEY[\s\S]*DATABASE_URL: is required in production[\s\S]*PUBLIC_BASE_URL: must be an https:\/\/ URL in production/,
    );
  });

  it('starts in production when everything is set', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db.internal:5432/werkkans',
      JWT_SECRET: 'x'.repeat(40),
      BSN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      BSN_HASH_KEY: Buffer.alloc(32, 9).toString('base64'),
      PUBLIC_BASE_URL: 'https://werkkans.amstelstad.nl',
    });
    expect(config.env).toBe('production');
    // Portal session cookies are Secure behind https.
    expect(config.portal.secureCookies).toBe(true);
  });
});
