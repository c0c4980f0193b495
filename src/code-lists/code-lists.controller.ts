import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, CurrentPrincipal, Roles } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { CODE_LISTS } from './code-list-item.entity';
import {
  CodeListItemParams,
  CodeListItemView,
  CodeListParams,
  CreateCodeListItemDto,
  toCodeListItemView,
  UpdateCodeListItemDto,
} from './code-lists.dto';
import { CodeListsService } from './code-lists.service';

@ApiTags('reference-data')
@ApiParam({ name: 'listName', enum: CODE_LISTS })
@Controller('code-lists/:listName/items')
export class CodeListsController {
  constructor(private readonly codeLists: CodeListsService) {}

  @Get()
  @Roles(ANY_ROLE)
  @ApiOperation({ summary: 'Items of a reference list (job plans, wage-value assessment methods)' })
  @ApiOkResponse({ type: [CodeListItemView] })
  async list(@Param() params: CodeListParams): Promise<CodeListItemView[]> {
    return (await this.codeLists.list(params.listName)).map(toCodeListItemView);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add an item to a reference list' })
  @ApiCreatedResponse({ type: CodeListItemView })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CodeListParams,
    @Body() dto: CreateCodeListItemDto,
  ): Promise<CodeListItemView> {
    return toCodeListItemView(await this.codeLists.create(principal, params.listName, dto));
  }

  @Patch(':code')
  @Roles('admin')
  @ApiOperation({ summary: 'Rename or (de)activate a reference list item' })
  @ApiOkResponse({ type: CodeListItemView })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param() params: CodeListItemParams,
    @Body() dto: UpdateCodeListItemDto,
  ): Promise<CodeListItemView> {
    return toCodeListItemView(await this.codeLists.update(principal, params.listName, params.code, dto));
  }
}
