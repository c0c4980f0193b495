import { Injectable } from '@nestjs/common';
import { NotFound } from '../common/errors/domain-errors';
import { hasRole, isBackoffice, type Principal } from './principal';

/**
 * Ownership checks in one place. External users only reach their own organisation's data; for
 * anything else they get 404, so they cannot learn that it exists.
 */
@Injectable()
export class AccessService {
  /** Employer-owned data: backoffice, or the employer's own users. */
  requireEmployerAccess(principal: Principal, employerId: string, entity = 'Employer', id: string = employerId): void {
    if (isBackoffice(principal)) return;
    if (hasRole(principal, 'employer') && principal.employerId === employerId) return;
    throw new NotFound(entity, id);
  }

  /** Education-partner-owned data: backoffice, or the partner's own users. */
  requirePartnerAccess(principal: Principal, partnerId: string, entity = 'Education partner', id: string = partnerId): void {
    if (isBackoffice(principal)) return;
    if (hasRole(principal, 'education-partner') && principal.educationPartnerId === partnerId) return;
    throw new NotFound(entity, id);
  }

  /** For list queries: the employer an external caller is limited to (undefined = all). */
  employerScope(principal: Principal): string | undefined {
    return isBackoffice(principal) ? undefined : (principal.employerId ?? '00000000-0000-0000-0000-000000000000');
  }
}
