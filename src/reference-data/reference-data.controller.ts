import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, Roles } from '../auth/decorators';
import { Clock } from '../common/clock';
import { LksParameterSetView, MinimumWagePeriodList, toLksParameterSetView, toMinimumWagePeriodView } from './reference-data.dto';
import { ReferenceDataService } from './reference-data.service';

@ApiTags('reference-data')
/** Reading the reference data; adding and correcting it is in reference-corrections (it reaches running subsidies). */
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

  @Get('lks-parameter-sets')
  @Roles(ANY_ROLE)
  @ApiOperation({ summary: 'The LKS parameters (cap, holiday allowance, employer costs, flat rate) per period' })
  @ApiOkResponse({ type: [LksParameterSetView] })
  async listLksParameterSets(): Promise<LksParameterSetView[]> {
    return (await this.referenceData.listLksParameterSets()).map(toLksParameterSetView);
  }
}
