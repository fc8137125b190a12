import { createHash } from 'node:crypto';
import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { createClient } from 'redis';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { DomainError } from '../errors/domain-error.js';

export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(429, 'RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}

/**
 * A fixed-window limit of `points` actions per `seconds` per key (a client address, an account, a
 * manager). `points` 0 turns it off, for load tests. Built by `RateLimits`: in Redis when the
 * processes share one (so N processes do not make N× the limit), else in this process's memory.
 */
export class RateLimit {
  constructor(private readonly limiter?: RateLimiterAbstract) {}

  /** A limit kept in this process only: right for what lives in one process (a socket). */
  static inMemory(points: number, seconds: number): RateLimit {
    return new RateLimit(points > 0 ? new RateLimiterMemory({ points, duration: seconds }) : undefined);
  }

  /** Throws RateLimitedError (429 RATE_LIMITED) when `key` is over its budget. */
  async consume(key: string, points = 1): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(key, points);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      throw rejection;
    }
  }

  /** Forgets `key`'s count (a successful login clears its failures). */
  async reset(key: string): Promise<void> {
    await this.limiter?.delete(key);
  }
}

/** Processes that share a database are one deployment: they share live traffic and limits. */
export function deploymentChannel(databaseUrl: string): string {
  const database = new URL(databaseUrl);
  return `fantamercato:${createHash('sha256').update(`${database.host}${database.pathname}`).digest('hex').slice(0, 16)}`;
}

export const RATE_LIMIT_CHANNEL = Symbol('RATE_LIMIT_CHANNEL');

/**
 * Makes the rate limits. With REDIS_URL every limit lives in Redis under the deployment's channel;
 * should Redis fail, each process falls back to counting in memory (an "insurance" limiter) rather
 * than refusing or letting everything through.
 */
@Injectable()
export class RateLimits implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RateLimits');
  private readonly redis?: ReturnType<typeof createClient>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(RATE_LIMIT_CHANNEL) private readonly channel: string,
  ) {
    if (config.redisUrl) {
      // No offline queue: while Redis is away a consume fails at once and the insurance limiter answers.
      this.redis = createClient({ url: config.redisUrl, disableOfflineQueue: true });
      this.redis.on('error', (error: Error) => this.logger.warn(`Redis for rate limits: ${error.message}`));
    }
  }

  async onModuleInit(): Promise<void> {
    await this.redis?.connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  /** `name` keeps each limit's counts apart (auth, login, bids…). */
  create(name: string, points: number, seconds: number): RateLimit {
    if (points <= 0) return new RateLimit();
    const memory = new RateLimiterMemory({ points, duration: seconds, keyPrefix: name });
    if (!this.redis) return new RateLimit(memory);
    return new RateLimit(
      new RateLimiterRedis({
        storeClient: this.redis,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        points,
        duration: seconds,
        keyPrefix: `${this.channel}:limit:${name}`,
        insuranceLimiter: memory,
      }),
    );
  }
}

@Global()
@Module({})
export class RateLimitsModule {
  static forRoot(channel: string): DynamicModule {
    return {
      module: RateLimitsModule,
      providers: [{ provide: RATE_LIMIT_CHANNEL, useValue: channel }, RateLimits],
      exports: [RateLimits],
    };
  }
}
