import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '../auth/decorators';
import { AuditEventEntity } from './audit-event.entity';
import { AuditService } from './audit.service';

class AuditQuery {
  @ApiProperty({ example: 'employer', description: 'Entity type, e.g. employer, user, minimum-wage-period.' })
  @IsNotEmpty()
  @MaxLength(100)
  entityType: string;

  @ApiProperty({ example: '6f1c2d8e-0000-4000-8000-000000000000' })
  @IsNotEmpty()
  @MaxLength(100)
  entityId: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Return events after this event id (paging).', example: '120' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'must be an event id' })
  afterId?: string;
}

export class AuditEventView {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'admin' }) actorRole: string | null;
  @ApiProperty({ example: 'minimum-wage-period.created' }) action: string;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ nullable: true, type: Object }) before: unknown;
  @ApiProperty({ nullable: true, type: Object }) after: unknown;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
}

function toView(e: AuditEventEntity): AuditEventView {
  return {
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actorUserId: e.actorUserId,
    actorRole: e.actorRole,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
    requestId: e.requestId,
  };
}

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Audit trail of one entity (who changed what, when, before and after)' })
  @ApiOkResponse({ type: [AuditEventView] })
  async list(@Query() query: AuditQuery): Promise<AuditEventView[]> {
    const events = await this.audit.listForEntity(query.entityType, query.entityId, query.limit ?? 100, query.afterId);
    return events.map(toView);
  }
}
