import { Body, Get, Param, Post, Query, Res, type Type } from '@nestjs/common';
import type { Response } from 'express';
import type { Principal } from '../../auth/principal';
import { NotFound } from '../../common/errors/domain-errors';
import { uuidParam } from '../../common/problem/uuid-param';
import { Clock } from '../../common/clock';
import { applyEnrolmentAction, type EnrolmentAction } from '../../retraining/domain/enrolment-status';
import { EnrolmentsService } from '../../retraining/enrolments.service';
import {
  CompleteDto,
  ConfirmDto,
  DeclineDto,
  DropOutDto,
  EnrolmentQuery,
  ProgressReportDto,
  type EnrolmentView,
} from '../../retraining/retraining.dto';
import { PortalSessionService, type PortalSession } from '../session/portal-session.service';
import { formValues, numberField, submitForm, textField, validateForm } from '../shared/forms';
import { CurrentSession, PortalController, PortalRoles } from '../shared/portal-decorators';
import { allows, ENROLMENT_STATUS_NL, ENROLMENT_STATUS_OPTIONS, versionField } from './partner-views';

interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'date' | 'textarea' | 'number';
  hint?: string;
}

/** A form that moves an enrolment on: confirm or decline a nomination, report progress, diploma, drop-out. */
interface ActionSpec {
  /** Nominations (voordrachten) are answered from the Nominaties pages, the rest from Deelnemers. */
  area: 'voordrachten' | 'deelnemers';
  action: EnrolmentAction;
  title: string;
  intro: string;
  submit: string;
  done: string;
  fields: FieldSpec[];
  dto: Type<object>;
  defaults(e: EnrolmentView, today: string): Record<string, string>;
  input(body: Record<string, unknown>): object;
  run(s: EnrolmentsService, actor: Principal, id: string, version: number | undefined, dto: never): Promise<unknown>;
}

const ACTIONS: Record<string, ActionSpec> = {
  bevestigen: {
    area: 'voordrachten',
    action: 'confirm',
    title: 'Voordracht bevestigen',
    intro: 'Met de bevestiging schrijft u de deelnemer in. Het eerste deel van de scholingskosten wordt dan betaalbaar.',
    submit: 'Inschrijving bevestigen',
    done: 'De voordracht is bevestigd.',
    fields: [
      { name: 'studentNumber', label: 'Studentnummer', kind: 'text', hint: 'Letters, cijfers en streepjes, zoals S1234567.' },
      { name: 'actualStartDate', label: 'Startdatum', kind: 'date', hint: 'De dag waarop de deelnemer begint.' },
    ],
    dto: ConfirmDto,
    defaults: (e) => ({ actualStartDate: e.cohortStartDate }),
    input: (b) => ({ studentNumber: textField(b.studentNumber), actualStartDate: textField(b.actualStartDate) }),
    run: (s, actor, id, version, dto: ConfirmDto) => s.confirm(actor, id, version, dto),
  },
  afwijzen: {
    area: 'voordrachten',
    action: 'decline',
    title: 'Voordracht afwijzen',
    intro: 'De klantmanager van de gemeente ziet de reden en zoekt met de deelnemer een andere plek.',
    submit: 'Voordracht afwijzen',
    done: 'De voordracht is afgewezen.',
    fields: [
      { name: 'reason', label: 'Reden van afwijzing', kind: 'textarea', hint: 'Bijvoorbeeld: geen praktijkplaats beschikbaar.' },
    ],
    dto: DeclineDto,
    defaults: () => ({}),
    input: (b) => ({ reason: textField(b.reason) }),
    run: (s, actor, id, version, dto: DeclineDto) => s.decline(actor, id, version, dto),
  },
  voortgang: {
    area: 'deelnemers',
    action: 'report-progress',
    title: 'Voortgang melden',
    intro: 'Meld over een periode de aanwezigheid en de resultaten van de deelnemer.',
    submit: 'Voortgang melden',
    done: 'De voortgang is gemeld.',
    fields: [
      { name: 'periodStart', label: 'Begin van de periode', kind: 'date' },
      { name: 'periodEnd', label: 'Einde van de periode', kind: 'date' },
      {
        name: 'attendancePercentage',
        label: 'Aanwezigheid (procent)',
        kind: 'number',
        hint: 'Van 0 tot en met 100, zoals 92,5.',
      },
      { name: 'resultSummary', label: 'Resultaten', kind: 'textarea', hint: 'Wat heeft de deelnemer behaald of nog te doen?' },
    ],
    dto: ProgressReportDto,
    defaults: () => ({}),
    input: (b) => ({
      periodStart: textField(b.periodStart),
      periodEnd: textField(b.periodEnd),
      attendancePercentage: numberField(b.attendancePercentage),
      resultSummary: textField(b.resultSummary),
    }),
    run: (s, actor, id, version, dto: ProgressReportDto) => s.reportProgress(actor, id, version, dto),
  },
  diploma: {
    area: 'deelnemers',
    action: 'complete',
    title: 'Diploma registreren',
    intro: 'Registreer het diploma zodra het is uitgereikt. Het laatste deel van de scholingskosten wordt dan betaalbaar.',
    submit: 'Diploma registreren',
    done: 'Het diploma is geregistreerd.',
    fields: [{ name: 'diplomaDate', label: 'Datum van het diploma', kind: 'date' }],
    dto: CompleteDto,
    defaults: (_e, today) => ({ diplomaDate: today }),
    input: (b) => ({ diplomaDate: textField(b.diplomaDate) }),
    run: (s, actor, id, version, dto: CompleteDto) => s.complete(actor, id, version, dto),
  },
  uitval: {
    area: 'deelnemers',
    action: 'drop-out',
    title: 'Uitval melden',
    intro: 'Is de deelnemer gestopt? Scholingskosten die nog niet zijn betaald, vervallen dan.',
    submit: 'Uitval melden',
    done: 'De uitval is gemeld.',
    fields: [
      { name: 'dropoutDate', label: 'Datum van uitval', kind: 'date' },
      { name: 'reason', label: 'Reden van uitval', kind: 'textarea', hint: 'Bijvoorbeeld: werk gevonden buiten de zorg.' },
    ],
    dto: DropOutDto,
    defaults: () => ({}),
    input: (b) => ({ dropoutDate: textField(b.dropoutDate), reason: textField(b.reason) }),
    run: (s, actor, id, version, dto: DropOutDto) => s.dropOut(actor, id, version, dto),
  },
};

