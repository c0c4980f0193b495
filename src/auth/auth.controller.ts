import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Unauthenticated } from '../common/errors/domain-errors';
import { Public } from './decorators';
import { JwtIdentityProvider } from './jwt-identity-provider';
import { PasswordLogin } from './password-login.service';
import { IsEmailAddress } from '../common/validation/is-email-address';

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
    description: 'Five wrong passwords for this address within 15 minutes: login is locked for 15 minutes (see Retry-After).',
  })
  async token(@Body() body: TokenRequest): Promise<TokenResponse> {
    const principal = await this.login.verify(body.email, body.password);
    if (!principal) throw new Unauthenticated('Email address or password is wrong.');
    return { ...this.tokens.issue(principal.userId), tokenType: 'Bearer' };
  }
}
