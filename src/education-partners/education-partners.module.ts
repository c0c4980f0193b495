import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BankAccountsModule } from '../bank-accounts/bank-accounts.module';
import { EducationPartnerEntity } from './education-partner.entity';
import { EducationPartnersController } from './education-partners.controller';
import { EducationPartnersService } from './education-partners.service';

@Module({
  imports: [TypeOrmModule.forFeature([EducationPartnerEntity]), BankAccountsModule],
  controllers: [EducationPartnersController],
  providers: [EducationPartnersService],
  exports: [EducationPartnersService],
})
export class EducationPartnersModule {}
