import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../access-tokens.js';
import { AuthService } from '../auth.service.js';
import { LoginDto, RegisterDto, SessionDto, UserDto } from '../dto/credentials.dto.js';
import type { UserEntity } from '../user.entity.js';
import { AuthRateLimitGuard, CurrentUser, LocalAuthGuard, Public } from './guards.js';

@ApiTags('auth')
@Controller('auth')
@Public()
@UseGuards(AuthRateLimitGuard)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  register(@Body() body: RegisterDto): Promise<SessionDto> {
    return this.auth.register(body);
  }

  @Post('login')
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  @ApiOkResponse({ type: SessionDto })
  login(@Body() _body: LoginDto, @CurrentUser() user: UserEntity): Promise<SessionDto> {
    // On this route the local strategy has put the checked account on the request.
    return this.auth.sessionFor(user);
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
