import type { Feed } from '@fantamercato/contract';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sqlRows } from '@fantamercato/core';

interface FeedRow {
  id: string;
  url: string;
  language: string | null;
  interval_minutes: number;
  created_at: Date;
  next_poll_at: Date;
  last_polled_at: Date | null;
  last_fetched_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  failures: number;
  polls: number;
  not_modified: number;
  items_seen: number;
  articles_stored: number;
  reports_found: number;
}

/** A feed taken for one poll: the lease token proves the poll still holds it. */
export interface FeedLease {
  id: string;
  token: string;
  url: string;
  language: string | null;
  etag: string | null;
  lastModified: string | null;
}

/** How a poll ended, as the feed row records it. */
export type PollEnd =
  | { kind: 'fetched'; status: number; etag: string | null; lastModified: string | null }
  | { kind: 'not_modified'; status: number }
  | { kind: 'failed'; status: number | null; error: string };

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function toFeed(row: FeedRow): Feed {
  return {
    id: row.id,
    url: row.url,
    language: row.language,
    intervalMinutes: row.interval_minutes,
    createdAt: row.created_at.toISOString(),
    nextPollAt: row.next_poll_at.toISOString(),
    lastPolledAt: iso(row.last_polled_at),
    lastFetchedAt: iso(row.last_fetched_at),
    lastStatus: row.last_status,
    lastError: row.last_error,
    failures: row.failures,
    polls: row.polls,
    notModified: row.not_modified,
    itemsSeen: row.items_seen,
    articlesStored: row.articles_stored,
    reportsFound: row.reports_found,
  };
}

const FEED_COLUMNS = `id, url, language, interval_minutes, created_at, next_poll_at, last_polled_at, last_fetched_at, last_status,
  last_error, failures, polls, not_modified, items_seen, articles_stored, reports_found`;

const LEASE_RETURNING = `f.id, f.lease_token AS token, f.url, f.language, f.etag, f.last_modified AS "lastModified"`;

/** After n failures in a row a feed waits its interval times 2^n, at most a day. */
const BACKOFF = `LEAST(interval_minutes * power(2, LEAST(failures + 1, 20)), 1440) * interval '1 minute'`;

/**
 * Every statement on feeds and their items. A poll takes a feed with SKIP LOCKED (two processes never
 * take the same one) and marks it leased; the lease, not a held transaction, covers the HTTP work, and
 * every later write checks the lease token, so a poll that lost its feed (its lease ran out and another
 * process took it over) writes nothing more.
 */
@Injectable()
export class FeedsRepository {
  async insert(manager: EntityManager, feed: { url: string; language: string | null; intervalMinutes: number; createdBy: string | null }) {
    const [row] = await sqlRows<FeedRow>(
      manager,
      `INSERT INTO feeds (url, language, interval_minutes, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (url) DO NOTHING RETURNING ${FEED_COLUMNS}`,
      [feed.url, feed.language, feed.intervalMinutes, feed.createdBy],
    );
    return row ? toFeed(row) : null;
  }

  async list(manager: EntityManager): Promise<Feed[]> {
    return (await sqlRows<FeedRow>(manager, `SELECT ${FEED_COLUMNS} FROM feeds ORDER BY created_at, id`)).map(toFeed);
  }

  async find(manager: EntityManager, id: string): Promise<Feed | null> {
    const [row] = await sqlRows<FeedRow>(manager, `SELECT ${FEED_COLUMNS} FROM feeds WHERE id = $1`, [id]);
    return row ? toFeed(row) : null;
  }

  async delete(manager: EntityManager, id: string): Promise<boolean> {
    return (await sqlRows(manager, `DELETE FROM feeds WHERE id = $1 RETURNING id`, [id])).length > 0;
  }

  /** Up to `limit` due feeds nobody holds, most overdue first, each leased to the caller. */
  claimDue(manager: EntityManager, limit: number, leaseSeconds: number): Promise<FeedLease[]> {
    return sqlRows<FeedLease>(
      manager,
      `WITH due AS (
         SELECT id FROM feeds WHERE next_poll_at <= now() AND (lease_until IS NULL OR lease_until < now())
         ORDER BY next_poll_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE feeds f SET lease_token = gen_random_uuid(), lease_until = now() + make_interval(secs => $2)
       FROM due WHERE f.id = due.id RETURNING ${LEASE_RETURNING}`,
      [limit, leaseSeconds],
    );
  }

