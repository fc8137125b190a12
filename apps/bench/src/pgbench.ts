import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** pgbench from a PostgreSQL installation or the PATH, or null when this machine has none. */
export function findPgbench(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    for (const version of readdirSync(root).sort((a, b) => Number(b) - Number(a))) {
      const candidate = path.join(root, version, 'bin', 'pgbench');
      if (existsSync(candidate)) return candidate;
    }
  }
  const which = spawnSync('sh', ['-c', 'command -v pgbench'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

/** The bare bid transaction, on tables shaped like ours, in a database of its own. */
export const BARE_SCHEMA = `
  DROP TABLE IF EXISTS bare_bids; DROP TABLE IF EXISTS bare_auctions;
  CREATE TABLE bare_auctions (id integer PRIMARY KEY, high_bid bigint NOT NULL DEFAULT 0, bid_count integer NOT NULL DEFAULT 0, ends_at timestamptz NOT NULL DEFAULT now() + interval '1 day');
  CREATE TABLE bare_bids (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, auction_id integer NOT NULL REFERENCES bare_auctions (id), amount bigint NOT NULL, placed_at timestamptz NOT NULL DEFAULT now());
  INSERT INTO bare_auctions (id) SELECT generate_series(1, 1000);`;

function script(rows: number): string {
  return `\\set aid random(1, ${rows})
BEGIN;
SELECT high_bid FROM bare_auctions WHERE id = :aid FOR UPDATE;
UPDATE bare_auctions SET high_bid = high_bid + 1, bid_count = bid_count + 1, ends_at = greatest(ends_at, now()) WHERE id = :aid;
INSERT INTO bare_bids (auction_id, amount) VALUES (:aid, 1);
END;
`;
}

/** Transactions per second of the bare bid transaction over `rows` auctions with `clients` connections. */
export function runPgbench(pgbench: string, url: string, rows: number, clients: number, seconds: number): number {
  return runScript(pgbench, url, `fm-bare-bid-${rows}`, script(rows), clients, seconds);
}

/**
 * The product's own bid, place_bids(), straight in PostgreSQL with no API in front: each client is a
 * manager bidding the lowest amount the auction accepts as it reads it, as the bench's bidders do.
 * `bench_targets (n, auction_id, users)` names the auctions and their leagues' managers.
 */
export const PRODUCT_TARGETS = `CREATE TABLE IF NOT EXISTS bench_targets (n integer PRIMARY KEY, auction_id uuid NOT NULL, users uuid[] NOT NULL)`;

export function productBidScript(targets: number, hot: boolean, ceiling: boolean): string {
  const pick = hot ? `\\set n 1\n\\set k 1 + :client_id % 10` : `\\set n random(1, ${targets})\n\\set k random(1, 4)`;
  const offer = ceiling
    ? `ARRAY[NULL::bigint], ARRAY[900000000000::bigint]`
    : `ARRAY[coalesce(a.high_bid + l.min_increment, a.opening_price)], ARRAY[NULL::bigint]`;
  return `${pick}
SELECT place_bids(t.auction_id, ARRAY[t.users[:k]], ${offer})
  FROM bench_targets t JOIN auctions a ON a.id = t.auction_id JOIN leagues l ON l.id = a.league_id WHERE t.n = :n;
`;
}

export function runProductPgbench(
  pgbench: string,
  url: string,
  targets: number,
  hot: boolean,
  clients: number,
  seconds: number,
  ceiling = false,
): number {
  const name = `fm-product-bid-${hot ? 'hot' : 'spread'}${ceiling ? '-ceiling' : ''}`;
  return runScript(pgbench, url, name, productBidScript(targets, hot, ceiling), clients, seconds);
}

function runScript(pgbench: string, url: string, name: string, text: string, clients: number, seconds: number): number {
  const file = path.join(tmpdir(), `${name}.sql`);
  writeFileSync(file, text);
  const output = execFileSync(pgbench, ['-n', '-f', file, '-c', String(clients), '-j', '2', '-T', String(seconds), url], {
    encoding: 'utf8',
  });
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(output) ?? /tps = ([\d.]+)/.exec(output);
  if (!match) throw new Error(`could not read pgbench's output:\n${output}`);
  return Number(match[1]);
}
