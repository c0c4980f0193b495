import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditQuery, auditSearchOf, toAuditEventView } from '../../../audit/audit.dto';
import { AuditService } from '../../../audit/audit.service';
import { addDays, isCalendarDate, todayInAmsterdam } from '../../../common/dates/calendar-date';
import { UsersService } from '../../../users/users.service';
import type { PortalSession } from '../../session/portal-session.service';
import { formValues, submitForm, textField, validateForm } from '../../shared/forms';
import { CurrentSession, PortalController, PortalRoles } from '../../shared/portal-decorators';

const TEMPLATE = 'backoffice/logboek/index.njk';
export const AUDIT_PAGE_SIZE = 50;
const FILTERS = ['from', 'to', 'actorUserId', 'action', 'entityType'] as const;
const LABELS = { from: 'Vanaf', to: 'Tot en met', actorUserId: 'Door', action: 'Actie', entityType: 'Soort gegeven' };

/** The instant an Amsterdam calendar day starts (00:00 local time, CET or CEST). */
export function startOfAmsterdamDay(date: string): string {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  for (const offsetHours of [1, 2, 0]) {
    const instant = new Date(midnightUtc - offsetHours * 3_600_000);
    if (todayInAmsterdam(instant) === date && todayInAmsterdam(new Date(instant.getTime() - 1)) !== date)
      return instant.toISOString();
  }
  return new Date(midnightUtc).toISOString();
}

/** A day typed in the form as the API's instant; anything else goes on as typed, for the API's rule to refuse. */
function dayStart(value: string | undefined, nextDay = false): string | undefined {
  if (value === undefined || !isCalendarDate(value)) return value;
  return startOfAmsterdamDay(nextDay ? addDays(value, 1) : value);
}

/**
 * Logboek (admin): the audit trail searched by time range, user, action and kind of record, newest
 * first. Validated with the API's own query (GET /audit-events) and answered by the same search.
 */
@PortalController('backoffice/logboek')
export class AuditPortalController {
  constructor(
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  @Get()
  @PortalRoles('admin')
  async search(@CurrentSession() _session: PortalSession, @Query() query: Record<string, unknown>, @Res() res: Response) {
    const values = formValues(Object.fromEntries(FILTERS.map((f) => [f, query[f]])));
    const users = await this.users.list();
    const names = Object.fromEntries(users.map((u) => [u.id, u.displayName]));
    const base = {
      title: 'Logboek',
      labels: LABELS,
      userOptions: users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` })),
      events: [],
    };
    await submitForm(res, { template: TEMPLATE, context: base, values }, async () => {
      const page = Math.max(1, Number.parseInt(String(query.pagina ?? '1'), 10) || 1);
      const dto = await validateForm(AuditQuery, {
        from: dayStart(textField(query.from)),
        to: dayStart(textField(query.to), true),
        actorUserId: textField(query.actorUserId),
        action: textField(query.action),
        entityType: textField(query.entityType),
        page: String(page),
        pageSize: String(AUDIT_PAGE_SIZE),
      });
      const { filter, page: pageQuery } = auditSearchOf(dto);
      const [items, total] = await this.audit.search(filter, pageQuery.pageSize, pageQuery.offset());
      const keep = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== '')).toString();
      res.render(TEMPLATE, {
        ...base,
        values,
        total,
        page: pageQuery.page,
        pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
        pagerQuery: keep ? `${keep}&` : '',
        events: items.map(toAuditEventView).map((e) => ({
          ...e,
          actorName: e.actorUserId ? (names[e.actorUserId] ?? e.actorUserId) : (e.actorRole ?? ''),
        })),
      });
    });
  }
}
