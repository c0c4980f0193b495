import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EducationPartnerEntity } from './education-partner.entity';
import { EducationPartnersController } from './education-partners.controller';
import { EducationPartnersService } from './education-partners.service';

@Module({
  imports: [TypeOrmModule.forFeature([EducationPartnerEntity])],
  controllers: [EducationPartnersController],
  providers: [EducationPartnersService],
  exports: [EducationPartnersService],
})
export class EducationPartnersModule {}
