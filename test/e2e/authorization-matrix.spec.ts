import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '../../src/auth/principal';
import {
  bearer,
  createEducationPartner,
  createEmployer,
  createTestApp,
  createUser,
  type TestApp,
  type TestUser,
} from '../support/test-app';

type Access = 'public' | 'any' | Role[];

interface Case {
  access: Access;
  /** Status an allowed caller gets for the sample request. */
  ok: number;
  path?: (ctx: Ctx) => string;
  body?: () => object;
  query?: (ctx: Ctx) => Record<string, string>;
}

interface Ctx {
  employerId: string;
  partnerId: string;
  userId: string;
}

const BACKOFFICE: Role[] = ['caseworker', 'approver', 'payment-officer', 'admin'];

/**
 * Every route of the API with the roles that may call it. The first test makes sure this table
 * lists exactly the routes in the OpenAPI document, so a new route cannot go untested.
 */
const MATRIX: Record<string, Case> = {
  'GET /health': { access: 'public', ok: 200 },
  'GET /health/live': { access: 'public', ok: 200 },
  'POST /auth/token': { access: 'public', ok: 401, body: () => ({ email: 'nobody@example.nl', password: 'wrong-password' }) },
  'GET /users/me': { access: 'any', ok: 200 },
  'GET /users': { access: ['admin'], ok: 200 },
  'GET /users/{userId}': { access: ['admin'], ok: 200, path: (c) => `/users/${c.userId}` },
  'POST /users': {
    access: ['admin'],
    ok: 201,
    body: () => ({
      email: `new-${randomBytes(4).toString('hex')}@gemeente.nl`,
      displayName: 'New Caseworker',
      password: 'a-long-enough-password',
      roles: ['caseworker'],
    }),
  },
  'GET /employers': { access: BACKOFFICE, ok: 200 },
  'GET /employers/{employerId}': { access: ['employer', ...BACKOFFICE], ok: 200, path: (c) => `/employers/${c.employerId}` },
  'GET /education-partners': { access: BACKOFFICE, ok: 200 },
  'GET /education-partners/{educationPartnerId}': {
    access: ['education-partner', ...BACKOFFICE],
    ok: 200,
    path: (c) => `/education-partners/${c.partnerId}`,
  },
  'GET /audit-events': { access: ['admin'], ok: 200, query: (c) => ({ entityType: 'employer', entityId: c.employerId }) },
  'GET /minimum-wage-periods': { access: 'any', ok: 200 },
  // A valid but overlapping period: allowed callers reach the business rule (409), others do not.
  'POST /minimum-wage-periods': {
    access: ['admin'],
    ok: 409,
    body: () => ({
      validFrom: '2026-01-01',
      validUntil: '2026-06-30',
      rates: [{ scale: 'regular', age: 21, percentage: '100', hourly: '14.71' }],
    }),
  },
  'GET /lks-parameter-sets': { access: 'any', ok: 200 },
  'POST /lks-parameter-sets': {
    access: ['admin'],
    ok: 409,
    body: () => ({
      validFrom: '2024-01-01',
      capPercentage: '70',
      holidayAllowancePercentage: '8',
      employerCostsPercentage: '23',
      flatRatePercentage: '50',
      flatRateMaxMonths: 6,
    }),
  },
  'POST /lks-calculations': {
    access: 'any',
    ok: 200,
    body: () => ({
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      dateOfBirth: '1990-05-01',
      hoursPerWeek: 32,
      wageValuePercentage: 60,
      scale: 'regular',
      flatRate: false,
    }),
  },
};

describe('authorization matrix', () => {
  let t: TestApp;
  let ctx: Ctx;
  const users = {} as Record<Role, TestUser>;
  let otherEmployerUser: TestUser;
  let otherPartnerUser: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    const employerId = await createEmployer(t, 'Own Employer');
    const partnerId = await createEducationPartner(t, 'Own ROC');
    for (const role of ROLES) {
      users[role] = await createUser(
        t,
        [role],
        role === 'employer' ? { employerId } : role === 'education-partner' ? { educationPartnerId: partnerId } : {},
      );
    }
    otherEmployerUser = await createUser(t, ['employer'], { employerId: await createEmployer(t, 'Other Employer') });
    otherPartnerUser = await createUser(t, ['education-partner'], {
      educationPartnerId: await createEducationPartner(t, 'Other ROC'),
    });
    ctx = { employerId, partnerId, userId: users.caseworker.id };
  });
  afterAll(() => t.close());

  it('lists every route of the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/v1/openapi.json').expect(200)).body;
    const routes = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  function send(route: string, c: Case, user?: TestUser) {
    const [method, template] = route.split(' ');
    const path = `/api/v1${c.path ? c.path(ctx) : template}`;
    let req = method === 'GET' ? t.http.get(path) : t.http.post(path);
    if (c.query) req = req.query(c.query(ctx));
    if (user) req = req.set(bearer(user));
    return c.body ? req.send(c.body()) : req;
  }

  for (const [route, c] of Object.entries(MATRIX)) {
    it(`${route}: anonymous gets ${c.access === 'public' ? c.ok : 401}`, async () => {
      const res = await send(route, c);
      expect(res.status).toBe(c.access === 'public' ? c.ok : 401);
    });

    for (const role of ROLES) {
      const allowed = c.access === 'public' || c.access === 'any' || c.access.includes(role);
      it(`${route}: ${role} gets ${allowed ? c.ok : 403}`, async () => {
        const res = await send(route, c, users[role]);
        expect({ status: res.status, body: res.status === (allowed ? c.ok : 403) ? undefined : res.body }).toEqual({
          status: allowed ? c.ok : 403,
          body: undefined,
        });
      });
    }
  }

  it("gives an employer 404 for another employer's organisation", async () => {
    const res = await t.http.get(`/api/v1/employers/${ctx.employerId}`).set(bearer(otherEmployerUser));
    expect(res.status).toBe(404);
    expect(res.body.detail).not.toMatch(/Own Employer/);
  });

  it("gives an education partner 404 for another partner's institution", async () => {
    const res = await t.http.get(`/api/v1/education-partners/${ctx.partnerId}`).set(bearer(otherPartnerUser));
    expect(res.status).toBe(404);
  });

  it('answers 404 the same way for an employer id that does not exist', async () => {
    const missing = await t.http.get('/api/v1/employers/00000000-0000-4000-8000-000000000000').set(bearer(otherEmployerUser));
    expect(missing.status).toBe(404);
  });

  it('refuses a deactivated account at once, even with a valid token', async () => {
    const user = await createUser(t, ['caseworker']);
    await t.http.get('/api/v1/users/me').set(bearer(user)).expect(200);
    await t.dataSource.query('UPDATE app_user SET active = false WHERE id = $1', [user.id]);
    await t.http.get('/api/v1/users/me').set(bearer(user)).expect(401);
  });
});
