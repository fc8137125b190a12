import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource, EntityManager } from 'typeorm';
import { syncStarterRegistry } from '@fantamercato/players';
import { EUR_RATES, toEur } from './extract/rates.js';
import { FEE_KINDS, type Currency, type FeeKind } from './extract/types.js';
import { NewsRepository } from './news.repository.js';
import { repricePlayer } from './reprice.js';

const news = new NewsRepository();

/**
 * Reported fees of well-known players, shipped so that a first start already shows prices from
 * real reports: facts only (player, figure, kind, clubs, date) and the url of a page that states
 * them. Each becomes a report of origin `starter`, which the first news report about the player
 * replaces (see `countingReports`). Where the rows came from and how they were checked:
 * `libs/pricing/data/README.md`.
 */
export interface StarterReport {
  /** The player's Transfermarkt id: how the registry is matched. */
  readonly tmId: number;
  readonly player: string;
  readonly kind: FeeKind;
  readonly amount: { readonly min: number; readonly max: number; readonly currency: Currency };
  readonly approx: boolean;
  readonly from: string | null;
  readonly to: string | null;
  /** `YYYY-MM-DD`, or `YYYY-MM` when the source gives only the month. */
  readonly date: string;
  readonly url: string;
  readonly title: string | null;
}

const RELATIVE = join('libs', 'pricing', 'data', 'starter-reports.json');

// From source this module sits in <repo>/libs/pricing/src, from the build in <repo>/dist/libs/pricing/src.
function findDataFile(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, RELATIVE))) return join(dir, RELATIVE);
    if (dirname(dir) === dir) return join(start, '..', '..', '..', RELATIVE);
  }
}

export const STARTER_REPORTS_PATH: string = findDataFile(dirname(fileURLToPath(import.meta.url)));

