import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { BACKOFFICE_ROLES, type Principal } from '../auth/principal';
import { Page, PageQuery, pageOf } from '../common/http/pagination';
import { uuidParam } from '../common/problem/uuid-param';
import { JobView, JobsService } from '../jobs/jobs.service';
import { IdempotencyKey } from './idempotency';
import { PaymentHoldsAndSchedulesService } from './payment-holds-and-schedules.service';
import { PaymentRecomputationService } from './payment-recomputation.service';
import { ActualHoursDto, PaymentSettlementService, SettlementView } from './payment-settlement.service';
import { sepaFileResponse } from './sepa/sepa-download';
import { PaymentRunsService } from './payment-runs.service';
import {
  CancelPaymentRunDto,
  CreateHoldDto,
  CreatePaymentRunDto,
  HoldView,
  PayableItemView,
  PaymentRunView,
  PaymentScheduleView,
  RecomputationReportView,
  RecomputeSchedulesDto,
  RecoveryItemView,
  RecoveryQuery,
  RunTransferView,
  UpdateRecoveryItemDto,
  ScheduleQuery,
  SettlePaymentRunDto,
} from './payments.dto';

class PaymentRunPage extends Page(PaymentRunView) {}

const IDEMPOTENCY = {
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key gets the first answer instead of acting again.',
};

@ApiTags('payments')
@Controller('payment-runs')
export class PaymentRunsController {
  constructor(private readonly runs: PaymentRunsService) {}

