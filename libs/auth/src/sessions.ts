import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Subject } from 'rxjs';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, sqlRows } from '@fantamercato/core';
import { AuthenticationError } from './access-tokens.js';
import type { Role } from './user.entity.js';

/** A session that has just ended by revocation: the live gateway tells and drops its sockets. */
export interface SessionRevoked {
  sessionId: string;
  userId: string;
  reason: 'logout' | 'reuse';
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
}

const toSessionUser = (row: UserRow): SessionUser => ({ id: row.id, email: row.email, displayName: row.display_name, role: row.role });

/** 256 random bits; only the SHA-256 of it is stored, so a copy of the database opens no session. */
const newRefreshToken = () => randomBytes(32).toString('base64url');
const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

const SWEEP_EVERY_MS = 60 * 60 * 1000;

export const refreshErrors = {
  invalid: () => new AuthenticationError('INVALID_REFRESH_TOKEN', 'This refresh token is not valid; sign in again.'),
  expired: () => new AuthenticationError('SESSION_EXPIRED', 'This sign-in has expired; sign in again.'),
  revoked: () => new AuthenticationError('SESSION_REVOKED', 'This sign-in has ended (signed out, or ended for safety); sign in again.'),
};

/**
 * Sessions (one per sign-in) and their rotating refresh tokens. Every refresh spends the token it
 * was given and hands out the next one; presenting a spent token again means two parties hold it
 * (one of them stole it), so the whole session ends. Time is the database's.
 */
@Injectable()
export class Sessions implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly revocations = new Subject<SessionRevoked>();
  private readonly logger = new Logger('Sessions');
  private sweeper?: ReturnType<typeof setInterval>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Spent and expired tokens are kept until they expire (to recognise reuse), then swept.
    this.sweeper = setInterval(
      () => void this.sweep().catch((error: unknown) => this.logger.warn(`sweep failed: ${String(error)}`)),
      SWEEP_EVERY_MS,
    );
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
    this.revocations.complete();
  }

  /** A new session for this user and its first refresh token. */
  async start(userId: string): Promise<{ sessionId: string; refreshToken: string }> {
    const refreshToken = newRefreshToken();
    const [row] = await sqlRows<{ id: string }>(
      this.db.manager,
      `WITH session AS (INSERT INTO auth_sessions (user_id) VALUES ($1) RETURNING id)
       INSERT INTO refresh_tokens (token_hash, session_id, expires_at)
       SELECT $2, id, now() + make_interval(secs => $3) FROM session
       RETURNING session_id AS id`,
      [userId, digest(refreshToken), this.config.refreshTtlSeconds],
    );
    return { sessionId: row!.id, refreshToken };
  }

  /**
   * Spends `refreshToken` and returns the next one. One statement spends and replaces it: of two
   * concurrent refreshes with one token, the second waits on the row lock, then finds it spent.
   */
  async rotate(refreshToken: string): Promise<{ sessionId: string; refreshToken: string; user: SessionUser }> {
    const next = newRefreshToken();
    const hash = digest(refreshToken);
    const [row] = await sqlRows<UserRow & { session_id: string }>(
      this.db.manager,
      `WITH spent AS (
         UPDATE refresh_tokens t SET rotated_at = now()
           FROM auth_sessions s
          WHERE t.token_hash = $1 AND t.rotated_at IS NULL AND t.expires_at > now()
            AND s.id = t.session_id AND s.revoked_at IS NULL
         RETURNING t.session_id, s.user_id),
       fresh AS (
         INSERT INTO refresh_tokens (token_hash, session_id, expires_at)
         SELECT $2, session_id, now() + make_interval(secs => $3) FROM spent)
       SELECT spent.session_id, u.id, u.email, u.display_name, u.role FROM spent JOIN users u ON u.id = spent.user_id`,
      [hash, digest(next), this.config.refreshTtlSeconds],
    );
    if (row) return { sessionId: row.session_id, refreshToken: next, user: toSessionUser(row) };
    throw await this.refusal(hash);
  }

  /** Ends the session this refresh token belongs to (whatever its state); unknown tokens are refused. */
  async revoke(refreshToken: string): Promise<void> {
    const hash = digest(refreshToken);
    const [ended] = await sqlRows<{ id: string; user_id: string }>(
      this.db.manager,
      `UPDATE auth_sessions s SET revoked_at = now(), revoked_reason = 'logout'
         FROM refresh_tokens t
        WHERE t.token_hash = $1 AND s.id = t.session_id AND s.revoked_at IS NULL
       RETURNING s.id, s.user_id`,
      [hash],
    );
    if (ended) return this.announce({ sessionId: ended.id, userId: ended.user_id, reason: 'logout' });
    const [known] = await sqlRows(this.db.manager, 'SELECT 1 FROM refresh_tokens WHERE token_hash = $1', [hash]);
    if (!known) throw refreshErrors.invalid(); // an ended session is ended again without complaint
  }

  /** For the socket handshake: a token of an ended session opens no new socket. */
  async assertLive(sessionId: string): Promise<void> {
    const [row] = await sqlRows<{ revoked: boolean }>(
      this.db.manager,
      'SELECT revoked_at IS NOT NULL AS revoked FROM auth_sessions WHERE id = $1',
      [sessionId],
    );
    if (!row || row.revoked) throw refreshErrors.revoked();
  }

  /** Deletes tokens that expired over a day ago, and sessions left with none. */
  async sweep(): Promise<void> {
    await this.db.query(`DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day'`);
    await this.db.query(
      `DELETE FROM auth_sessions s WHERE NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.session_id = s.id) AND s.created_at < now() - interval '1 day'`,
    );
  }

  /** Why a token could not be spent; a spent one presented again ends its session. */
  private async refusal(hash: Buffer): Promise<AuthenticationError> {
    const [token] = await sqlRows<{ session_id: string; user_id: string; spent: boolean; expired: boolean; revoked: boolean }>(
      this.db.manager,
      `SELECT t.session_id, s.user_id, t.rotated_at IS NOT NULL AS spent, t.expires_at <= now() AS expired, s.revoked_at IS NOT NULL AS revoked
         FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id WHERE t.token_hash = $1`,
      [hash],
    );
    if (!token) return refreshErrors.invalid();
    if (token.revoked) return refreshErrors.revoked();
    if (token.spent) {
      const ended = await sqlRows(
        this.db.manager,
        `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'reuse' WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
        [token.session_id],
      );
      if (ended.length > 0) {
        this.logger.warn(`a spent refresh token was presented again: session ${token.session_id} ended`);
        this.announce({ sessionId: token.session_id, userId: token.user_id, reason: 'reuse' });
      }
      return refreshErrors.revoked();
    }
    return token.expired ? refreshErrors.expired() : refreshErrors.invalid();
  }

  private announce(event: SessionRevoked): void {
    this.revocations.next(event);
  }
}
