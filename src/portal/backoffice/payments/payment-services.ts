import { Injectable } from '@nestjs/common';
import { PaymentHoldsAndSchedulesService } from '../../../payments/payment-holds-and-schedules.service';
import { PaymentRunsService } from '../../../payments/payment-runs.service';

/** The payments module's run and hold services, as the payment pages use them. */
@Injectable()
export class PaymentServices {
  constructor(
    readonly runs: PaymentRunsService,
    readonly holds: PaymentHoldsAndSchedulesService,
  ) {}
}