const DATE = /^(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?$/;

/** The rows of a starter file, each checked; a bad row is an error naming its index and field. */
export function parseStarterReports(json: string): StarterReport[] {
  const data: unknown = JSON.parse(json);
  if (!Array.isArray(data)) throw new Error('starter reports: the file must hold a JSON array');
  return data.map((raw: Record<string, unknown>, i) => {
    const bad = (field: string) => new Error(`starter reports: row ${i} has a bad ${field}`);
    const amount = raw.amount as Record<string, unknown> | undefined;
    if (!Number.isSafeInteger(raw.tmId) || (raw.tmId as number) <= 0) throw bad('tmId');
    if (typeof raw.player !== 'string' || raw.player.trim() === '') throw bad('player');
    if (!FEE_KINDS.includes(raw.kind as FeeKind)) throw bad('kind');
    if (!amount || !Number.isSafeInteger(amount.min) || !Number.isSafeInteger(amount.max)) throw bad('amount');
    if ((amount.min as number) <= 0 || (amount.min as number) > (amount.max as number)) throw bad('amount');
    if (!Object.hasOwn(EUR_RATES, amount.currency as string)) throw bad('currency');
    if (typeof raw.date !== 'string' || !DATE.test(raw.date)) throw bad('date');
    if (typeof raw.url !== 'string' || !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(raw.url)) throw bad('url');
    for (const field of ['from', 'to', 'title'] as const) {
      if (raw[field] !== undefined && raw[field] !== null && typeof raw[field] !== 'string') throw bad(field);
    }
    return {
      tmId: raw.tmId as number,
      player: raw.player,
      kind: raw.kind as FeeKind,
      amount: { min: amount.min as number, max: amount.max as number, currency: amount.currency as Currency },
      approx: raw.approx === true,
      from: (raw.from as string | undefined) ?? null,
      to: (raw.to as string | undefined) ?? null,
      date: raw.date,
      url: raw.url,
      title: (raw.title as string | undefined) ?? null,
    };
  });
}

const KIND_WORDS: Readonly<Record<FeeKind, string>> = {
  agreed: 'agreed fee',
  asking: 'asking price',
  offer: 'offer',
  valuation: 'valuation',
  loan: 'loan fee',
  release_clause: 'release clause',
};

/** The report's facts in the product's own words: this is all a starter article says. */
export function starterFactLine(row: StarterReport): string {
  const figure = (n: number) => `${row.amount.currency} ${n.toLocaleString('en')}`;
  const amount = row.amount.min === row.amount.max ? figure(row.amount.min) : `${figure(row.amount.min)}–${figure(row.amount.max)}`;
  const move = row.from || row.to ? `, ${row.from ?? '?'} → ${row.to ?? '?'}` : '';
  return `${row.player}${move}: ${KIND_WORDS[row.kind]} ${row.approx ? 'about ' : ''}${amount}, reported ${row.date} (starter data; source: ${row.url}).`;
}

/** Midnight UTC of the row's date; a month-only date counts from the month's first day. */
function publishedAt(date: string): Date {
  return new Date(`${date.length === 7 ? `${date}-01` : date}T00:00:00Z`);
}

export interface StarterLoad {
  readonly reports: number;
  readonly players: number;
  /** Rows whose player the registry does not hold (an operator's own registry may lack them). */
  readonly skipped: number;
}

/**
 * Stores the starter reports once per database and prices their players, in one transaction.
 * Runs on every start and does nothing when starter reports are already there, so a database
 * made before they shipped gets them on its next start; two processes starting together wait
 * on one advisory lock, and the second finds the work done. Returns null when nothing was to do.
 */
export async function loadStarterReportsIfMissing(dataSource: DataSource, path = STARTER_REPORTS_PATH): Promise<StarterLoad | null> {
  if (await news.hasStarterArticles(dataSource.manager)) return null;
  await syncStarterRegistry(dataSource); // the players they price come first
  const rows = parseStarterReports(readFileSync(path, 'utf8'));
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('fantamercato:starter-reports'))`);
    if (await news.hasStarterArticles(manager)) return null;
    return storeStarterReports(manager, rows);
  });
}

async function storeStarterReports(manager: EntityManager, rows: readonly StarterReport[]): Promise<StarterLoad> {
  const found = await news.lockPlayersByTmId(
    manager,
    rows.map((r) => r.tmId),
  );
  // A tm id held by two registry rows is ambiguous: neither is priced from it.
  const counts = new Map<number, number>();
  for (const p of found) counts.set(p.tm_id, (counts.get(p.tm_id) ?? 0) + 1);
  const playerOf = new Map(found.filter((p) => counts.get(p.tm_id) === 1).map((p) => [p.tm_id, p.id]));
  const priced = new Map<string, string>(); // player id → the last starter article that priced him
  let reports = 0;
  for (const row of rows) {
    const playerId = playerOf.get(row.tmId);
    if (!playerId) continue;
    const text = starterFactLine(row);
    const date = publishedAt(row.date);
    const articleId = (await news.insertArticle(manager, {
      url: row.url,
      textHash: createHash('sha256').update(text).digest('hex'),
      title: row.title,
      language: 'en',
      publishedAt: date,
      text,
      submittedBy: null,
      urlConflict: false,
      origin: 'starter',
      feedId: null,
    }))!; // under the advisory lock no other starter load runs; the fact line's hash is this row's own
    await news.saveReports(manager, [
      {
        articleId,
        positionInArticle: 0,
        playerId,
        playerName: row.player,
        kind: row.kind,
        currency: row.amount.currency,
        amountMin: row.amount.min,
        amountMax: row.amount.max,
        eurMin: toEur(row.amount.min, row.amount.currency),
        eurMax: toEur(row.amount.max, row.amount.currency),
        addonsEur: null,
        approx: row.approx,
        fromClub: row.from,
        toClubs: row.to ? [row.to] : [],
        quote: text,
        evidence: null,
        candidates: null,
        publishedAt: date,
        status: 'used',
        heldReason: null,
      },
    ]);
    priced.set(playerId, articleId);
    reports += 1;
  }
  // A player the news already prices keeps his price and history: starter reports do not count for him.
  const newsPriced = new Set(await news.newsPricedAmong(manager, [...priced.keys()]));
  for (const [playerId, articleId] of [...priced].sort(([a], [b]) => a.localeCompare(b))) {
    if (!newsPriced.has(playerId)) await repricePlayer(manager, playerId, articleId);
  }
  return { reports, players: priced.size, skipped: rows.length - reports };
}
