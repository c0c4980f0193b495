import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../auth/access.service';
import type { Principal } from '../auth/principal';
import { IllegalTransition, InvalidInput, NotFound } from '../common/errors/domain-errors';
import { formatCents } from '../lks-calculation/domain';
import { CreateHoldDto, HoldView, PayableItemView, PaymentScheduleView, RecoveryItemView } from './payments.dto';
import { PayableItemEntity, PaymentHoldEntity, PaymentScheduleEntity, RecoveryItemEntity } from './payment.entities';

function toItemView(i: PayableItemEntity): PayableItemView {
  return {
    id: i.id,
    kind: i.kind,
    month: i.month,
    dueDate: i.dueDate,
    amount: formatCents(Number(i.amountCents)),
    status: i.status,
    breakdown: i.breakdown,
    description: i.description,
  };
}

function toRecoveryView(r: RecoveryItemEntity): RecoveryItemView {
  return {
    id: r.id,
    employerId: r.employerId,
    applicationId: r.applicationId,
    amount: formatCents(Number(r.amountCents)),
    reason: r.reason,
    dueDate: r.dueDate,
    status: r.status,
  };
}

function toHoldView(h: PaymentHoldEntity): HoldView {
  return {
    id: h.id,
    employerId: h.employerId,
    scheduleId: h.scheduleId,
    reason: h.reason,
    createdAt: h.createdAt.toISOString(),
    releasedAt: h.releasedAt?.toISOString() ?? null,
  };
}

/** Holds on payments, and schedules as employers and backoffice see them. */
@Injectable()
export class PaymentHoldsAndSchedulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async hold(actor: Principal, dto: CreateHoldDto): Promise<HoldView> {
    if (dto.employerId && dto.scheduleId) {
      throw new InvalidInput([
        { name: 'employerId', reason: 'give either employerId or scheduleId, not both' },
        { name: 'scheduleId', reason: 'give either employerId or scheduleId, not both' },
      ]);
    }
    return this.dataSource.transaction(async (m) => {
      const { id } = await m.save(
        m.create(PaymentHoldEntity, {
          employerId: dto.employerId ?? null,
          scheduleId: dto.scheduleId ?? null,
          reason: dto.reason,
          createdBy: actor.userId,
        }),
      );
      const hold = await m.findOneByOrFail(PaymentHoldEntity, { id });
      await this.audit.record(m, actor, {
        action: 'payment-hold.created',
        entityType: 'payment-hold',
        entityId: id,
        after: toHoldView(hold),
      });
      return toHoldView(hold);
    });
  }

  async release(actor: Principal, id: string): Promise<HoldView> {
    return this.dataSource.transaction(async (m) => {
      const hold = await m.findOne(PaymentHoldEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!hold) throw new NotFound('Payment hold', id);
      if (hold.releasedAt) throw new IllegalTransition('Payment hold', 'released', 'release');
      await m.update(PaymentHoldEntity, { id }, { releasedAt: new Date(), releasedBy: actor.userId });
      const after = await m.findOneByOrFail(PaymentHoldEntity, { id });
      await this.audit.record(m, actor, {
        action: 'payment-hold.released',
        entityType: 'payment-hold',
        entityId: id,
        before: toHoldView(hold),
        after: toHoldView(after),
      });
      return toHoldView(after);
    });
  }

  async recoveries(status?: RecoveryItemEntity['status']): Promise<RecoveryItemView[]> {
    const items = await this.dataSource
      .getRepository(RecoveryItemEntity)
      .find({ where: status ? { status } : {}, order: { dueDate: 'ASC' }, take: 500 });
    return items.map(toRecoveryView);
  }

  /** Recovery items end as offset, paid or written off; only an open one can change. */
  async updateRecovery(actor: Principal, id: string, status: 'offset' | 'paid' | 'written-off'): Promise<RecoveryItemView> {
    return this.dataSource.transaction(async (m) => {
      const item = await m.findOne(RecoveryItemEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw new NotFound('Recovery item', id);
      if (item.status !== 'open') throw new IllegalTransition('Recovery item', item.status, status);
      const before = toRecoveryView(item);
      await m.update(RecoveryItemEntity, { id }, { status });
      const after = toRecoveryView(await m.findOneByOrFail(RecoveryItemEntity, { id }));
      await this.audit.record(m, actor, {
        action: `recovery-item.${status}`,
        entityType: 'recovery-item',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async heldItems(): Promise<PayableItemView[]> {
    const items: PayableItemEntity[] = await this.dataSource
      .getRepository(PayableItemEntity)
      .createQueryBuilder('p')
      .where(`p.status = 'open'`)
      .andWhere(
        `EXISTS (SELECT 1 FROM payment_hold h WHERE h.released_at IS NULL AND (h.employer_id = p.employer_id OR h.schedule_id = p.schedule_id))`,
      )
      .orderBy('p.dueDate', 'ASC')
      .take(1000)
      .getMany();
    return items.map(toItemView);
  }

  async activeHolds(): Promise<HoldView[]> {
    return (
      await this.dataSource
        .getRepository(PaymentHoldEntity)
        .find({ where: { releasedAt: IsNull() }, order: { createdAt: 'ASC' } })
    ).map(toHoldView);
  }

  async schedules(actor: Principal, applicationId?: string): Promise<PaymentScheduleView[]> {
    const scope = this.access.employerScope(actor);
    const schedules = await this.dataSource.getRepository(PaymentScheduleEntity).find({
      where: { ...(scope ? { employerId: scope } : {}), ...(applicationId ? { applicationId } : {}) },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    return this.views(schedules);
  }

  async schedule(actor: Principal, id: string): Promise<PaymentScheduleView> {
    const schedule = await this.dataSource.getRepository(PaymentScheduleEntity).findOneBy({ id });
    if (!schedule) throw new NotFound('Payment schedule', id);
    this.access.requireEmployerAccess(actor, schedule.employerId, 'Payment schedule', id);
    return (await this.views([schedule]))[0];
  }

  private async views(schedules: PaymentScheduleEntity[]): Promise<PaymentScheduleView[]> {
    if (schedules.length === 0) return [];
    const items = await this.dataSource.getRepository(PayableItemEntity).find({
      where: { scheduleId: In(schedules.map((s) => s.id)) },
      order: { dueDate: 'ASC', month: 'ASC' },
    });
    return schedules.map((s) => {
      const own = items.filter((i) => i.scheduleId === s.id);
      const sum = (status: string) => own.filter((i) => i.status === status).reduce((t, i) => t + Number(i.amountCents), 0);
      return {
        id: s.id,
        applicationId: s.applicationId,
        employerId: s.employerId,
        status: s.status,
        items: own.map(toItemView),
        paid: formatCents(sum('paid')),
        open: formatCents(sum('open')),
      };
    });
  }
}
