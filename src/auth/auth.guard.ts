import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Forbidden, Unauthenticated } from '../common/errors/domain-errors';
import { ANY_ROLE, PORTAL_KEY, PUBLIC_KEY, ROLES_KEY } from './decorators';
import { IdentityProvider } from './identity-provider';
import { hasRole, type Role } from './principal';

/** Global guard: authenticates the bearer token, then checks the route's declared roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identityProvider: IdentityProvider,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = this.routeOf(context.getHandler(), context.getClass());
    if (route.isPublic) return true;
    // Portal pages authenticate with a session cookie in their own guard (PortalAuthGuard).
    if (route.isPortal) return true;

    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers['authorization'];
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new Unauthenticated('A bearer token is required.');
    const principal = await this.identityProvider.authenticate(match[1]);
    if (!principal) throw new Unauthenticated('The bearer token is invalid or expired.');
    request.principal = principal;

    const allowed = route.roles;
    if (!allowed || allowed.length === 0) {
      throw new Forbidden('This route declares no roles and is closed.');
    }
    if (allowed.includes(ANY_ROLE)) return true;
    if (!hasRole(principal, ...(allowed as Role[]))) {
      throw new Forbidden('Your role does not allow this action.');
    }
    return true;
  }

  /** What a route declares is fixed once the app is built, so it is read once per handler and class. */
  private readonly routes = new WeakMap<object, WeakMap<object, RouteDeclaration>>();

  private routeOf(handler: object, controller: object): RouteDeclaration {
    let byController = this.routes.get(handler);
    if (!byController) this.routes.set(handler, (byController = new WeakMap()));
    let route = byController.get(controller);
    if (!route) {
      const targets = [handler, controller] as Array<() => void>;
      route = {
        isPublic: Boolean(this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)),
        isPortal: Boolean(this.reflector.getAllAndOverride<boolean>(PORTAL_KEY, targets)),
        roles: this.reflector.getAllAndOverride<Array<Role | typeof ANY_ROLE>>(ROLES_KEY, targets),
      };
      byController.set(controller, route);
    }
    return route;
  }
}

interface RouteDeclaration {
  isPublic: boolean;
  isPortal: boolean;
  roles: Array<Role | typeof ANY_ROLE> | undefined;
}
