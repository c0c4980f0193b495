import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../auth/access.service';
import type { Principal } from '../auth/principal';
import { Conflict, NotFound } from '../common/errors/domain-errors';
import { AuditService } from '../audit/audit.service';
import { BankAccountEntity } from '../bank-accounts/bank-account.entity';
import { BankAccountsService } from '../bank-accounts/bank-accounts.service';
import { BankAccountInput } from '../bank-accounts/bank-accounts.dto';
import { RegisterEducationPartnerDto, toEducationPartnerView } from './education-partners.dto';
import { EducationPartnerEntity } from './education-partner.entity';

@Injectable()
export class EducationPartnersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly bankAccounts: BankAccountsService,
  ) {}

  /** One partner, for its own users and backoffice (404 for anyone else). */
  async get(actor: Principal, id: string): Promise<EducationPartnerEntity> {
    this.access.requirePartnerAccess(actor, id);
    const partner = await this.find(id);
    if (!partner) throw new NotFound('Education partner', id);
    return partner;
  }

  /** A new partner with its bank account, pending until a caseworker verifies it (like employers'). */
  async register(actor: Principal, dto: RegisterEducationPartnerDto): Promise<EducationPartnerEntity> {
    return this.dataSource.transaction(async (m) => {
      if (await m.existsBy(EducationPartnerEntity, { brinCode: dto.brinCode })) {
        throw new Conflict('An education partner with this BRIN code is already registered.', [
          { name: 'brinCode', reason: 'is already registered' },
        ]);
      }
      const { id } = await m.save(
        m.create(EducationPartnerEntity, {
          name: dto.name,
          brinCode: dto.brinCode,
          contactName: dto.contact.name,
          contactEmail: dto.contact.email,
          contactPhone: dto.contact.phone,
          version: 1,
        }),
      );
      const partner = await m.findOneByOrFail(EducationPartnerEntity, { id });
      await this.audit.record(m, actor, {
        action: 'education-partner.registered',
        entityType: 'education-partner',
        entityId: id,
        after: toEducationPartnerView(partner),
      });
      await this.bankAccounts.request(m, actor, { educationPartnerId: id }, dto.bankAccount);
      return partner;
    });
  }

  async bankAccountsOf(actor: Principal, id: string): Promise<BankAccountEntity[]> {
    this.access.requirePartnerAccess(actor, id);
    return this.bankAccounts.listForOwner({ educationPartnerId: id });
  }

  async requestBankAccount(actor: Principal, id: string, input: BankAccountInput): Promise<BankAccountEntity> {
    this.access.requirePartnerAccess(actor, id);
    if (!(await this.find(id))) throw new NotFound('Education partner', id);
    return this.bankAccounts.requestInOwnTransaction(actor, { educationPartnerId: id }, input);
  }

  list(): Promise<EducationPartnerEntity[]> {
    return this.dataSource.getRepository(EducationPartnerEntity).find({ order: { name: 'ASC' } });
  }

  find(id: string): Promise<EducationPartnerEntity | null> {
    return this.dataSource.getRepository(EducationPartnerEntity).findOneBy({ id });
  }
}
