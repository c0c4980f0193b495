import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../../applications/domain/application-status';
import {
  DECISION_TERM_WEEKS,
  decidedWithinTerm,
  wageValueEstablished,
  type InformationRequestDates,
} from '../../../applications/domain/decision-deadline';
import { CodeListsService } from '../../../code-lists/code-lists.service';
import { ENROLMENT_STATUSES, type EnrolmentStatus } from '../../../retraining/domain/enrolment-status';

export interface OverviewFigures {
  applicationsPerStatus: Array<{ status: ApplicationStatus; count: number }>;
  /**
   * Decided applications by the number of (started) calendar weeks from submission to decision, and
   * how many of them were decided within their own term (the decision clock: suspensions for
   * information requests, an extension, the Atw shift and the five-week term after the wage value
   * included), so a bar past 8 weeks can hold decisions that were in time, and one before it late ones.
   */
  processingWeeks: Array<{ weeks: number; count: number; withinTerm: number }>;
  decidedCount: number;
  /** Decisions given within the application's term by the decision clock, as the work queue counts it. */
  decidedWithinTerm: number;
  /** LKS payments (instalments and corrections) per month and job plan: paid and still scheduled, in cents. */
  paymentsPerMonth: Array<{ month: string; jobPlan: string; jobPlanName: string; paidCents: number; scheduledCents: number }>;
  enrolmentsPerStatus: Array<{ status: EnrolmentStatus; count: number }>;
}

interface DecidedRow {
  submitted_on: string;
  decided_on: string;
  extension_weeks: number | null;
  first_assessed_on: string | null;
  no_measurement_decided_on: string | null;
  days: number;
  requests: InformationRequestDates[];
}

/** Months shown in the payments chart: the most recent ones that have payments. */
const PAYMENT_MONTHS = 12;

/**
 * Read-only figures for the backoffice overview. No service offers these aggregates, so they are
 * counted here straight from the tables the services write; nothing is changed.
 */
@Injectable()
export class OverviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly codeLists: CodeListsService,
  ) {}

  async figures(): Promise<OverviewFigures> {
    const [statuses, decided, payments, enrolments, jobPlans] = await Promise.all([
      this.dataSource.query(`SELECT status, count(*)::int AS n FROM application GROUP BY status`),
      this.dataSource.query(
        `SELECT a.submitted_on::text AS submitted_on, a.decided_on::text AS decided_on, a.extension_weeks,
                (SELECT min(w.assessed_on)::text FROM wage_value_assessment w WHERE w.application_id = a.id) AS first_assessed_on,
                a.no_measurement_decided_on::text AS no_measurement_decided_on,
                (a.decided_on - a.submitted_on) AS days,
                coalesce(json_agg(json_build_object('requestedOn', r.requested_on::text, 'receivedOn', r.received_on::text)
                                  ORDER BY r.requested_on) FILTER (WHERE r.id IS NOT NULL), '[]') AS requests
           FROM application a LEFT JOIN information_request r ON r.application_id = a.id
          WHERE a.submitted_on IS NOT NULL AND a.decided_on IS NOT NULL
          GROUP BY a.id`,
      ),
      this.dataSource.query(
        `WITH recent AS (
           SELECT DISTINCT i.month FROM payable_item i
            WHERE i.schedule_id IS NOT NULL AND i.status <> 'cancelled' AND i.month IS NOT NULL
            ORDER BY i.month DESC LIMIT $1)
         SELECT i.month, a.job_plan_code AS job_plan,
                coalesce(sum(i.amount_cents) FILTER (WHERE i.status = 'paid'), 0)::text AS paid,
                coalesce(sum(i.amount_cents) FILTER (WHERE i.status = 'open'), 0)::text AS scheduled
           FROM payable_item i
           JOIN payment_schedule s ON s.id = i.schedule_id
           JOIN application a ON a.id = s.application_id
          WHERE i.status <> 'cancelled' AND i.month IN (SELECT month FROM recent)
          GROUP BY i.month, a.job_plan_code
          ORDER BY i.month, a.job_plan_code`,
        [PAYMENT_MONTHS],
      ),
      this.dataSource.query(`SELECT status, count(*)::int AS n FROM enrolment GROUP BY status`),
      this.codeLists.list('job-plan'),
    ]);
    const countOf = (rows: Array<{ status: string; n: number }>, status: string) => rows.find((r) => r.status === status)?.n ?? 0;

    const decisions = (decided as DecidedRow[]).map((r) => ({
      // Days 0–7 are the first week, 8–14 the second, and so on.
      weeks: Math.max(1, Math.ceil(r.days / 7)),
      // The earlier of the Awb term and the five-week term after the wage value (Participatiewet art. 10d).
      inTime: decidedWithinTerm(
        {
          submittedOn: r.submitted_on,
          extensionWeeks: r.extension_weeks,
          wageValueEstablished: wageValueEstablished(
            r.first_assessed_on ? [r.first_assessed_on] : [],
            r.no_measurement_decided_on,
          ),
        },
        r.requests,
        r.decided_on,
      ),
    }));
    const longest = Math.max(DECISION_TERM_WEEKS + 2, ...decisions.map((d) => d.weeks));
    return {
      applicationsPerStatus: APPLICATION_STATUSES.map((status) => ({ status, count: countOf(statuses, status) })),
      processingWeeks: Array.from({ length: longest }, (_, i) => {
        const inWeek = decisions.filter((d) => d.weeks === i + 1);
        return { weeks: i + 1, count: inWeek.length, withinTerm: inWeek.filter((d) => d.inTime).length };
      }),
      decidedCount: decisions.length,
      decidedWithinTerm: decisions.filter((d) => d.inTime).length,
      paymentsPerMonth: (payments as Array<{ month: string; job_plan: string; paid: string; scheduled: string }>).map((r) => ({
        month: r.month,
        jobPlan: r.job_plan,
        jobPlanName: jobPlans.find((p) => p.code === r.job_plan)?.name ?? r.job_plan,
        paidCents: Number(r.paid),
        scheduledCents: Number(r.scheduled),
      })),
      enrolmentsPerStatus: ENROLMENT_STATUSES.map((status) => ({ status, count: countOf(enrolments, status) })),
    };
  }
}
