import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../access-tokens.js';
import { AuthService } from '../auth.service.js';
import { LoginDto, RefreshTokenDto, RegisterDto, SessionDto, UserDto } from '../dto/credentials.dto.js';
import type { SessionUser } from '../sessions.js';
import { AuthRateLimitGuard, CurrentUser, LocalAuthGuard, Public } from './guards.js';

@ApiTags('auth')
@Controller('auth')
@Public()
@UseGuards(AuthRateLimitGuard)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @ApiCreatedResponse({ type: SessionDto })
  register(@Body() body: RegisterDto): Promise<SessionDto> {
    return this.auth.register(body);
  }

  @Post('login')
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  @ApiOkResponse({ type: SessionDto })
  login(@Body() _body: LoginDto, @CurrentUser() user: SessionUser): Promise<SessionDto> {
    // On this route the local strategy has put the checked account on the request.
    return this.auth.sessionFor(user);
  }
}

/**
 * Refresh and logout need no access token (it may have run out): the refresh token is the proof.
 * Not under RATE_LIMIT_AUTH: a 256-bit token cannot be guessed, and the phones of one league on one
 * Wi-Fi (one address) must not be signed out by each other's refreshes.
 */
@ApiTags('auth')
@Controller('auth')
@Public()
export class SessionsController {
  constructor(private readonly auth: AuthService) {}

  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto, description: 'A new pair; the refresh token sent is spent' })
  @ApiUnauthorizedResponse({
    description:
      'INVALID_REFRESH_TOKEN, SESSION_EXPIRED, or SESSION_REVOKED (signed out, or a spent token was reused: the whole session ends)',
  })
  refresh(@Body() body: RefreshTokenDto): Promise<SessionDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session has ended; its sockets are told session.expired and disconnected' })
  @ApiUnauthorizedResponse({ description: 'INVALID_REFRESH_TOKEN' })
  logout(@Body() body: RefreshTokenDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserDto> {
    return this.auth.me(user.id);
  }
}
