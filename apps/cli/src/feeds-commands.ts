import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Feed } from '@fantamercato/contract';
import { DomainError, loadConfig } from '@fantamercato/core';
import { FeedsService } from '@fantamercato/feeds';
import { LANGUAGES, type Language } from '@fantamercato/pricing';
import { migrateDatabase } from '@fantamercato/schema';
import { CliModule } from './cli.module.js';
import { withDatabase } from './database-commands.js';

async function withFeeds(work: (feeds: FeedsService) => Promise<void>): Promise<void> {
  await withDatabase(async (database) => {
    await migrateDatabase(database.url);
    const app: INestApplicationContext = await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig(), database.url), {
      logger: ['error', 'warn'],
    });
    try {
      await work(app.get(FeedsService));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      console.error(`${error.code}: ${error.message}`);
      process.exitCode = 1;
    } finally {
      await app.close();
    }
  });
}

function describe(feed: Feed): string {
  const last = feed.lastPolledAt
    ? `last poll ${feed.lastPolledAt} (${feed.lastError ? `failed: ${feed.lastError}` : `HTTP ${feed.lastStatus}`})`
    : 'never polled';
  return (
    `${feed.id}  ${feed.url}\n` +
    `  every ${feed.intervalMinutes} min, language ${feed.language ?? 'detected'}; ${last}; next ${feed.nextPollAt}\n` +
    `  ${feed.polls} poll(s), ${feed.notModified} unchanged (304), ${feed.failures} failure(s) in a row; ` +
    `${feed.itemsSeen} item(s) seen, ${feed.articlesStored} article(s) stored, ${feed.reportsFound} report(s) found`
  );
}

/** feeds:add: follow a feed (the API's processes poll it from then on). */
export async function addFeedCommand(url: string, options: { language?: string; interval?: string }): Promise<void> {
  if (options.language !== undefined && !(LANGUAGES as readonly string[]).includes(options.language)) {
    throw new Error(`--language must be one of ${LANGUAGES.join(', ')}`);
  }
  const interval = options.interval === undefined ? undefined : Number(options.interval);
  if (interval !== undefined && (!Number.isInteger(interval) || interval < 1 || interval > 1440)) {
    throw new Error('--interval must be a whole number of minutes from 1 to 1440');
  }
  await withFeeds(async (feeds) => {
    const feed = await feeds.add({ url, language: options.language as Language | undefined, intervalMinutes: interval }, null);
    console.log(`following ${feed.url} (${feed.id}), every ${feed.intervalMinutes} min`);
  });
}

/** feeds:list: every feed with its last poll and counts. */
export async function listFeedsCommand(): Promise<void> {
  await withFeeds(async (feeds) => {
    const list = await feeds.list();
    if (list.length === 0) console.log('no feeds followed (feeds:add <url>)');
    for (const feed of list) console.log(describe(feed));
  });
}

/** feeds:poll-once: polls every feed (or the ones named) once now, due or not, one progress line each. */
export async function pollOnceCommand(ids: string[]): Promise<void> {
  await withFeeds(async (feeds) => {
    const targets = ids.length > 0 ? await Promise.all(ids.map((id) => feeds.get(id))) : await feeds.list();
    const totals = { items: 0, articles: 0, reports: 0, failed: 0 };
    let n = 0;
    for (const feed of targets) {
      n += 1;
      const started = performance.now();
      const poll = await feeds.pollNow(feed.id);
      const ms = Math.round(performance.now() - started);
      const what =
        poll.outcome === 'failed'
          ? `failed: ${poll.feed.lastError}`
          : poll.outcome === 'busy'
            ? 'skipped: another process is polling it'
            : poll.outcome === 'not_modified'
              ? 'unchanged (304)'
              : `${poll.newItems} new item(s), ${poll.articlesStored} article(s) stored, ${poll.reportsFound} report(s)`;
      console.log(`[${n}/${targets.length}] ${feed.url}: ${what} (${ms} ms)`);
      totals.items += poll.newItems;
      totals.articles += poll.articlesStored;
      totals.reports += poll.reportsFound;
      if (poll.outcome === 'failed') totals.failed += 1;
    }
    console.log(
      `${targets.length} feed(s) polled: ${totals.items} new item(s), ${totals.articles} article(s) stored, ${totals.reports} report(s); ${totals.failed} failed`,
    );
    if (totals.failed > 0) process.exitCode = 1;
  });
}
