import { Get, Render } from '@nestjs/common';
import { ROLES, type Role } from '../../auth/principal';
import { CurrentSession, PortalController, PortalRoles } from '../shared/portal-decorators';
import type { PortalSession } from './portal-session.service';

/** The roles as the users call them. */
export const ROLE_LABELS: Record<Role, string> = {
  employer: 'Werkgever',
  'education-partner': 'Opleider',
  caseworker: 'Klantmanager',
  approver: 'Beslisser (tweede paar ogen)',
  'payment-officer': 'Medewerker betalingen',
  admin: 'Beheerder',
};

/** "Mijn account": who is logged in, with which roles. */
@PortalController('account')
export class AccountController {
  @Get()
  @PortalRoles(...ROLES)
  @Render('account.njk')
  account(@CurrentSession() session: PortalSession) {
    return {
      title: 'Mijn account',
      roles: session.principal.roles.map((r) => ROLE_LABELS[r]),
    };
  }
}
