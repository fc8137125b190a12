import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig, DomainError } from '@fantamercato/core';

/** Who is calling, as proven by a valid access token. */
export interface AuthenticatedUser {
  id: string;
  displayName: string;
  /** The sign-in (session) the token was issued for: revoking it reaches the sockets opened with it. */
  sessionId: string;
  /** When the token runs out, in epoch milliseconds (sockets are disconnected then). */
  expiresAt: number;
}

export const TOKEN_ISSUER = 'fantamercato';

interface AccessTokenClaims {
  sub: string;
  name: string;
  sid: string;
  exp: number;
}

export type AuthenticationCode =
  'UNAUTHENTICATED' | 'INVALID_TOKEN' | 'TOKEN_EXPIRED' | 'SESSION_REVOKED' | 'SESSION_EXPIRED' | 'INVALID_REFRESH_TOKEN';

export class AuthenticationError extends DomainError {
  constructor(code: AuthenticationCode, message: string) {
    super(401, code, message);
  }
}

export function tokenErrorFrom(reason: unknown): AuthenticationError {
  const name = (reason as { name?: string } | undefined)?.name;
  if (name === 'TokenExpiredError') {
    return new AuthenticationError('TOKEN_EXPIRED', 'The access token has expired; get a new one from POST /auth/refresh.');
  }
  if (name === 'JsonWebTokenError' || name === 'NotBeforeError' || name === 'SyntaxError') {
    return new AuthenticationError('INVALID_TOKEN', 'The access token is not valid.');
  }
  return new AuthenticationError('UNAUTHENTICATED', 'Sign in first: send "Authorization: Bearer <accessToken>".');
}

/** Issues and checks access tokens; the HTTP guard and the Socket.IO handshake share this check. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issue(user: { id: string; displayName: string }, sessionId: string): Promise<string> {
    const claims: Omit<AccessTokenClaims, 'exp'> = { sub: user.id, name: user.displayName, sid: sessionId };
    return this.jwt.signAsync(claims, { expiresIn: this.config.jwtTtlSeconds });
  }

  /** Throws an AuthenticationError (401, stable code) for a missing, tampered or expired token. */
  async verify(token: unknown): Promise<AuthenticatedUser> {
    if (typeof token !== 'string' || token.length === 0) throw tokenErrorFrom(undefined);
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
      return toAuthenticatedUser(claims);
    } catch (error) {
      throw error instanceof AuthenticationError ? error : tokenErrorFrom(error);
    }
  }
}

/** A token without a session (issued before sessions existed) is not accepted: its holder signs in again. */
export function toAuthenticatedUser(claims: Partial<AccessTokenClaims>): AuthenticatedUser {
  if (
    typeof claims.sub !== 'string' ||
    typeof claims.name !== 'string' ||
    typeof claims.sid !== 'string' ||
    typeof claims.exp !== 'number'
  ) {
    throw new AuthenticationError('INVALID_TOKEN', 'The access token is not valid.');
  }
  return { id: claims.sub, displayName: claims.name, sessionId: claims.sid, expiresAt: claims.exp * 1000 };
}
