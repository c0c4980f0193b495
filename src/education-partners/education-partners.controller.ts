import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { uuidParam } from '../common/problem/uuid-param';
import { EducationPartnersService } from './education-partners.service';
import type { EducationPartnerEntity } from './education-partner.entity';

export class EducationPartnerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ROC van Amsterdam' }) name: string;
  @ApiProperty({ example: '25LJ' }) brinCode: string;
}

export function toEducationPartnerView(p: EducationPartnerEntity): EducationPartnerView {
  return { id: p.id, name: p.name, brinCode: p.brinCode };
}

@ApiTags('education-partners')
@Controller('education-partners')
export class EducationPartnersController {
  constructor(private readonly partners: EducationPartnersService) {}

  @Get()
  @Roles('caseworker', 'approver', 'payment-officer', 'admin')
  @ApiOperation({ summary: 'All education partners (backoffice)' })
  @ApiOkResponse({ type: [EducationPartnerView] })
  async list(): Promise<EducationPartnerView[]> {
    return (await this.partners.list()).map(toEducationPartnerView);
  }

  @Get(':educationPartnerId')
  @Roles('education-partner', 'caseworker', 'approver', 'payment-officer', 'admin')
  @ApiOperation({ summary: 'One education partner; a partner user sees only its own institution' })
  @ApiOkResponse({ type: EducationPartnerView })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('educationPartnerId', uuidParam('educationPartnerId')) id: string,
  ): Promise<EducationPartnerView> {
    return toEducationPartnerView(await this.partners.get(principal, id));
  }
}
