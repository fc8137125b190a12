import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Feed, FeedPoll } from '@fantamercato/contract';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError, isUuid, NotFoundError } from '@fantamercato/core';
import { NewsService, type Language } from '@fantamercato/pricing';
import { isSummary, pageArticle, readFeed, type FeedItem } from './feed-items.js';
import { FeedsRepository, type FeedLease, type PollEnd } from './feeds.repository.js';
import { addressPolicy, Outbound, OutboundError } from './outbound.js';

/** Items read from one poll at most (a feed lists its latest; a first poll of a long archive takes them over several polls). */
export const MAX_ITEMS_PER_POLL = 100;

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';
const EARLIEST = Date.UTC(1990, 0, 1);

export class FeedNotFoundError extends NotFoundError {
  constructor() {
    super('The feed', 'FEED_NOT_FOUND');
  }
}

/**
 * Feeds an admin follows, and their polling. A poll: take the feed's lease (SKIP LOCKED: one process
 * per feed), a conditional GET (ETag / Last-Modified: an unchanged feed is a 304 and costs nothing
 * more), then each item not seen before — its linked page read when the item carries only a summary
 * — goes through the very path of `POST /news` (extraction, held reports, provenance), recorded as
 * from this feed, and is marked seen in the feed. An item is stored at most once whatever happens: its
 * key in the feed and its text's hash are both unique, so a poll that restarts, or two processes that
 * raced, find it stored and move on. A failed poll backs off (the interval × 2^failures, at most a day).
 */
