import type { Session, User } from '@fantamercato/contract';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { DisplayName } from '@fantamercato/core';
import { IsUncommonPassword, MIN_PASSWORD_LENGTH } from '../common-passwords.js';
import { ROLES, type Role } from '../user.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @ApiProperty({ example: 'giulia@example.com', maxLength: 254 })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: 200,
    example: 'correct horse battery',
    description: 'At least 10 characters, not all spaces, and not one of the most common passwords (checked case-insensitively)',
  })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: 'password must be at least 10 characters long' })
  @MaxLength(200)
  @IsUncommonPassword()
  password: string;

  @ApiProperty({
    example: 'Giulia',
    minLength: 2,
    maxLength: 32,
    description: '2–32 visible characters; controls, bidi and zero-width characters are removed',
  })
  @DisplayName()
  displayName: string;
}

export class LoginDto {
  @ApiProperty({ example: 'giulia@example.com' })
  @Transform(trim)
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery' })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refreshToken of the latest session answer' })
  @IsString()
  @Length(1, 200)
  refreshToken: string;
}

export class UserDto implements User {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, description: 'admin: may store articles (POST /news); from ADMIN_EMAILS or the CLI users:grant-admin' })
  role: Role;
}

export class SessionDto implements Session {
  @ApiProperty({
    description:
      'Send as "Authorization: Bearer <accessToken>" and as the Socket.IO handshake auth.token. Lives JWT_TTL_SECONDS (default 900); ' +
      'when it runs out, requests answer 401 TOKEN_EXPIRED and sockets get session.expired: get a new pair from POST /auth/refresh',
  })
  accessToken: string;

  @ApiProperty({
    description:
      'Single use: POST /auth/refresh spends it and answers a new pair. Presenting a spent one again ends the whole session. ' +
      'Lives REFRESH_TTL_SECONDS (default 30 days) from its issue. POST /auth/logout ends the session',
  })
  refreshToken: string;

  @ApiProperty({ type: UserDto }) user: UserDto;
}
