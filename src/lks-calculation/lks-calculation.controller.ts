import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, Roles } from '../auth/decorators';
import { LksCalculationRequest, LksCalculationView, toLksCalculationView } from './lks-calculation.dto';
import { LksCalculationService } from './lks-calculation.service';

@ApiTags('lks-calculations')
@Controller('lks-calculations')
export class LksCalculationController {
  constructor(private readonly calculations: LksCalculationService) {}

  @Post()
  @HttpCode(200)
  @Roles(ANY_ROLE)
  @ApiOperation({
    summary: 'Calculate the wage-cost subsidy month by month, with the full breakdown',
    description:
      'Nothing is stored. A month without minimum wage data, or a flat rate longer than allowed, is a 422 naming the reason.',
  })
  @ApiOkResponse({ type: LksCalculationView })
  async calculate(@Body() request: LksCalculationRequest): Promise<LksCalculationView> {
    return toLksCalculationView(await this.calculations.calculate(request));
  }
}
