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

/** The columns `auditEventValues` gives values for, in its order. */
export const AUDIT_EVENT_COLUMNS = 'actor_user_id, actor_role, action, entity_type, entity_id, before, after, request_id';

/**
 * One audit row as statement parameters (see AUDIT_EVENT_COLUMNS), for a statement that writes it
 * together with the change it records, such as an INSERT … SELECT from a data-modifying WITH.
 */
export function auditEventValues(actor: Actor, record: AuditRecord): unknown[] {
  return [
    actor.kind === 'user' ? actor.userId : null,
    actor.kind === 'user' ? actor.roles.join(',') : `system:${actor.name}`,
    record.action,
    record.entityType,
    record.entityId,
    toJson(record.before),
    toJson(record.after),
    currentRequestId() ?? null,
  ];
}

/**
 * Writes the audit trail. Always called with the EntityManager of the transaction that makes the
 * change, so the change and its audit row commit or roll back together.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, actor: Actor, record: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_event (${AUDIT_EVENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      auditEventValues(actor, record),
    );
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

  /** Audit events matching every given filter, newest first, one page of them and the total. */
  async search(filter: AuditSearch, pageSize: number, offset: number): Promise<[AuditEventEntity[], number]> {
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e');
    if (filter.from) qb.andWhere('e.occurredAt >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('e.occurredAt < :to', { to: filter.to });
    if (filter.actorUserId) qb.andWhere('e.actorUserId = :actorUserId', { actorUserId: filter.actorUserId });
    if (filter.action) qb.andWhere('e.action = :action', { action: filter.action });
    if (filter.entityType) qb.andWhere('e.entityType = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entityId = :entityId', { entityId: filter.entityId });
    return qb.orderBy('e.id', 'DESC').take(pageSize).skip(offset).getManyAndCount();
  }
}

/** Filters of an audit search; each one given narrows it. `from` is inclusive, `to` exclusive. */
export interface AuditSearch {
  from?: Date;
  to?: Date;
  actorUserId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
}

/** Snapshots are stored as plain JSON (sent as text for the jsonb column); secrets never belong in them (callers pass mapped views). */
function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
