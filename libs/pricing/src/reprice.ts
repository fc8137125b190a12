import type { EntityManager } from 'typeorm';
import { PlayerEntity } from '@fantamercato/players';
import type { ArticleOrigin } from './article.entity.js';
import { FeeReportEntity } from './fee-report.entity.js';
import { aggregatePrice } from './price-aggregate.js';
import { PriceHistoryEntity } from './price-history.entity.js';

/**
 * The reports that price a player, of those he has in use: starter reports (facts shipped with
 * the product so a first start is not all defaults) count only until the news prices him. One
 * news report replaces them all; they stay stored, to count again if his news reports are rejected.
 */
export function countingReports<R extends { article: { origin: ArticleOrigin } }>(used: readonly R[]): R[] {
  return used.some((r) => r.article.origin === 'news') ? used.filter((r) => r.article.origin === 'news') : [...used];
}

/** The player's price from the reports that count; the caller holds his row lock. */
export async function repricePlayer(manager: EntityManager, playerId: string, articleId: string): Promise<void> {
  const [{ now }] = await manager.query(`SELECT now() AS now`);
  const used = await manager.find(FeeReportEntity, {
    where: { playerId, status: 'used' },
    relations: { article: true },
    select: { id: true, kind: true, eurMin: true, eurMax: true, publishedAt: true, article: { id: true, origin: true } },
  });
  const counting = countingReports(used);
  const eur = aggregatePrice(counting, new Date(now));
  if (eur === null) return;
  const origin = counting.some((r) => r.article.origin === 'news') ? 'news' : 'starter';
  await manager.update(
    PlayerEntity,
    { id: playerId },
    { priceEur: eur, priceReports: counting.length, priceOrigin: origin, priceUpdatedAt: () => 'now()' },
  );
  await manager.insert(PriceHistoryEntity, { playerId, eur, reports: counting.length, articleId, reportIds: counting.map((r) => r.id) });
}
