import { Body, Get, Param, Post, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { BACKOFFICE_ROLES, hasRole, type Principal } from '../../../auth/principal';
import { OBJECTION_STATUSES } from '../../../decisions/decision.entities';
import { RegisterObjectionDto, UpdateDraftDecisionDto, UpdateObjectionDto } from '../../../decisions/decisions.dto';
import { DecisionsService } from '../../../decisions/decisions.service';
import { UsersService } from '../../../users/users.service';
import { PortalSessionService, type PortalSession } from '../../session/portal-session.service';
import { formValues, submitForm, textField, validateForm } from '../../shared/forms';
import { CurrentSession, PortalController, PortalRoles } from '../../shared/portal-decorators';
import { DECISION_STATUS_LABELS, DECISION_TYPE_LABELS, OBJECTION_STATUS_LABELS } from './labels';
import { displayNames, recordId, versionField } from './page-helpers';

const DECISION = 'backoffice/aanvragen/besluit.njk';

/**
 * One decision: its content and amounts, who drafted it and who may approve it (four eyes, visible
 * on the page), approving (issuing) by an approver, and the PDF (a preview of a draft, the stored
 * bytes of an issued decision).
 */
@PortalController('backoffice/werkvoorraad/besluiten')
export class DecisionPagesController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly users: UsersService,
    private readonly sessions: PortalSessionService,
  ) {}

  @Get(':id')
  @PortalRoles(...BACKOFFICE_ROLES)
  async decision(@CurrentSession() session: PortalSession, @Param('id') id: string, @Res() res: Response): Promise<void> {
    res.render(DECISION, await this.context(session.principal, recordId(id, 'Decision')));
  }

  @Get(':id/pdf')
  @PortalRoles(...BACKOFFICE_ROLES)
  async pdf(
    @CurrentSession() session: PortalSession,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const pdf = await this.decisions.pdf(session.principal, recordId(id, 'Decision'));
    res.setHeader('Cache-Control', pdf.issued ? 'private, no-cache' : 'no-store');
    return new StreamableFile(pdf.bytes, {
      type: 'application/pdf',
      disposition: `attachment; filename="${pdf.fileName}"`,
      length: pdf.bytes.length,
    });
  }

  /** Four eyes: the service refuses the drafter (FourEyesViolation), which the page shows in Dutch. */
  @Post(':id/goedkeuren')
  @PortalRoles('approver')
  async approve(
    @CurrentSession() session: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const decisionId = recordId(id, 'Decision');
    let number = '';
    await this.act(
      session,
      decisionId,
      body,
      res,
      async () => {
        number = (await this.decisions.approve(session.principal, decisionId, versionField(body))).decisionNumber ?? '';
      },
      () => `Het besluit is goedgekeurd en afgegeven met nummer ${number}.`,
    );
  }

  @Post(':id/motivering')
  @PortalRoles('caseworker')
  async editReasons(
    @CurrentSession() session: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const decisionId = recordId(id, 'Decision');
    await this.act(
      session,
      decisionId,
      body,
      res,
      async () => {
        const dto = await validateForm(UpdateDraftDecisionDto, { reasons: textField(body.reasons) });
        await this.decisions.updateDraft(session.principal, decisionId, versionField(body), dto);
      },
      () => 'De motivering is aangepast.',
    );
  }

  /** Bezwaar (Awb 6:4): registered by a caseworker on an issued decision, as in the API. */
  @Post(':id/bezwaren')
  @PortalRoles('caseworker')
  async registerObjection(
    @CurrentSession() session: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const decisionId = recordId(id, 'Decision');
    let withinTerm = true;
    await this.act(
      session,
      decisionId,
      body,
      res,
      async () => {
        const dto = await validateForm(RegisterObjectionDto, {
          receivedOn: textField(body.receivedOn),
          grounds: textField(body.grounds),
        });
        withinTerm = (await this.decisions.registerObjection(session.principal, decisionId, dto)).withinTerm;
      },
      () =>
        withinTerm
          ? 'Het bezwaar is geregistreerd.'
          : 'Het bezwaar is geregistreerd. Het kwam na de bezwaartermijn van 6 weken binnen; beoordeel of de termijnoverschrijding verschoonbaar is.',
    );
  }

  @Post(':id/bezwaren/:objectionId')
  @PortalRoles('caseworker')
  async updateObjection(
    @CurrentSession() session: PortalSession,
    @Param('id') id: string,
    @Param('objectionId') objectionId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const decisionId = recordId(id, 'Decision');
    const objection = recordId(objectionId, 'Objection');
    await this.act(
      session,
      decisionId,
      body,
      res,
      async () => {
        const dto = await validateForm(UpdateObjectionDto, { status: textField(body[`status-${objection}`]) });
        await this.decisions.updateObjection(session.principal, decisionId, objection, versionField(body), dto);
      },
      () => 'De stand van het bezwaar is opgeslagen.',
    );
  }

  @Post(':id/verwijderen')
  @PortalRoles('caseworker')
  async discard(
    @CurrentSession() session: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const decisionId = recordId(id, 'Decision');
    const { applicationId } = await this.decisions.get(session.principal, decisionId);
    await this.act(
      session,
      decisionId,
      body,
      res,
      () => this.decisions.discard(session.principal, decisionId, versionField(body)),
      () => 'Het conceptbesluit is verwijderd. U kunt een nieuw besluit opstellen.',
      `/portaal/backoffice/werkvoorraad/aanvragen/${applicationId}`,
    );
  }

  private async act(
    session: PortalSession,
    id: string,
    body: Record<string, unknown>,
    res: Response,
    action: () => Promise<void>,
    success: () => string,
    redirectTo = `/portaal/backoffice/werkvoorraad/besluiten/${id}`,
  ): Promise<void> {
    const context = () => this.context(session.principal, id);
    if (!(await submitForm(res, { template: DECISION, context, values: formValues(body) }, action))) return;
    await this.sessions.setFlash(session, success());
    res.redirect(303, redirectTo);
  }

  private async context(principal: Principal, id: string) {
    const [view, entity] = await Promise.all([this.decisions.view(principal, id), this.decisions.get(principal, id)]);
    const names = await displayNames(this.users, [view.draftedBy, view.approvedBy]);
    const draft = view.status === 'draft';
    const ownDraft = view.draftedBy === principal.userId;
    return {
      title: `${DECISION_TYPE_LABELS[view.type]} ${view.decisionNumber ?? '(concept)'}`,
      decision: view,
      typeLabel: DECISION_TYPE_LABELS[view.type],
      statusLabel: DECISION_STATUS_LABELS[view.status],
      months: entity.snapshot.calculation?.months ?? [],
      drafterName: names[view.draftedBy] ?? '',
      approverName: view.approvedBy ? names[view.approvedBy] : null,
      draftedAt: entity.draftedAt,
      approvedAt: entity.approvedAt,
      ownDraft,
      can: {
        approve: draft && hasRole(principal, 'approver'),
        edit: draft && hasRole(principal, 'caseworker'),
        objections: view.status === 'issued' && hasRole(principal, 'caseworker'),
      },
      objectionStatusOptions: OBJECTION_STATUSES.map((s) => ({ value: s, label: OBJECTION_STATUS_LABELS[s] })),
      objectionStatusLabels: OBJECTION_STATUS_LABELS,
      objectionValues: Object.fromEntries(view.objections.map((o) => [`status-${o.id}`, o.status])),
      values: { reasons: view.reasons ?? '' },
      errors: {},
      labels: { reasons: 'Motivering', receivedOn: 'Ontvangen op', grounds: 'Gronden van het bezwaar' },
    };
  }
}
