import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/decorators';
import { BACKOFFICE_ROLES, type Principal } from '../auth/principal';
import { IfMatchVersion, setEtag } from '../common/http/etag';
import { Page } from '../common/http/pagination';
import { uuidParam } from '../common/problem/uuid-param';
import {
  DecisionListQuery,
  DecisionView,
  DraftDecisionDto,
  ObjectionView,
  RegisterObjectionDto,
  UpdateDraftDecisionDto,
  UpdateObjectionDto,
} from './decisions.dto';
import { DecisionsService, toObjectionView } from './decisions.service';

class DecisionPage extends Page(DecisionView) {}

const IF_MATCH = { name: 'If-Match', required: false, description: 'The ETag last read; 412 when the decision changed since.' };

@ApiTags('decisions')
@Controller('decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  private async respond(actor: Principal, id: string, res: Response): Promise<DecisionView> {
    const view = await this.decisions.view(actor, id);
    setEtag(res, view.version);
    return view;
  }

  @Post()
  @Roles('caseworker')
  @ApiOperation({ summary: 'Draft a decision for an application; the amounts come from the LKS calculation' })
  @ApiCreatedResponse({ type: DecisionView })
  async draft(@CurrentPrincipal() actor: Principal, @Body() dto: DraftDecisionDto, @Res({ passthrough: true }) res: Response) {
    return this.respond(actor, (await this.decisions.draft(actor, dto)).id, res);
  }

  @Get()
  @Roles('employer', ...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'Decisions; an employer sees only its own issued ones' })
  @ApiOkResponse({ type: DecisionPage })
  list(@CurrentPrincipal() actor: Principal, @Query() query: DecisionListQuery): Promise<DecisionPage> {
    return this.decisions.list(actor, query);
  }

  @Get(':decisionId')
  @Roles('employer', ...BACKOFFICE_ROLES)
  @ApiOperation({ summary: 'One decision with its objections' })
  @ApiOkResponse({ type: DecisionView })
  get(
    @CurrentPrincipal() actor: Principal,
    @Param('decisionId', uuidParam('decisionId')) id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.respond(actor, id, res);
  }

  @Patch(':decisionId')
  @Roles('caseworker')
  @ApiOperation({ summary: 'Change the reasoning of a draft (issued decisions never change)' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DecisionView })
  async update(
    @CurrentPrincipal() actor: Principal,
    @Param('decisionId', uuidParam('decisionId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: UpdateDraftDecisionDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.decisions.updateDraft(actor, id, version, dto);
    return this.respond(actor, id, res);
  }

  @Delete(':decisionId')
  @HttpCode(204)
  @Roles('caseworker')
  @ApiOperation({ summary: 'Discard a draft' })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Discarded.' })
  async discard(
    @CurrentPrincipal() actor: Principal,
    @Param('decisionId', uuidParam('decisionId')) id: string,
    @IfMatchVersion() version: number | undefined,
  ): Promise<void> {
    await this.decisions.discard(actor, id, version);
  }

  @Post(':decisionId/approve')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({ summary: 'Approve and thereby issue a draft (four eyes: not by its drafter)' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DecisionView })
  async approve(
    @CurrentPrincipal() actor: Principal,
    @Param('decisionId', uuidParam('decisionId')) id: string,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.decisions.approve(actor, id, version);
    return this.respond(actor, id, res);
  }

  @Get(':decisionId/pdf')
  @Roles('employer', ...BACKOFFICE_ROLES)
  @ApiOperation({
    summary: 'The decision as PDF: for an issued decision exactly the stored bytes (ETag = SHA-256); for a draft a preview',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF.', schema: { type: 'string', format: 'binary' } })
  async pdf(
    @CurrentPrincipal() actor: Principal,
    @Param('decisionId', uuidParam('decisionId')) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile | undefined> {
    const pdf = await this.decisions.pdf(actor, id);
    const etag = `"${pdf.sha256}"`;
    if (pdf.issued) {
      res.setHeader('ETag', etag);
      res.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
      if (ifNoneMatch === etag) {
        res.status(304);
        return undefined;
      }
    } else {
      res.setHeader('Cache-Control', 'no-store');
    }
    return new StreamableFile(pdf.bytes, {
      type: 'application/pdf',
      disposition: `attachment; filename="${pdf.fileName}"`,
      length: pdf.bytes.length,
    });
  }

  @Post(':decisionId/objections')
  @Roles('caseworker')
  @ApiOperation({ summary: 'Register an objection (bezwaar) received against an issued decision' })
  @ApiCreatedResponse({ type: ObjectionView })
  async registerObjection(
    @CurrentPrincipal() actor: Principal,
    @Param('decisionId', uuidParam('decisionId')) id: string,
    @Body() dto: RegisterObjectionDto,
  ): Promise<ObjectionView> {
    return toObjectionView(await this.decisions.registerObjection(actor, id, dto));
  }

  @Patch(':decisionId/objections/:objectionId')
  @Roles('caseworker')
  @ApiOperation({ summary: 'Record the progress or outcome of an objection' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ObjectionView })
  async updateObjection(
    @CurrentPrincipal() actor: Principal,
    @Param('decisionId', uuidParam('decisionId')) id: string,
    @Param('objectionId', uuidParam('objectionId')) objectionId: string,
    @IfMatchVersion() version: number | undefined,
    @Body() dto: UpdateObjectionDto,
  ): Promise<ObjectionView> {
    return toObjectionView(await this.decisions.updateObjection(actor, id, objectionId, version, dto));
  }
}
