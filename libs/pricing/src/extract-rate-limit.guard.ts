import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig, type RateLimit, RateLimits } from '@fantamercato/core';

/**
 * RATE_LIMIT_EXTRACT dry runs a minute per signed-in user: each one costs a worker thread for
 * up to the extraction budget. Runs after the global JWT guard, so the user is known.
 */
@Injectable()
export class ExtractRateLimitGuard implements CanActivate {
  private readonly limit: RateLimit;

  constructor(@Inject(APP_CONFIG) config: AppConfig, limits: RateLimits) {
    this.limit = limits.create('extract', config.rateLimitExtract, 60);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: { id?: string } }>();
    await this.limit.consume(request.user?.id ?? request.ip);
    return true;
  }
}