  @Post()
  @Roles('payment-officer')
  @ApiOperation({ summary: 'Create a run: every due, unheld, unpaid item with a verified account, grouped per payee' })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: PaymentRunView })
  create(@CurrentPrincipal() actor: Principal, @Body() dto: CreatePaymentRunDto, @IdempotencyKey() key: string | undefined) {
    return this.runs.create(actor, dto.runDate, key);
  }

  @Get()
  @Roles('payment-officer', 'admin')
  @ApiOperation({ summary: 'Payment runs, newest first' })
  @ApiOkResponse({ type: PaymentRunPage })
  async list(@Query() query: PageQuery): Promise<PaymentRunPage> {
    const [items, total] = await this.runs.list(query.pageSize, query.offset());
    return pageOf(items, total, query);
  }

  @Get(':runId')
  @Roles('payment-officer', 'admin')
  @ApiOperation({ summary: 'One run with its totals' })
  @ApiOkResponse({ type: PaymentRunView })
  get(@Param('runId', uuidParam('runId')) runId: string) {
    return this.runs.view(runId);
  }

  @Get(':runId/transfers')
  @Roles('payment-officer', 'admin')
  @ApiOperation({ summary: 'The transfers of a run: one per payee, with end-to-end id and remittance text' })
  @ApiOkResponse({ type: [RunTransferView] })
  transfers(@Param('runId', uuidParam('runId')) runId: string) {
    return this.runs.transferViews(runId);
  }

  @Post(':runId/approve')
  @HttpCode(200)
  @Roles('payment-officer')
  @ApiOperation({ summary: 'Approve a run (not by its creator); produces the SEPA file' })
  @ApiHeader(IDEMPOTENCY)
  @ApiOkResponse({ type: PaymentRunView })
  approve(
    @CurrentPrincipal() actor: Principal,
    @Param('runId', uuidParam('runId')) runId: string,
    @IdempotencyKey() key: string | undefined,
  ) {
    return this.runs.approve(actor, runId, key);
  }

  @Post(':runId/mark-sent')
  @HttpCode(200)
  @Roles('payment-officer')
  @ApiOperation({ summary: 'Record that the SEPA file was handed to the bank' })
  @ApiOkResponse({ type: PaymentRunView })
  markSent(@CurrentPrincipal() actor: Principal, @Param('runId', uuidParam('runId')) runId: string) {
    return this.runs.markSent(actor, runId);
  }

  @Post(':runId/settle')
  @HttpCode(200)
  @Roles('payment-officer')
  @ApiOperation({ summary: "Record the bank's answer: all settled except the rejected transfers, which go back to open" })
  @ApiOkResponse({ type: PaymentRunView })
  settle(
    @CurrentPrincipal() actor: Principal,
    @Param('runId', uuidParam('runId')) runId: string,
    @Body() dto: SettlePaymentRunDto,
  ) {
    return this.runs.settle(actor, runId, dto.rejections);
  }

  @Post(':runId/cancel')
  @HttpCode(200)
  @Roles('payment-officer')
  @ApiOperation({ summary: 'Cancel a run that has not gone to the bank; its items can go into a next run' })
  @ApiOkResponse({ type: PaymentRunView })
  cancel(
    @CurrentPrincipal() actor: Principal,
    @Param('runId', uuidParam('runId')) runId: string,
    @Body() dto: CancelPaymentRunDto,
  ) {
    return this.runs.cancel(actor, runId, dto.reason);
  }

  @Get(':runId/sepa-file')
  @Roles('payment-officer', 'admin')
  @ApiOperation({ summary: 'The SEPA credit transfer file (pain.001.001.03); ETag = SHA-256' })
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'The file.', schema: { type: 'string', format: 'binary' } })
  async sepaFile(@Param('runId', uuidParam('runId')) runId: string, @Res({ passthrough: true }) res: Response) {
    return sepaFileResponse(await this.runs.sepaFile(runId), res);
  }

  @Get(':runId/export')
  @Roles('payment-officer', 'admin')
  @ApiOperation({ summary: 'The run as CSV for the finance department' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, one line per item.', schema: { type: 'string' } })
  async csv(@Param('runId', uuidParam('runId')) runId: string) {
    const csv = await this.runs.csv(runId);
    return new StreamableFile(Buffer.from(csv.text, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${csv.fileName}"`,
    });
  }
}

@ApiTags('payments')
@Controller()
export class PaymentSchedulesAndHoldsController {
  constructor(
    private readonly service: PaymentHoldsAndSchedulesService,
    private readonly recomputation: PaymentRecomputationService,
    private readonly settlement: PaymentSettlementService,
    private readonly jobs: JobsService,
  ) {}

  @Get('payment-schedules')
  @Roles('employer', ...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'Payment schedules with their instalments; an employer sees only its own' })
  @ApiOkResponse({ type: [PaymentScheduleView] })
  schedules(@CurrentPrincipal() actor: Principal, @Query() query: ScheduleQuery) {
    return this.service.schedules(actor, query.applicationId);
  }

  @Get('payment-schedules/:scheduleId')
  @Roles('employer', ...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'One payment schedule' })
  @ApiOkResponse({ type: PaymentScheduleView })
  schedule(@CurrentPrincipal() actor: Principal, @Param('scheduleId', uuidParam('scheduleId')) id: string) {
    return this.service.schedule(actor, id);
  }

  @Post('payment-schedules/recomputations')
  @HttpCode(200)
  @Roles('admin', 'payment-officer')
  @ApiOperation({
    summary: 'Indexation: recompute unpaid instalments of all active schedules from a date; reports what changed; safe to repeat',
  })
  @ApiOkResponse({ type: RecomputationReportView })
  recompute(@CurrentPrincipal() actor: Principal, @Body() dto: RecomputeSchedulesDto): Promise<RecomputationReportView> {
    return this.recomputation.recomputeAll(actor, dto.fromDate);
  }

  @Post('payment-schedules/recomputation-jobs')
  @HttpCode(202)
  @Roles('admin', 'payment-officer')
  @ApiOperation({ summary: 'Indexation in the background; follow its progress at /jobs/{jobId}' })
  @ApiAcceptedResponse({ type: JobView })
  recomputeInBackground(
    @CurrentPrincipal() actor: Principal,
    @Body() dto: RecomputeSchedulesDto,
    @Res({ passthrough: true }) res: Response,
  ): JobView {
    const job = this.jobs.start('payment-schedules.recomputation', (progress) =>
      this.recomputation.recomputeAll(actor, dto.fromDate, progress),
    );
    res.setHeader('Location', `/api/v1/jobs/${job.id}`);
    return job;
  }

  @Get('recovery-items')
  @Roles('caseworker', 'payment-officer', 'admin')
  @ApiOperation({ summary: 'Amounts to be paid back (terugvordering), earliest due first' })
  @ApiOkResponse({ type: [RecoveryItemView] })
  recoveries(@Query() query: RecoveryQuery) {
    return this.service.recoveries(query.status);
  }

  @Patch('recovery-items/:recoveryItemId')
  @Roles('payment-officer')
  @ApiOperation({ summary: 'Record that a recovery was offset, paid or written off' })
  @ApiOkResponse({ type: RecoveryItemView })
  updateRecovery(
    @CurrentPrincipal() actor: Principal,
    @Param('recoveryItemId', uuidParam('recoveryItemId')) id: string,
    @Body() dto: UpdateRecoveryItemDto,
  ) {
    return this.service.updateRecovery(actor, id, dto.status);
  }

  @Post('applications/:applicationId/actual-hours')
  @HttpCode(204)
  @Roles('caseworker')
  @ApiOperation({ summary: 'Record the hours actually worked in a month (from the pay slip), for the settlement' })
  @ApiNoContentResponse({ description: 'Recorded.' })
  async actualHours(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) applicationId: string,
    @Body() dto: ActualHoursDto,
  ): Promise<void> {
    await this.settlement.recordActualHours(actor, applicationId, dto);
  }

  @Get('applications/:applicationId/settlement')
  @Roles(...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'Settlement (vaststelling): what was due, with actual hours where entered, against what was paid' })
  @ApiOkResponse({ type: SettlementView })
  settlementOf(@Param('applicationId', uuidParam('applicationId')) applicationId: string): Promise<SettlementView> {
    return this.settlement.settlement(applicationId);
  }

  @Get('payment-holds/held-items')
  @Roles('caseworker', 'payment-officer', 'admin')
  @ApiOperation({ summary: 'Open payable items that runs skip because of a hold' })
  @ApiOkResponse({ type: [PayableItemView] })
  heldItems() {
    return this.service.heldItems();
  }

  @Get('payment-holds')
  @Roles('caseworker', 'payment-officer', 'admin')
  @ApiOperation({ summary: 'Holds in force' })
  @ApiOkResponse({ type: [HoldView] })
  holds() {
    return this.service.activeHolds();
  }

  @Post('payment-holds')
  @Roles('caseworker', 'payment-officer')
  @ApiOperation({ summary: 'Hold payments to an employer or for a schedule, with a reason' })
  @ApiCreatedResponse({ type: HoldView })
  hold(@CurrentPrincipal() actor: Principal, @Body() dto: CreateHoldDto) {
    return this.service.hold(actor, dto);
  }

  @Delete('payment-holds/:holdId')
  @Roles('caseworker', 'payment-officer')
  @ApiOperation({ summary: 'Release a hold' })
  @ApiOkResponse({ type: HoldView })
  release(@CurrentPrincipal() actor: Principal, @Param('holdId', uuidParam('holdId')) id: string) {
    return this.service.release(actor, id);
  }
}
