/** The roles of Werkkans. External users (employer, education partner) are bound to one organisation. */
export const ROLES = ['employer', 'education-partner', 'caseworker', 'approver', 'payment-officer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The municipality's own staff. */
export const BACKOFFICE_ROLES: readonly Role[] = ['caseworker', 'approver', 'payment-officer', 'admin'];

/**
 * The authenticated caller, whatever identity provider authenticated it. Feature modules only
 * ever see this, so replacing password login with OIDC (eHerkenning, the municipality's IdP)
 * does not touch them.
 */
export interface Principal {
  kind: 'user';
  userId: string;
  displayName: string;
  roles: Role[];
  employerId: string | null;
  educationPartnerId: string | null;
}

/** Changes made by the system itself (migrations, scheduled jobs, demo seeding). */
export interface SystemActor {
  kind: 'system';
  name: string;
}

export type Actor = Principal | SystemActor;

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return principal.roles.some((r) => roles.includes(r));
}

export function isBackoffice(principal: Principal): boolean {
  return hasRole(principal, ...BACKOFFICE_ROLES);
}
