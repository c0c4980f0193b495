import { Body, Get, Param, Post, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationDocumentsService } from '../../../applications/application-documents';
import { ApplicationsService } from '../../../applications/applications.service';
import {
  AmendActiveApplicationDto,
  ExtendDeadlineDto,
  ProposeDecisionDto,
  ReceiveInformationDto,
  RecordNoMeasurementDto,
  RecordTargetGroupDto,
  RequestInformationDto,
} from '../../../applications/applications.dto';
import { CreateWageValueAssessmentDto, WageValueAssessmentsService } from '../../../applications/wage-value-assessments';
import { BACKOFFICE_ROLES, hasRole, type Principal, type Role } from '../../../auth/principal';
import { Forbidden, NotFound } from '../../../common/errors/domain-errors';
import { CodeListsService } from '../../../code-lists/code-lists.service';
import { DecisionListQuery, DraftDecisionDto } from '../../../decisions/decisions.dto';
import { DecisionsService } from '../../../decisions/decisions.service';
import { DECISION_RULES } from '../../../decisions/domain/decision-status';
import { DECISION_TYPES } from '../../../decisions/pdf/decision-document';
import { ParticipantsService } from '../../../participants/participants.service';
import { UsersService } from '../../../users/users.service';
import { PortalSessionService, type PortalSession } from '../../session/portal-session.service';
import { formValues, numberField, submitForm, textField, validateForm } from '../../shared/forms';
import { toDutchError } from '../../shared/messages-nl';
import {
  APPLICATION_WINDOW_LABELS,
  EMPLOYMENT_ORIGIN_LABELS,
  TARGET_GROUP_BASIS_LABELS,
  TARGET_GROUP_BASIS_OPTIONS,
  TERM_ENDS_FIRST_LABELS,
  WAGE_VALUE_TERM_BASIS_LABELS,
} from '../../shared/breed-offensief-labels';
import { renameFields } from '../../employer/employer-http';
import { CurrentSession, PortalController, PortalRoles } from '../../shared/portal-decorators';
import {
  APPLICATION_STATUS_LABELS,
  CLOCK_STATE_LABELS,
  DECISION_STATUS_LABELS,
  DECISION_TYPE_LABELS,
  DOCUMENT_KIND_LABELS,
  daysLeftText,
} from './labels';
import { displayNames, euroCentsField, recordId, versionField } from './page-helpers';
import { calculationDisplay, dutchDecimal } from './calculation-display';

const DETAIL = 'backoffice/aanvragen/detail.njk';

interface PageAction {
  /** The roles the API allows for this action. */
  roles: Role[];
  success: string;
  /** Returns where to go next when that is not the application page. */
  run: (actor: Principal, applicationId: string, body: Record<string, unknown>) => Promise<string | void>;
}

/** Field labels for the error summary (each form's fields link to their input). */
const FIELD_LABELS: Record<string, string> = {
  assessedOn: 'Datum beoordeling',
  method: 'Methode',
  assessorName: 'Naam beoordelaar',
  percentage: 'Loonwaarde',
  workplaceNotes: 'Toelichting',
  effectiveFrom: 'Geldt vanaf',
  validUntil: 'Herbeoordeling uiterlijk',
  question: 'Vraag aan de werkgever',
  note: 'Notitie',
  weeks: 'Aantal weken',
  reason: 'Reden van verlenging',
  outcome: 'Voorstel',
  reasons: 'Motivering',
  hoursPerWeek: 'Nieuwe uren per week',
  contractEnd: 'Nieuwe einddatum contract',
  type: 'Soort besluit',
  effectiveDate: 'Ingangsdatum',
  recoveryCents: 'Terug te betalen bedrag',
  paymentTermDays: 'Betaaltermijn',
  targetGroup: 'Doelgroep loonkostensubsidie',
  targetGroupBasis: 'Grondslag',
  targetGroupRegisteredOn: 'Datum opname in het doelgroepregister',
  targetGroupAssessedOn: 'Door de gemeente beoordeeld op',
  targetGroupAssessorName: 'Beoordeeld door',
  noMeasurementOn: 'Datum van het besluit',
  noMeasurementReason: 'Reden',
};

/** The target-group and no-measurement forms name their fields apart from the assessment and extension forms on the same page. */
const TARGET_GROUP_FIELDS: Record<string, string> = {
  basis: 'targetGroupBasis',
  registeredOn: 'targetGroupRegisteredOn',
  assessedOn: 'targetGroupAssessedOn',
  assessorName: 'targetGroupAssessorName',
};
const NO_MEASUREMENT_FIELDS: Record<string, string> = { decidedOn: 'noMeasurementOn', reason: 'noMeasurementReason' };