@Injectable()
export class FeedsService implements OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Feeds');
  private readonly outbound: Outbound;
  /** Aborted when the process stops: running fetches are cut short and their feeds handed back. */
  private readonly stopping = new AbortController();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feeds: FeedsRepository,
    private readonly news: NewsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.outbound = new Outbound({
      allowPrivate: config.feedAllowPrivate,
      timeoutMs: config.feedTimeoutMs,
      maxBytes: config.feedMaxBytes,
      maxRedirects: 5,
      userAgent: 'Fantamercato feed reader (+https://github.com/fantamercato)',
    });
  }

  /** The first hook of a stop, before the extractor's workers and the database go. */
  onModuleDestroy(): void {
    this.stop();
  }

  stop(): void {
    if (!this.stopping.signal.aborted) this.stopping.abort(new Error('the process is stopping'));
  }

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.outbound.close();
  }

  async add(input: { url: string; language?: Language; intervalMinutes?: number }, createdBy: string | null): Promise<Feed> {
    const url = Outbound.parseUrl(input.url).toString();
    await this.refuseInward(url);
    const feed = await this.feeds.insert(this.dataSource.manager, {
      url,
      language: input.language ?? null,
      intervalMinutes: input.intervalMinutes ?? 30,
      createdBy,
    });
    if (!feed) throw new DomainError(409, 'FEED_EXISTS', 'That feed is already followed.', { url });
    return feed;
  }

  list(): Promise<Feed[]> {
    return this.feeds.list(this.dataSource.manager);
  }

  async get(id: string): Promise<Feed> {
    const feed = isUuid(id) ? await this.feeds.find(this.dataSource.manager, id) : null;
    if (!feed) throw new FeedNotFoundError();
    return feed;
  }

  /** Stops following a feed; the articles it brought stay (their prices stand), no longer naming it. */
  async remove(id: string): Promise<void> {
    if (!isUuid(id) || !(await this.feeds.delete(this.dataSource.manager, id))) throw new FeedNotFoundError();
  }

  /** Polls one feed now, due or not (an admin's button, the CLI); `busy` when another poll holds it. */
  async pollNow(id: string): Promise<FeedPoll> {
    const feed = await this.get(id);
    const lease = await this.feeds.claim(this.dataSource.manager, feed.id, this.config.feedLeaseSeconds);
    if (!lease) return { feed: await this.get(id), outcome: 'busy', newItems: 0, articlesStored: 0, reportsFound: 0 };
    return this.poll(lease);
  }

  /** Takes up to `limit` due feeds for this process. */
  claimDue(limit: number): Promise<FeedLease[]> {
    return this.feeds.claimDue(this.dataSource.manager, limit, this.config.feedLeaseSeconds);
  }

  /** One poll of a feed this process holds the lease of. Never throws for the feed's own faults: they are its `lastError`. */
  async poll(lease: FeedLease): Promise<FeedPoll> {
    const counts = { newItems: 0, articlesStored: 0, reportsFound: 0 };
    const signal = this.stopping.signal;
    let end: PollEnd;
    try {
      end = await this.fetchAndStore(lease, signal, counts);
    } catch (error) {
      if (signal.aborted) {
        await this.feeds.release(this.dataSource.manager, lease); // stopping: the next process takes it at once
        return { feed: await this.get(lease.id), outcome: 'busy', ...counts };
      }
      if (!(error instanceof OutboundError || error instanceof FeedFormatError)) this.logger.error(error);
      end = { kind: 'failed', status: error instanceof FeedFormatError ? error.status : null, error: messageOf(error) };
    }
    const feed = await this.feeds.finish(this.dataSource.manager, lease, end);
    // null: the feed was removed, or the lease lost to another process (which finishes the poll).
    const outcome = feed === null ? 'busy' : end.kind;
    return { feed: feed ?? (await this.get(lease.id)), outcome, ...counts };
  }

  private async fetchAndStore(
    lease: FeedLease,
    signal: AbortSignal,
    counts: { newItems: number; articlesStored: number; reportsFound: number },
  ): Promise<PollEnd> {
    const headers: Record<string, string> = { accept: FEED_ACCEPT };
    if (lease.etag) headers['if-none-match'] = lease.etag;
    if (lease.lastModified) headers['if-modified-since'] = lease.lastModified;
    const answer = await this.outbound.get(lease.url, headers, signal);
    if (answer.status === 304) return { kind: 'not_modified', status: 304 };
    if (answer.text === null) throw new FeedFormatError(answer.status, `The feed answered HTTP ${answer.status}.`);
    let parsed;
    try {
      parsed = readFeed(answer.text);
    } catch {
      throw new FeedFormatError(answer.status, 'The answer is not an RSS or Atom feed.');
    }
    const items = parsed.items.slice(0, MAX_ITEMS_PER_POLL);
    const seen = await this.feeds.seenKeys(
      this.dataSource.manager,
      lease.id,
      items.map((i) => i.key),
    );
    // Oldest first, so prices move in the order the news was published.
    const fresh = items.filter((i) => !seen.has(i.key)).sort((a, b) => (a.publishedAt?.getTime() ?? 0) - (b.publishedAt?.getTime() ?? 0));
    for (const item of fresh) {
      if (signal.aborted) throw signal.reason;
      if (!(await this.feeds.renew(this.dataSource.manager, lease, this.config.feedLeaseSeconds))) break; // taken over
      await this.storeItem(lease, item, lease.language ?? parsed.language, signal, counts);
    }
    return { kind: 'fetched', status: answer.status, etag: answer.headers.get('etag'), lastModified: answer.headers.get('last-modified') };
  }

  private async storeItem(
    lease: FeedLease,
    item: FeedItem,
    language: string | null,
    signal: AbortSignal,
    counts: { newItems: number; articlesStored: number; reportsFound: number },
  ): Promise<void> {
    let text = item.text;
    let title = item.title;
    let pageLanguage: Language | null = null;
    if (isSummary(item)) {
      try {
        const page = await this.outbound.get(item.url!, { accept: PAGE_ACCEPT }, signal);
        const article = page.text === null ? null : pageArticle(page.text, page.url);
        if (article && article.text.length > text.length) {
          text = article.text;
          title ??= article.title;
          pageLanguage = article.language;
        }
      } catch (error) {
        if (signal.aborted) throw error;
        // The page could not be read: the summary is what there is.
        this.logger.warn(`feed ${lease.id}: page ${item.url} not read (${messageOf(error)}); storing the item's summary`);
      }
    }
    let articleId: string | null = null;
    let stored = false;
    let reports = 0;
    let skipped: string | null = null;
    if (text.trim() === '') skipped = 'no text';
    else {
      try {
        const outcome = await this.news.ingest(
          {
            text,
            ...(item.url ? { url: item.url } : {}),
            ...(title ? { title } : {}),
            ...(publishable(item.publishedAt) ? { publishedAt: item.publishedAt! } : {}),
            ...((language ?? pageLanguage) ? { language: (language ?? pageLanguage) as Language } : {}),
          },
          null,
          { feedId: lease.id },
        );
        articleId = outcome.article.id;
        stored = outcome.created;
        reports = outcome.created ? outcome.reports.length : 0;
      } catch (error) {
        // The article's own fault (too long, too complex for the extractor): recorded, never retried.
        if (!(error instanceof DomainError) || error.status >= 500 || error.status === 409) throw error;
        skipped = error.code;
      }
    }
    const recorded = await this.feeds.recordItem(this.dataSource.manager, lease, {
      key: item.key,
      url: item.url,
      articleId,
      stored,
      reports,
      skipped,
    });
    if (!recorded) return;
    counts.newItems += 1;
    if (stored) counts.articlesStored += 1;
    counts.reportsFound += reports;
  }

  /** An admin's early warning: a url whose name resolves inward is refused at once (every fetch checks it again). */
  private async refuseInward(url: string): Promise<void> {
    if (this.config.feedAllowPrivate === true) return;
    const allowed = addressPolicy(this.config.feedAllowPrivate);
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    let addresses: string[];
    try {
      addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
    } catch {
      return; // not resolvable today: the polls will say so in the feed's lastError
    }
    const inward = addresses.find((a) => !allowed(a));
    if (inward) {
      throw new DomainError(422, 'FEED_ADDRESS_REFUSED', `${host} is at ${inward}, a private, loopback or reserved address: refused.`, {
        url,
      });
    }
  }
}

/** A feed that answered, but not with a feed. */
class FeedFormatError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function publishable(date: Date | null): boolean {
  const t = date?.getTime();
  return t !== undefined && Number.isFinite(t) && t >= EARLIEST && t <= Date.now() + 86_400_000;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
