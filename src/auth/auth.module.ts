import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { UsersModule } from '../users/users.module';
import { AccessService } from './access.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { IdentityProvider } from './identity-provider';
import { JwtIdentityProvider } from './jwt-identity-provider';
import { PasswordLogin } from './password-login.service';

@Global()
@Module({
  imports: [JwtModule.register({}), UsersModule],
  controllers: [AuthController],
  providers: [
    JwtIdentityProvider,
    // Swap this binding for an OIDC implementation to change how callers authenticate.
    { provide: IdentityProvider, useExisting: JwtIdentityProvider },
    { provide: APP_GUARD, useClass: AuthGuard },
    AccessService,
    PasswordLogin,
  ],
  exports: [AccessService, PasswordLogin],
})
export class AuthModule {}