  /** One feed now, due or not, unless another poll holds it (null: held, or no such feed). */
  async claim(manager: EntityManager, id: string, leaseSeconds: number): Promise<FeedLease | null> {
    const [lease] = await sqlRows<FeedLease>(
      manager,
      `WITH free AS (SELECT id FROM feeds WHERE id = $1 AND (lease_until IS NULL OR lease_until < now()) FOR UPDATE SKIP LOCKED)
       UPDATE feeds f SET lease_token = gen_random_uuid(), lease_until = now() + make_interval(secs => $2)
       FROM free WHERE f.id = free.id RETURNING ${LEASE_RETURNING}`,
      [id, leaseSeconds],
    );
    return lease ?? null;
  }

  /** Extends a lease; false when the poll no longer holds its feed (taken over, or the feed removed). */
  async renew(manager: EntityManager, lease: FeedLease, leaseSeconds: number): Promise<boolean> {
    const rows = await sqlRows(
      manager,
      `UPDATE feeds SET lease_until = now() + make_interval(secs => $3) WHERE id = $1 AND lease_token = $2 RETURNING id`,
      [lease.id, lease.token, leaseSeconds],
    );
    return rows.length > 0;
  }

  /** Hands a feed back untouched (a stopping process): still due, any process takes it at once. */
  async release(manager: EntityManager, lease: FeedLease): Promise<void> {
    await manager.query(`UPDATE feeds SET lease_token = NULL, lease_until = NULL WHERE id = $1 AND lease_token = $2`, [
      lease.id,
      lease.token,
    ]);
  }

  /** Of these item keys, those the feed has already stored. */
  async seenKeys(manager: EntityManager, feedId: string, keys: readonly string[]): Promise<Set<string>> {
    const rows = await sqlRows<{ item_key: string }>(manager, `SELECT item_key FROM feed_items WHERE feed_id = $1 AND item_key = ANY($2)`, [
      feedId,
      keys,
    ]);
    return new Set(rows.map((r) => r.item_key));
  }

  /**
   * Records an item once (its key in the feed) and adds it to the feed's counts in the same statement;
   * false when it was already recorded (a poll that lost its lease raced the one that took it over).
   */
  async recordItem(
    manager: EntityManager,
    lease: FeedLease,
    item: { key: string; url: string | null; articleId: string | null; stored: boolean; reports: number; skipped: string | null },
  ): Promise<boolean> {
    const [row] = await sqlRows<{ inserted: number }>(
      manager,
      `WITH item AS (
         INSERT INTO feed_items (feed_id, item_key, article_id, url, skipped)
         SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM feeds WHERE id = $1 AND lease_token = $8 FOR SHARE)
         ON CONFLICT DO NOTHING RETURNING 1)
       UPDATE feeds SET items_seen = items_seen + 1,
                        articles_stored = articles_stored + CASE WHEN $6 THEN 1 ELSE 0 END,
                        reports_found = reports_found + $7
       WHERE id = $1 AND EXISTS (SELECT 1 FROM item)
       RETURNING 1 AS inserted`,
      [lease.id, item.key, item.articleId, item.url, item.skipped, item.stored, item.reports, lease.token],
    );
    return row !== undefined;
  }

  /** Ends a poll: the outcome, the next poll (the interval, or the backoff after a failure), the lease let go. */
  async finish(manager: EntityManager, lease: FeedLease, end: PollEnd): Promise<Feed | null> {
    const common = `lease_token = NULL, lease_until = NULL, last_polled_at = now(), polls = polls + 1`;
    const [row] =
      end.kind === 'failed'
        ? await sqlRows<FeedRow>(
            manager,
            `UPDATE feeds SET ${common}, last_status = $3, last_error = $4, last_error_at = now(),
                    next_poll_at = now() + ${BACKOFF}, failures = failures + 1
             WHERE id = $1 AND lease_token = $2 RETURNING ${FEED_COLUMNS}`,
            [lease.id, lease.token, end.status, end.error.slice(0, 500)],
          )
        : await sqlRows<FeedRow>(
            manager,
            `UPDATE feeds SET ${common}, last_status = $3, last_error = NULL, failures = 0,
                    next_poll_at = now() + interval_minutes * interval '1 minute',
                    not_modified = not_modified + CASE WHEN $4 THEN 1 ELSE 0 END,
                    last_fetched_at = CASE WHEN $4 THEN last_fetched_at ELSE now() END,
                    etag = CASE WHEN $4 THEN etag ELSE $5 END,
                    last_modified = CASE WHEN $4 THEN last_modified ELSE $6 END
             WHERE id = $1 AND lease_token = $2 RETURNING ${FEED_COLUMNS}`,
            [
              lease.id,
              lease.token,
              end.status,
              end.kind === 'not_modified',
              end.kind === 'fetched' ? end.etag : null,
              end.kind === 'fetched' ? end.lastModified : null,
            ],
          );
    return row ? toFeed(row) : null;
  }
}
