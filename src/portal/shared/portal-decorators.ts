import {
  applyDecorators,
  Controller,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PORTAL_KEY } from '../../auth/decorators';
import type { Role } from '../../auth/principal';
import type { PortalSession } from '../session/portal-session.service';
import { PortalAuthGuard } from './portal-auth.guard';
import { PortalExceptionFilter } from './portal-exception.filter';
import { PORTAL_PREFIX, PORTAL_PUBLIC_KEY, PORTAL_ROLES_KEY } from './portal-metadata';

/**
 * A controller of server-rendered portal pages under /portaal/<path>: session-cookie login, CSRF
 * check on every form post, Dutch error pages, and not part of the OpenAPI document.
 */
export function PortalController(path = ''): ClassDecorator {
  return applyDecorators(
    Controller(path ? `${PORTAL_PREFIX}/${path}` : PORTAL_PREFIX),
    ApiExcludeController(),
    SetMetadata(PORTAL_KEY, true),
    UseGuards(PortalAuthGuard),
    UseFilters(PortalExceptionFilter),
  );
}

/** Which roles may open a portal page. A page with neither this nor @PortalPublic is closed. */
export const PortalRoles = (...roles: Role[]) => SetMetadata(PORTAL_ROLES_KEY, roles);

/** No login needed (the login page itself). */
export const PortalPublic = () => SetMetadata(PORTAL_PUBLIC_KEY, true);

/** The logged-in user's session, set by PortalAuthGuard. */
export const CurrentSession = createParamDecorator((_: unknown, ctx: ExecutionContext): PortalSession => {
  return ctx.switchToHttp().getRequest().portalSession;
});
