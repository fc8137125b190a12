import { Injectable } from '@nestjs/common';
import { extractFeeReports, type ExtractResult, type Language } from '../extract/index.js';
import { PlayerDirectory } from '../player-directory.js';

/**
 * Reads the fee reports of an article's plain text against the current registry. The API runs
 * it in worker threads under a time budget; one-shot commands run it on their own thread.
 */
export abstract class ArticleExtractor {
  abstract extract(text: string, language?: Language): Promise<ExtractResult>;
}

/** Extraction on the calling thread: for the CLI, which has no other requests to keep answering. */
@Injectable()
export class InProcessArticleExtractor extends ArticleExtractor {
  constructor(private readonly directory: PlayerDirectory) {
    super();
  }

  async extract(text: string, language?: Language): Promise<ExtractResult> {
    return extractFeeReports(text, await this.directory.index(), { language });
  }
}
