import { Body, Get, Param, Post, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationDocumentsService } from '../../../applications/application-documents';
import { ApplicationsService } from '../../../applications/applications.service';
import {
  ExtendDeadlineDto,
  ProposeDecisionDto,
  ReceiveInformationDto,
  RequestInformationDto,
} from '../../../applications/applications.dto';
import { CreateWageValueAssessmentDto, WageValueAssessmentsService } from '../../../applications/wage-value-assessments';
import { BACKOFFICE_ROLES, hasRole, type Principal } from '../../../auth/principal';
import { CodeListsService } from '../../../code-lists/code-lists.service';
import { DecisionListQuery, DraftDecisionDto } from '../../../decisions/decisions.dto';
import { DecisionsService } from '../../../decisions/decisions.service';
import { ParticipantsService } from '../../../participants/participants.service';
import { UsersService } from '../../../users/users.service';
import { PortalSessionService, type PortalSession } from '../../session/portal-session.service';
import { formValues, numberField, submitForm, textField, validateForm } from '../../shared/forms';
import { toDutchError } from '../../shared/messages-nl';
import { CurrentSession, PortalController, PortalRoles } from '../../shared/portal-decorators';
import {
  APPLICATION_STATUS_LABELS,
  CLOCK_STATE_LABELS,
  DECISION_STATUS_LABELS,
  DECISION_TYPE_LABELS,
  DOCUMENT_KIND_LABELS,
  daysLeftText,
} from './labels';
import { displayNames, recordId, versionField } from './page-helpers';
import { calculationDisplay, dutchDecimal } from './calculation-display';

const DETAIL = 'backoffice/aanvragen/detail.njk';

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
};

/**
 * The backoffice's view of one application: applicant, participant (BSN masked), contract,
 * documents, wage-value assessments, the LKS calculation month by month, the decision term, and
 * the caseworker's actions up to a draft decision. Every action calls the API's own service with the
 * API's roles; a failed action shows the page again with the Dutch message at the form.
 */
