import { hasRole, type Principal, type Role } from '../../auth/principal';

export interface NavigationItem {
  label: string;
  href: string;
  current: boolean;
}

interface MenuEntry {
  label: string;
  href: string;
  roles: Role[];
}

/**
 * The portal menus. Each portal owns its block: employer pages under /portaal/werkgever, education
 * partner pages under /portaal/opleider, the municipality's pages under /portaal/backoffice.
 * An entry shows only to the roles that may open the page behind it.
 */
const MENU: MenuEntry[] = [
  // Employer portal (src/portal/employer)
  { label: 'Overzicht', href: '/portaal/werkgever', roles: ['employer'] },
  { label: 'Aanvragen', href: '/portaal/werkgever/aanvragen', roles: ['employer'] },
  { label: 'Organisatie', href: '/portaal/werkgever/organisatie', roles: ['employer'] },
  // Education partner portal (src/portal/partner)
  { label: 'Nominaties', href: '/portaal/opleider', roles: ['education-partner'] },
  { label: 'Deelnemers', href: '/portaal/opleider/deelnemers', roles: ['education-partner'] },
  // Backoffice (src/portal/backoffice)
  { label: 'Overzicht', href: '/portaal/backoffice', roles: ['caseworker', 'approver', 'payment-officer', 'admin'] },
  { label: 'Werkvoorraad', href: '/portaal/backoffice/werkvoorraad', roles: ['caseworker', 'approver', 'admin'] },
  { label: 'Betaalrondes', href: '/portaal/backoffice/betaalrondes', roles: ['payment-officer', 'admin'] },
  { label: 'Blokkades', href: '/portaal/backoffice/blokkades', roles: ['caseworker', 'payment-officer', 'admin'] },
  // Issued decisions whose processing into payment schedules failed (the outbox), for admins.
  { label: 'Verwerking', href: '/portaal/backoffice/verwerking', roles: ['admin'] },
  // Everyone in the backoffice may read the reference data (as in the API); only admins add to it.
  {
    label: 'Referentiegegevens',
    href: '/portaal/backoffice/referentiegegevens',
    roles: ['caseworker', 'approver', 'payment-officer', 'admin'],
  },
  { label: 'Logboek', href: '/portaal/backoffice/logboek', roles: ['admin'] },
];

/** The first page a user sees after login. */
export function homeFor(principal: Principal): string {
  return navigationFor(principal, '')[0]?.href ?? '/portaal/geen-toegang';
}

export function navigationFor(principal: Principal, currentPath: string): NavigationItem[] {
  const entries = MENU.filter((e) => hasRole(principal, ...e.roles));
  // The longest matching prefix is the current item (a detail page highlights its list).
  const current = entries
    .filter((e) => currentPath === e.href || currentPath.startsWith(`${e.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return entries.map((e) => ({ label: e.label, href: e.href, current: e === current }));
}
