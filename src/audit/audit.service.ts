import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/principal';
import { currentRequestId } from '../common/request-context/request-context';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes the audit trail. Always called with the EntityManager of the transaction that makes the
 * change, so the change and its audit row commit or roll back together.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, actor: Actor, record: AuditRecord): Promise<void> {
    await manager.insert(AuditEventEntity, {
      actorUserId: actor.kind === 'user' ? actor.userId : null,
      actorRole: actor.kind === 'user' ? actor.roles.join(',') : `system:${actor.name}`,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      before: toJson(record.before),
      after: toJson(record.after),
      requestId: currentRequestId() ?? null,
    });
  }

  async listForEntity(entityType: string, entityId: string, limit: number, afterId?: string): Promise<AuditEventEntity[]> {
    const qb = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .where('e.entityType = :entityType AND e.entityId = :entityId', { entityType, entityId })
      .orderBy('e.id', 'ASC')
      .limit(limit);
    if (afterId) qb.andWhere('e.id > :afterId', { afterId });
    return qb.getMany();
  }
}

/** Snapshots are stored as plain JSON; secrets never belong in them (callers pass mapped views). */
function toJson(value: unknown): object | null {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
