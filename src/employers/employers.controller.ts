import { Body, Controller, Get, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { BankAccountInput, BankAccountView, toBankAccountView } from '../bank-accounts/bank-accounts.dto';
import { CurrentPrincipal, Public, Roles } from '../auth/decorators';
import { BACKOFFICE_ROLES, type Principal } from '../auth/principal';
import { IfMatchVersion, requireVersion, setEtag } from '../common/http/etag';
import { uuidParam } from '../common/problem/uuid-param';
import { EmployerView, RegisteredEmployerView, RegisterEmployerDto, toEmployerView, UpdateEmployerDto } from './employers.dto';
import { EmployersService } from './employers.service';

const EMPLOYER_OR_BACKOFFICE = ['employer', ...BACKOFFICE_ROLES] as const;

@ApiTags('employers')
@Controller('employers')
export class EmployersController {
  constructor(private readonly employers: EmployersService) {}

  @Post()
  @Public()
  @ApiOperation({
    summary: 'Register an employer organisation with its first user and bank account',
    description: 'The bank account stays pending until a caseworker verifies it; payments only use a verified account.',
  })
  @ApiCreatedResponse({ type: RegisteredEmployerView })
  async register(@Body() dto: RegisterEmployerDto): Promise<RegisteredEmployerView> {
    const { employerId, userId, actor } = await this.employers.register(dto);
    return { employer: await this.employers.view(actor, employerId), userId };
  }

  @Get()
  @Roles(...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'All employers (backoffice)' })
  @ApiOkResponse({ type: [EmployerView] })
  async list(): Promise<EmployerView[]> {
    return (await this.employers.list()).map((e) => toEmployerView(e));
  }

  @Get(':employerId')
  @Roles(...EMPLOYER_OR_BACKOFFICE)
  @ApiOperation({ summary: 'One employer; an employer user sees only its own organisation' })
  @ApiOkResponse({ type: EmployerView })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('employerId', uuidParam('employerId')) employerId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EmployerView> {
    const view = await this.employers.view(principal, employerId);
    setEtag(res, view.version);
    return view;
  }

  @Patch(':employerId')
  @Roles(...EMPLOYER_OR_BACKOFFICE)
  @ApiOperation({ summary: 'Change name, payroll tax number, address or contact (not the bank account)' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from the last GET.' })
  @ApiOkResponse({ type: EmployerView })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('employerId', uuidParam('employerId')) employerId: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: UpdateEmployerDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EmployerView> {
    await this.employers.update(principal, employerId, requireVersion(version), dto);
    const view = await this.employers.view(principal, employerId);
    setEtag(res, view.version);
    return view;
  }

  @Get(':employerId/bank-accounts')
  @Roles(...EMPLOYER_OR_BACKOFFICE)
  @ApiOperation({ summary: 'Bank accounts of the employer, newest first, with their verification status' })
  @ApiOkResponse({ type: [BankAccountView] })
  async listBankAccounts(
    @CurrentPrincipal() principal: Principal,
    @Param('employerId', uuidParam('employerId')) employerId: string,
  ): Promise<BankAccountView[]> {
    return (await this.employers.bankAccountsOf(principal, employerId)).map(toBankAccountView);
  }

  @Post(':employerId/bank-accounts')
  @Roles('employer', 'caseworker')
  @ApiOperation({ summary: 'Change the bank account: the new one is pending until a caseworker verifies it' })
  @ApiCreatedResponse({ type: BankAccountView })
  async requestBankAccount(
    @CurrentPrincipal() principal: Principal,
    @Param('employerId', uuidParam('employerId')) employerId: string,
    @Body() dto: BankAccountInput,
  ): Promise<BankAccountView> {
    return toBankAccountView(await this.employers.requestBankAccount(principal, employerId, dto));
  }
}
