import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../errors/domain-error.js';

export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(429, 'RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}

/**
 * A fixed-window limit of `points` actions per `seconds` per key (a client address, a manager).
 * `points` 0 turns it off, for load tests. One process keeps its own counts.
 */
export class RateLimit {
  private readonly limiter?: RateLimiterMemory;

  constructor(points: number, seconds: number) {
    if (points > 0) this.limiter = new RateLimiterMemory({ points, duration: seconds });
  }

  /** Throws RateLimitedError (429 RATE_LIMITED) when `key` is over its budget. */
  async consume(key: string): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      throw rejection;
    }
  }
}
