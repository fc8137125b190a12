import { Piscina } from 'piscina';
import { workerFile } from '@fantamercato/core';
import type { PageArticle, PageTask } from './page.worker.js';

/** How long one page may take in the reader before its thread is stopped (the item then keeps its summary). */
export const PAGE_READ_TIMEOUT_MS = 5_000;
/** A page reader's heap: a 1 MiB page needs far less; past this the worker dies, not the API. */
const WORKER_HEAP_MB = 256;

/**
 * Reads article pages off the event loop, one thread, started on first use and let go when idle:
 * Readability on a large page is seconds of synchronous work, which must not stall the bids.
 */
export class PageReader {
  private pool?: Piscina<PageTask, PageArticle | null>;

  async read(html: string, url: string, cancel: AbortSignal): Promise<PageArticle | null> {
    this.pool ??= new Piscina({
      filename: workerFile(import.meta.url, 'page.worker.js'),
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    return this.pool.run({ html, url }, { signal: AbortSignal.any([cancel, AbortSignal.timeout(PAGE_READ_TIMEOUT_MS)]) });
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
