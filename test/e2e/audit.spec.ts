import { todayInAmsterdam } from '../../src/common/dates/calendar-date';
import { binary } from '../support/http';
import { portalLogin } from '../support/portal';
import { APPLICATION, createParticipant, proposedApplication, registerEmployer } from '../support/scenario';
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

  describe('reads of personal data and logins', () => {
    let caseworker: TestUser;
    let employer: TestUser;
    let participantNumber: string;
    const BSN = '111222333';

    beforeAll(async () => {
      caseworker = await createUser(t, ['caseworker']);
      employer = (await registerEmployer(t, '12345678', 'hr@zorg-audit.nl')).user;
      participantNumber = await createParticipant(t, caseworker, BSN);
    });

    async function rows(action: string): Promise<Array<Record<string, any>>> {
      return t.dataSource.query(`SELECT * FROM audit_event WHERE action = $1 ORDER BY id`, [action]);
    }

    it('audits an API login and a failed one, without the password', async () => {
      await t.http.post('/api/v1/auth/token').send({ email: employer.email, password: 'not-the-password' }).expect(401);
      await t.http.post('/api/v1/auth/token').send({ email: employer.email, password: 'a-long-enough-password' }).expect(200);
      const failed = (await rows('auth.login-failed')).filter((r) => r.entity_id === employer.id);
      expect(failed).toHaveLength(1);
      expect(failed[0].after).toEqual(
        expect.objectContaining({ channel: 'api', failures: 1, source: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      );
      const logins = (await rows('auth.login')).filter((r) => r.entity_id === employer.id);
      expect(logins.length).toBeGreaterThanOrEqual(2); // registration's login and this one
      expect(logins.at(-1)).toEqual(expect.objectContaining({ actor_user_id: employer.id, entity_type: 'user' }));
      expect(JSON.stringify([...failed, ...logins])).not.toMatch(/not-the-password|a-long-enough-password|hr@zorg-audit/);
    });

    it('audits a BSN search as "a BSN search" with the participant found, never the BSN', async () => {
      const found = await t.http.post('/api/v1/participants/search').set(bearer(caseworker)).send({ bsn: BSN }).expect(200);
      await t.http.post('/api/v1/participants/search').set(bearer(caseworker)).send({ bsn: '999999990' }).expect(404);
      const searches = await rows('participant.searched-by-bsn');
      expect(searches.map((r) => [r.entity_type, r.entity_id, r.after, r.actor_user_id])).toEqual([
        ['participant', found.body.id, { found: true }, caseworker.id],
        ['participant', 'none', { found: false }, caseworker.id],
      ]);
      const all = await t.dataSource.query(`SELECT * FROM audit_event`);
      expect(JSON.stringify(all)).not.toContain(BSN);
      expect(JSON.stringify(all)).not.toContain('999999990');
    });

    it('audits downloads of documents and decision PDFs', async () => {
      const draftApplication = await t.http
        .post('/api/v1/applications')
        .set(bearer(employer))
        .send({ ...APPLICATION, participant: { participantNumber, dateOfBirth: '1990-05-01' } })
        .expect(201);
      const documentApplicationId = draftApplication.body.id;
      const doc = await t.http
        .post(`/api/v1/applications/${documentApplicationId}/documents`)
        .set(bearer(employer))
        .field('kind', 'employment-contract')
        .attach('file', Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'), 'contract.pdf')
        .expect(201);
      await binary(
        t.http.get(`/api/v1/applications/${documentApplicationId}/documents/${doc.body.id}/content`).set(bearer(caseworker)),
      ).expect(200);
      const applicationId = await proposedApplication(t, employer, caseworker, participantNumber);
      const draft = await t.http
        .post('/api/v1/decisions')
        .set(bearer(caseworker))
        .send({ applicationId, type: 'grant' })
        .expect(201);
      await binary(t.http.get(`/api/v1/decisions/${draft.body.id}/pdf`).set(bearer(caseworker))).expect(200);

      expect(await rows('application-document.downloaded')).toEqual([
        expect.objectContaining({
          actor_user_id: caseworker.id,
          entity_type: 'application-document',
          entity_id: doc.body.id,
          after: { applicationId: documentApplicationId },
        }),
      ]);
      expect(await rows('decision.pdf-downloaded')).toEqual([
        expect.objectContaining({
          actor_user_id: caseworker.id,
          entity_type: 'decision',
          entity_id: draft.body.id,
          after: { issued: false },
        }),
      ]);
    });
  });

  describe('search', () => {
    it('lists events by time range, actor, action and entity type, newest first, a page at a time', async () => {
      const [{ now }] = await t.dataSource.query(`SELECT now() AS now`);
      const from = new Date(new Date(now).getTime() - 60 * 60 * 1000).toISOString();
      const page1 = await t.http
        .get('/api/v1/audit-events')
        .query({ actorUserId: admin.id, action: 'user.created', from, pageSize: '1' })
        .set(bearer(admin))
        .expect(200);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE actor_user_id = $1 AND action = 'user.created'`,
        [admin.id],
      );
      expect(n).toBeGreaterThan(0);
      expect(page1.body).toEqual({
        items: [expect.objectContaining({ action: 'user.created' })],
        page: 1,
        pageSize: 1,
        total: n,
      });

      const byType = await t.http.get('/api/v1/audit-events').query({ entityType: 'participant' }).set(bearer(admin)).expect(200);
      expect(byType.body.items.length).toBeGreaterThan(0);
      expect(byType.body.items.every((e: any) => e.entityType === 'participant')).toBe(true);
      const ids = byType.body.items.map((e: any) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));

      const future = await t.http
        .get('/api/v1/audit-events')
        .query({ from: '2099-01-01T00:00:00Z', to: '2099-01-02T00:00:00+01:00' })
        .set(bearer(admin))
        .expect(200);
      expect(future.body).toEqual({ items: [], page: 1, pageSize: 20, total: 0 });

      // The same filters with an entity id and a page: a page, not the entity's list.
      const paged = await t.http
        .get('/api/v1/audit-events')
        .query({ entityType: 'user', entityId: admin.id, page: '1' })
        .set(bearer(admin));
      expect(paged.body).toEqual(expect.objectContaining({ page: 1, pageSize: 20 }));
    });

    it('refuses a bad time range with 400 naming the field', async () => {
      const res = await t.http
        .get('/api/v1/audit-events')
        .query({ from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' })
        .set(bearer(admin))
        .expect(400);
      expect(res.body.invalidParams).toEqual([{ name: 'to', reason: 'must be after from' }]);
      const naive = await t.http.get('/api/v1/audit-events').query({ from: '2026-12-02' }).set(bearer(admin)).expect(400);
      expect(naive.body.invalidParams[0].name).toBe('from');
      const mixed = await t.http.get('/api/v1/audit-events').query({ action: 'x', limit: '5' }).set(bearer(admin)).expect(400);
      expect(mixed.body.invalidParams[0].name).toBe('limit');
    });

    it('is for admins only', async () => {
      const caseworker = await createUser(t, ['caseworker']);
      await t.http.get('/api/v1/audit-events').query({ action: 'auth.login' }).set(bearer(caseworker)).expect(403);
    });
  });

  describe('the Logboek page (backoffice, admin)', () => {
    it('lists the failed logins for an admin, in Dutch, with the filters kept for the next page', async () => {
      const { agent } = await portalLogin(t, admin);
      const res = await agent.get('/portaal/backoffice/logboek').query({ action: 'auth.login-failed' }).expect(200);
      expect(res.text).toContain('<h1 class="ams-heading ams-heading--level-1">Logboek</h1>');
      expect(res.text).toContain('auth.login-failed');
      expect(res.text).not.toContain('participant.searched-by-bsn');
      expect(res.text).toContain('href="/portaal/backoffice/logboek" aria-current="page"');

      const today = todayInAmsterdam();
      const day = await agent
        .get('/portaal/backoffice/logboek')
        .query({ from: today, to: today, actorUserId: admin.id })
        .expect(200);
      expect(day.text).toContain('auth.login');
      const none = await agent.get('/portaal/backoffice/logboek').query({ from: '2020-01-01', to: '2020-01-01' }).expect(200);
      expect(none.text).toContain('Er zijn geen gebeurtenissen die bij deze zoekopdracht passen.');
    });

    it('says in Dutch when the range ends before it starts', async () => {
      const { agent } = await portalLogin(t, admin);
      const res = await agent.get('/portaal/backoffice/logboek').query({ from: '2026-12-02', to: '2026-12-01' }).expect(400);
      expect(res.text).toContain('Deze datum moet na de begindatum liggen.');
      expect(res.text).toMatch(/id="to"[^>]*aria-invalid="true"/);
    });

    it('is for admins only', async () => {
      const caseworker = await createUser(t, ['caseworker']);
      const { agent } = await portalLogin(t, caseworker);
      await agent.get('/portaal/backoffice/logboek').expect(403);
      const home = await agent.get('/portaal/backoffice').expect(200);
      expect(home.text).not.toContain('/portaal/backoffice/logboek');
    });
  });
});
