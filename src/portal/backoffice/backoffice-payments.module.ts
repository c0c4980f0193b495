import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../../applications/applications.module';
import { EmployersModule } from '../../employers/employers.module';
import { PaymentsModule } from '../../payments/payments.module';
import { UsersModule } from '../../users/users.module';
import { PortalCoreModule } from '../shared/portal-core.module';
import { PaymentHoldsPortalController } from './payments/payment-holds-portal.controller';
import { PaymentRunsPortalController } from './payments/payment-runs-portal.controller';
import { PaymentServices } from './payments/payment-services';
import { OutboxPortalController } from './outbox/outbox-portal.controller';

/**
 * Backoffice pages for payment runs and holds (/portaal/backoffice/betaalrondes, /blokkades), and
 * for admins the processing of issued decisions into payment schedules (/verwerking).
 */
@Module({
  imports: [PortalCoreModule, UsersModule, EmployersModule, ApplicationsModule, PaymentsModule],
  controllers: [PaymentRunsPortalController, PaymentHoldsPortalController, OutboxPortalController],
  providers: [PaymentServices],
})
export class BackofficePaymentsPortalModule {}
