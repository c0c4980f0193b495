import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceDataController } from './reference-data.controller';
import { LksParameterSetEntity, MinimumWagePeriodEntity, MinimumWageRateEntity } from './reference-data.entities';
import { ReferenceDataService } from './reference-data.service';

@Module({
  imports: [TypeOrmModule.forFeature([MinimumWagePeriodEntity, MinimumWageRateEntity, LksParameterSetEntity])],
  controllers: [ReferenceDataController],
  providers: [ReferenceDataService],
  exports: [ReferenceDataService],
})
export class ReferenceDataModule {}
