import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { Request } from 'express';
import { Unauthenticated } from '../common/errors/domain-errors';
import { IsEmailAddress } from '../common/validation/is-email-address';
import { Public } from './decorators';
import { JwtIdentityProvider } from './jwt-identity-provider';
import { clientAddress, PasswordLogin } from './password-login.service';

class TokenRequest {
  @ApiProperty({ example: 'casemanager@werkkans.example.nl' })
  @IsEmailAddress()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MaxLength(200)
  password: string;
}

class TokenResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ example: 3600, description: 'Seconds until the token expires.' }) expiresIn: number;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: PasswordLogin,
    private readonly tokens: JwtIdentityProvider,
  ) {}

  @Post('token')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with email and password; returns a bearer token' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiResponse({ status: 401, description: 'Email address or password is wrong.' })
  @ApiResponse({
    status: 429,
    description:
      'Throttled after failed logins (see Retry-After): after five failures for this address, attempts from a source that has been ' +
      'failing wait a delay that doubles with each failure (30 s up to 1 hour); after 20 failures from one source, all its attempts ' +
      'do; after 100 consecutive failures for this address in 24 hours, every attempt is refused until the 24 hours have passed.',
  })
  async token(@Body() body: TokenRequest, @Req() req: Request): Promise<TokenResponse> {
    const principal = await this.login.verify(body.email, body.password, { channel: 'api', address: clientAddress(req) });
    if (!principal) throw new Unauthenticated('Email address or password is wrong.');
    return { ...this.tokens.issue(principal.userId), tokenType: 'Bearer' };
  }
}
