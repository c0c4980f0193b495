import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { serialIdParam } from '../common/problem/uuid-param';
import {
  AddLksParameterSetDto,
  AddMinimumWagePeriodDto,
  ConfirmLksParameterSetCorrectionDto,
  ConfirmMinimumWagePeriodCorrectionDto,
  CorrectLksParameterSetDto,
  CorrectMinimumWagePeriodDto,
  CreateLksParameterSetDto,
  CreateMinimumWagePeriodDto,
  toLksParameterSetView,
  toMinimumWagePeriodView,
} from '../reference-data/reference-data.dto';
import {
  CorrectionImpactView,
  CorrectionResultView,
  LksParameterSetAddedView,
  MinimumWagePeriodAddedView,
} from './reference-corrections.dto';
import { ReferenceCorrectionsService } from './reference-corrections.service';

const PREVIEW =
  'Shows, without changing anything, which active subsidies and which instalments the correction changes and by how much. ' +
  'Send the returned impactFingerprint with the correction to confirm it.';
const CONFIRM =
  'Corrects the values (with the reason, in the audit trail) and drafts a change decision for every active subsidy whose ' +
  'decided amounts change; issuing it (four eyes) brings the payments in line. Refused with 409 when the impact differs ' +
  'from the preview. Safe to repeat.';

const ADD =
  'Periods join without gaps or overlaps. An addition that changes decided amounts of running subsidies (possible only when ' +
  'the latest period was open ended) needs the impactFingerprint of its preview and drafts their change decisions (409 without it).';

@ApiTags('reference-data')
@Controller()
export class ReferenceCorrectionsController {
  constructor(private readonly corrections: ReferenceCorrectionsService) {}

  @Post('minimum-wage-periods')
  @Roles('admin')
  @ApiOperation({
    summary: 'Add the next minimum wage period (indexation on 1 January / 1 July)',
    description: ADD,
  })
  @ApiCreatedResponse({ type: MinimumWagePeriodAddedView })
  async addMinimumWage(
    @CurrentPrincipal() actor: Principal,
    @Body() dto: AddMinimumWagePeriodDto,
  ): Promise<MinimumWagePeriodAddedView> {
    const { impactFingerprint, ...period } = dto;
    const added = await this.corrections.addMinimumWagePeriod(actor, period, impactFingerprint);
    return { ...toMinimumWagePeriodView(added.period), changeDecisions: added.changeDecisions };
  }

  @Post('minimum-wage-periods/impact-previews')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Preview what adding a minimum wage period does to running subsidies', description: PREVIEW })
  @ApiOkResponse({ type: CorrectionImpactView })
  previewNewMinimumWage(
    @CurrentPrincipal() actor: Principal,
    @Body() dto: CreateMinimumWagePeriodDto,
  ): Promise<CorrectionImpactView> {
    return this.corrections.previewNewMinimumWagePeriod(actor, dto);
  }

  @Post('lks-parameter-sets')
  @Roles('admin')
  @ApiOperation({ summary: 'Add the next set of LKS parameters', description: ADD })
  @ApiCreatedResponse({ type: LksParameterSetAddedView })
  async addParameters(
    @CurrentPrincipal() actor: Principal,
    @Body() dto: AddLksParameterSetDto,
  ): Promise<LksParameterSetAddedView> {
    const { impactFingerprint, ...set } = dto;
    const added = await this.corrections.addLksParameterSet(actor, set, impactFingerprint);
    return { ...toLksParameterSetView(added.set), changeDecisions: added.changeDecisions };
  }

  @Post('lks-parameter-sets/impact-previews')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Preview what adding an LKS parameter set does to running subsidies', description: PREVIEW })
  @ApiOkResponse({ type: CorrectionImpactView })
  previewNewParameters(
    @CurrentPrincipal() actor: Principal,
    @Body() dto: CreateLksParameterSetDto,
  ): Promise<CorrectionImpactView> {
    return this.corrections.previewNewLksParameterSet(actor, dto);
  }

  @Post('minimum-wage-periods/:periodId/correction-previews')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Preview the correction of a minimum wage period: what it does to running subsidies',
    description: PREVIEW,
  })
  @ApiOkResponse({ type: CorrectionImpactView })
  previewMinimumWage(
    @CurrentPrincipal() actor: Principal,
    @Param('periodId', serialIdParam('periodId')) id: number,
    @Body() dto: CorrectMinimumWagePeriodDto,
  ): Promise<CorrectionImpactView> {
    return this.corrections.previewMinimumWagePeriod(actor, id, dto);
  }

  @Post('minimum-wage-periods/:periodId/corrections')
  @Roles('admin')
  @ApiOperation({ summary: 'Correct the amounts of a minimum wage period, after its preview', description: CONFIRM })
  @ApiCreatedResponse({ type: CorrectionResultView })
  correctMinimumWage(
    @CurrentPrincipal() actor: Principal,
    @Param('periodId', serialIdParam('periodId')) id: number,
    @Body() dto: ConfirmMinimumWagePeriodCorrectionDto,
  ): Promise<CorrectionResultView> {
    return this.corrections.confirmMinimumWagePeriod(actor, id, dto);
  }

  @Post('lks-parameter-sets/:setId/correction-previews')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Preview the correction of an LKS parameter set: what it does to running subsidies',
    description: PREVIEW,
  })
  @ApiOkResponse({ type: CorrectionImpactView })
  previewParameters(
    @CurrentPrincipal() actor: Principal,
    @Param('setId', serialIdParam('setId')) id: number,
    @Body() dto: CorrectLksParameterSetDto,
  ): Promise<CorrectionImpactView> {
    return this.corrections.previewLksParameterSet(actor, id, dto);
  }

  @Post('lks-parameter-sets/:setId/corrections')
  @Roles('admin')
  @ApiOperation({ summary: 'Correct the percentages of an LKS parameter set, after its preview', description: CONFIRM })
  @ApiCreatedResponse({ type: CorrectionResultView })
  correctParameters(
    @CurrentPrincipal() actor: Principal,
    @Param('setId', serialIdParam('setId')) id: number,
    @Body() dto: ConfirmLksParameterSetCorrectionDto,
  ): Promise<CorrectionResultView> {
    return this.corrections.confirmLksParameterSet(actor, id, dto);
  }
}
