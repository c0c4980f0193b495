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
    const res = await t.http
      .post('/api/v1/lks-calculations')
      .set(bearer(admin))
      .send({
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
      .send({ validFrom: '2026-07-01', rates: [{ scale: 'regular', age: 21, percentage: '100', hourly: '14.93', extra: 1 }] });
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
