import { existsSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import { DomainError, workerFile } from '@fantamercato/core';
import type { ExtractResult, Language } from '../extract/index.js';
import { PlayerDirectory } from '../player-directory.js';
import { ArticleExtractor } from './article-extractor.js';
import type { ExtractTask } from './extract.worker.js';

export class TextTooComplexError extends DomainError {
  constructor(budgetMs: number) {
    super(422, 'TEXT_TOO_COMPLEX', `Reading this text took longer than ${budgetMs} ms; send the article's own text, shorter or plainer.`);
  }
}

export class ExtractionBusyError extends DomainError {
  constructor() {
    super(503, 'EXTRACTION_BUSY', 'Too many articles are being read right now; try again in a moment.', { retryAfterSeconds: 1 });
  }
}

/** The extraction worker's .js file (from dist/, also under Jest). */
export function extractWorkerFile(): string {
  return workerFile(import.meta.url, 'extract.worker.js');
}

export interface PoolOptions {
  readonly threads: number;
  readonly timeoutMs: number;
}

/** Tasks waiting per thread before new ones are refused: a client waits seconds, not minutes. */
const QUEUE_PER_THREAD = 16;
/** A worker's heap: a 200 kB article needs a few dozen MiB; past this the worker dies, not the API. */
const WORKER_HEAP_MB = 256;

/**
 * Extraction off the event loop: a runaway text costs one worker thread for at most the budget,
 * then the thread is terminated (piscina replaces it) and the request answers 422.
 */
@Injectable()
export class PooledArticleExtractor extends ArticleExtractor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly pool: Piscina<ExtractTask, ExtractResult>;
  private closing = false;

  constructor(
    private readonly directory: PlayerDirectory,
    private readonly options: PoolOptions,
  ) {
    super();
    const filename = extractWorkerFile();
    if (!existsSync(filename)) throw new Error(`The extraction worker ${filename} is missing: run \`npm run -s build\` first.`);
    this.pool = new Piscina({
      filename,
      // Threads stay up: each keeps its own index of the registry, which takes a while to build.
      minThreads: options.threads,
      maxThreads: options.threads,
      idleTimeout: Number.MAX_SAFE_INTEGER,
      maxQueue: options.threads * QUEUE_PER_THREAD,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
  }

  async extract(text: string, language?: Language): Promise<ExtractResult> {
    const registry = await this.directory.snapshot();
    const { port1, port2 } = new MessageChannel();
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    // Waiting in the queue or building the index is not the text's fault: the budget starts with the extraction.
    port1.once('message', () => {
      timer = setTimeout(() => {
        timedOut = true;
        abort.abort();
      }, this.options.timeoutMs);
    });
    try {
      return await this.pool.run({ text, language, registry, started: port2 }, { transferList: [port2], signal: abort.signal });
    } catch (error) {
      if (timedOut) throw new TextTooComplexError(this.options.timeoutMs);
      const code = (error as { code?: unknown }).code;
      if (code === 'ERR_WORKER_OUT_OF_MEMORY') throw new TextTooComplexError(this.options.timeoutMs);
      if (error instanceof Error && error.message === 'Task queue is at limit') throw new ExtractionBusyError();
      throw error;
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  /**
   * Each thread loads the extractor and builds its registry index (~0.3 s) before the first
   * article arrives; the start does not wait for it.
   */
  onApplicationBootstrap(): void {
    const warmUps = Array.from({ length: this.options.threads }, () => this.extract('Il Milan chiede 25 milioni per Kalulu.', 'it'));
    Promise.all(warmUps).catch((error: unknown) => {
      if (!this.closing) new Logger('Extraction').warn(`Warming up the extraction workers failed: ${String(error)}`);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.pool.destroy();
  }
}
