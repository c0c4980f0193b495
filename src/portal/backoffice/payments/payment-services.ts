import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { PaymentHoldsAndSchedulesService } from '../../../payments/payment-holds-and-schedules.service';
import { PaymentRunsService } from '../../../payments/payment-runs.service';

/**
 * The payments module's own service instances. PaymentsModule does not export the run and hold
 * services, so the pages look the (single) instances up once the application has started instead
 * of creating second ones.
 */
@Injectable()
export class PaymentServices implements OnModuleInit {
  runs!: PaymentRunsService;
  holds!: PaymentHoldsAndSchedulesService;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    this.runs = this.moduleRef.get(PaymentRunsService, { strict: false });
    this.holds = this.moduleRef.get(PaymentHoldsAndSchedulesService, { strict: false });
  }
}
