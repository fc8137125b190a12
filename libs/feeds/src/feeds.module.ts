import { type DynamicModule, Module } from '@nestjs/common';
import { FeedPoller } from './feed-poller.js';
import { FeedsController } from './feeds.controller.js';
import { FeedsRepository } from './feeds.repository.js';
import { FeedsService } from './feeds.service.js';

/**
 * News feeds: the admins' routes, and the background poller of every process (FEED_POLLING). It
 * takes the process's own pricing module (the API's extracts in worker threads, the CLI's in its
 * thread), so a polled article goes through the very path of `POST /news`.
 */
@Module({})
export class FeedsModule {
  static forRoot(pricing: DynamicModule): DynamicModule {
    return {
      module: FeedsModule,
      imports: [pricing],
      controllers: [FeedsController],
      providers: [FeedsService, FeedsRepository, FeedPoller],
      exports: [FeedsService],
    };
  }
}
