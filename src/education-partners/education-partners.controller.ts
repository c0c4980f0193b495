import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { BankAccountInput, BankAccountView, toBankAccountView } from '../bank-accounts/bank-accounts.dto';
import { EducationPartnerView, RegisterEducationPartnerDto, toEducationPartnerView } from './education-partners.dto';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { uuidParam } from '../common/problem/uuid-param';
import { EducationPartnersService } from './education-partners.service';

@ApiTags('education-partners')
@Controller('education-partners')
export class EducationPartnersController {
  constructor(private readonly partners: EducationPartnersService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Register an education partner with its bank account (pending verification)' })
  @ApiCreatedResponse({ type: EducationPartnerView })
  async register(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: RegisterEducationPartnerDto,
  ): Promise<EducationPartnerView> {
    return toEducationPartnerView(await this.partners.register(principal, dto));
  }

  @Get(':educationPartnerId/bank-accounts')
  @Roles('education-partner', 'caseworker', 'approver', 'payment-officer', 'admin')
  @ApiOperation({ summary: 'Bank accounts of the partner with their verification status' })
  @ApiOkResponse({ type: [BankAccountView] })
  async bankAccounts(
    @CurrentPrincipal() principal: Principal,
    @Param('educationPartnerId', uuidParam('educationPartnerId')) id: string,
  ): Promise<BankAccountView[]> {
    return (await this.partners.bankAccountsOf(principal, id)).map(toBankAccountView);
  }

  @Post(':educationPartnerId/bank-accounts')
  @Roles('education-partner', 'caseworker')
  @ApiOperation({ summary: 'Change the bank account: the new one is pending until a caseworker verifies it' })
  @ApiCreatedResponse({ type: BankAccountView })
  async requestBankAccount(
    @CurrentPrincipal() principal: Principal,
    @Param('educationPartnerId', uuidParam('educationPartnerId')) id: string,
    @Body() dto: BankAccountInput,
  ): Promise<BankAccountView> {
    return toBankAccountView(await this.partners.requestBankAccount(principal, id, dto));
  }

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
