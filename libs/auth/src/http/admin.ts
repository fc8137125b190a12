import { applyDecorators, type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DomainError, sqlRows } from '@fantamercato/core';
import { AuthenticationError, type AuthenticatedUser } from '../access-tokens.js';
import { refreshErrors } from '../sessions.js';

const ADMIN_ONLY = 'fantamercato:admin-only';

/**
 * The route answers 403 FORBIDDEN to signed-in callers who are not admins; `why` ends the sentence
 * they get ("This is for admins only: <why>.").
 */
export const AdminOnly = (why?: string) =>
  applyDecorators(SetMetadata(ADMIN_ONLY, why ?? ''), ApiForbiddenResponse({ description: 'FORBIDDEN: admins only' }));

export class ForbiddenError extends DomainError {
  constructor(why: string) {
    super(403, 'FORBIDDEN', why ? `This is for admins only: ${why}.` : 'This is for admins only.');
  }
}

/**
 * Registered globally after the token guard. The role is read from the database on each admin-only
 * request (one indexed read, on rare routes), never taken from the token, so a revoked admin loses
 * it at once; an ended session is refused here too, before its access token runs out.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const why = this.reflector.getAllAndOverride<string | undefined>(ADMIN_ONLY, [context.getHandler(), context.getClass()]);
    if (why === undefined) return true;
    const caller = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
    if (!caller) throw new AuthenticationError('UNAUTHENTICATED', 'Sign in first: send "Authorization: Bearer <accessToken>".');
    const [row] = await sqlRows<{ role: string; revoked: boolean }>(
      this.db.manager,
      `SELECT u.role, (s.id IS NULL OR s.revoked_at IS NOT NULL) AS revoked
         FROM users u LEFT JOIN auth_sessions s ON s.id = $2 AND s.user_id = u.id
        WHERE u.id = $1`,
      [caller.id, caller.sessionId],
    );
    if (!row) throw new AuthenticationError('INVALID_TOKEN', 'The account behind this token no longer exists.');
    if (row.revoked) throw refreshErrors.revoked();
    if (row.role !== 'admin') throw new ForbiddenError(why);
    return true;
  }
}
