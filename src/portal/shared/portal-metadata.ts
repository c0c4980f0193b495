export const PORTAL_ROLES_KEY = 'werkkans:portal-roles';
export const PORTAL_PUBLIC_KEY = 'werkkans:portal-public';

/** Where the portals live: outside /api/v1, with Dutch paths (the users' language). */
export const PORTAL_PREFIX = 'portaal';

/** The session cookie; with Secure, the __Host- prefix pins it to this host and path /. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-werkkans_session' : 'werkkans_session';
}

/** The form field (and header, for scripts) that carries the CSRF token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
