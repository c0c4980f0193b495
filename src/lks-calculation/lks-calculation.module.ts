import { Module } from '@nestjs/common';
import { ReferenceDataModule } from '../reference-data/reference-data.module';
import { LksCalculationController } from './lks-calculation.controller';
import { LksCalculationService } from './lks-calculation.service';

@Module({
  imports: [ReferenceDataModule],
  controllers: [LksCalculationController],
  providers: [LksCalculationService],
  exports: [LksCalculationService],
})
export class LksCalculationModule {}
