import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { DisplayName } from '@fantamercato/core';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @ApiProperty({ example: 'giulia@example.com', maxLength: 254 })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 200, example: 'correct horse battery' })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters long' })
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'Giulia', minLength: 2, maxLength: 32, description: '2–32 visible characters; controls, bidi and zero-width characters are removed' })
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

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
}

export class SessionDto {
  @ApiProperty({ description: 'Send as "Authorization: Bearer <accessToken>" and as the Socket.IO handshake auth.token' })
  accessToken: string;

  @ApiProperty({ type: UserDto }) user: UserDto;
}
