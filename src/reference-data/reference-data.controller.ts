import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, CurrentPrincipal, Roles } from '../auth/decorators';
import { Clock } from '../common/clock';
import type { Principal } from '../auth/principal';
import {
  CreateLksParameterSetDto,
  CreateMinimumWagePeriodDto,
  LksParameterSetView,
  MinimumWagePeriodList,
  MinimumWagePeriodView,
  toLksParameterSetView,
  toMinimumWagePeriodView,
} from './reference-data.dto';
import { ReferenceDataService } from './reference-data.service';

@ApiTags('reference-data')
@Controller()
export class ReferenceDataController {
  constructor(
    private readonly referenceData: ReferenceDataService,
    private readonly clock: Clock,
  ) {}

  @Get('minimum-wage-periods')
  @Roles(ANY_ROLE)
  @ApiOperation({
    summary: 'The statutory minimum wage table: hourly amounts per period, scale and age, and until when it reaches',
  })
  @ApiOkResponse({ type: MinimumWagePeriodList })
  async listMinimumWagePeriods(): Promise<MinimumWagePeriodList> {
    const [periods, coverage] = await Promise.all([
      this.referenceData.listMinimumWagePeriods(),
      this.referenceData.minimumWageCoverage(this.clock.today()),
    ]);
    return { items: periods.map(toMinimumWagePeriodView), total: periods.length, ...coverage };
  }

  @Post('minimum-wage-periods')
  @Roles('admin')
  @ApiOperation({ summary: 'Add the next minimum wage period (indexation on 1 January / 1 July)' })
  @ApiCreatedResponse({ type: MinimumWagePeriodView })
  async createMinimumWagePeriod(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateMinimumWagePeriodDto,
  ): Promise<MinimumWagePeriodView> {
    return toMinimumWagePeriodView(await this.referenceData.createMinimumWagePeriod(principal, dto));
  }

  @Get('lks-parameter-sets')
  @Roles(ANY_ROLE)
  @ApiOperation({ summary: 'The LKS parameters (cap, holiday allowance, employer costs, flat rate) per period' })
  @ApiOkResponse({ type: [LksParameterSetView] })
  async listLksParameterSets(): Promise<LksParameterSetView[]> {
    return (await this.referenceData.listLksParameterSets()).map(toLksParameterSetView);
  }

  @Post('lks-parameter-sets')
  @Roles('admin')
  @ApiOperation({ summary: 'Add the next set of LKS parameters' })
  @ApiCreatedResponse({ type: LksParameterSetView })
  async createLksParameterSet(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateLksParameterSetDto,
  ): Promise<LksParameterSetView> {
    return toLksParameterSetView(await this.referenceData.createLksParameterSet(principal, dto));
  }
}
