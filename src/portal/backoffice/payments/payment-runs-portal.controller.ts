import { Body, Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { hasRole } from '../../../auth/principal';
import { Clock } from '../../../common/clock';
import { Conflict, InvalidInput } from '../../../common/errors/domain-errors';
import { uuidParam } from '../../../common/problem/uuid-param';
import { CancelPaymentRunDto, CreatePaymentRunDto } from '../../../payments/payments.dto';
import { UsersService } from '../../../users/users.service';
import { PortalSessionService, type PortalSession } from '../../session/portal-session.service';
import { formValues, submitForm, textField, validateForm } from '../../shared/forms';
import { CurrentSession, PortalController, PortalRoles } from '../../shared/portal-decorators';
import {
  formKey,
  ITEM_KIND,
  newFormKey,
  REJECTION_REASONS,
  rejectionsFromForm,
  RUN_STATUS,
  runItemsFromCsv,
  TRANSFER_STATUS,
  type RunPageData,
} from './payment-run-views';
import { sepaFileResponse } from '../../../payments/sepa/sepa-download';
import { PaymentServices } from './payment-services';

const BASE = '/portaal/backoffice/betaalrondes';
const LIST = 'backoffice/betaalrondes/index.njk';
const DETAIL = 'backoffice/betaalrondes/detail.njk';
const PAGE_SIZE = 25;
/** A large run lists its first items on the page; the CSV has them all. */
const ITEMS_SHOWN = 500;

/** The run in the path, a UUID (otherwise the Dutch 'not valid' page). */
const RunId = () => Param('runId', uuidParam('runId'));

/** Labels of the form fields, for the error summary. */
const LABELS = {
  runDate: 'Betaaldatum',
  reason: 'Reden van annuleren',
  afgewezen: 'Afgewezen overboekingen',
  formulier: 'Formulier',
};

/**
 * Payment runs for payment officers: create a run for a run date, review its totals per payee and
 * its items, approve it as a second officer (four eyes), download the SEPA file and the CSV, record
 * that it went to the bank, record the bank's answer (settled, with rejected transfers), or cancel.
 * Every step is PaymentRunsService's, with the roles of the API's payment-runs endpoints.
 */
@PortalController('backoffice/betaalrondes')
export class PaymentRunsPortalController {
  constructor(
    private readonly payments: PaymentServices,
    private readonly users: UsersService,
    private readonly sessions: PortalSessionService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @PortalRoles('payment-officer', 'admin')
  async list(@CurrentSession() session: PortalSession, @Query('pagina') pageParam: string | undefined, @Res() res: Response) {
    res.render(LIST, await this.listContext(session, pageParam, { runDate: this.clock.today(), idempotencyKey: newFormKey() }));
  }

  @Post()
  @PortalRoles('payment-officer')
  async create(@CurrentSession() session: PortalSession, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const values = formValues(body);
    // A form without a key (not from this page) gets one for the next try.
    values.idempotencyKey ||= newFormKey();
    let runId = '';
    const context = () => this.listContext(session, undefined, values);
    const ok = await submitForm(res, { template: LIST, context, values }, async () => {
      const key = formKey(body.idempotencyKey);
      const dto = await validateForm(CreatePaymentRunDto, { runDate: textField(body.runDate) });
      try {
        runId = (await this.payments.runs.create(session.principal, dto.runDate, key)).id;
      } catch (error) {
        if (!(error instanceof Conflict && error.invalidParams?.some((p) => p.name === 'Idempotency-Key'))) throw error;
        // This form already created a run (sent again with another date, e.g. after going back):
        // say so, and hand out a fresh form for a deliberate second run.
        values.idempotencyKey = newFormKey();
        throw new Conflict(error.message, [{ name: 'formulier', reason: 'this form was already sent' }]);
      }
    });
    if (!ok) return;
    await this.sessions.setFlash(
      session,
      'De betaalronde is aangemaakt. Een andere medewerker betalingen moet hem nu goedkeuren.',
    );
    res.redirect(303, `${BASE}/${runId}`);
  }

  @Get(':runId')
  @PortalRoles('payment-officer', 'admin')
  async detail(@CurrentSession() session: PortalSession, @RunId() runId: string, @Res() res: Response) {
    res.render(DETAIL, await this.detailContext(session, runId));
  }

  @Post(':runId/goedkeuren')
  @PortalRoles('payment-officer')
  async approve(
    @CurrentSession() session: PortalSession,
    @RunId() runId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.step(session, runId, body, res, async () => {
      await this.payments.runs.approve(session.principal, runId, formKey(body.idempotencyKey));
      return 'De betaalronde is goedgekeurd. Het SEPA-bestand staat klaar.';
    });
  }

  @Post(':runId/verzonden')
  @PortalRoles('payment-officer')
  async markSent(
    @CurrentSession() session: PortalSession,
    @RunId() runId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.step(session, runId, body, res, async () => {
      await this.payments.runs.markSent(session.principal, runId);
      return 'Vastgelegd: het SEPA-bestand is naar de bank gestuurd.';
    });
  }

  @Post(':runId/afronden')
  @PortalRoles('payment-officer')
  async settle(
    @CurrentSession() session: PortalSession,
    @RunId() runId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.step(session, runId, body, res, async () => {
      const rejections = rejectionsFromForm(body, await this.payments.runs.transferViews(runId));
      await this.payments.runs.settle(session.principal, runId, rejections);
      if (!rejections.length) return 'De betaalronde is afgerond: alle overboekingen zijn betaald.';
      return `De betaalronde is afgerond. Afgewezen overboekingen: ${rejections.length}. Die betalingen staan weer open voor een volgende betaalronde.`;
    });
  }

  @Post(':runId/annuleren')
  @PortalRoles('payment-officer')
  async cancel(
    @CurrentSession() session: PortalSession,
    @RunId() runId: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    await this.step(session, runId, body, res, async () => {
      const dto = await validateForm(CancelPaymentRunDto, { reason: textField(body.reason) ?? '' });
      await this.payments.runs.cancel(session.principal, runId, dto.reason);
      return 'De betaalronde is geannuleerd. De betalingen kunnen in een volgende ronde.';
    });
  }

  @Get(':runId/sepa-bestand')
  @PortalRoles('payment-officer', 'admin')
  async sepaFile(@RunId() runId: string, @Res({ passthrough: true }) res: Response) {
    return sepaFileResponse(await this.payments.runs.sepaFile(runId), res);
  }

  @Get(':runId/export')
  @PortalRoles('payment-officer', 'admin')
  async csv(@RunId() runId: string) {
    const csv = await this.payments.runs.csv(runId);
    return new StreamableFile(Buffer.from(csv.text, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${csv.fileName}"`,
    });
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** One step on a run: on success back to the run with the step's message, on an error the run page with it. */
  private async step(
    session: PortalSession,
    runId: string,
    body: Record<string, unknown>,
    res: Response,
    action: () => Promise<string>,
  ): Promise<void> {
    const context = () => this.detailContext(session, runId);
    const values = formValues(body);
    let success = '';
    const ok = await submitForm(res, { template: DETAIL, context, values }, async () => {
      success = await action().catch(renameRejectionFields);
    });
    if (!ok) return;
    await this.sessions.setFlash(session, success);
    res.redirect(303, `${BASE}/${runId}`);
  }

  private async listContext(session: PortalSession, pageParam: string | undefined, values: Record<string, string>) {
    const page = Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1);
    const [runs, total] = await this.payments.runs.list(PAGE_SIZE, (page - 1) * PAGE_SIZE);
    const names = await this.userNames(runs.flatMap((r) => [r.createdBy, r.approvedBy]));
    return {
      title: 'Betaalrondes',
      labels: LABELS,
      values: { ...values, idempotencyKey: values.idempotencyKey ?? newFormKey() },
      canCreate: hasRole(session.principal, 'payment-officer'),
      runs: runs.map((r) => ({
        ...r,
        status: RUN_STATUS[r.status] ?? { label: r.status, color: 'azure' },
        createdByName: names.get(r.createdBy),
        approvedByName: r.approvedBy ? names.get(r.approvedBy) : null,
      })),
      page,
      previousPage: page > 1 ? page - 1 : null,
      nextPage: page * PAGE_SIZE < total ? page + 1 : null,
      total,
    };
  }

  private async detailContext(session: PortalSession, runId: string) {
    const run = await this.payments.runs.view(runId);
    const [transfers, csv] = await Promise.all([this.payments.runs.transferViews(runId), this.payments.runs.csv(runId)]);
    const names = await this.userNames([run.createdBy, run.approvedBy]);
    const data: RunPageData = {
      run,
      status: RUN_STATUS[run.status] ?? { label: run.status, color: 'azure' },
      createdByName: names.get(run.createdBy) ?? '',
      approvedByName: run.approvedBy ? (names.get(run.approvedBy) ?? '') : null,
      transfers: transfers.map((t) => ({ ...t, statusLabel: TRANSFER_STATUS[t.status] ?? t.status })),
      items: runItemsFromCsv(csv.text, ITEMS_SHOWN).map((i) => ({
        ...i,
        kindLabel: ITEM_KIND[i.kind] ?? i.kind,
        statusLabel: TRANSFER_STATUS[i.status] ?? i.status,
      })),
    };
    const officer = hasRole(session.principal, 'payment-officer');
    const ownRun = run.createdBy === session.principal.userId;
    return {
      title: `Betaalronde ${run.runNumber}`,
      labels: { ...LABELS, ...Object.fromEntries(transfers.map((t, i) => [`reden-${i}`, `Reden afwijzing ${t.payeeName}`])) },
      ...data,
      ownRun,
      canApprove: officer && run.status === 'created' && !ownRun,
      canMarkSent: officer && run.status === 'approved',
      canSettle: officer && run.status === 'sent',
      canCancel: officer && (run.status === 'created' || run.status === 'approved'),
      hasFile: run.sepaSha256 !== null,
      itemsCut: run.itemCount > ITEMS_SHOWN ? ITEMS_SHOWN : null,
      approveKey: newFormKey(),
      reasons: REJECTION_REASONS,
    };
  }

  /** Display names of the officers on the runs. */
  private async userNames(ids: Array<string | null>): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => id !== null))];
    const users = await Promise.all(unique.map((id) => this.users.get(id).catch(() => null)));
    return new Map(unique.map((id, i) => [id, users[i]?.displayName ?? 'Onbekende medewerker']));
  }
}

/** The service names a wrong rejection `rejections[0].endToEndId`; on the page that is the list of ticked transfers. */
function renameRejectionFields(error: unknown): never {
  if (error instanceof InvalidInput && error.invalidParams?.some((p) => p.name.startsWith('rejections'))) {
    throw new InvalidInput(
      error.invalidParams.map((p) => (p.name.startsWith('rejections') ? { ...p, name: 'afgewezen' } : p)),
      error.message,
    );
  }
  throw error;
}
