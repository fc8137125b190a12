import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@fantamercato/core';
import { FeedsService } from './feeds.service.js';

/** How often a process looks for due feeds. */
export const FEED_TICK_MS = 1_000;

/**
 * Polls due feeds in the background, in every API process: each tick takes as many due feeds as it
 * has free slots (FEED_CONCURRENCY), with SKIP LOCKED, so processes share the feeds without ever
 * polling one twice at a time. Stopping cuts the running fetches short and hands their feeds back.
 */
@Injectable()
export class FeedPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('FeedPoller');
  private readonly running = new Set<Promise<unknown>>();
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(
    private readonly feeds: FeedsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.feedPolling) return;
    this.timer = setInterval(() => void this.tick(), FEED_TICK_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.feeds.stop(); // cuts the running fetches short; each hands its feed back
    await Promise.allSettled([...this.running]);
  }

  /** Takes what is due into the free slots; each poll runs on its own. */
  async tick(): Promise<void> {
    if (this.ticking || this.feeds.stopped) return;
    this.ticking = true;
    try {
      const free = this.config.feedConcurrency - this.running.size;
      if (free <= 0) return;
      for (const lease of await this.feeds.claimDue(free)) {
        const poll = this.feeds
          .poll(lease)
          .then((result) => {
            if (result.outcome === 'failed') this.logger.warn(`feed ${lease.url}: ${result.feed.lastError}`);
          })
          .catch((error: unknown) => this.logger.error(error))
          .finally(() => this.running.delete(poll));
        this.running.add(poll);
      }
    } catch (error) {
      if (!this.feeds.stopped) this.logger.error(error);
    } finally {
      this.ticking = false;
    }
  }
}
