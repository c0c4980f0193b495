import { Get, Render } from '@nestjs/common';
import { ApplicationsService } from '../../../applications/applications.service';
import { UNDECIDED } from '../../../applications/domain/application-status';
import { DECISION_TERM_WEEKS } from '../../../applications/domain/decision-deadline';
import { BACKOFFICE_ROLES } from '../../../auth/principal';
import type { EnrolmentStatus } from '../../../retraining/domain/enrolment-status';
import { euroFromCents } from '../../shared/format';
import { PortalController, PortalRoles } from '../../shared/portal-decorators';
import { APPLICATION_STATUS_LABELS } from '../applications/labels';
import { columns, horizontalBars } from './charts';
import { OverviewService } from './overview.service';

export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, string> = {
  nominated: 'Voorgedragen',
  confirmed: 'Bevestigd',
  declined: 'Afgewezen door opleider',
  'in-progress': 'Bezig met opleiding',
  completed: 'Diploma behaald',
  'dropped-out': 'Voortijdig gestopt',
};

const SHORT_MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** "2026-03" → "mrt 2026" (axis labels). */
function shortMonth(month: string): string {
  return `${SHORT_MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

function weeksLabel(weeks: number): string {
  return weeks === 1 ? '1 week' : `${weeks} weken`;
}

/**
 * Overzicht for all backoffice staff: applications per status, processing time (weeks from submission
 * to decision, and whether each decision was within its term by the decision clock), LKS payments per month and job plan, and enrolments per status. Each chart is inline SVG with
 * a text alternative (role="img", a title and description) and the same figures in a table.
 */
@PortalController('backoffice')
export class OverviewController {
  constructor(
    private readonly overview: OverviewService,
    private readonly applications: ApplicationsService,
  ) {}

  @Get()
  @PortalRoles(...BACKOFFICE_ROLES)
  @Render('backoffice/overzicht/index.njk')
  async page() {
    const [figures, urgent] = await Promise.all([this.overview.figures(), this.applications.deadlines(0)]);
    const statuses = figures.applicationsPerStatus.map((s) => ({ ...s, label: APPLICATION_STATUS_LABELS[s.status].label }));
    const enrolments = figures.enrolmentsPerStatus.map((s) => ({ ...s, label: ENROLMENT_STATUS_LABELS[s.status] }));
    const months = [...new Set(figures.paymentsPerMonth.map((p) => p.month))];
    const plans = [...new Map(figures.paymentsPerMonth.map((p) => [p.jobPlan, p.jobPlanName])).entries()];
    const cell = (month: string, plan: string) => figures.paymentsPerMonth.find((p) => p.month === month && p.jobPlan === plan);
    const paidTotal = figures.paymentsPerMonth.reduce((s, p) => s + p.paidCents, 0);
    const scheduledTotal = figures.paymentsPerMonth.reduce((s, p) => s + p.scheduledCents, 0);
    return {
      title: 'Overzicht',
      termWeeks: DECISION_TERM_WEEKS,
      cards: {
        open: statuses.filter((s) => UNDECIDED.includes(s.status)).reduce((n, s) => n + s.count, 0),
        overdue: urgent.filter((a) => a.decisionClock!.state === 'overdue').length,
        decided: figures.decidedCount,
        withinTerm: figures.decidedWithinTerm,
      },
      statuses,
      statusChart: horizontalBars(statuses.map((s) => ({ label: s.label, value: s.count }))),
      processing: figures.processingWeeks.map((w) => ({ ...w, label: weeksLabel(w.weeks), late: w.count - w.withinTerm })),
      // Whether a decision was late comes from its own decision clock, not from the bar it is in: a
      // term suspended for information or extended once ends after the 8 weeks.
      processingChart: columns({
        categories: figures.processingWeeks.map((w) => String(w.weeks)),
        groups: [''],
        parts: ['binnen de termijn', 'na de termijn'],
        values: figures.processingWeeks.map((w) => [[w.withinTerm, w.count - w.withinTerm]]),
        formatValue: (v) => String(v),
        minStep: 1,
        limitAfter: { categories: DECISION_TERM_WEEKS, label: `${DECISION_TERM_WEEKS} weken na indienen` },
        alertPart: 1,
      }),
      payments: months.flatMap((month) =>
        plans
          .map(([plan, name]) => ({ month, plan, name, row: cell(month, plan) }))
          .filter((r) => r.row)
          .map((r) => ({
            month: r.month,
            jobPlanName: r.name,
            paidCents: r.row!.paidCents,
            scheduledCents: r.row!.scheduledCents,
          })),
      ),
      paymentTotals: { paidCents: paidTotal, scheduledCents: scheduledTotal },
      paymentPlans: plans.map(([, name], index) => ({ name, index })),
      paymentsChart: columns({
        categories: months.map(shortMonth),
        groups: plans.map(([, name]) => name),
        parts: ['betaald', 'gepland'],
        values: months.map((month) =>
          plans.map(([plan]) => [cell(month, plan)?.paidCents ?? 0, cell(month, plan)?.scheduledCents ?? 0]),
        ),
        formatValue: (cents) => euroFromCents(Math.round(cents)),
        width: 960,
      }),
      enrolments,
      enrolmentChart: horizontalBars(enrolments.map((s) => ({ label: s.label, value: s.count }))),
    };
  }
}
