import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { InvalidInput, type InvalidParam } from '../common/errors/domain-errors';
import { MAX_PAGE_SIZE, Page, PageQuery } from '../common/http/pagination';
import { AuditEventEntity } from './audit-event.entity';
import type { AuditSearch } from './audit.service';

/** An instant with its offset, e.g. 2026-12-01T00:00:00+01:00 or 2026-11-30T23:00:00Z. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export class AuditQuery {
  @ApiPropertyOptional({ example: 'employer', description: 'Entity type, e.g. employer, user, participant, decision.' })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(100)
  entityType?: string;

  @ApiPropertyOptional({
    example: '6f1c2d8e-0000-4000-8000-000000000000',
    description: 'With entityType and without page/pageSize: the trail of this one entity as a list (oldest first).',
  })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events at or after this instant (with offset).' })
  @IsOptional()
  @Matches(INSTANT, { message: 'must be a date-time with an offset' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events before this instant (with offset).' })
  @IsOptional()
  @Matches(INSTANT, { message: 'must be a date-time with an offset' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Events by this user.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  actorUserId?: string;

  @ApiPropertyOptional({ example: 'auth.login-failed' })
  @IsOptional()
  @IsNotEmpty()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'Search: page number (default 1).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, description: 'Search: events per page (default 20).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100, description: "One entity's trail: at most this many events." })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: "One entity's trail: events after this event id (paging).", example: '120' })
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

export class AuditEventPage extends Page(AuditEventView) {}

export function toAuditEventView(e: AuditEventEntity): AuditEventView {
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

/** One entity's trail (the original form of this query): entityType and entityId, no page. */
export function isEntityTrail(q: AuditQuery): boolean {
  return q.entityId !== undefined && q.page === undefined && q.pageSize === undefined;
}

/** The search a query asks for, with its page; refuses what the DTO alone cannot (API and portal alike). */
export function auditSearchOf(query: AuditQuery): { filter: AuditSearch; page: PageQuery } {
  const bad: InvalidParam[] = [];
  if (query.limit !== undefined) bad.push({ name: 'limit', reason: 'is only for the trail of one entity; use pageSize' });
  if (query.afterId !== undefined) bad.push({ name: 'afterId', reason: 'is only for the trail of one entity; use page' });
  const from = query.from ? new Date(query.from) : undefined;
  const to = query.to ? new Date(query.to) : undefined;
  if (from && Number.isNaN(from.getTime())) bad.push({ name: 'from', reason: 'must be a date-time with an offset' });
  if (to && Number.isNaN(to.getTime())) bad.push({ name: 'to', reason: 'must be a date-time with an offset' });
  if (from && to && !(from < to)) bad.push({ name: 'to', reason: 'must be after from' });
  if (bad.length) throw new InvalidInput(bad);
  const { actorUserId, action, entityType, entityId } = query;
  return {
    filter: { from, to, actorUserId, action, entityType, entityId },
    page: Object.assign(new PageQuery(), { page: query.page ?? 1, pageSize: query.pageSize ?? 20 }),
  };
}
