import { Body, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationDocumentsService, UploadDocumentDto } from '../../applications/application-documents';
import {
  ApplicationListQuery,
  ReceiveInformationDto,
  UpdateApplicationDto,
  WithdrawDto,
} from '../../applications/applications.dto';
import { ApplicationsService } from '../../applications/applications.service';
import { DomainError } from '../../common/errors/domain-errors';
import { DecisionListQuery } from '../../decisions/decisions.dto';
import { DecisionsService } from '../../decisions/decisions.service';
import { PaymentHoldsAndSchedulesService } from '../../payments/payment-holds-and-schedules.service';
import { formValues, submitForm, textField, validateForm } from '../shared/forms';
import { CurrentSession, PortalController, PortalRoles } from '../shared/portal-decorators';
import { PortalSessionService, type PortalSession } from '../session/portal-session.service';
import {
  ApplicationFormService,
  applicationFormValues,
  applicationInput,
  onParticipantField,
  redisplayValues,
  validateApplication,
} from './application-form';
import { DOCUMENT_KIND_OPTIONS, EMPLOYER_LABELS } from './employer-labels';
import { attachment, formVersion, pageNumber, portalId } from './employer-http';

const BASE = '/portaal/werkgever/aanvragen';
const PAGE_SIZE = 20;

/** The upload's content is not a PDF, JPEG or PNG (415, as in the API), reported on the file field. */
class UnsupportedUpload extends DomainError {
  readonly status = 415;
  readonly slug = 'unsupported-file-type';
  readonly title = 'Unsupported file type';
}

/**
 * The employer's LKS applications: the list, the form to apply (save as draft, submit), the live
 * estimate, and one application with its term, questions, documents, decisions and payments.
 * Only the employer role, as the API allows for these actions; the services keep an employer to
 * its own organisation (another's application is the 404 page).
 */
