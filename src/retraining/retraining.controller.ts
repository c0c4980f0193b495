import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { BACKOFFICE_ROLES, type Principal } from '../auth/principal';
import { IfMatchVersion, setEtag } from '../common/http/etag';
import { Page } from '../common/http/pagination';
import { uuidParam } from '../common/problem/uuid-param';
import { EnrolmentsService } from './enrolments.service';
import { ProgrammesService } from './programmes.service';
import {
  BulkConfirmDto,
  BulkDeclineDto,
  CohortView,
  CompleteDto,
  ConfirmDto,
  CreateCohortDto,
  CreateProgrammeDto,
  DeclineDto,
  DropOutDto,
  EnrolmentQuery,
  EnrolmentView,
  NominateDto,
  ProgrammeView,
  ProgressReportDto,
} from './retraining.dto';

class EnrolmentPage extends Page(EnrolmentView) {}
const IF_MATCH = { name: 'If-Match', required: false, description: 'The ETag last read; 412 when the enrolment changed since.' };
const PARTNER_OR_BACKOFFICE = ['education-partner', ...BACKOFFICE_ROLES] as const;

@ApiTags('retraining')
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a retraining programme of an education partner' })
  @ApiCreatedResponse({ type: ProgrammeView })
  create(@CurrentPrincipal() actor: Principal, @Body() dto: CreateProgrammeDto) {
    return this.programmes.create(actor, dto);
  }

  @Get()
  @Roles(...PARTNER_OR_BACKOFFICE)
  @ApiOperation({ summary: 'Programmes with their cohorts; a partner sees its own' })
  @ApiOkResponse({ type: [ProgrammeView] })
  list(@CurrentPrincipal() actor: Principal) {
    return this.programmes.list(actor);
  }

  @Get(':programmeId')
  @Roles(...PARTNER_OR_BACKOFFICE)
  @ApiOperation({ summary: 'One programme with its cohorts' })
  @ApiOkResponse({ type: ProgrammeView })
  get(@CurrentPrincipal() actor: Principal, @Param('programmeId', uuidParam('programmeId')) id: string) {
    return this.programmes.get(actor, id);
  }

  @Post(':programmeId/cohorts')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a cohort (start date and places)' })
  @ApiCreatedResponse({ type: CohortView })
  addCohort(
    @CurrentPrincipal() actor: Principal,
    @Param('programmeId', uuidParam('programmeId')) id: string,
    @Body() dto: CreateCohortDto,
  ) {
    return this.programmes.addCohort(actor, id, dto);
  }
}

