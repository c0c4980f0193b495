import { bearer, createTestApp, createUser, type TestApp, type TestUser } from '../support/test-app';

describe('audit trail', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t, ['admin']);
  });
  afterAll(() => t.close());

  it('writes who, what, before/after and the request id for a state change', async () => {
    const res = await t.http
      .post('/api/v1/users')
      .set(bearer(admin))
      .set('X-Request-Id', 'req-audit-test-1')
      .send({
        email: 'caseworker@gemeente.nl',
        displayName: 'C. Worker',
        password: 'long-enough-password',
        roles: ['caseworker'],
      })
      .expect(201);
    const rows = await t.dataSource.query(`SELECT * FROM audit_event WHERE entity_type = 'user' AND entity_id = $1`, [
      res.body.id,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual(
      expect.objectContaining({
        actor_user_id: admin.id,
        actor_role: 'admin',
        action: 'user.created',
        before: null,
        request_id: 'req-audit-test-1',
      }),
    );
    expect(rows[0].after).toEqual(expect.objectContaining({ email: 'caseworker@gemeente.nl', roles: ['caseworker'] }));
    expect(JSON.stringify(rows[0].after)).not.toMatch(/argon2|password/i);
  });

  it('writes no audit row and no user when the change fails', async () => {
    const [{ count: before }] = await t.dataSource.query('SELECT count(*) FROM audit_event');
    await t.http
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({
        email: 'CASEWORKER@gemeente.nl',
        displayName: 'Duplicate',
        password: 'long-enough-password',
        roles: ['caseworker'],
      })
      .expect(409);
    const [{ count: after }] = await t.dataSource.query('SELECT count(*) FROM audit_event');
    expect(after).toBe(before);
  });

  it('cannot be updated, deleted or truncated by the application user', async () => {
    await expect(t.dataSource.query(`UPDATE audit_event SET action = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    const [{ count }] = await t.dataSource.query(`SELECT count(*) FROM audit_event WHERE action = 'user.created'`);
    expect(Number(count)).toBeGreaterThan(0);
  });

  it('is readable per entity by admins, with paging', async () => {
    const created = await t.dataSource.query(`SELECT entity_id FROM audit_event WHERE action = 'user.created' LIMIT 1`);
    const res = await t.http
      .get('/api/v1/audit-events')
      .query({ entityType: 'user', entityId: created[0].entity_id, limit: '1' })
      .set(bearer(admin))
      .expect(200);
    expect(res.body).toHaveLength(1);
    const next = await t.http
      .get('/api/v1/audit-events')
      .query({ entityType: 'user', entityId: created[0].entity_id, afterId: res.body[0].id })
      .set(bearer(admin))
      .expect(200);
    expect(next.body).toEqual([]);
  });

  it('rejects a bad paging parameter with 400 naming it', async () => {
    const res = await t.http
      .get('/api/v1/audit-events')
      .query({ entityType: 'user', entityId: 'x', limit: '5000' })
      .set(bearer(admin))
      .expect(400);
    expect(res.body.invalidParams[0].name).toBe('limit');
  });
});
