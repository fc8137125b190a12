import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DomainError } from '@fantamercato/core';
import { AccessTokens } from './access-tokens.js';
import type { LoginDto, RegisterDto, SessionDto, UserDto } from './dto/credentials.dto.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import { Sessions, type SessionUser } from './sessions.js';
import { EmailTakenError, UsersRepository } from './users.repository.js';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    // Never says whether the email or the password was wrong.
    super(401, 'INVALID_CREDENTIALS', 'Wrong email or password.');
  }
}

export function toUserDto(user: SessionUser): UserDto {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: AccessTokens,
    private readonly sessions: Sessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** ADMIN_EMAILS also promotes accounts that existed before the setting named them. */
  async onApplicationBootstrap(): Promise<void> {
    const promoted = await this.users.promote(this.config.adminEmails);
    if (promoted > 0) this.logger.log(`ADMIN_EMAILS: ${promoted} existing account(s) made admin`);
  }

  async register(input: RegisterDto): Promise<SessionDto> {
    const passwordHash = await hashPassword(input.password);
    const role = this.config.adminEmails.includes(input.email.toLowerCase()) ? 'admin' : 'user';
    try {
      const user = await this.users.create({ email: input.email, displayName: input.displayName, passwordHash, role });
      return this.sessionFor(user);
    } catch (error) {
      if (error instanceof EmailTakenError) {
        throw new DomainError(409, 'EMAIL_TAKEN', 'An account with this email already exists.');
      }
      throw error;
    }
  }

  /** Used by the local strategy: the user when the password matches, else INVALID_CREDENTIALS. */
  async checkCredentials(input: LoginDto): Promise<SessionUser> {
    const user = await this.users.findByEmail(input.email);
    const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
    if (!user || !ok) throw new InvalidCredentialsError();
    return user;
  }

  /** A new sign-in: a session, its first refresh token and an access token bound to it. */
  async sessionFor(user: SessionUser): Promise<SessionDto> {
    const { sessionId, refreshToken } = await this.sessions.start(user.id);
    return { accessToken: await this.tokens.issue(user, sessionId), refreshToken, user: toUserDto(user) };
  }

  /** The next pair for a live session; the refresh token given is spent. */
  async refresh(refreshToken: string): Promise<SessionDto> {
    const next = await this.sessions.rotate(refreshToken);
    return { accessToken: await this.tokens.issue(next.user, next.sessionId), refreshToken: next.refreshToken, user: toUserDto(next.user) };
  }

  logout(refreshToken: string): Promise<void> {
    return this.sessions.revoke(refreshToken);
  }

  async me(userId: string): Promise<UserDto> {
    const user = await this.users.findById(userId);
    if (!user) throw new DomainError(401, 'INVALID_TOKEN', 'The account behind this token no longer exists.');
    return toUserDto(user);
  }
}
