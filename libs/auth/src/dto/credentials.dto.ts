import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength, MinLength } from 'class-validator';

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

  @ApiProperty({ example: 'Giulia', minLength: 1, maxLength: 40 })
  @Transform(trim)
  @IsString()
  @Length(1, 40, { message: 'displayName must be 1 to 40 characters long' })
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
