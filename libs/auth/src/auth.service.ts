import { Injectable } from '@nestjs/common';
import { DomainError } from '@fantamercato/core';
import { AccessTokens } from './access-tokens.js';
import type { LoginDto, RegisterDto, SessionDto, UserDto } from './dto/credentials.dto.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import type { UserEntity } from './user.entity.js';
import { EmailTakenError, UsersRepository } from './users.repository.js';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    // Never says whether the email or the password was wrong.
    super(401, 'INVALID_CREDENTIALS', 'Wrong email or password.');
  }
}

export function toUserDto(user: UserEntity): UserDto {
  return { id: user.id, email: user.email, displayName: user.displayName };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: AccessTokens,
  ) {}

  async register(input: RegisterDto): Promise<SessionDto> {
    const passwordHash = await hashPassword(input.password);
    try {
      const user = await this.users.create({ email: input.email, displayName: input.displayName, passwordHash });
      return this.sessionFor(user);
    } catch (error) {
      if (error instanceof EmailTakenError) {
        throw new DomainError(409, 'EMAIL_TAKEN', 'An account with this email already exists.');
      }
      throw error;
    }
  }

  /** Used by the local strategy: the user when the password matches, else INVALID_CREDENTIALS. */
  async checkCredentials(input: LoginDto): Promise<UserEntity> {
    const user = await this.users.findByEmail(input.email);
    const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
    if (!user || !ok) throw new InvalidCredentialsError();
    return user;
  }

  async sessionFor(user: UserEntity): Promise<SessionDto> {
    return { accessToken: await this.tokens.issue(user), user: toUserDto(user) };
  }

  async me(userId: string): Promise<UserDto> {
    const user = await this.users.findById(userId);
    if (!user) throw new DomainError(401, 'INVALID_TOKEN', 'The account behind this token no longer exists.');
    return toUserDto(user);
  }
}
