import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EducationPartnerEntity } from './education-partner.entity';

@Injectable()
export class EducationPartnersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<EducationPartnerEntity[]> {
    return this.dataSource.getRepository(EducationPartnerEntity).find({ order: { name: 'ASC' } });
  }

  find(id: string): Promise<EducationPartnerEntity | null> {
    return this.dataSource.getRepository(EducationPartnerEntity).findOneBy({ id });
  }
}