@PortalController('backoffice/aanvragen')
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

  @Post(':id/beoordeling-starten')
  @PortalRoles('caseworker')
  startAssessment(
    @CurrentSession() s: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    return this.act(s, id, body, res, 'start', 'De aanvraag is in beoordeling genomen.', async (appId) => {
      await this.applications.startAssessment(s.principal, appId, versionField(body));
    });
  }

  @Post(':id/loonwaarde')
  @PortalRoles('caseworker')
  recordAssessment(
    @CurrentSession() s: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    return this.act(
      s,
      id,
      body,
      res,
      'loonwaarde',
      'De loonwaarde is vastgelegd. De berekening is bijgewerkt.',
      async (appId) => {
        const dto = await validateForm(CreateWageValueAssessmentDto, {
          assessedOn: textField(body.assessedOn),
          method: textField(body.method),
          assessorName: textField(body.assessorName),
          percentage: numberField(body.percentage),
          workplaceNotes: textField(body.workplaceNotes),
          effectiveFrom: textField(body.effectiveFrom),
          validUntil: textField(body.validUntil),
        });
        await this.assessments.record(s.principal, appId, versionField(body), dto);
      },
    );
  }

  @Post(':id/informatie-opvragen')
  @PortalRoles('caseworker')
  requestInformation(
    @CurrentSession() s: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    return this.act(s, id, body, res, 'informatie', 'De vraag is vastgelegd. De beslistermijn is opgeschort.', async (appId) => {
      const dto = await validateForm(RequestInformationDto, { question: textField(body.question) });
      await this.applications.requestInformation(s.principal, appId, versionField(body), dto);
    });
  }

  @Post(':id/informatie-ontvangen')
  @PortalRoles('caseworker')
  receiveInformation(
    @CurrentSession() s: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    return this.act(s, id, body, res, 'ontvangen', 'De informatie is ontvangen. De beslistermijn loopt weer.', async (appId) => {
      const dto = await validateForm(ReceiveInformationDto, { note: textField(body.note) });
      await this.applications.receiveInformation(s.principal, appId, versionField(body), dto);
    });
  }

  @Post(':id/termijn-verlengen')
  @PortalRoles('caseworker')
  extendDeadline(
    @CurrentSession() s: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    return this.act(s, id, body, res, 'verlengen', 'De beslistermijn is verlengd.', async (appId) => {
      const dto = await validateForm(ExtendDeadlineDto, { weeks: numberField(body.weeks), reason: textField(body.reason) });
      await this.applications.extendDeadline(s.principal, appId, versionField(body), dto);
    });
  }

  @Post(':id/voorstel')
  @PortalRoles('caseworker')
  propose(
    @CurrentSession() s: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    return this.act(
      s,
      id,
      body,
      res,
      'voorstel',
      'Het voorstel is vastgelegd. U kunt nu het conceptbesluit opstellen.',
      async (appId) => {
        const dto = await validateForm(ProposeDecisionDto, {
          outcome: textField(body.outcome),
          reasons: textField(body.reasons),
        });
        await this.applications.proposeDecision(s.principal, appId, versionField(body), dto);
      },
    );
  }

  @Post(':id/terug-naar-beoordeling')
  @PortalRoles('caseworker', 'approver')
  returnToAssessment(
    @CurrentSession() s: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    return this.act(
      s,
      id,
      body,
      res,
      'terug',
      'Het voorstel is ingetrokken; de aanvraag is weer in beoordeling.',
      async (appId) => {
        await this.applications.returnToAssessment(s.principal, appId, versionField(body));
      },
    );
  }

  @Post(':id/besluit')
  @PortalRoles('caseworker')
  async draftDecision(
    @CurrentSession() s: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    let decisionId = '';
    await this.act(
      s,
      id,
      body,
      res,
      'besluit',
      'Het conceptbesluit is opgesteld. Een beslisser (een andere medewerker dan u) moet het nu goedkeuren.',
      async (appId) => {
        const dto = await validateForm(DraftDecisionDto, {
          applicationId: appId,
          type: textField(body.type),
          reasons: textField(body.reasons),
        });
        decisionId = (await this.decisions.draft(s.principal, dto)).id;
      },
      () => `/portaal/backoffice/besluiten/${decisionId}`,
    );
  }

  /**
   * Runs one action of the page. Success: a one-time message and back to the page (303). An error
   * the user can cause: the page again, with the message and field errors at the form that was sent.
   */
  private async act(
    session: PortalSession,
    id: string,
    body: Record<string, unknown>,
    res: Response,
    form: string,
    success: string,
    action: (applicationId: string) => Promise<void>,
    redirectTo: () => string = () => `/portaal/backoffice/aanvragen/${id}`,
  ): Promise<void> {
    const applicationId = recordId(id, 'Application');
    const context = await this.context(session.principal, applicationId);
    const ok = await submitForm(
      res,
      { template: DETAIL, context: { ...context, failedForm: form }, values: formValues(body) },
      () => action(applicationId),
    );
    if (!ok) return;
    await this.sessions.setFlash(session, success);
    res.redirect(303, redirectTo());
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
    return {
      title: `Aanvraag ${application.applicationNumber}`,
      application,
      statusLabel: APPLICATION_STATUS_LABELS[application.status],
      participant,
      clock,
      clockLabel: clock ? CLOCK_STATE_LABELS[clock.state] : null,
      daysLeftText: clock ? daysLeftText(clock.daysLeft) : '',
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
        request: caseworker && allowed.has('request-information'),
        receive: caseworker && allowed.has('receive-information'),
        extend: caseworker && allowed.has('extend-deadline') && application.decisionClock?.extensionWeeks === null,
        propose: caseworker && allowed.has('propose-decision'),
        returnToAssessment: hasRole(principal, 'caseworker', 'approver') && allowed.has('return-to-assessment'),
        draft: caseworker && application.status === 'decision-proposed' && !openDraft,
      },
      draftType: application.proposal?.outcome === 'reject' ? 'rejection' : 'grant',
      values: { reasons: application.proposal?.reasons ?? '' },
      errors: {},
    };
  }
}
