import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { BACKOFFICE_ROLES, type Principal } from '../auth/principal';
import { IfMatchVersion, requireVersion, setEtag } from '../common/http/etag';
import { Page } from '../common/http/pagination';
import { uuidParam } from '../common/problem/uuid-param';
import {
  AmendActiveApplicationDto,
  ApplicationListQuery,
  ChangeDueView,
  ApplicationView,
  CreateApplicationDto,
  DeadlineQuery,
  ExtendDeadlineDto,
  ProposeDecisionDto,
  ReceiveInformationDto,
  RecordNoMeasurementDto,
  RecordTargetGroupDto,
  RequestInformationDto,
  SubsidyCalculationView,
  UpdateApplicationDto,
  WithdrawDto,
} from './applications.dto';
import { ApplicationsService } from './applications.service';
import type { ApplicationEntity } from './application.entities';

class ApplicationPage extends Page(ApplicationView) {}

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag last read; 412 when the application changed since.',
};

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  private async respond(actor: Principal, application: ApplicationEntity, res: Response): Promise<ApplicationView> {
    const view = await this.applications.viewOf(application);
    setEtag(res, view.version);
    return view;
  }

  @Post()
  @Roles('employer')
  @ApiOperation({ summary: 'Start an application (draft) for a participant' })
  @ApiCreatedResponse({ type: ApplicationView })
  async create(
    @CurrentPrincipal() actor: Principal,
    @Body() dto: CreateApplicationDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(actor, await this.applications.create(actor, dto), res);
  }

  @Get()
  @Roles('employer', ...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'Applications with filters, sorting and pages; an employer sees only its own' })
  @ApiOkResponse({ type: ApplicationPage })
  list(@CurrentPrincipal() actor: Principal, @Query() query: ApplicationListQuery): Promise<ApplicationPage> {
    return this.applications.list(actor, query);
  }

  @Get(':applicationId')
  @Roles('employer', ...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'One application with its decision term (Awb 4:13) and information requests' })
  @ApiOkResponse({ type: ApplicationView })
  async get(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ApplicationView> {
    const view = await this.applications.view(actor, id);
    setEtag(res, view.version);
    return view;
  }

  @Patch(':applicationId')
  @Roles('employer')
  @ApiOperation({ summary: 'Edit a draft' })
  @ApiHeader({ ...IF_MATCH, required: true })
  @ApiOkResponse({ type: ApplicationView })
  async update(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: UpdateApplicationDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(actor, await this.applications.update(actor, id, requireVersion(version), dto), res);
  }

  @Get(':applicationId/lks-calculation')
  @Roles('employer', ...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'The subsidy for the application as it stands: flat rate and assessed wage values, month by month' })
  @ApiOkResponse({ type: SubsidyCalculationView })
  calculation(@CurrentPrincipal() actor: Principal, @Param('applicationId', uuidParam('applicationId')) id: string) {
    return this.applications.calculation(actor, id);
  }

  @Post(':applicationId/submit')
  @HttpCode(200)
  @Roles('employer')
  @ApiOperation({
    summary:
      'Submit the draft; the decision term of 8 weeks starts (Awb 4:13). Refused (422) outside the application window ' +
      '(Participatiewet art. 10d): before the start, or within 6 months after it for the origins that allow it',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationView })
  async submit(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.applications.submit(actor, id, version);
    setEtag(res, view.version);
    return view;
  }

  @Post(':applicationId/withdraw')
  @HttpCode(200)
  @Roles('employer')
  @ApiOperation({ summary: 'Withdraw the application (possible until it is decided)' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationView })
  async withdraw(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: WithdrawDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(actor, await this.applications.withdraw(actor, id, version, dto), res);
  }

  @Post(':applicationId/start-assessment')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({ summary: 'Take a submitted application into assessment' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationView })
  async startAssessment(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(actor, await this.applications.startAssessment(actor, id, version), res);
  }

  @Post(':applicationId/request-information')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({ summary: 'Ask the employer for information; suspends the decision term (Awb 4:15)' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationView })
  async requestInformation(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: RequestInformationDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(actor, await this.applications.requestInformation(actor, id, version, dto), res);
  }

  @Post(':applicationId/receive-information')
  @HttpCode(200)
  @Roles('employer', 'caseworker')
  @ApiOperation({ summary: 'The requested information arrived; the decision term runs again' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationView })
  async receiveInformation(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: ReceiveInformationDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(actor, await this.applications.receiveInformation(actor, id, version, dto), res);
  }

  @Post(':applicationId/extend-deadline')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({ summary: 'Extend the decision term once, with a reason (Awb 4:14)' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationView })
  async extendDeadline(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: ExtendDeadlineDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(actor, await this.applications.extendDeadline(actor, id, version, dto), res);
  }

  @Post(':applicationId/record-target-group')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({
    summary:
      'Record why the person belongs to the LKS target group: doelgroepregister (registration date) or praktijkroute ' +
      '(assessment date and assessor); needed before a grant is proposed',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationView })
  async recordTargetGroup(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: RecordTargetGroupDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(actor, await this.applications.recordTargetGroup(actor, id, version, dto), res);
  }

  @Post(':applicationId/record-no-measurement')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({
    summary:
      'Record the decision, agreed with the employer, that the wage value need not be measured (Participatiewet art. 10d ' +
      'lid 1 sub b); the five-week decision term starts from it',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationView })
  async recordNoMeasurement(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: RecordNoMeasurementDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(actor, await this.applications.recordNoMeasurement(actor, id, version, dto), res);
  }

  @Post(':applicationId/propose-decision')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({ summary: 'Propose a grant (amounts from the LKS calculation are fixed in the proposal) or a rejection' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationView })
  async proposeDecision(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: ProposeDecisionDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(actor, await this.applications.proposeDecision(actor, id, version, dto), res);
  }

  @Post(':applicationId/amend')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({
    summary: 'Record new hours or a new contract end of a running subsidy; a change or termination decision follows',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationView })
  async amend(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: AmendActiveApplicationDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(actor, await this.applications.amend(actor, id, version, dto), res);
  }

  @Post(':applicationId/return-to-assessment')
  @HttpCode(200)
  @Roles('caseworker', 'approver')
  @ApiOperation({ summary: 'Take a proposed decision back into assessment' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ApplicationView })
  async returnToAssessment(
    @CurrentPrincipal() actor: Principal,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(actor, await this.applications.returnToAssessment(actor, id, version), res);
  }
}

@ApiTags('applications')
@Controller('application-changes-due')
export class ApplicationChangesDueController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get()
  @Roles(...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'Running subsidies with a new wage value, hours or contract end since the last decision' })
  @ApiOkResponse({ type: [ChangeDueView] })
  list(): Promise<ChangeDueView[]> {
    return this.applications.changesDue();
  }
}

@ApiTags('applications')
@Controller('application-deadlines')
export class ApplicationDeadlinesController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get()
  @Roles(...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'Undecided applications that are overdue or due within withinDays days, most urgent first' })
  @ApiOkResponse({ type: [ApplicationView] })
  list(@Query() query: DeadlineQuery): Promise<ApplicationView[]> {
    return this.applications.deadlines(query.withinDays);
  }
}
