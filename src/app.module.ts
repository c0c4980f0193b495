import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ApplicationsModule } from './applications/applications.module';
import { AuditModule } from './audit/audit.module';
import { BankAccountsModule } from './bank-accounts/bank-accounts.module';
import { CodeListsModule } from './code-lists/code-lists.module';
import { Clock } from './common/clock';
import { ParticipantsModule } from './participants/participants.module';
import { DecisionsModule } from './decisions/decisions.module';
import { ReferenceCorrectionsModule } from './reference-corrections/reference-corrections.module';
import { PaymentsModule } from './payments/payments.module';
import { RetrainingModule } from './retraining/retraining.module';
import { JobsModule } from './jobs/jobs.module';
import { AuthModule } from './auth/auth.module';
import { PrivacyModule } from './common/privacy/privacy.module';
import { APP_LOGGER } from './common/problem/problem-details.filter';
import { APP_CONFIG, type AppConfig } from './config/config';
import { DatabaseModule } from './database/database.module';
import { EducationPartnersModule } from './education-partners/education-partners.module';
import { EmployersModule } from './employers/employers.module';
import { HealthModule } from './health/health.module';
import { LksCalculationModule } from './lks-calculation/lks-calculation.module';
import { ReferenceDataModule } from './reference-data/reference-data.module';
import { UsersModule } from './users/users.module';
import { PortalModule } from './portal/portal.module';

@Module({})
export class AppModule {
  /** `databaseUrl` is resolved before Nest starts (DATABASE_URL, or the embedded Postgres). */
  static register(config: AppConfig, databaseUrl: string, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        DatabaseModule.forUrl(databaseUrl, config.runMigrations),
        EventEmitterModule.forRoot(),
        PrivacyModule,
        JobsModule,
        AuditModule,
        AuthModule,
        UsersModule,
        EmployersModule,
        EducationPartnersModule,
        ReferenceDataModule,
        LksCalculationModule,
        CodeListsModule,
        BankAccountsModule,
        ParticipantsModule,
        ApplicationsModule,
        DecisionsModule,
        ReferenceCorrectionsModule,
        PaymentsModule,
        RetrainingModule,
        HealthModule,
        PortalModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: APP_LOGGER, useValue: logger }, Clock],
      exports: [APP_CONFIG, APP_LOGGER, Clock],
    };
  }
}
