import type { Principal } from './principal';

/**
 * Turns a bearer token into a Principal. The password login issues tokens that the built-in
 * implementation verifies; an OIDC implementation (eHerkenning for employers, the municipality's
 * IdP for staff) can be bound to this token instead without touching feature modules.
 */
export abstract class IdentityProvider {
  /** Returns null when the token is not valid or the account is not active. */
  abstract authenticate(bearerToken: string): Promise<Principal | null>;
}
