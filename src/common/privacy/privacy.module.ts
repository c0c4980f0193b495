import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { BsnProtector } from './bsn-protector';

/** BSN encryption and look-up hashing with the keys from configuration, for any feature module. */
@Global()
@Module({
  providers: [
    {
      provide: BsnProtector,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new BsnProtector(config.bsn),
    },
  ],
  exports: [BsnProtector],
})
export class PrivacyModule {}
