import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LksCalculationModule } from '../lks-calculation/lks-calculation.module';
import { PaymentHoldsAndSchedulesService } from './payment-holds-and-schedules.service';
import { PaymentRecomputationService } from './payment-recomputation.service';
import { PaymentSettlementService } from './payment-settlement.service';
import { PaymentRunsService } from './payment-runs.service';
import { PaymentSchedulesService } from './payment-schedules.service';
import { PaymentRunsController, PaymentSchedulesAndHoldsController } from './payments.controller';
import {
  PayableItemEntity,
  PaymentHoldEntity,
  PaymentRunEntity,
  PaymentRunItemEntity,
  PaymentScheduleEntity,
  RecoveryItemEntity,
} from './payment.entities';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      PaymentScheduleEntity,
      PayableItemEntity,
      PaymentHoldEntity,
      PaymentRunEntity,
      PaymentRunItemEntity,
      RecoveryItemEntity,
    ]),
    LksCalculationModule,
  ],
  controllers: [PaymentRunsController, PaymentSchedulesAndHoldsController],
  providers: [
    PaymentSchedulesService,
    PaymentRunsService,
    PaymentHoldsAndSchedulesService,
    PaymentRecomputationService,
    PaymentSettlementService,
  ],
  exports: [
    PaymentSchedulesService,
    PaymentRecomputationService,
    PaymentSettlementService,
    PaymentRunsService,
    PaymentHoldsAndSchedulesService,
  ],
})
export class PaymentsModule {}
