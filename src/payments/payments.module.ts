import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LksCalculationModule } from '../lks-calculation/lks-calculation.module';
import { PaymentHoldsAndSchedulesService } from './payment-holds-and-schedules.service';
import { PaymentRecomputationService } from './payment-recomputation.service';
import { PaymentSettlementService } from './payment-settlement.service';
import { PaymentRunsService } from './payment-runs.service';
import { PaymentSchedulesService } from './payment-schedules.service';
import { OutboxEventsController } from './outbox/outbox-events.controller';
import { OutboxEventsService } from './outbox/outbox-events.service';
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
  controllers: [PaymentRunsController, PaymentSchedulesAndHoldsController, OutboxEventsController],
  providers: [
    PaymentSchedulesService,
    PaymentRunsService,
    PaymentHoldsAndSchedulesService,
    PaymentRecomputationService,
    PaymentSettlementService,
    OutboxEventsService,
  ],
  exports: [
    PaymentSchedulesService,
    PaymentRecomputationService,
    PaymentSettlementService,
    PaymentRunsService,
    PaymentHoldsAndSchedulesService,
    OutboxEventsService,
  ],
})
export class PaymentsModule {}
