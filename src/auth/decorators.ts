import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from '../openapi/openapi';
import type { Principal, Role } from './principal';

export const ROLES_KEY = 'werkkans:roles';
export const PUBLIC_KEY = 'werkkans:public';
export const ANY_ROLE = 'any-authenticated' as const;
/** Routes of the web portals: authenticated by session cookie (src/portal), not by bearer token. */
export const PORTAL_KEY = 'werkkans:portal';

/**
 * Which roles may call a route. Every route must say it: a route with neither @Roles nor @Public
 * is refused (fail closed). `@Roles(ANY_ROLE)` admits every authenticated user.
 */
export const Roles = (...roles: Array<Role | typeof ANY_ROLE>) => SetMetadata(ROLES_KEY, roles);

/** No authentication (health, login, the OpenAPI document). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension(PUBLIC_EXTENSION, true));

/** The authenticated caller, set by the AuthGuard. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});
