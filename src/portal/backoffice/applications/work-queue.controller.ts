import { Get, Query, Render } from '@nestjs/common';
import { UNDECIDED, type ApplicationStatus } from '../../../applications/domain/application-status';
import { ApplicationsService } from '../../../applications/applications.service';
import { WageValueAssessmentsService } from '../../../applications/wage-value-assessments';
import { DecisionListQuery } from '../../../decisions/decisions.dto';
import { DecisionsService } from '../../../decisions/decisions.service';
import { UsersService } from '../../../users/users.service';
import type { PortalSession } from '../../session/portal-session.service';
import { validateForm } from '../../shared/forms';
import { CurrentSession, PortalController, PortalRoles } from '../../shared/portal-decorators';
import {
  APPLICATION_STATUS_LABELS,
  CHANGE_REASON_LABELS,
  CLOCK_STATE_LABELS,
  DECISION_TYPE_LABELS,
  daysLeftText,
} from './labels';
import { displayNames } from './page-helpers';

/** Every undecided application has a deadline; this bound only keeps the API's "due within" filter out of the way. */
const ALL_UNDECIDED_DAYS = 100_000;

/** Applications per page of the queue (most urgent first, so page 1 is what needs doing now). */
export const QUEUE_PAGE_SIZE = 50;

/** Wage values to re-assess within this many days show in the queue (the API's default). */
const REASSESSMENT_NOTICE_DAYS = 60;

/**
 * Werkvoorraad: undecided applications with their decision term (overdue first, then the nearest
 * deadline), draft decisions waiting for a second person's approval, and running subsidies where a
 * change decision is due.
 */
@PortalController('backoffice/werkvoorraad')
export class WorkQueueController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly decisions: DecisionsService,
    private readonly users: UsersService,
    private readonly assessments: WageValueAssessmentsService,
  ) {}

  @Get()
  @PortalRoles('caseworker', 'approver', 'admin')
  @Render('backoffice/werkvoorraad/index.njk')
  async queue(@CurrentSession() session: PortalSession, @Query('status') status: unknown, @Query('pagina') pageParam: unknown) {
    const filter = UNDECIDED.includes(status as ApplicationStatus) ? (status as ApplicationStatus) : '';
    const [open, drafts, changesDue, reassessments] = await Promise.all([
      this.applications.deadlines(ALL_UNDECIDED_DAYS),
      this.decisions.list(session.principal, await validateForm(DecisionListQuery, { status: 'draft', pageSize: '100' })),
      this.applications.changesDue(),
      this.assessments.due(REASSESSMENT_NOTICE_DAYS),
    ]);
    const names = await displayNames(
      this.users,
      drafts.items.map((d) => d.draftedBy),
    );
    const listed = open.filter((a) => !filter || a.status === filter);
    const pages = Math.max(1, Math.ceil(listed.length / QUEUE_PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(String(pageParam ?? '1'), 10) || 1));
    return {
      title: 'Werkvoorraad',
      filter,
      page,
      pages,
      statusOptions: UNDECIDED.map((s) => ({ value: s, label: APPLICATION_STATUS_LABELS[s].label })),
      applications: listed.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE).map((a) => ({
        ...a,
        statusLabel: APPLICATION_STATUS_LABELS[a.status],
        clockLabel: CLOCK_STATE_LABELS[a.decisionClock!.state],
        daysLeftText: daysLeftText(a.decisionClock!.daysLeft),
      })),
      openCount: open.length,
      drafts: drafts.items.map((d) => ({
        ...d,
        typeLabel: DECISION_TYPE_LABELS[d.type],
        drafterName: names[d.draftedBy] ?? '',
        ownDraft: d.draftedBy === session.principal.userId,
      })),
      reassessmentDays: REASSESSMENT_NOTICE_DAYS,
      reassessments: reassessments.map((r) => ({ ...r, daysLeftText: daysLeftText(r.daysLeft) })),
      changesDue: changesDue.map((c) => ({ ...c, reasonLabel: CHANGE_REASON_LABELS[c.reason] ?? c.reason })),
    };
  }
}
