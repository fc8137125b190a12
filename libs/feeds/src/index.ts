export { FeedsModule } from './feeds.module.js';
export { FeedsService, MAX_ITEMS_PER_POLL } from './feeds.service.js';
export { FeedPoller } from './feed-poller.js';
export { Outbound, OutboundError, isPublicAddress } from './outbound.js';
export { readFeed, pageText, languageOf } from './feed-items.js';
export { readPage } from './page.worker.js';
