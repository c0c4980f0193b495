import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EmployerEntity } from './employer.entity';

@Injectable()
export class EmployersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<EmployerEntity[]> {
    return this.dataSource.getRepository(EmployerEntity).find({ order: { name: 'ASC' } });
  }

  find(id: string): Promise<EmployerEntity | null> {
    return this.dataSource.getRepository(EmployerEntity).findOneBy({ id });
  }
}
