import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Feed, FeedPoll } from '@fantamercato/contract';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError, isUuid, NotFoundError, ValidationFailedError } from '@fantamercato/core';
import { NewsService, type Language } from '@fantamercato/pricing';
import { isSummary, pageText, readFeed, type FeedItem } from './feed-items.js';
import { PageReader } from './page-reader.js';
import { FeedsRepository, type FeedLease, type PollEnd } from './feeds.repository.js';
import { addressPolicy, Outbound, OutboundError } from './outbound.js';

/** Items read from one poll at most (a feed lists its latest; a first poll of a long archive takes them over several polls). */
export const MAX_ITEMS_PER_POLL = 100;

const USER_AGENT = 'Fantamercato feed reader (+https://github.com/fantamercato)';
const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';
const EARLIEST = Date.UTC(1990, 0, 1);
/** An article page is read up to this size (a page larger than this is not an article worth Readability's time). */
const PAGE_MAX_BYTES = 1024 * 1024;

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
  private readonly pages: Outbound;
  private readonly reader = new PageReader();
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
      userAgent: USER_AGENT,
    });
    this.pages = new Outbound({ ...this.outbound.options, maxBytes: Math.min(config.feedMaxBytes, PAGE_MAX_BYTES) });
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
    await Promise.all([this.outbound.close(), this.pages.close(), this.reader.close()]);
  }

  async add(input: { url: string; language?: Language; intervalMinutes?: number }, createdBy: string | null): Promise<Feed> {
    let url: string;
    try {
      url = Outbound.parseUrl(input.url).toString();
    } catch (error) {
      throw new ValidationFailedError([{ field: 'url', problems: [messageOf(error)] }]);
    }
    // The normal form escapes what was typed raw (é → %C3%A9): it must still fit.
    if (url.length > 2048) throw new ValidationFailedError([{ field: 'url', problems: ['url must be at most 2048 characters, escaped'] }]);
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
    const seen = await this.feeds.seenKeys(
      this.dataSource.manager,
      lease.id,
      parsed.items.map((i) => i.key),
    );
    // Oldest first, so prices move in the order the news was published; at most a poll's worth.
    const fresh = parsed.items
      .filter((i) => !seen.has(i.key))
      .sort((a, b) => (a.publishedAt?.getTime() ?? 0) - (b.publishedAt?.getTime() ?? 0));
    const batch = fresh.slice(0, MAX_ITEMS_PER_POLL);
    for (const item of batch) {
      if (signal.aborted) throw signal.reason;
      if (!(await this.feeds.renew(this.dataSource.manager, lease, this.config.feedLeaseSeconds))) break; // taken over
      if (!(await this.storeItem(lease, item, lease.language ?? parsed.language, signal, counts))) break;
    }
    // Items left for the next poll: keep no validators, or the publisher would answer it 304.
    const complete = fresh.length <= MAX_ITEMS_PER_POLL;
    return {
      kind: 'fetched',
      status: answer.status,
      etag: complete ? answer.headers.get('etag') : null,
      lastModified: complete ? answer.headers.get('last-modified') : null,
    };
  }

  /** Stores one item and records it seen; false when this poll no longer holds its feed (nothing stored then). */
  private async storeItem(
    lease: FeedLease,
    item: FeedItem,
    language: string | null,
    signal: AbortSignal,
    counts: { newItems: number; articlesStored: number; reportsFound: number },
  ): Promise<boolean> {
    let text = item.text;
    let title = item.title;
    let pageLanguage: Language | null = null;
    if (isSummary(item)) {
      try {
        const page = await this.pages.get(item.url!, { accept: PAGE_ACCEPT }, signal);
        const article = page.text === null ? null : pageText(await this.reader.read(page.text, page.url, signal));
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
    const record = (manager: EntityManager, seen: { articleId: string | null; stored: boolean; reports: number; skipped: string | null }) =>
      this.feeds.recordItem(manager, lease, { key: item.key, url: item.url, ...seen });
    let seen: { articleId: string | null; stored: boolean; reports: number; skipped: string | null } = {
      articleId: null,
      stored: false,
      reports: 0,
      skipped: 'no text',
    };
    if (text.trim() !== '') {
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
          {
            feedId: lease.id,
            // A new article and its mark in the feed commit together, and only while this poll holds the
            // feed: a poll that lost its lease (or raced another to this item) stores nothing and moves no price.
            inTransaction: async (manager, stored) => {
              const fresh = { articleId: stored.articleId, stored: true, reports: stored.reports, skipped: null };
              if (!(await record(manager, fresh))) throw new LeaseLost();
              seen = fresh;
            },
          },
        );
        if (!outcome.created) seen = { articleId: outcome.article.id, stored: false, reports: 0, skipped: null };
      } catch (error) {
        if (error instanceof LeaseLost) return false;
        // The article's own fault (too long, too complex for the extractor): recorded, never retried.
        if (!(error instanceof DomainError) || error.status >= 500 || error.status === 409) throw error;
        seen = { articleId: null, stored: false, reports: 0, skipped: error.code };
      }
      if (seen.stored) {
        counts.newItems += 1;
        counts.articlesStored += 1;
        counts.reportsFound += seen.reports;
        return true;
      }
    }
    if (!(await record(this.dataSource.manager, seen))) return false;
    counts.newItems += 1;
    return true;
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

/** The poll no longer holds its feed: another process took it over, or it was removed. */
class LeaseLost extends Error {}

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
