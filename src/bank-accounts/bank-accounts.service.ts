import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../auth/principal';
import { FourEyesViolation, IllegalTransition, NotFound } from '../common/errors/domain-errors';
import { BankAccountEntity } from './bank-account.entity';
import { BankAccountDecisionDto, BankAccountInput, toBankAccountView } from './bank-accounts.dto';

export type PayeeRef = { employerId: string } | { educationPartnerId: string };

function ownerWhere(owner: PayeeRef) {
  return 'employerId' in owner ? { employerId: owner.employerId } : { educationPartnerId: owner.educationPartnerId };
}

/** Bank accounts of payees (employers, education partners) and their verification by backoffice. */
@Injectable()
export class BankAccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records a new account for a payee as pending; an earlier pending request is superseded. Runs in
   * the caller's transaction so registration and its first account commit together.
   */
  async request(m: EntityManager, actor: Actor, owner: PayeeRef, input: BankAccountInput): Promise<BankAccountEntity> {
    const pending = await m.findOne(BankAccountEntity, {
      where: { ...ownerWhere(owner), status: 'pending' },
      lock: { mode: 'pessimistic_write' },
    });
    if (pending) {
      await m.update(
        BankAccountEntity,
        { id: pending.id },
        { status: 'superseded', decisionReason: 'Replaced by a newer request.' },
      );
      await this.audit.record(m, actor, {
        action: 'bank-account.superseded',
        entityType: 'bank-account',
        entityId: pending.id,
        before: { status: 'pending' },
        after: { status: 'superseded' },
      });
    }
    const account = await m.save(
      m.create(BankAccountEntity, {
        ...ownerWhere(owner),
        iban: input.iban,
        accountHolder: input.accountHolder,
        bic: input.bic ?? null,
        status: 'pending',
        requestedBy: actor.kind === 'user' ? actor.userId : null,
      }),
    );
    const saved = await m.findOneByOrFail(BankAccountEntity, { id: account.id });
    await this.audit.record(m, actor, {
      action: 'bank-account.requested',
      entityType: 'bank-account',
      entityId: saved.id,
      after: toBankAccountView(saved),
    });
    return saved;
  }

  requestInOwnTransaction(actor: Actor, owner: PayeeRef, input: BankAccountInput): Promise<BankAccountEntity> {
    return this.dataSource.transaction((m) => this.request(m, actor, owner, input));
  }

  listForOwner(owner: PayeeRef): Promise<BankAccountEntity[]> {
    return this.dataSource.getRepository(BankAccountEntity).find({ where: ownerWhere(owner), order: { requestedAt: 'DESC' } });
  }

  listPending(): Promise<BankAccountEntity[]> {
    return this.dataSource.getRepository(BankAccountEntity).find({ where: { status: 'pending' }, order: { requestedAt: 'ASC' } });
  }

  /** The account payments go to, or null when none is verified. */
  verifiedFor(owner: PayeeRef, m: EntityManager = this.dataSource.manager): Promise<BankAccountEntity | null> {
    return m.findOneBy(BankAccountEntity, { ...ownerWhere(owner), status: 'verified' });
  }

  async decide(actor: Principal, accountId: string, dto: BankAccountDecisionDto): Promise<BankAccountEntity> {
    return this.dataSource.transaction(async (m) => {
      const account = await m.findOne(BankAccountEntity, { where: { id: accountId }, lock: { mode: 'pessimistic_write' } });
      if (!account) throw new NotFound('Bank account', accountId);
      if (account.status !== 'pending')
        throw new IllegalTransition('Bank account', account.status, dto.decision === 'verified' ? 'verify' : 'reject');
      if (account.requestedBy === actor.userId) {
        throw new FourEyesViolation('A bank account must be verified by someone other than the person who entered it.');
      }
      const owner: PayeeRef = account.employerId
        ? { employerId: account.employerId }
        : { educationPartnerId: account.educationPartnerId! };
      if (dto.decision === 'verified') {
        const current = await m.findOne(BankAccountEntity, {
          where: { ...ownerWhere(owner), status: 'verified' },
          lock: { mode: 'pessimistic_write' },
        });
        if (current) {
          await m.update(BankAccountEntity, { id: current.id }, { status: 'superseded' });
          await this.audit.record(m, actor, {
            action: 'bank-account.superseded',
            entityType: 'bank-account',
            entityId: current.id,
            before: { status: 'verified' },
            after: { status: 'superseded' },
          });
        }
      }
      const before = toBankAccountView(account);
      await m.update(BankAccountEntity, { id: account.id }, {
        status: dto.decision,
        decidedBy: actor.userId,
        decidedAt: () => 'now()',
        decisionReason: dto.reason ?? null,
      } as object);
      const after = await m.findOneByOrFail(BankAccountEntity, { id: account.id });
      await this.audit.record(m, actor, {
        action: `bank-account.${dto.decision}`,
        entityType: 'bank-account',
        entityId: account.id,
        before,
        after: toBankAccountView(after),
      });
      return after;
    });
  }

  async get(accountId: string): Promise<BankAccountEntity> {
    const account = await this.dataSource.getRepository(BankAccountEntity).findOneBy({ id: accountId });
    if (!account) throw new NotFound('Bank account', accountId);
    return account;
  }
}
