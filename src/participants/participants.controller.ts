import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { BACKOFFICE_ROLES, type Principal } from '../auth/principal';
import { NotFound } from '../common/errors/domain-errors';
import { Page, PageQuery, pageOf } from '../common/http/pagination';
import { uuidParam } from '../common/problem/uuid-param';
import { CreateParticipantDto, ParticipantBsnSearchDto, ParticipantView } from './participants.dto';
import { ParticipantsService } from './participants.service';

class ParticipantPage extends Page(ParticipantView) {}

@ApiTags('participants')
@Controller('participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Post()
  @Roles('caseworker')
  @ApiOperation({ summary: 'Register a participant (person on social assistance); gives a participant number' })
  @ApiCreatedResponse({ type: ParticipantView })
  async create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateParticipantDto): Promise<ParticipantView> {
    return this.participants.view(await this.participants.create(principal, dto));
  }

  @Get()
  @Roles(...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'Participants, by participant number' })
  @ApiOkResponse({ type: ParticipantPage })
  async list(@Query() query: PageQuery): Promise<ParticipantPage> {
    const [items, total] = await this.participants.list(query.pageSize, query.offset());
    return pageOf(await Promise.all(items.map((p) => this.participants.view(p))), total, query);
  }

  @Post('search')
  @HttpCode(200)
  @Roles(...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'Find a participant by BSN (sent in the body, so it never appears in a URL)' })
  @ApiOkResponse({ type: ParticipantView })
  async searchByBsn(@CurrentPrincipal() principal: Principal, @Body() dto: ParticipantBsnSearchDto): Promise<ParticipantView> {
    const participant = await this.participants.searchByBsn(principal, dto.bsn);
    if (!participant) throw new NotFound('Participant');
    return this.participants.view(participant);
  }

  @Get(':participantId')
  @Roles(...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'One participant' })
  @ApiOkResponse({ type: ParticipantView })
  async get(@Param('participantId', uuidParam('participantId')) id: string): Promise<ParticipantView> {
    return this.participants.view(await this.participants.get(id));
  }
}
