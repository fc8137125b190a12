import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig, type RateLimit, RateLimits, validateBody } from '@fantamercato/core';
import { tokenErrorFrom, type AuthenticatedUser } from '../access-tokens.js';
import { LoginDto } from '../dto/credentials.dto.js';

const IS_PUBLIC = 'fantamercato:public';
/** Opens a route to callers without a token; every other route needs one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Registered globally: secure by default. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    // Global guards also run for gateway messages; sockets are authenticated at the handshake.
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<TUser = AuthenticatedUser>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (error) throw error instanceof Error && 'code' in error ? error : tokenErrorFrom(info ?? error);
    if (!user) throw tokenErrorFrom(info);
    return user;
  }
}

/** Login attempts per account are counted over this window, whichever addresses they come from. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;

/**
 * Guards run before pipes: the login body is validated here, so bad input is a 400, not a 401.
 * Then the account's own limit (RATE_LIMIT_LOGIN attempts per 15 minutes): guessing one account's
 * password from many addresses meets it too. A successful login clears the count.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  private readonly accountLimit: RateLimit;

  constructor(@Inject(APP_CONFIG) config: AppConfig, limits: RateLimits) {
    super();
    this.accountLimit = limits.create('login', config.rateLimitLogin, LOGIN_WINDOW_SECONDS);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ body: unknown }>();
    const body = await validateBody(LoginDto, request.body);
    request.body = body;
    const account = body.email.toLowerCase();
    await this.accountLimit.consume(account);
    const ok = (await super.canActivate(context)) as boolean;
    await this.accountLimit.reset(account);
    return ok;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) throw tokenErrorFrom(undefined);
    return user;
  }
}

/** The signed-in caller of an HTTP route. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => context.switchToHttp().getRequest().user,
);

/** RATE_LIMIT_AUTH requests a minute per client address on register and login; it runs before anything else. */
@Injectable()
export class AuthRateLimitGuard implements CanActivate {
  private readonly limit: RateLimit;

  constructor(@Inject(APP_CONFIG) config: AppConfig, limits: RateLimits) {
    this.limit = limits.create('auth', config.rateLimitAuth, 60);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Fastify's `ip` reads X-Forwarded-For only as far as TRUST_PROXY allows.
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    await this.limit.consume(request.ip);
    return true;
  }
}
