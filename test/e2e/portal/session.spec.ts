import request from 'supertest';
import { Clock } from '../../../src/common/clock';
import { createEmployer, createTestApp, createUser, type TestApp } from '../../support/test-app';
import { csrfFrom, portalLogin, setCookies, TEST_PASSWORD } from '../../support/portal';

describe('portal login, sessions and CSRF', () => {
  let t: TestApp;
  let employerUser: Awaited<ReturnType<typeof createUser>>;
  let caseworker: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    t = await createTestApp();
    const employerId = await createEmployer(t);
    employerUser = await createUser(t, ['employer'], { employerId });
    caseworker = await createUser(t, ['caseworker']);
  });
  afterAll(() => t.close());

  it('sends a visitor without a session to the login page and back afterwards', async () => {
    const res = await t.http.get('/portaal/account?tab=2').expect(303);
    expect(res.headers.location).toBe('/portaal/inloggen?terug=%2Fportaal%2Faccount%3Ftab%3D2');
  });

  it('serves the login page in Dutch with a CSRF token and strict security headers', async () => {
    const res = await t.http.get('/portaal/inloggen').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<html lang="nl">');
    expect(res.text).toContain('<label class="ams-label" for="email">E-mailadres</label>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['permissions-policy']).toContain('camera=()');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const loginCookie = setCookies(res).find((c) => c.startsWith('werkkans_login_csrf='));
    expect(loginCookie).toMatch(/HttpOnly/);
    expect(loginCookie).toMatch(/SameSite=Strict/);
    expect(csrfFrom(res.text)).toHaveLength(43);
  });

  it('refuses a login form without the matching CSRF cookie', async () => {
    const res = await t.http
      .post('/portaal/inloggen')
      .type('form')
      .send({ _csrf: 'x'.repeat(43), email: employerUser.email, password: TEST_PASSWORD })
      .expect(403);
    expect(res.text).toContain('Het inlogformulier was verlopen');
    expect(setCookies(res).some((c) => c.startsWith('werkkans_session='))).toBe(false);
  });

  it('says in Dutch that the password is wrong, and starts no session', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get('/portaal/inloggen');
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM portal_session`);
    const res = await agent
      .post('/portaal/inloggen')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: employerUser.email, password: 'wrong-password-1' })
      .expect(401);
    expect(res.text).toContain('Het e-mailadres of het wachtwoord klopt niet.');
    expect(res.text).toContain(`value="${employerUser.email}"`);
    const after = await t.dataSource.query(`SELECT count(*)::int AS n FROM portal_session`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('shows field messages for an empty form', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get('/portaal/inloggen');
    const res = await agent
      .post('/portaal/inloggen')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: 'geen-adres' })
      .expect(422);
    expect(res.text).toContain('id="email-error"');
    expect(res.text).toContain('Vul een geldig e-mailadres in');
    expect(res.text).toContain('Vul uw wachtwoord in.');
    expect(res.text).toMatch(/id="email"[^>]*aria-invalid="true"[^>]*aria-describedby="email-error"/);
  });

  it('logs in with an httpOnly SameSite cookie, stores only a hash of it, and audits the login', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get('/portaal/inloggen?terug=%2Fportaal%2Fwerkgever%2Forganisatie');
    const res = await agent
      .post('/portaal/inloggen')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        email: employerUser.email,
        password: TEST_PASSWORD,
        terug: '/portaal/werkgever/organisatie',
      })
      .expect(303);
    expect(res.headers.location).toBe('/portaal/werkgever/organisatie');
    const cookie = setCookies(res).find((c) => c.startsWith('werkkans_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const token = /^werkkans_session=([^;]+)/.exec(cookie)![1];
    const rows = await t.dataSource.query(`SELECT token_hash, csrf_token FROM portal_session WHERE user_id = $1`, [
      employerUser.id,
    ]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r: { token_hash: Buffer }) => r.token_hash.toString('utf8').includes(token))).toBe(false);
    const audit = await t.dataSource.query(`SELECT action FROM audit_event WHERE entity_id = $1 AND action = 'portal.login'`, [
      employerUser.id,
    ]);
    expect(audit.length).toBeGreaterThan(0);
  });

  it('never redirects outside the portal after login', async () => {
    for (const evil of ['https://evil.example/x', '//evil.example', '/portaal//evil.example', '/api/v1/users']) {
      const agent = request.agent(t.app.getHttpServer());
      const page = await agent.get('/portaal/inloggen');
      const res = await agent
        .post('/portaal/inloggen')
        .type('form')
        .send({ _csrf: csrfFrom(page.text), email: caseworker.email, password: TEST_PASSWORD, terug: evil })
        .expect(303);
      expect(res.headers.location).toBe('/portaal/backoffice');
    }
  });

  it('sends each role to its own portal home', async () => {
    const employer = await portalLogin(t, employerUser);
    expect((await employer.agent.get('/portaal').expect(303)).headers.location).toBe('/portaal/werkgever');
    const staff = await portalLogin(t, caseworker);
    expect((await staff.agent.get('/portaal').expect(303)).headers.location).toBe('/portaal/backoffice');
  });

  it('refuses a form post without the session CSRF token, and logs out with it', async () => {
    const { agent, csrf } = await portalLogin(t, employerUser);
    const forged = await agent.post('/portaal/uitloggen').type('form').send({}).expect(403);
    expect(forged.text).toContain('Formulier verlopen');
    await agent
      .post('/portaal/uitloggen')
      .type('form')
      .send({ _csrf: 'a'.repeat(43) })
      .expect(403);
    await agent.get('/portaal').expect(303);
    const out = await agent.post('/portaal/uitloggen').type('form').send({ _csrf: csrf }).expect(303);
    expect(out.headers.location).toBe('/portaal/inloggen?uitgelogd=1');
    expect(setCookies(out).some((c) => /^werkkans_session=;/.test(c))).toBe(true);
    const after = await agent.get('/portaal').expect(303);
    expect(after.headers.location).toMatch(/^\/portaal\/inloggen/);
    const audit = await t.dataSource.query(`SELECT 1 FROM audit_event WHERE entity_id = $1 AND action = 'portal.logout'`, [
      employerUser.id,
    ]);
    expect(audit.length).toBeGreaterThan(0);
  });

  it('ends a session after the idle time and when the account is deactivated', async () => {
    const idle = await portalLogin(t, caseworker);
    await t.dataSource.query(`UPDATE portal_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`, [
      caseworker.id,
    ]);
    expect((await idle.agent.get('/portaal').expect(303)).headers.location).toMatch(/^\/portaal\/inloggen/);

    const other = await createUser(t, ['approver']);
    const session = await portalLogin(t, other);
    await t.dataSource.query(`UPDATE app_user SET active = false WHERE id = $1`, [other.id]);
    expect((await session.agent.get('/portaal').expect(303)).headers.location).toMatch(/^\/portaal\/inloggen/);
  });

  it('answers unknown portal pages with a Dutch 404 page and leaves the API on problem+json', async () => {
    const page = await t.http.get('/portaal/bestaat-niet').expect(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Pagina niet gevonden');
    const api = await t.http.get('/api/v1/bestaat-niet').expect(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await t.http.get('/').expect(302)).headers.location).toBe('/portaal');
  });

  it('tells a user whose session ran out why the login page is back', async () => {
    const { agent } = await portalLogin(t, caseworker);
    await t.dataSource.query(`UPDATE portal_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`, [
      caseworker.id,
    ]);
    const res = await agent.get('/portaal/account').expect(303);
    expect(res.headers.location).toBe('/portaal/inloggen?verlopen=1&terug=%2Fportaal%2Faccount');
    const page = await agent.get(res.headers.location).expect(200);
    expect(page.text).toContain('U bent automatisch uitgelogd');
  });

  it('lets a logged-in user log out from a public page too', async () => {
    const { agent } = await portalLogin(t, employerUser);
    const page = await agent.get('/portaal/werkgever/registreren/ontvangen').expect(200);
    const logoutForm = /<form method="post" action="\/portaal\/uitloggen"[\s\S]*?name="_csrf" value="([^"]*)"/.exec(page.text);
    expect(logoutForm?.[1]).toHaveLength(43);
    await agent.post('/portaal/uitloggen').type('form').send({ _csrf: logoutForm![1] }).expect(303);
    expect((await agent.get('/portaal/account').expect(303)).headers.location).toMatch(/^\/portaal\/inloggen/);
  });

  it('reads uploads only on upload pages, and answers bad uploads and missing files with the right status', async () => {
    // An anonymous multipart post elsewhere is not read into memory, but refused.
    const anonymous = await t.http.post('/portaal/inloggen').attach('file', Buffer.alloc(64 * 1024, 1), 'groot.pdf');
    expect(anonymous.status).toBe(415);
    expect(anonymous.text).toContain('Dit formulier neemt geen bestanden aan.');
    const { agent, csrf } = await portalLogin(t, employerUser);
    const wrongField = await agent
      .post('/portaal/werkgever/aanvragen/00000000-0000-4000-8000-000000000000/documenten')
      .field('_csrf', csrf)
      .attach('bijlage', Buffer.from('%PDF-1.4'), 'a.pdf');
    expect(wrongField.status).toBe(400);
    expect(wrongField.text).toContain('Stuur één bestand mee');
    const missing = await t.http.get('/portaal/static/app/bestaat-niet.js').expect(404);
    expect(missing.text).toContain('Pagina niet gevonden');
  });

  it('serves the design system stylesheets and fonts', async () => {
    await t.http
      .get('/portaal/static/ds/css/index.css')
      .expect(200)
      .expect('content-type', /text\/css/);
    await t.http.get('/portaal/static/ds/tokens/index.css').expect(200);
    await t.http.get('/portaal/static/ds/assets/font/AmsterdamSans-Regular.woff2').expect(200);
    await t.http.get('/portaal/static/app/portal.css').expect(200);
    await t.http.get('/portaal/static/ds/css/nope.css').expect(404);
  });
});

describe('portal cookies behind https', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://werkkans.example.nl' });
  });
  afterAll(() => t.close());

  it('uses a Secure __Host- cookie', async () => {
    const user = await createUser(t, ['caseworker']);
    const page = await t.http.get('/portaal/inloggen');
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const loginCookie = setCookies(page).find((c) => c.startsWith('werkkans_login_csrf='))!;
    expect(loginCookie).toMatch(/Secure/);
    // A cookie jar keeps Secure cookies off plain http, so this test sends it by hand.
    const res = await t.http
      .post('/portaal/inloggen')
      .set('Cookie', loginCookie.split(';')[0])
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: user.email, password: TEST_PASSWORD })
      .expect(303);
    const cookie = setCookies(res).find((c) => c.startsWith('__Host-werkkans_session='));
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).not.toMatch(/Domain=/);
  });
});

describe('password guessing', () => {
  let t: TestApp;
  let now: number;
  const A = '203.0.113.10';
  const B = '198.51.100.20';
  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(() => {
    now = Date.parse('2026-12-01T09:00:00Z');
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  function apiAttempt(email: string, password: string, from: string) {
    return t.http.post('/api/v1/auth/token').set('X-Forwarded-For', from).send({ email, password });
  }

  async function portalAttempt(email: string, password: string, from: string) {
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get('/portaal/inloggen');
    return agent
      .post('/portaal/inloggen')
      .set('X-Forwarded-For', from)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email, password });
  }

  async function audits(entityId: string, action: string): Promise<Array<{ after: any; actor_role: string }>> {
    return t.dataSource.query(`SELECT after, actor_role FROM audit_event WHERE entity_id = $1 AND action = $2 ORDER BY id`, [
      entityId,
      action,
    ]);
  }

  it('never locks the owner out: after wrong passwords from one source the right one from another works at once', async () => {
    const user = await createUser(t, ['approver']);
    for (let i = 0; i < 3; i++) await portalAttempt(user.email, `wrong-password-${i}`, A).then((r) => expect(r.status).toBe(401));
    for (let i = 3; i < 5; i++) await apiAttempt(user.email, `wrong-password-${i}`, A).expect(401);

    // The guessing source waits, in the API and the portal alike, also with the right password.
    const refused = await apiAttempt(user.email, TEST_PASSWORD, A).expect(429);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.headers['retry-after']).toBe('30');
    const page = await portalAttempt(user.email.toUpperCase(), TEST_PASSWORD, A);
    expect(page.status).toBe(429);
    expect(page.headers['retry-after']).toBe('30');
    expect(page.text).toContain('Er is te vaak een verkeerd wachtwoord gebruikt. Probeer het over 30 seconden opnieuw.');
    expect(setCookies(page).some((c) => c.startsWith('werkkans_session='))).toBe(false);

    // The owner, from a source that has not been failing, gets in at once.
    await apiAttempt(user.email, TEST_PASSWORD, B).expect(200);
    const portal = await portalAttempt(user.email, TEST_PASSWORD, B);
    expect(portal.status).toBe(303);

    expect(await audits(user.id, 'auth.login-failed')).toHaveLength(5);
    const [throttled] = await audits(user.id, 'auth.login-throttled');
    expect(throttled.after).toEqual(expect.objectContaining({ reason: 'account-delay', failures: 5, delaySeconds: 30 }));
    expect(throttled.actor_role).toBe('system:login');
    expect(await audits(user.id, 'auth.login')).toHaveLength(1 + 1); // createUser's login and the one from B
  });

  it('doubles the delay with each further failure, and lets the right password through once it has passed', async () => {
    const user = await createUser(t, ['payment-officer']);
    for (let i = 0; i < 5; i++) await apiAttempt(user.email, 'wrong-password', A).expect(401);
    now += 31_000;
    await apiAttempt(user.email, 'wrong-password', A).expect(401);
    const refused = await apiAttempt(user.email, TEST_PASSWORD, A).expect(429);
    expect(refused.headers['retry-after']).toBe('60');
    now += 59_000;
    expect((await apiAttempt(user.email, TEST_PASSWORD, A).expect(429)).headers['retry-after']).toBe('1');
    now += 1_000;
    await apiAttempt(user.email, TEST_PASSWORD, A).expect(200);
    // A success clears the account's count: the next wrong password is free again.
    await apiAttempt(user.email, 'wrong-password', A).expect(401);
    await apiAttempt(user.email, TEST_PASSWORD, A).expect(200);
  });

  it('refuses every source after 100 consecutive failures for an account, until the day has passed', async () => {
    const user = await createUser(t, ['approver']);
    await apiAttempt(user.email, 'wrong-password', '192.0.2.1').expect(401);
    // 98 more failures from as many sources (a botnet, each source trying once), written directly to keep the test fast.
    await t.dataSource.query(`UPDATE login_throttle SET failures = 99 WHERE scope = 'account'`);
    await apiAttempt(user.email, 'wrong-password', '192.0.2.2').expect(401);
    const capped = await apiAttempt(user.email, TEST_PASSWORD, '192.0.2.3').expect(429);
    expect(Number(capped.headers['retry-after'])).toBe(24 * 60 * 60);
    expect(capped.body.detail).toContain('today');
    const [throttled] = await audits(user.id, 'auth.login-throttled');
    expect(throttled.after).toEqual(expect.objectContaining({ reason: 'daily-cap', failures: 100 }));
    now += 24 * 60 * 60 * 1000;
    await apiAttempt(user.email, TEST_PASSWORD, '192.0.2.3').expect(200);
  });

  it('counts a burst of parallel guesses before checking them, so only the free ones get through', async () => {
    const user = await createUser(t, ['payment-officer']);
    const burst = await Promise.all(Array.from({ length: 10 }, () => apiAttempt(user.email, 'wrong-password', '203.0.113.77')));
    expect(burst.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    expect(await audits(user.id, 'auth.login-failed')).toHaveLength(5);
  });

  it('slows down a source that sprays one password over many accounts', async () => {
    const S = '203.0.113.99';
    await apiAttempt('first-target@example.nl', 'Welkom2026!', S).expect(401);
    await t.dataSource.query(`UPDATE login_throttle SET failures = 19 WHERE scope = 'source' AND failures = 1`);
    await apiAttempt('twentieth-target@example.nl', 'Welkom2026!', S).expect(401);
    const refused = await apiAttempt('next-target@example.nl', 'Welkom2026!', S).expect(429);
    expect(refused.headers['retry-after']).toBe('30');
    // Other sources are not slowed down by it.
    await apiAttempt('next-target@example.nl', 'Welkom2026!', B).expect(401);
  });

  it('counts unknown addresses the same way, storing neither the address nor the source', async () => {
    const email = 'niemand@onbekend.example.nl';
    for (let i = 0; i < 5; i++) await apiAttempt(email, 'guess-password', '203.0.113.50').expect(401);
    await apiAttempt(email, 'guess-password', '203.0.113.50').expect(429);
    const rows = await t.dataSource.query(`SELECT scope, encode(subject_key, 'hex') AS k FROM login_throttle`);
    expect(JSON.stringify(rows)).not.toMatch(/niemand|203\.0\.113/);
    const failed = await t.dataSource.query(`SELECT entity_type, after FROM audit_event WHERE action = 'auth.login-failed'`);
    expect(JSON.stringify(failed)).not.toMatch(/niemand|203\.0\.113|guess-password/);
    expect(failed.some((r: any) => r.entity_type === 'login-account')).toBe(true);
  });

  it('starts counting again after the window', async () => {
    const user = await createUser(t, ['approver']);
    for (let i = 0; i < 5; i++) await apiAttempt(user.email, 'wrong-password', A).expect(401);
    now += 24 * 60 * 60 * 1000 + 1;
    await apiAttempt(user.email, 'wrong-password', A).expect(401);
    await apiAttempt(user.email, TEST_PASSWORD, A).expect(200);
  });
});
