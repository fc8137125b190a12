import type { EntityManager } from 'typeorm';
import type { ArticleOrigin } from './article.entity.js';
import { NewsRepository } from './news.repository.js';
import { aggregatePrice } from './price-aggregate.js';

const news = new NewsRepository();

/**
 * The reports that price a player, of those he has in use: starter reports (facts shipped with
 * the product so a first start is not all defaults) count only until the news prices him. One
 * news report in use replaces them all (they stay stored, as the record of what the first price was).
 */
export function countingReports<R extends { article: { origin: ArticleOrigin } }>(used: readonly R[]): R[] {
  return used.some((r) => r.article.origin === 'news') ? used.filter((r) => r.article.origin === 'news') : [...used];
}

/** The player's price from the reports that count; the caller holds his row lock. */
export async function repricePlayer(manager: EntityManager, playerId: string, articleId: string): Promise<void> {
  const { now, used } = await news.pricingInputs(manager, playerId);
  const counting = countingReports(used);
  const eur = aggregatePrice(counting, now);
  if (eur === null) return;
  const origin = counting.some((r) => r.article.origin === 'news') ? 'news' : 'starter';
  await news.setPrice(manager, { playerId, eur, reportIds: counting.map((r) => r.id), origin, articleId });
}
