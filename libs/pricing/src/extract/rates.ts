import type { Currency } from './types.js';

/**
 * Fixed conversion rates to euros. Fixed on purpose: a reported fee must convert to the same euro
 * figure whenever it is re-read, so prices do not drift with the markets. The values are rounded
 * averages of 2022–2024, the period most reported fees in the news come from.
 */
export const EUR_RATES: Readonly<Record<Currency, number>> = {
  EUR: 1,
  GBP: 1.17,
  USD: 0.92,
  CHF: 1.04,
  // Brazil's real: Brazilian clubs sell to Europe in reais ("R$ 120 milhões").
  BRL: 0.17,
};

/** Whole euros for an amount in whole units of `currency`. */
export function toEur(amount: number, currency: Currency): number {
  return Math.round(amount * EUR_RATES[currency]);
}