@PortalController('werkgever')
export class EmployerApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly documents: ApplicationDocumentsService,
    private readonly decisions: DecisionsService,
    private readonly schedules: PaymentHoldsAndSchedulesService,
    private readonly form: ApplicationFormService,
    private readonly sessions: PortalSessionService,
  ) {}

  @Get('aanvragen')
  @PortalRoles('employer')
  async list(@CurrentSession() session: PortalSession, @Query('pagina') page: unknown, @Res() res: Response): Promise<void> {
    const query = Object.assign(new ApplicationListQuery(), { page: pageNumber(page), pageSize: PAGE_SIZE });
    const result = await this.applications.list(session.principal, query);
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    res.render('employer/applications.njk', {
      title: 'Aanvragen',
      applications: result.items,
      total: result.total,
      page: query.page,
      pages,
      labels: EMPLOYER_LABELS,
    });
  }

  // ---- the form ------------------------------------------------------------------------------

  @Get('aanvragen/nieuw')
  @PortalRoles('employer')
  async newForm(@Res() res: Response): Promise<void> {
    res.render('employer/application-form.njk', {
      ...(await this.formContext(null)),
      values: { scale: 'regular', fullTimeHoursPerWeek: '36' },
    });
  }

  /**
   * One form, three buttons: save as draft, submit (draft then submit, as in the API), or show
   * the estimate (the form without JavaScript).
   */
  @Post('aanvragen/nieuw')
  @PortalRoles('employer')
  @HttpCode(200)
  async create(@CurrentSession() session: PortalSession, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const values = formValues(body);
    const context = await this.formContext(null);
    if (body.actie === 'schatting') return this.renderEstimate(res, context, body, values);
    let id = '';
    let saved: { id: string; applicationNumber: string } | null = null;
    const shown = redisplayValues(values);
    const ok = await submitForm(
      res,
      {
        template: 'employer/application-form.njk',
        // When the draft was saved but its submission refused (say, past the application window), the
        // form shown again edits that draft, so sending it again does not save a second one.
        context: async () => (saved ? this.formContext(saved) : context),
        values: shown,
      },
      async () => {
        const dto = await validateApplication(body);
        const draft = await this.applications.create(session.principal, dto).catch(onParticipantField(dto));
        id = draft.id;
        saved = draft;
        shown.version = String(draft.version);
        if (body.actie === 'indienen') await this.applications.submit(session.principal, id, draft.version);
      },
    );
    if (!ok) return;
    await this.sessions.setFlash(
      session,
      body.actie === 'indienen'
        ? 'Uw aanvraag is ingediend. De gemeente beslist binnen 8 weken.'
        : 'Uw aanvraag is opgeslagen als concept. U kunt hem later aanvullen en indienen.',
    );
    res.redirect(303, `${BASE}/${id}`);
  }

  @Get('aanvragen/:id/wijzigen')
  @PortalRoles('employer')
  async editForm(@CurrentSession() session: PortalSession, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const view = await this.applications.view(session.principal, portalId(id));
    // Only a draft can be changed; for any other status the application's page says where it stands.
    if (view.status !== 'draft') return res.redirect(303, `${BASE}/${view.id}`);
    res.render('employer/application-form.njk', {
      ...(await this.formContext(view)),
      values: { ...applicationFormValues(view), version: String(view.version) },
    });
  }

  @Post('aanvragen/:id/wijzigen')
  @PortalRoles('employer')
  @HttpCode(200)
  async update(
    @CurrentSession() session: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    const view = await this.applications.view(session.principal, portalId(id));
    const values = formValues(body);
    const context = await this.formContext(view);
    if (body.actie === 'schatting') return this.renderEstimate(res, context, body, values);
    const ok = await submitForm(
      res,
      { template: 'employer/application-form.njk', context, values: redisplayValues(values) },
      async () => {
        const dto = await validateForm(UpdateApplicationDto, applicationInput(body));
        const saved = await this.applications
          .update(session.principal, view.id, formVersion(body.version) ?? 0, dto)
          .catch(onParticipantField(dto));
        if (body.actie === 'indienen') await this.applications.submit(session.principal, view.id, saved.version);
      },
    );
    if (!ok) return;
    await this.sessions.setFlash(
      session,
      body.actie === 'indienen'
        ? 'Uw aanvraag is ingediend. De gemeente beslist binnen 8 weken.'
        : 'De wijzigingen zijn opgeslagen.',
    );
    res.redirect(303, `${BASE}/${view.id}`);
  }

  /** The live estimate for the form's script: JSON, read-only, nothing stored. */
  @Get('schatting')
  @PortalRoles('employer')
  async estimate(@Query() query: Record<string, unknown>, @Res() res: Response) {
    const outcome = await this.form.estimate(query);
    res.status(outcome.ok ? 200 : 422).json(outcome.ok ? { ok: true, lines: outcome.estimate.lines } : outcome);
  }

  private async renderEstimate(res: Response, context: object, body: Record<string, unknown>, values: Record<string, string>) {
    const outcome = await this.form.estimate(body);
    res.render('employer/application-form.njk', {
      ...context,
      values: redisplayValues(values),
      estimate: outcome.ok ? outcome.estimate.lines : null,
      estimateMessage: outcome.ok ? null : outcome.message,
      errors: outcome.ok ? {} : outcome.fields,
    });
  }

  private async formContext(view: { id: string; applicationNumber: string } | null) {
    return {
      title: view ? `Aanvraag ${view.applicationNumber} wijzigen` : 'Nieuwe aanvraag',
      application: view,
      action: view ? `${BASE}/${view.id}/wijzigen` : `${BASE}/nieuw`,
      ...(await this.form.formOptions()),
    };
  }

  // ---- one application -------------------------------------------------------------------------

  @Get('aanvragen/:id')
  @PortalRoles('employer')
  async detail(@CurrentSession() session: PortalSession, @Param('id') id: string, @Res() res: Response): Promise<void> {
    res.render('employer/application.njk', await this.detailContext(session, portalId(id)));
  }

  private async detailContext(session: PortalSession, id: string) {
    const application = await this.applications.view(session.principal, id);
    const decisionQuery = Object.assign(new DecisionListQuery(), { applicationId: id, pageSize: 100 });
    const [documents, decisions, schedules] = await Promise.all([
      this.documents.list(session.principal, id),
      this.decisions.list(session.principal, decisionQuery),
      this.schedules.schedules(session.principal, id),
    ]);
    return {
      title: `Aanvraag ${application.applicationNumber}`,
      application,
      openRequest: application.informationRequests.find((r) => r.receivedOn === null) ?? null,
      documents,
      decisions: decisions.items,
      schedules,
      documentKinds: DOCUMENT_KIND_OPTIONS,
      can: (action: string) => application.allowedActions.includes(action as never),
      labels: EMPLOYER_LABELS,
      fieldLabels: { kind: 'Soort document', file: 'Bestand', note: 'Uw antwoord', reason: 'Reden' },
    };
  }

  /** A lifecycle step from the detail page; on a refusal the page shows why, next to the form. */
  private async step(
    session: PortalSession,
    id: string,
    body: Record<string, unknown>,
    res: Response,
    flash: string,
    action: () => Promise<unknown>,
  ): Promise<void> {
    const context = await this.detailContext(session, id);
    const ok = await submitForm(res, { template: 'employer/application.njk', context, values: formValues(body) }, async () => {
      await action();
    });
    if (!ok) return;
    await this.sessions.setFlash(session, flash);
    res.redirect(303, `${BASE}/${id}`);
  }

  @Post('aanvragen/:id/indienen')
  @PortalRoles('employer')
  @HttpCode(200)
  async submit(
    @CurrentSession() session: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const appId = portalId(id);
    await this.step(session, appId, body, res, 'Uw aanvraag is ingediend. De gemeente beslist binnen 8 weken.', () =>
      this.applications.submit(session.principal, appId, formVersion(body.version)),
    );
  }

  @Post('aanvragen/:id/intrekken')
  @PortalRoles('employer')
  @HttpCode(200)
  async withdraw(
    @CurrentSession() session: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const appId = portalId(id);
    await this.step(session, appId, body, res, 'Uw aanvraag is ingetrokken.', async () => {
      const dto = await validateForm(WithdrawDto, { reason: textField(body.reason) });
      await this.applications.withdraw(session.principal, appId, formVersion(body.version), dto);
    });
  }

  /** The employer answers the caseworker's question; the decision term runs again (Awb 4:15). */
  @Post('aanvragen/:id/informatie')
  @PortalRoles('employer')
  @HttpCode(200)
  async answer(
    @CurrentSession() session: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const appId = portalId(id);
    await this.step(session, appId, body, res, 'Uw antwoord is verstuurd. De beslistermijn loopt weer.', async () => {
      const dto = await validateForm(ReceiveInformationDto, { note: textField(body.note) });
      await this.applications.receiveInformation(session.principal, appId, formVersion(body.version), dto);
    });
  }

  // ---- documents and decisions -----------------------------------------------------------------

  @Post('aanvragen/:id/documenten')
  @PortalRoles('employer')
  @HttpCode(200)
  async upload(
    @CurrentSession() session: PortalSession,
    @Param('id') id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const appId = portalId(id);
    await this.step(session, appId, body, res, 'Het document is toegevoegd.', async () => {
      const dto = await validateForm(UploadDocumentDto, { kind: textField(body.kind) });
      try {
        await this.documents.upload(session.principal, appId, dto.kind, req.file);
      } catch (error) {
        if ((error as DomainError).slug !== 'unsupported-file-type') throw error;
        throw new UnsupportedUpload((error as Error).message, [{ name: 'file', reason: 'must be a PDF, JPEG or PNG file' }]);
      }
    });
  }

  @Get('aanvragen/:id/documenten/:documentId')
  @PortalRoles('employer')
  async download(
    @CurrentSession() session: PortalSession,
    @Param('id') id: string,
    @Param('documentId') documentId: string,
    @Res() res: Response,
  ): Promise<void> {
    const document = await this.documents.content(session.principal, portalId(id), portalId(documentId));
    attachment(res, document.content, document.contentType, document.fileName);
  }

  /** The issued decision's PDF: exactly the stored bytes (the service shows employers only issued decisions). */
  @Get('besluiten/:decisionId/pdf')
  @PortalRoles('employer')
  async decisionPdf(@CurrentSession() session: PortalSession, @Param('decisionId') decisionId: string, @Res() res: Response) {
    const pdf = await this.decisions.pdf(session.principal, portalId(decisionId));
    res.setHeader('ETag', `"${pdf.sha256}"`);
    attachment(res, pdf.bytes, 'application/pdf', pdf.fileName);
  }
}
