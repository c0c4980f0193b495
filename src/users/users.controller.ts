import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { uuidParam } from '../common/problem/uuid-param';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, ANY_ROLE } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { CreateUserDto, toUserView, UserView } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @Roles(ANY_ROLE)
  @ApiOperation({ summary: 'The authenticated user' })
  @ApiOkResponse({ type: UserView })
  async me(@CurrentPrincipal() principal: Principal): Promise<UserView> {
    return toUserView(await this.users.get(principal.userId));
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'All users' })
  @ApiOkResponse({ type: [UserView] })
  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(toUserView);
  }

  @Get(':userId')
  @Roles('admin')
  @ApiOperation({ summary: 'One user' })
  @ApiOkResponse({ type: UserView })
  async get(@Param('userId', uuidParam('userId')) userId: string): Promise<UserView> {
    return toUserView(await this.users.get(userId));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user with roles (and the organisation an external user belongs to)' })
  @ApiCreatedResponse({ type: UserView })
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateUserDto): Promise<UserView> {
    return toUserView(await this.users.create(principal, dto));
  }
}
