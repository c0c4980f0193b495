import { Body, Get, Param, Post, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { Principal } from '../../auth/principal';
import { BusinessRuleViolation, NotFound } from '../../common/errors/domain-errors';
import { uuidParam } from '../../common/problem/uuid-param';
import { EnrolmentsService } from '../../retraining/enrolments.service';
import { ProgrammesService } from '../../retraining/programmes.service';
import {
  BulkConfirmDto,
  BulkDeclineDto,
  type CohortView,
  type EnrolmentView,
  type ProgrammeView,
} from '../../retraining/retraining.dto';
import { PortalSessionService, type PortalSession } from '../session/portal-session.service';
import { dutchDate } from '../shared/format';
import { checkboxField, formValues, submitForm, textField, validateForm } from '../shared/forms';
import { CurrentSession, PortalController, PortalRoles } from '../shared/portal-decorators';
import { allEnrolments, ENROLMENT_STATUS_NL, withFormFieldNames } from './partner-views';

interface CohortRow {
  index: number;
  enrolment: EnrolmentView;
}

/** One row of the whole-cohort form: `confirmations[3].studentNumber` and so on. */
const rowField = (index: number, field: string) => `confirmations[${index}].${field}`;

/** The one reason for declining the chosen rows. */
const DECLINE_REASON = 'declineReason';

/**
 * Nominaties: the education partner's open nominations per cohort, confirmed or declined one by one
 * or for the chosen rows of the cohort at once (all or nothing, with a message per row). Cohorts and enrolments come from
 * the retraining services, which show a partner only its own programmes.
 */
@PortalController('opleider')
export class NominationsController {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly enrolments: EnrolmentsService,
    private readonly sessions: PortalSessionService,
  ) {}

  @Get()
  @PortalRoles('education-partner')
  async overview(@CurrentSession() session: PortalSession, @Res() res: Response) {
    const [programmes, open] = await Promise.all([
      this.programmes.list(session.principal),
      allEnrolments(this.enrolments, session.principal, { status: 'nominated' }),
    ]);
    const openPerCohort = new Map<string, number>();
    for (const e of open) openPerCohort.set(e.cohortId, (openPerCohort.get(e.cohortId) ?? 0) + 1);
    res.render('partner/nominaties.njk', {
      title: 'Nominaties',
      openTotal: open.length,
      programmes: programmes.map((p) => ({
        ...p,
        cohorts: p.cohorts.map((c) => ({ ...c, placesLeft: c.capacity - c.confirmedCount, open: openPerCohort.get(c.id) ?? 0 })),
      })),
    });
  }

  /** The same CSV as the API's export: the open nominations without BSN. */
  @Get('open-nominaties.csv')
  @PortalRoles('education-partner')
  async openNominationsCsv(@CurrentSession() session: PortalSession) {
    const csv = await this.enrolments.openNominationsCsv(session.principal);
    return new StreamableFile(Buffer.from(csv, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="open-nominaties.csv"',
    });
  }

  @Get('groepen/:cohortId')
  @PortalRoles('education-partner')
  async cohort(
    @CurrentSession() session: PortalSession,
    @Param('cohortId', uuidParam('cohortId')) cohortId: string,
    @Res() res: Response,
  ) {
    const context = await this.cohortContext(session.principal, cohortId);
    const rows: CohortRow[] = context.open.map((enrolment, index) => ({ index, enrolment }));
    const values: Record<string, string> = {};
    for (const { index, enrolment } of rows) {
      values[rowField(index, 'include')] = 'true';
      values[rowField(index, 'actualStartDate')] = enrolment.cohortStartDate;
    }
    res.render('partner/groep.njk', { ...context, rows, labels: rowLabels(rows), values });
  }

  @Post('groepen/:cohortId/bevestigen')
  @PortalRoles('education-partner')
  async confirmCohort(
    @CurrentSession() session: PortalSession,
    @Param('cohortId', uuidParam('cohortId')) cohortId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const { values, selected, form } = await this.postedCohortForm(session.principal, cohortId, body);
    const ok = await submitForm(res, form, () =>
      // The API numbers only the selected rows; the form's rows keep their own numbers.
      withFormFieldNames(
        (name) => name.replace(/^confirmations\[(\d+)\]/, (_, k: string) => `confirmations[${selected[Number(k)].index}]`),
        async () => {
          if (selected.length === 0) {
            throw new BusinessRuleViolation('Nothing selected.', [
              { name: 'confirmations', reason: 'select at least one nomination' },
            ]);
          }
          const dto = await validateForm(BulkConfirmDto, {
            confirmations: selected.map((r) => ({
              enrolmentId: r.enrolment.id,
              studentNumber: textField(body[rowField(r.index, 'studentNumber')]),
              actualStartDate: textField(body[rowField(r.index, 'actualStartDate')]),
            })),
          });
          await this.enrolments.bulkConfirm(session.principal, cohortId, dto);
        },
      ),
    );
    if (!ok) return;
    await this.sessions.setFlash(
      session,
      selected.length === 1 ? 'De voordracht is bevestigd.' : `De ${selected.length} voordrachten zijn bevestigd.`,
    );
    res.redirect(303, `/portaal/opleider/groepen/${cohortId}`);
  }

  /**
   * The same form's chosen rows, declined with one reason (the "afwijzen" button): all or nothing
   * through the service's bulk decline, its refusals shown on the rows they concern.
   */
  @Post('groepen/:cohortId/afwijzen')
  @PortalRoles('education-partner')
  async declineCohort(
    @CurrentSession() session: PortalSession,
    @Param('cohortId', uuidParam('cohortId')) cohortId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const { values, selected, form } = await this.postedCohortForm(session.principal, cohortId, body);
    // The shared Dutch text for an empty choice speaks of confirming; declining says so itself. Every
    // row starts ticked (to confirm the whole cohort), so declining them needs an explicit yes.
    const refusal =
      selected.length === 0
        ? { confirmations: 'Kies ten minste één voordracht om af te wijzen.' }
        : !checkboxField(body.declineConfirmed)
          ? { declineConfirmed: `Vink aan dat u de ${selected.length} gekozen voordrachten wilt afwijzen.` }
          : null;
    if (refusal) {
      res
        .status(422)
        .render(form.template, { ...form.context, values, errors: refusal, errorMessage: 'Controleer de gemarkeerde velden.' });
      return;
    }
    const ok = await submitForm(res, form, () =>
      // The API numbers the selected rows (enrolmentIds[k]) and names the reason `reason`.
      withFormFieldNames(
        (name) =>
          name === 'reason'
            ? DECLINE_REASON
            : name.replace(/^enrolmentIds\[(\d+)\]$/, (_, k: string) => `confirmations[${selected[Number(k)].index}]`),
        async () => {
          const dto = await validateForm(BulkDeclineDto, {
            enrolmentIds: selected.map((r) => r.enrolment.id),
            reason: textField(body[DECLINE_REASON]),
          });
          await this.enrolments.bulkDecline(session.principal, cohortId, dto);
        },
      ),
    );
    if (!ok) return;
    await this.sessions.setFlash(
      session,
      selected.length === 1 ? 'De voordracht is afgewezen.' : `De ${selected.length} voordrachten zijn afgewezen.`,
    );
    res.redirect(303, `/portaal/opleider/groepen/${cohortId}`);
  }

  /** The cohort page's form as posted: its rows, the chosen ones, and what re-renders it on a refusal. */
  private async postedCohortForm(actor: Principal, cohortId: string, body: Record<string, unknown>) {
    const context = await this.cohortContext(actor, cohortId);
    const values = formValues(body);
    const rows = this.postedRows(context.all, body);
    const selected = rows.filter((r) => values[rowField(r.index, 'include')] === 'true');
    return {
      values,
      selected,
      form: { template: 'partner/groep.njk', context: { ...context, rows, labels: rowLabels(rows) }, values },
    };
  }

  /** The rows as they were on the form the user saw (by enrolment), whatever changed since. */
  private postedRows(all: EnrolmentView[], body: Record<string, unknown>): CohortRow[] {
    const rows: CohortRow[] = [];
    for (let index = 0; typeof body[rowField(index, 'enrolmentId')] === 'string'; index++) {
      const enrolment = all.find((e) => e.id === body[rowField(index, 'enrolmentId')]);
      if (enrolment) rows.push({ index, enrolment });
    }
    return rows;
  }

  /** The cohort with its programme, if it belongs to this partner (404 otherwise, like the API). */
  private async cohortContext(actor: Principal, cohortId: string) {
    const programmes = await this.programmes.list(actor);
    let found: { programme: ProgrammeView; cohort: CohortView } | undefined;
    for (const programme of programmes) {
      const cohort = programme.cohorts.find((c) => c.id === cohortId);
      if (cohort) found = { programme, cohort };
    }
    if (!found) throw new NotFound('Cohort', cohortId);
    const all = await allEnrolments(this.enrolments, actor, { cohortId });
    return {
      title: `${found.programme.qualificationName}, start ${dutchDate(found.cohort.startDate)}`,
      ...found,
      placesLeft: found.cohort.capacity - found.cohort.confirmedCount,
      all,
      open: all.filter((e) => e.status === 'nominated'),
      answered: all.filter((e) => e.status !== 'nominated'),
      statuses: ENROLMENT_STATUS_NL,
    };
  }
}

/** Names for the error summary: which field of which participant. */
function rowLabels(rows: CohortRow[]): Record<string, string> {
  const labels: Record<string, string> = { confirmations: 'Voordrachten', [DECLINE_REASON]: 'Reden van afwijzing' };
  for (const { index, enrolment } of rows) {
    const name = enrolment.participant.name;
    labels[`confirmations[${index}]`] = name;
    labels[rowField(index, 'enrolmentId')] = name;
    labels[rowField(index, 'studentNumber')] = `Studentnummer van ${name}`;
    labels[rowField(index, 'actualStartDate')] = `Startdatum van ${name}`;
  }
  return labels;
}
