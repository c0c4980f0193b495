import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../support/test-app';

const BSN = '111222333'; // passes the elfproef

describe('logs', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t, ['admin']);
  });
  afterAll(() => t.close());

  it('are JSON lines with the request id and never contain a BSN, whatever the request carries', async () => {
    await t.http.get(`/api/v1/employers/${BSN}`).set(bearer(admin)).set('X-Request-Id', 'privacy-1');
    await t.http.get(`/api/v1/audit-events?entityType=participant&entityId=${BSN}`).set(bearer(admin));
    await t.http.post('/api/v1/auth/token').send({ email: `${BSN}@example.nl`, password: BSN });
    await t.http.post('/api/v1/lks-calculations').set(bearer(admin)).send({ bsn: BSN });
    const lines = t.logLines.join('');
    expect(t.logLines.length).toBeGreaterThan(3);
    expect(lines).not.toContain(BSN);
    const first = JSON.parse(t.logLines.find((l) => l.includes('privacy-1'))!);
    expect(first).toEqual(expect.objectContaining({ requestId: 'privacy-1', method: 'GET', status: 400 }));
  });

  it('do not echo a BSN back in error responses either', async () => {
    const res = await t.http.post('/api/v1/lks-calculations').set(bearer(admin)).send({ bsn: BSN });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toContain(BSN);
  });
});