const ACTION_PATHS = ['voordrachten/:enrolmentId/:action', 'deelnemers/:enrolmentId/:action'];

/**
 * Deelnemers: the partner's enrolments with their status, and the forms that answer a nomination
 * or report progress, diploma and drop-out. Every form runs the API's DTO and service, so the same
 * rules (and the same lifecycle table) apply, with the reasons in Dutch.
 */
@PortalController('opleider')
export class EnrolmentsController {
  constructor(
    private readonly enrolments: EnrolmentsService,
    private readonly sessions: PortalSessionService,
    private readonly clock: Clock,
  ) {}

  @Get('deelnemers')
  @PortalRoles('education-partner')
  async list(@CurrentSession() session: PortalSession, @Query() query: Record<string, unknown>, @Res() res: Response) {
    const filter = await validateForm(EnrolmentQuery, { pageSize: '50', ...query });
    const page = await this.enrolments.list(session.principal, filter);
    res.render('partner/deelnemers.njk', {
      title: 'Deelnemers',
      page,
      pages: Math.max(1, Math.ceil(page.total / page.pageSize)),
      status: filter.status ?? '',
      statusOptions: ENROLMENT_STATUS_OPTIONS,
      statuses: ENROLMENT_STATUS_NL,
    });
  }

  @Get('deelnemers/:enrolmentId')
  @PortalRoles('education-partner')
  async detail(
    @CurrentSession() session: PortalSession,
    @Param('enrolmentId', uuidParam('enrolmentId')) id: string,
    @Res() res: Response,
  ) {
    const enrolment = await this.enrolments.view(session.principal, id);
    res.render('partner/deelnemer.njk', {
      title: `Deelnemer ${enrolment.participant.name}`,
      enrolment,
      statuses: ENROLMENT_STATUS_NL,
      actions: Object.entries(ACTIONS)
        .filter(([, spec]) => allows(enrolment.status, spec.action))
        .map(([slug, spec]) => ({ href: `/portaal/opleider/${spec.area}/${id}/${slug}`, label: spec.title })),
    });
  }

  @Get(ACTION_PATHS)
  @PortalRoles('education-partner')
  async actionForm(
    @CurrentSession() session: PortalSession,
    @Param('enrolmentId', uuidParam('enrolmentId')) id: string,
    @Param('action') slug: string,
    @Res() res: Response,
  ) {
    const { spec, enrolment, context } = await this.prepare(session.principal, id, slug, res.req.path);
    // Refuse the form at once when the status no longer allows it (the same rule the service applies).
    applyEnrolmentAction(enrolment.status, spec.action);
    res.render('partner/actie.njk', {
      ...context,
      values: { ...spec.defaults(enrolment, this.clock.today()), version: String(enrolment.version) },
    });
  }

  @Post(ACTION_PATHS)
  @PortalRoles('education-partner')
  async submitAction(
    @CurrentSession() session: PortalSession,
    @Param('enrolmentId', uuidParam('enrolmentId')) id: string,
    @Param('action') slug: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const { spec, enrolment, context } = await this.prepare(session.principal, id, slug, res.req.path);
    const ok = await submitForm(res, { template: 'partner/actie.njk', context, values: formValues(body) }, async () => {
      const dto = await validateForm(spec.dto, spec.input(body));
      await spec.run(this.enrolments, session.principal, id, versionField(body.version), dto as never);
    });
    if (!ok) return;
    await this.sessions.setFlash(session, `${spec.done} (${enrolment.participant.name})`);
    res.redirect(
      303,
      spec.area === 'voordrachten' ? `/portaal/opleider/groepen/${enrolment.cohortId}` : `/portaal/opleider/deelnemers/${id}`,
    );
  }

  private async prepare(actor: Principal, id: string, slug: string, path: string) {
    const spec = Object.hasOwn(ACTIONS, slug) ? ACTIONS[slug] : undefined;
    if (!spec || !path.startsWith(`/portaal/opleider/${spec.area}/`)) throw new NotFound('Page', slug);
    const enrolment = await this.enrolments.view(actor, id);
    const back =
      spec.area === 'voordrachten'
        ? { href: `/portaal/opleider/groepen/${enrolment.cohortId}`, label: 'Terug naar de groep' }
        : { href: `/portaal/opleider/deelnemers/${id}`, label: 'Terug naar de deelnemer' };
    const labels = Object.fromEntries(spec.fields.map((f) => [f.name, f.label]));
    return {
      spec,
      enrolment,
      context: { title: spec.title, spec, enrolment, back, labels, action: path, statuses: ENROLMENT_STATUS_NL },
    };
  }
}
