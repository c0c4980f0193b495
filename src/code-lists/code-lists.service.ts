import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/principal';
import { BusinessRuleViolation, Conflict, NotFound } from '../common/errors/domain-errors';
import { CodeListItemEntity, type CodeListName } from './code-list-item.entity';
import { CreateCodeListItemDto, toCodeListItemView, UpdateCodeListItemDto } from './code-lists.dto';

@Injectable()
export class CodeListsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(list: CodeListName): Promise<CodeListItemEntity[]> {
    return this.dataSource.getRepository(CodeListItemEntity).find({ where: { list }, order: { name: 'ASC' } });
  }

  async create(actor: Actor, list: CodeListName, dto: CreateCodeListItemDto): Promise<CodeListItemEntity> {
    return this.dataSource.transaction(async (m) => {
      if (await m.existsBy(CodeListItemEntity, { list, code: dto.code })) {
        throw new Conflict(`The ${list} list already has the code '${dto.code}'.`, [
          { name: 'code', reason: 'is already in use' },
        ]);
      }
      const item = await m.save(
        m.create(CodeListItemEntity, { list, code: dto.code, name: dto.name, category: dto.category ?? null, active: true }),
      );
      await this.audit.record(m, actor, {
        action: `${list}.created`,
        entityType: list,
        entityId: item.code,
        after: toCodeListItemView(item),
      });
      return item;
    });
  }

  async update(actor: Actor, list: CodeListName, code: string, dto: UpdateCodeListItemDto): Promise<CodeListItemEntity> {
    return this.dataSource.transaction(async (m) => {
      const item = await m.findOne(CodeListItemEntity, { where: { list, code }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw new NotFound(`${list} item`, code);
      const before = toCodeListItemView(item);
      if (dto.name !== undefined) item.name = dto.name;
      if (dto.active !== undefined) item.active = dto.active;
      await m.save(item);
      await this.audit.record(m, actor, {
        action: `${list}.updated`,
        entityType: list,
        entityId: code,
        before,
        after: toCodeListItemView(item),
      });
      return item;
    });
  }

  /** For new records: the code must exist and be active. Names the field in the error. */
  async requireActive(m: EntityManager, list: CodeListName, code: string, field: string): Promise<CodeListItemEntity> {
    const item = await m.findOneBy(CodeListItemEntity, { list, code });
    if (!item || !item.active) {
      throw new BusinessRuleViolation(`'${code}' is not an active ${list}.`, [
        { name: field, reason: item ? `${list} '${code}' is no longer active` : `unknown ${list} '${code}'` },
      ]);
    }
    return item;
  }
}
