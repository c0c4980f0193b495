import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { InvalidInput } from '../common/errors/domain-errors';
import { pageOf, type PageOf } from '../common/http/pagination';
import { AuditEventPage, AuditEventView, AuditQuery, auditSearchOf, isEntityTrail, toAuditEventView } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiExtraModels(AuditEventView, AuditEventPage)
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'Search the audit trail (who did or read what, when, before and after)',
    description:
      'With entityType and entityId and without page/pageSize: the trail of that entity as a list, oldest first ' +
      '(limit, afterId). Otherwise a page of the events matching every given filter (time range from/to, ' +
      'actorUserId, action, entityType, entityId), newest first.',
  })
  @ApiOkResponse({
    schema: {
      oneOf: [{ type: 'array', items: { $ref: getSchemaPath(AuditEventView) } }, { $ref: getSchemaPath(AuditEventPage) }],
    },
  })
  async list(@Query() query: AuditQuery): Promise<AuditEventView[] | PageOf<AuditEventView>> {
    if (isEntityTrail(query)) {
      if (!query.entityType) throw new InvalidInput([{ name: 'entityType', reason: 'is required with entityId' }]);
      const events = await this.audit.listForEntity(
        query.entityType,
        query.entityId as string,
        query.limit ?? 100,
        query.afterId,
      );
      return events.map(toAuditEventView);
    }
    const { filter, page } = auditSearchOf(query);
    const [items, total] = await this.audit.search(filter, page.pageSize, page.offset());
    return pageOf(items.map(toAuditEventView), total, page);
  }
}