/**
 * The backoffice's view of one application: applicant, participant (BSN masked), contract,
 * documents, wage-value assessments, the LKS calculation month by month, the decision term, and
 * the caseworker's actions up to a draft decision. Every action calls the API's own service with the
 * API's roles; a failed action shows the page again with the Dutch message at the form.
 */
@PortalController('backoffice/werkvoorraad/aanvragen')
export class ApplicationPagesController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly assessments: WageValueAssessmentsService,
    private readonly documents: ApplicationDocumentsService,
    private readonly decisions: DecisionsService,
    private readonly participants: ParticipantsService,
    private readonly codeLists: CodeListsService,
    private readonly users: UsersService,
    private readonly sessions: PortalSessionService,
  ) {}

  @Get(':id')
  @PortalRoles(...BACKOFFICE_ROLES)
  async detail(@CurrentSession() session: PortalSession, @Param('id') id: string, @Res() res: Response): Promise<void> {
    res.render(DETAIL, await this.context(session.principal, recordId(id, 'Application')));
  }

  @Get(':id/documenten/:documentId')
  @PortalRoles(...BACKOFFICE_ROLES)
  async document(
    @CurrentSession() session: PortalSession,
    @Param('id') id: string,
    @Param('documentId') documentId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const document = await this.documents.content(
      session.principal,
      recordId(id, 'Application'),
      recordId(documentId, 'Document'),
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(document.content, {
      type: document.contentType,
      disposition: `attachment; filename="${document.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"`,
      length: document.sizeBytes,
    });
  }

  /**
   * The caseworker's actions on the page, one form each (`/aanvragen/:id/<action>`). Roles per action
   * are the API's; the guard lets in the roles that have any action, each action then checks its own.
   */
  @Post(':id/:action')
  @PortalRoles('caseworker', 'approver')
  async act(
    @CurrentSession() session: PortalSession,
    @Param('id') id: string,
    @Param('action') name: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const action = Object.hasOwn(this.actions, name) ? this.actions[name] : undefined;
    if (!action) throw new NotFound('Page', name);
    if (!hasRole(session.principal, ...action.roles)) throw new Forbidden('Your role does not allow this action.');
    const applicationId = recordId(id, 'Application');
    let redirectTo = `/portaal/backoffice/werkvoorraad/aanvragen/${applicationId}`;
    const ok = await submitForm(
      res,
      {
        template: DETAIL,
        context: async () => ({ ...(await this.context(session.principal, applicationId)), failedForm: name }),
        values: formValues(body),
      },
      async () => {
        redirectTo = (await action.run(session.principal, applicationId, body)) ?? redirectTo;
      },
    );
    if (!ok) return;
    await this.sessions.setFlash(session, action.success);
    res.redirect(303, redirectTo);
  }

  private readonly actions: Record<string, PageAction> = {
    'beoordeling-starten': {
      roles: ['caseworker'],
      success: 'De aanvraag is in beoordeling genomen.',
      run: async (actor, id, body) => {
        await this.applications.startAssessment(actor, id, versionField(body));
      },
    },
    loonwaarde: {
      roles: ['caseworker'],
      success: 'De loonwaarde is vastgelegd. De berekening is bijgewerkt.',
      run: async (actor, id, body) => {
        const dto = await validateForm(CreateWageValueAssessmentDto, {
          assessedOn: textField(body.assessedOn),
          method: textField(body.method),
          assessorName: textField(body.assessorName),
          percentage: numberField(body.percentage),
          workplaceNotes: textField(body.workplaceNotes),
          effectiveFrom: textField(body.effectiveFrom),
          validUntil: textField(body.validUntil),
        });
        await this.assessments.record(actor, id, versionField(body), dto);
      },
    },
    doelgroep: {
      roles: ['caseworker'],
      success: 'De grondslag voor de doelgroep is vastgelegd.',
      run: async (actor, id, body) => {
        // Only the fields of the chosen basis are sent; the form shows both sets.
        const basis = textField(body.targetGroupBasis);
        const dto = await validateForm(RecordTargetGroupDto, {
          basis,
          registeredOn: basis === 'doelgroepregister' ? textField(body.targetGroupRegisteredOn) : undefined,
          assessedOn: basis === 'praktijkroute' ? textField(body.targetGroupAssessedOn) : undefined,
          assessorName: basis === 'praktijkroute' ? textField(body.targetGroupAssessorName) : undefined,
        }).catch(renameFields((name) => TARGET_GROUP_FIELDS[name] ?? name));
        await this.applications
          .recordTargetGroup(actor, id, versionField(body), dto)
          .catch(renameFields((name) => TARGET_GROUP_FIELDS[name] ?? name));
      },
    },
    'geen-meting': {
      roles: ['caseworker'],
      success: 'Vastgelegd: de loonwaarde hoeft niet gemeten te worden. De termijn van 5 weken loopt vanaf het besluit.',
      run: async (actor, id, body) => {
        const dto = await validateForm(RecordNoMeasurementDto, {
          decidedOn: textField(body.noMeasurementOn),
          reason: textField(body.noMeasurementReason),
        }).catch(renameFields((name) => NO_MEASUREMENT_FIELDS[name] ?? name));
        await this.applications
          .recordNoMeasurement(actor, id, versionField(body), dto)
          .catch(renameFields((name) => NO_MEASUREMENT_FIELDS[name] ?? name));
      },
    },
    'informatie-opvragen': {
      roles: ['caseworker'],
      success: 'De vraag is vastgelegd. De beslistermijn is opgeschort.',
      run: async (actor, id, body) => {
        const dto = await validateForm(RequestInformationDto, { question: textField(body.question) });
        await this.applications.requestInformation(actor, id, versionField(body), dto);
      },
    },
    'informatie-ontvangen': {
      roles: ['caseworker'],
      success: 'De informatie is ontvangen. De beslistermijn loopt weer.',
      run: async (actor, id, body) => {
        const dto = await validateForm(ReceiveInformationDto, { note: textField(body.note) });
        await this.applications.receiveInformation(actor, id, versionField(body), dto);
      },
    },
    'termijn-verlengen': {
      roles: ['caseworker'],
      success: 'De beslistermijn is verlengd.',
      run: async (actor, id, body) => {
        const dto = await validateForm(ExtendDeadlineDto, { weeks: numberField(body.weeks), reason: textField(body.reason) });
        await this.applications.extendDeadline(actor, id, versionField(body), dto);
      },
    },
    voorstel: {
      roles: ['caseworker'],
      success: 'Het voorstel is vastgelegd. U kunt nu het conceptbesluit opstellen.',
      run: async (actor, id, body) => {
        const dto = await validateForm(ProposeDecisionDto, {
          outcome: textField(body.outcome),
          reasons: textField(body.reasons),
        });
        await this.applications.proposeDecision(actor, id, versionField(body), dto);
      },
    },
    'terug-naar-beoordeling': {
      roles: ['caseworker', 'approver'],
      success: 'Het voorstel is ingetrokken; de aanvraag is weer in beoordeling.',
      run: async (actor, id, body) => {
        await this.applications.returnToAssessment(actor, id, versionField(body));
      },
    },
    wijzigen: {
      roles: ['caseworker'],
      success: 'De wijziging is vastgelegd. Stel nu een wijzigings- of beëindigingsbesluit op.',
      run: async (actor, id, body) => {
        const dto = await validateForm(AmendActiveApplicationDto, {
          hoursPerWeek: numberField(body.hoursPerWeek),
          contractEnd: textField(body.contractEnd),
          reason: textField(body.reason),
        });
        await this.applications.amend(actor, id, versionField(body), dto);
      },
    },
    // Grant or rejection after the proposal, or a decision on a running subsidy: the same service call.
    besluit: this.draftAction(),
    'ander-besluit': this.draftAction(),
  };

  private draftAction(): PageAction {
    return {
      roles: ['caseworker'],
      success: 'Het conceptbesluit is opgesteld. Een beslisser (een andere medewerker dan u) moet het nu goedkeuren.',
      run: async (actor, id, body) => {
        const type = textField(body.type);
        const dto = await validateForm(DraftDecisionDto, {
          applicationId: id,
          type,
          reasons: textField(body.reasons),
          effectiveDate: type === 'change' || type === 'termination' ? textField(body.effectiveDate) : undefined,
          recoveryCents: type === 'recovery' ? euroCentsField(body.recoveryCents, 'recoveryCents') : undefined,
          paymentTermDays: type === 'recovery' ? numberField(body.paymentTermDays) : undefined,
        });
        return `/portaal/backoffice/werkvoorraad/besluiten/${(await this.decisions.draft(actor, dto)).id}`;
      },
    };
  }

  private async context(principal: Principal, id: string) {
    const entity = await this.applications.get(principal, id);
    const [application, participant, assessments, documents, decisions, methods] = await Promise.all([
      this.applications.viewOf(entity),
      this.participants.get(entity.participantId).then((p) => this.participants.view(p)),
      this.assessments.list(principal, id),
      this.documents.list(principal, id),
      this.decisions.list(principal, await validateForm(DecisionListQuery, { applicationId: id, pageSize: '100' })),
      this.codeLists.list('assessment-method'),
    ]);
    let calculation = null;
    let calculationError = null;
    try {
      calculation = await this.applications.calculation(principal, id);
    } catch (error) {
      const dutch = toDutchError(error);
      if (dutch.status >= 500) throw error;
      calculationError = dutch.message;
    }
    const names = await displayNames(this.users, [
      application.proposal?.proposedBy,
      ...decisions.items.flatMap((d) => [d.draftedBy, d.approvedBy]),
    ]);
    const clock = application.decisionClock;
    const openDraft = decisions.items.find((d) => d.status === 'draft') ?? null;
    const allowed = new Set(application.allowedActions);
    const caseworker = hasRole(principal, 'caseworker');
    // Decisions on a running or ended subsidy (grant and rejection follow the proposal above).
    const otherTypes = DECISION_TYPES.filter(
      (type) => type !== 'grant' && type !== 'rejection' && DECISION_RULES[type].applicationStatuses.includes(application.status),
    );
    return {
      title: `Aanvraag ${application.applicationNumber}`,
      application,
      statusLabel: APPLICATION_STATUS_LABELS[application.status],
      participant,
      clock,
      clockLabel: clock ? CLOCK_STATE_LABELS[clock.state] : null,
      daysLeftText: clock ? daysLeftText(clock.daysLeft) : '',
      endsFirstLabel: clock ? TERM_ENDS_FIRST_LABELS[clock.endsFirst] : null,
      wageValueTermBasisLabel: clock?.wageValueTerm ? WAGE_VALUE_TERM_BASIS_LABELS[clock.wageValueTerm.basis] : null,
      originLabel: application.employmentOrigin ? EMPLOYMENT_ORIGIN_LABELS[application.employmentOrigin] : 'Niet opgegeven',
      windowLabel: APPLICATION_WINDOW_LABELS[application.applicationWindow.kind],
      targetGroupLabel: application.targetGroup ? TARGET_GROUP_BASIS_LABELS[application.targetGroup.basis] : null,
      targetGroupOptions: TARGET_GROUP_BASIS_OPTIONS,
      openRequest: application.informationRequests.find((r) => r.receivedOn === null) ?? null,
      assessments: assessments.map((a) => ({
        ...a,
        percentageText: `${dutchDecimal(a.percentage.replace(/\.?0+$/, ''))}%`,
        methodName: methods.find((m) => m.code === a.methodCode)?.name ?? a.methodCode,
      })),
      documents: documents.map((d) => ({ ...d, kindLabel: DOCUMENT_KIND_LABELS[d.kind] ?? d.kind })),
      methodOptions: methods.filter((m) => m.active).map((m) => ({ value: m.code, label: m.name })),
      calculation: calculation && calculationDisplay(calculation),
      calculationError,
      proposerName: application.proposal?.proposedBy ? names[application.proposal.proposedBy] : null,
      decisions: decisions.items.map((d) => ({
        ...d,
        typeLabel: DECISION_TYPE_LABELS[d.type],
        statusLabel: DECISION_STATUS_LABELS[d.status],
        drafterName: names[d.draftedBy] ?? '',
        approverName: d.approvedBy ? names[d.approvedBy] : null,
      })),
      openDraft,
      labels: FIELD_LABELS,
      can: {
        start: caseworker && allowed.has('start-assessment'),
        assess: caseworker && allowed.has('record-assessment'),
        recordTargetGroup: caseworker && allowed.has('record-target-group'),
        // Deciding not to measure makes sense only while nothing has been measured or decided yet.
        recordNoMeasurement:
          caseworker && allowed.has('record-no-measurement') && !application.noMeasurement && assessments.length === 0,
        request: caseworker && allowed.has('request-information'),
        receive: caseworker && allowed.has('receive-information'),
        extend: caseworker && allowed.has('extend-deadline') && application.decisionClock?.extensionWeeks === null,
        propose: caseworker && allowed.has('propose-decision'),
        returnToAssessment: hasRole(principal, 'caseworker', 'approver') && allowed.has('return-to-assessment'),
        draft: caseworker && application.status === 'decision-proposed' && !openDraft,
        amend: caseworker && allowed.has('amend'),
        draftOther: caseworker && otherTypes.length > 0 && !openDraft,
      },
      otherTypeOptions: otherTypes.map((type) => ({ value: type, label: DECISION_TYPE_LABELS[type] })),
      draftType: application.proposal?.outcome === 'reject' ? 'rejection' : 'grant',
      values: {
        reasons: application.status === 'decision-proposed' ? (application.proposal?.reasons ?? '') : '',
        // The recorded target group, to correct it.
        targetGroupBasis: application.targetGroup?.basis ?? '',
        targetGroupRegisteredOn: application.targetGroup?.registeredOn ?? '',
        targetGroupAssessedOn: application.targetGroup?.assessedOn ?? '',
        targetGroupAssessorName: application.targetGroup?.assessorName ?? '',
      },
      errors: {},
    };
  }
}
