import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod, type Type } from '@nestjs/common';
import { PortalModule } from '../../../src/portal/portal.module';
import { PORTAL_PUBLIC_KEY, PORTAL_ROLES_KEY } from '../../../src/portal/shared/portal-metadata';
import { createTestApp, type TestApp } from '../../support/test-app';

interface PortalRoute {
  method: string;
  path: string;
  public: boolean;
  roles: string[];
}

/** Every route of every controller that PortalModule brings in, with its declared access. */
function portalRoutes(): PortalRoute[] {
  const controllers = new Set<Type>();
  const seen = new Set<unknown>();
  const visit = (module: unknown) => {
    if (!module || seen.has(module)) return;
    seen.add(module);
    for (const c of (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module as object) ?? []) as Type[]) controllers.add(c);
    for (const m of (Reflect.getMetadata(MODULE_METADATA.IMPORTS, module as object) ?? []) as unknown[]) visit(m);
  };
  visit(PortalModule);
  const routes: PortalRoute[] = [];
  for (const controller of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller));
    if (!base.startsWith('portaal')) continue;
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      for (const one of Array.isArray(path) ? path : [path]) {
        routes.push({
          method,
          path: `/${base}/${one}`.replace(/\/+$/, '').replace(/\/\/+/g, '/'),
          public: Boolean(Reflect.getMetadata(PORTAL_PUBLIC_KEY, handler) ?? Reflect.getMetadata(PORTAL_PUBLIC_KEY, controller)),
          roles: Reflect.getMetadata(PORTAL_ROLES_KEY, handler) ?? Reflect.getMetadata(PORTAL_ROLES_KEY, controller) ?? [],
        });
      }
    }
  }
  return routes;
}

describe('portal route access', () => {
  const routes = portalRoutes();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('finds the portal pages', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(
      routes
        .filter((r) => r.public)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual([
      'GET /portaal/inloggen',
      'GET /portaal/werkgever/registreren',
      'GET /portaal/werkgever/registreren/ontvangen',
      'POST /portaal/inloggen',
      'POST /portaal/werkgever/registreren',
    ]);
  });

  it('has every page declare who may open it (public, or at least one role)', () => {
    expect(routes.filter((r) => !r.public && r.roles.length === 0)).toEqual([]);
  });

  it('sends an anonymous visitor of every non-public page to the login page, and changes nothing', async () => {
    const auditBefore = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event`);
    for (const route of routes.filter((r) => !r.public)) {
      const path = route.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const res = route.method === 'GET' ? await t.http.get(path) : await t.http.post(path).type('form').send({ _csrf: 'x' });
      expect({ route: `${route.method} ${route.path}`, status: res.status, to: res.headers.location?.split('?')[0] }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 303,
        to: '/portaal/inloggen',
      });
    }
    const auditAfter = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event`);
    expect(auditAfter[0].n).toBe(auditBefore[0].n);
  });
});
