import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessService } from '../auth/access.service';
import type { Principal } from '../auth/principal';
import { NotFound } from '../common/errors/domain-errors';
import { EducationPartnerEntity } from './education-partner.entity';

@Injectable()
export class EducationPartnersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  /** One partner, for its own users and backoffice (404 for anyone else). */
  async get(actor: Principal, id: string): Promise<EducationPartnerEntity> {
    this.access.requirePartnerAccess(actor, id);
    const partner = await this.find(id);
    if (!partner) throw new NotFound('Education partner', id);
    return partner;
  }

  list(): Promise<EducationPartnerEntity[]> {
    return this.dataSource.getRepository(EducationPartnerEntity).find({ order: { name: 'ASC' } });
  }

  find(id: string): Promise<EducationPartnerEntity | null> {
    return this.dataSource.getRepository(EducationPartnerEntity).findOneBy({ id });
  }
}
