import { QueryFailedError } from 'typeorm';
import { describeError } from '../../src/common/problem/problem-details.filter';
import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../support/test-app';

describe('errors are RFC 9457 problem+json, never 500, for bad input', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT: '100kb' });
    admin = await createUser(t, ['admin']);
  });
  afterAll(() => t.close());

  function expectProblem(res: { status: number; headers: Record<string, string>; body: any }, status: number) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual(
      expect.objectContaining({
        type: expect.stringMatching(/^https:\/\//),
        title: expect.any(String),
        status,
        detail: expect.any(String),
      }),
    );
  }

  it('answers malformed JSON with 400', async () => {
    const res = await t.http
      .post('/api/v1/lks-parameter-sets')
      .set(bearer(admin))
      .set('Content-Type', 'application/json')
      .send('{"validFrom": "2027-01-01",');
    expectProblem(res, 400);
    expect(res.body.detail).toMatch(/not valid JSON/);
  });

  it('answers a JSON body that is not an object with 400', async () => {
    const res = await t.http.post('/api/v1/auth/token').set('Content-Type', 'application/json').send('"just a string"');
    expectProblem(res, 400);
  });

  it('names each field with the wrong type', async () => {
    const res = await t.http.post('/api/v1/lks-calculations').set(bearer(admin)).send({
      periodStart: 20260101,
      periodEnd: '2026-12-31',
      dateOfBirth: '1990-01-01',
      hoursPerWeek: '32',
      scale: 'regular',
      flatRate: 'no',
      wageValuePercentage: 60,
    });
    expectProblem(res, 400);
    const names = res.body.invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['periodStart', 'hoursPerWeek', 'flatRate']));
    expect(names).not.toContain('periodEnd');
  });

  it('refuses unknown fields, naming them', async () => {
    const res = await t.http.post('/api/v1/auth/token').send({ email: 'a@b.nl', password: 'x', isAdmin: true });
    expectProblem(res, 400);
    expect(res.body.invalidParams).toContainEqual({ name: 'isAdmin', reason: 'is not a known field' });
  });

  it('refuses unknown fields in nested objects', async () => {
    const res = await t.http
      .post('/api/v1/minimum-wage-periods')
      .set(bearer(admin))
      .send({ validFrom: '2026-07-01', rates: [{ scale: 'regular', age: 21, percentage: '100', hourly: '14.99', extra: 1 }] });
    expectProblem(res, 400);
    expect(res.body.invalidParams).toContainEqual({ name: 'rates[0].extra', reason: 'is not a known field' });
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.http
      .post('/api/v1/auth/token')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.nl', password: 'x'.repeat(200 * 1024) }));
    expectProblem(res, 413);
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const res = await t.http.get('/api/v1/does-not-exist').set(bearer(admin));
    expectProblem(res, 404);
  });

  it('answers a malformed id with 400 naming the parameter', async () => {
    const res = await t.http.get('/api/v1/employers/not-a-uuid').set(bearer(admin));
    expectProblem(res, 400);
    expect(res.body.invalidParams).toEqual([{ name: 'employerId', reason: 'must be a UUID' }]);
  });

  it('answers a missing or bad token with 401', async () => {
    expectProblem(await t.http.get('/api/v1/users/me'), 401);
    expectProblem(await t.http.get('/api/v1/users/me').set('Authorization', 'Bearer nonsense'), 401);
  });

  it('sends the API-Version header and a request id on every response', async () => {
    const ok = await t.http.get('/api/v1/health/live');
    const bad = await t.http.get('/api/v1/users/me');
    for (const res of [ok, bad]) {
      expect(res.headers['api-version']).toMatch(/^\d+\.\d+\.\d+$/);
      expect(res.headers['x-request-id']).toBeTruthy();
    }
    expect(bad.body.requestId).toBe(bad.headers['x-request-id']);
  });
});

describe('hostile input is refused with 4xx, and errors never leak into logs', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t, ['admin']);
  });
  afterAll(() => t.close());

  it('refuses deeply nested JSON with 400 instead of overflowing the stack', async () => {
    const deep = '{"x":'.repeat(3000) + '1' + '}'.repeat(3000);
    const res = await t.http.post('/api/v1/auth/token').set('Content-Type', 'application/json').send(deep);
    expect(res.status).toBe(400);
    expect(res.body.invalidParams[0].reason).toMatch(/nested deeper than 32 levels/);
  });

  it('refuses NUL characters in body and query, naming the field', async () => {
    const body = await t.http
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email: 'nul@example.nl', displayName: 'Jan\u0000Jansen', password: 'long-enough-password', roles: ['caseworker'] });
    expect(body.status).toBe(400);
    expect(body.body.invalidParams).toEqual([{ name: 'displayName', reason: 'must not contain NUL characters' }]);
    const query = await t.http.get('/api/v1/audit-events?entityType=a%00b&entityId=x').set(bearer(admin));
    expect(query.status).toBe(400);
    expect(query.body.invalidParams).toEqual([{ name: 'entityType', reason: 'must not contain NUL characters' }]);
  });

  it('answers a body that is not JSON with 415', async () => {
    const res = await t.http.post('/api/v1/auth/token').set('Content-Type', 'text/plain').send('email=a@b.nl');
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('reports one reason per field', async () => {
    const res = await t.http.post('/api/v1/lks-calculations').set(bearer(admin)).send({
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      dateOfBirth: '1990-05-01',
      hoursPerWeek: '32',
      wageValuePercentage: 60,
      scale: 'regular',
      flatRate: false,
    });
    expect(res.status).toBe(400);
    expect(res.body.invalidParams.filter((p: { name: string }) => p.name === 'hoursPerWeek')).toHaveLength(1);
  });

  it('maps a database constraint race to 409 and logs no query parameters', async () => {
    const email = 'race@example.nl';
    // Two creations at once: one wins, the other hits the unique index (or the check) — never a 500.
    const attempts = await Promise.allSettled(
      [1, 2, 3].map(() =>
        t.http
          .post('/api/v1/users')
          .set(bearer(admin))
          .send({ email, displayName: 'Race', password: 'long-enough-password', roles: ['caseworker'] }),
      ),
    );
    const statuses = attempts.map((a) => (a.status === 'fulfilled' ? a.value.status : 0)).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(t.logLines.join('')).not.toMatch(/argon2id|"parameters"/);
  });

  it('logs unexpected database errors without their query parameters', () => {
    const error = new QueryFailedError(
      'INSERT INTO app_user VALUES ($1, $2)',
      ['j@example.nl', '$argon2id$secret'],
      Object.assign(new Error('boom'), { code: 'XX000' }),
    );
    const logged = JSON.stringify(describeError(error));
    expect(logged).toContain('boom');
    expect(logged).not.toContain('argon2id');
    expect(logged).not.toContain('j@example.nl');
  });
});