@ApiTags('retraining')
@Controller()
export class EnrolmentsController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  private async respond(actor: Principal, id: string, res: Response): Promise<EnrolmentView> {
    const view = await this.enrolments.view(actor, id);
    setEtag(res, view.version);
    return view;
  }

  @Post('enrolments')
  @Roles('caseworker')
  @ApiOperation({ summary: 'Nominate a participant for a cohort (BBL: with the work placement)' })
  @ApiCreatedResponse({ type: EnrolmentView })
  async nominate(@CurrentPrincipal() actor: Principal, @Body() dto: NominateDto, @Res({ passthrough: true }) res: Response) {
    return this.respond(actor, (await this.enrolments.nominate(actor, dto)).id, res);
  }

  @Get('enrolments')
  @Roles(...PARTNER_OR_BACKOFFICE)
  @ApiOperation({ summary: 'Enrolments; a partner sees only those in its own programmes' })
  @ApiOkResponse({ type: EnrolmentPage })
  list(@CurrentPrincipal() actor: Principal, @Query() query: EnrolmentQuery) {
    return this.enrolments.list(actor, query);
  }

  @Get('enrolments/unanswered-nominations')
  @Roles(...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'Nominations not answered by the partner within 10 working days' })
  @ApiOkResponse({ type: [EnrolmentView] })
  unanswered() {
    return this.enrolments.unanswered();
  }

  @Get('enrolments/open-nominations-export')
  @Roles('education-partner')
  @ApiOperation({ summary: "The partner's open nominations as CSV" })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV', schema: { type: 'string' } })
  async openNominations(@CurrentPrincipal() actor: Principal) {
    const csv = await this.enrolments.openNominationsCsv(actor);
    return new StreamableFile(Buffer.from(csv, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="open-nominaties.csv"',
    });
  }

  @Get('enrolments/:enrolmentId')
  @Roles(...PARTNER_OR_BACKOFFICE)
  @ApiOperation({ summary: 'One enrolment' })
  @ApiOkResponse({ type: EnrolmentView })
  get(
    @CurrentPrincipal() actor: Principal,
    @Param('enrolmentId', uuidParam('enrolmentId')) id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(actor, id, res);
  }

  @Post('enrolments/:enrolmentId/confirm')
  @HttpCode(200)
  @Roles('education-partner')
  @ApiOperation({ summary: 'Confirm the nomination with student number and start date; the tuition due at the start follows' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: EnrolmentView })
  async confirm(
    @CurrentPrincipal() actor: Principal,
    @Param('enrolmentId', uuidParam('enrolmentId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: ConfirmDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.enrolments.confirm(actor, id, version, dto);
    return this.respond(actor, id, res);
  }

  @Post('cohorts/:cohortId/confirmations')
  @HttpCode(200)
  @Roles('education-partner')
  @ApiOperation({ summary: 'Confirm several nominations of a cohort at once: all or nothing, with errors per row' })
  @ApiOkResponse({ type: [EnrolmentView] })
  async bulkConfirm(
    @CurrentPrincipal() actor: Principal,
    @Param('cohortId', uuidParam('cohortId')) cohortId: string,
    @Body() dto: BulkConfirmDto,
  ) {
    const confirmed = await this.enrolments.bulkConfirm(actor, cohortId, dto);
    return Promise.all(confirmed.map((e) => this.enrolments.view(actor, e.id)));
  }

  @Post('cohorts/:cohortId/declines')
  @HttpCode(200)
  @Roles('education-partner')
  @ApiOperation({
    summary: 'Decline several nominations of a cohort at once, with one reason: all or nothing, with errors per row',
  })
  @ApiOkResponse({ type: [EnrolmentView] })
  async bulkDecline(
    @CurrentPrincipal() actor: Principal,
    @Param('cohortId', uuidParam('cohortId')) cohortId: string,
    @Body() dto: BulkDeclineDto,
  ) {
    const declined = await this.enrolments.bulkDecline(actor, cohortId, dto);
    return Promise.all(declined.map((e) => this.enrolments.view(actor, e.id)));
  }

  @Post('enrolments/:enrolmentId/decline')
  @HttpCode(200)
  @Roles('education-partner')
  @ApiOperation({ summary: 'Decline the nomination, with the reason' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: EnrolmentView })
  async decline(
    @CurrentPrincipal() actor: Principal,
    @Param('enrolmentId', uuidParam('enrolmentId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: DeclineDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.enrolments.decline(actor, id, version, dto);
    return this.respond(actor, id, res);
  }

  @Post('enrolments/:enrolmentId/progress-reports')
  @HttpCode(200)
  @Roles('education-partner')
  @ApiOperation({ summary: 'Report progress: period, attendance and results' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: EnrolmentView })
  async reportProgress(
    @CurrentPrincipal() actor: Principal,
    @Param('enrolmentId', uuidParam('enrolmentId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: ProgressReportDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.enrolments.reportProgress(actor, id, version, dto);
    return this.respond(actor, id, res);
  }

  @Post('enrolments/:enrolmentId/complete')
  @HttpCode(200)
  @Roles('education-partner')
  @ApiOperation({ summary: 'Record the diploma; the rest of the tuition follows' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: EnrolmentView })
  async complete(
    @CurrentPrincipal() actor: Principal,
    @Param('enrolmentId', uuidParam('enrolmentId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: CompleteDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.enrolments.complete(actor, id, version, dto);
    return this.respond(actor, id, res);
  }

  @Post('enrolments/:enrolmentId/drop-out')
  @HttpCode(200)
  @Roles('education-partner', 'caseworker')
  @ApiOperation({ summary: 'Record a drop-out: open tuition stops; recovery where the programme says so' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: EnrolmentView })
  async dropOut(
    @CurrentPrincipal() actor: Principal,
    @Param('enrolmentId', uuidParam('enrolmentId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: DropOutDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.enrolments.dropOut(actor, id, version, dto);
    return this.respond(actor, id, res);
  }
}
