import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { BankAccountEntity } from '../bank-accounts/bank-account.entity';
import { BankAccountInput, toBankAccountView } from '../bank-accounts/bank-accounts.dto';
import { AccessService } from '../auth/access.service';
import { BankAccountsService } from '../bank-accounts/bank-accounts.service';
import type { Actor, Principal } from '../auth/principal';
import { Conflict, NotFound } from '../common/errors/domain-errors';
import { assertVersion } from '../common/http/etag';
import { UsersService } from '../users/users.service';
import { EmployerEntity } from './employer.entity';
import { EmployerView, RegisterEmployerDto, toEmployerView, UpdateEmployerDto } from './employers.dto';

@Injectable()
export class EmployersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly bankAccounts: BankAccountsService,
    private readonly access: AccessService,
  ) {}

  async bankAccountsOf(actor: Principal, employerId: string): Promise<BankAccountEntity[]> {
    this.access.requireEmployerAccess(actor, employerId);
    return this.bankAccounts.listForOwner({ employerId });
  }

  async requestBankAccount(actor: Principal, employerId: string, input: BankAccountInput): Promise<BankAccountEntity> {
    this.access.requireEmployerAccess(actor, employerId);
    if (!(await this.find(employerId))) throw new NotFound('Employer', employerId);
    return this.bankAccounts.requestInOwnTransaction(actor, { employerId }, input);
  }

  list(): Promise<EmployerEntity[]> {
    return this.dataSource.getRepository(EmployerEntity).find({ order: { name: 'ASC' } });
  }

  find(id: string): Promise<EmployerEntity | null> {
    return this.dataSource.getRepository(EmployerEntity).findOneBy({ id });
  }

  /** The employer with its verified and pending bank accounts, for its own users and backoffice. */
  async view(actor: Principal, id: string): Promise<EmployerView> {
    this.access.requireEmployerAccess(actor, id);
    const employer = await this.find(id);
    if (!employer) throw new NotFound('Employer', id);
    const accounts = await this.bankAccounts.listForOwner({ employerId: id });
    const pick = (status: string) => {
      const account = accounts.find((a) => a.status === status);
      return account ? toBankAccountView(account) : null;
    };
    return toEmployerView(employer, { verified: pick('verified'), pending: pick('pending') });
  }

  /**
   * Registration: the organisation, its first user and its bank account (pending verification)
   * are created together or not at all.
   */
  async register(dto: RegisterEmployerDto): Promise<{ employerId: string; userId: string; actor: Principal }> {
    const registrant: Actor = { kind: 'system', name: 'employer-registration' };
    return this.dataSource.transaction(async (m) => {
      if (await m.existsBy(EmployerEntity, { kvkNumber: dto.kvkNumber })) {
        throw new Conflict('An employer with this KvK number is already registered.', [
          { name: 'kvkNumber', reason: 'is already registered' },
        ]);
      }
      const employer = await m.save(
        m.create(EmployerEntity, {
          name: dto.name,
          kvkNumber: dto.kvkNumber,
          payrollTaxNumber: dto.payrollTaxNumber,
          ...addressColumns(dto.address),
          ...contactColumns(dto.contact),
          version: 1,
        }),
      );
      const user = await this.users.createWithin(m, registrant, {
        email: dto.account.email,
        displayName: dto.account.displayName,
        password: dto.account.password,
        roles: ['employer'],
        employerId: employer.id,
      });
      const actor: Principal = {
        kind: 'user',
        userId: user.id,
        displayName: user.displayName,
        roles: ['employer'],
        employerId: employer.id,
        educationPartnerId: null,
      };
      await this.audit.record(m, actor, {
        action: 'employer.registered',
        entityType: 'employer',
        entityId: employer.id,
        after: toEmployerView(employer),
      });
      await this.bankAccounts.request(m, actor, { employerId: employer.id }, dto.bankAccount);
      return { employerId: employer.id, userId: user.id, actor };
    });
  }

  async update(actor: Principal, id: string, expectedVersion: number, dto: UpdateEmployerDto): Promise<void> {
    this.access.requireEmployerAccess(actor, id);
    await this.dataSource.transaction(async (m) => {
      const employer = await m.findOne(EmployerEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!employer) throw new NotFound('Employer', id);
      assertVersion('Employer', employer.version, expectedVersion);
      const before = toEmployerView(employer);
      Object.assign(employer, {
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        ...(dto.payrollTaxNumber !== undefined ? { payrollTaxNumber: dto.payrollTaxNumber } : {}),
        ...(dto.address ? addressColumns(dto.address) : {}),
        ...(dto.contact ? contactColumns(dto.contact) : {}),
        version: employer.version + 1,
      });
      await m.save(employer);
      await this.audit.record(m, actor, {
        action: 'employer.updated',
        entityType: 'employer',
        entityId: id,
        before,
        after: toEmployerView(employer),
      });
    });
  }
}

function addressColumns(a: RegisterEmployerDto['address']) {
  return { street: a.street, houseNumber: a.houseNumber, postalCode: a.postalCode, city: a.city };
}

function contactColumns(c: RegisterEmployerDto['contact']) {
  return { contactName: c.name, contactEmail: c.email, contactPhone: c.phone };
}
