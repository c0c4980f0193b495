import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../auth/access.service';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { NotFound } from '../common/errors/domain-errors';
import { uuidParam } from '../common/problem/uuid-param';
import { EmployersService } from './employers.service';
import type { EmployerEntity } from './employer.entity';

export class EmployerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Zorggroep Amstel B.V.' }) name: string;
  @ApiProperty({ example: '12345678' }) kvkNumber: string;
}

export function toEmployerView(e: EmployerEntity): EmployerView {
  return { id: e.id, name: e.name, kvkNumber: e.kvkNumber };
}

@ApiTags('employers')
@Controller('employers')
export class EmployersController {
  constructor(
    private readonly employers: EmployersService,
    private readonly access: AccessService,
  ) {}

  @Get()
  @Roles('caseworker', 'approver', 'payment-officer', 'admin')
  @ApiOperation({ summary: 'All employers (backoffice)' })
  @ApiOkResponse({ type: [EmployerView] })
  async list(): Promise<EmployerView[]> {
    return (await this.employers.list()).map(toEmployerView);
  }

  @Get(':employerId')
  @Roles('employer', 'caseworker', 'approver', 'payment-officer', 'admin')
  @ApiOperation({ summary: 'One employer; an employer user sees only its own organisation' })
  @ApiOkResponse({ type: EmployerView })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('employerId', uuidParam('employerId')) employerId: string,
  ): Promise<EmployerView> {
    this.access.requireEmployerAccess(principal, employerId);
    const employer = await this.employers.find(employerId);
    if (!employer) throw new NotFound('Employer', employerId);
    return toEmployerView(employer);
  }
}
