import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { uuidParam } from '../common/problem/uuid-param';
import { BankAccountDecisionDto, BankAccountView, toBankAccountView } from './bank-accounts.dto';
import { BankAccountsService } from './bank-accounts.service';

@ApiTags('bank-accounts')
@Controller('bank-accounts')
export class BankAccountsController {
  constructor(private readonly accounts: BankAccountsService) {}

  @Get()
  @Roles('caseworker', 'payment-officer', 'admin')
  @ApiOperation({ summary: 'Bank accounts waiting for verification, oldest first' })
  @ApiOkResponse({ type: [BankAccountView] })
  async pending(): Promise<BankAccountView[]> {
    return (await this.accounts.listPending()).map(toBankAccountView);
  }

  @Post(':bankAccountId/decision')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({ summary: 'Verify or reject a new bank account (not by the person who entered it)' })
  @ApiOkResponse({ type: BankAccountView })
  async decide(
    @CurrentPrincipal() principal: Principal,
    @Param('bankAccountId', uuidParam('bankAccountId')) id: string,
    @Body() dto: BankAccountDecisionDto,
  ): Promise<BankAccountView> {
    return toBankAccountView(await this.accounts.decide(principal, id, dto));
  }
}
