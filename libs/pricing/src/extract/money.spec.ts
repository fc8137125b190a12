import { describe, expect, it } from '@jest/globals';
import { assembleAmounts, type FeeAmount } from './amounts.js';
import { vocabularyFor } from './lang/index.js';
import { findMoneyAtoms } from './money.js';
import { parseNumeral } from './numbers.js';
import { EUR_RATES, toEur } from './rates.js';
import { tokenize } from './text.js';
import type { Language } from './types.js';

function amounts(text: string, language: Language): FeeAmount[] {
  const v = vocabularyFor(language);
  const tokens = tokenize(text);
  return assembleAmounts(tokens, findMoneyAtoms(tokens, v), v.cues.findAll(tokens), v);
}

function single(text: string, language: Language) {
  const found = amounts(text, language);
  expect(found).toHaveLength(1);
  const [a] = found;
  return { min: a!.min, max: a!.max, currency: a!.currency, addons: a!.addons, approx: a!.approx };
}

describe('money expressions', () => {
  it.each<[string, Language, number, string | undefined]>([
    ['Il Milan chiede 25 milioni di euro.', 'it', 25_000_000, 'EUR'],
    ['Chelsea paid €25m.', 'en', 25_000_000, 'EUR'],
    ['United paid £64million.', 'en', 64_000_000, 'GBP'],
    ['La Juve offre 45,5 milioni.', 'it', 45_500_000, undefined],
    ['Bayern zahlt 55 Mio. Euro.', 'de', 55_000_000, 'EUR'],
    ['Le PSG paie 45 millions d’euros.', 'fr', 45_000_000, 'EUR'],
    ['La cláusula es de 1.000 millones.', 'es', 1_000_000_000, undefined],
    ['Le PSG a payé 50 ME.', 'fr', 50_000_000, 'EUR'],
    ['Le PSG a payé 45 M€.', 'fr', 45_000_000, 'EUR'],
    ['City paid €80 million.', 'en', 80_000_000, 'EUR'],
    ['Inter Miami offered $100m.', 'en', 100_000_000, 'USD'],
    ['O Benfica recebeu 20 milhões de euros.', 'pt', 20_000_000, 'EUR'],
    ['Il Milan chiede trenta milioni.', 'it', 30_000_000, undefined],
    ['Il Napoli chiede venticinque milioni di euro.', 'it', 25_000_000, 'EUR'],
    ['Der Klub verlangt zwanzig Millionen.', 'de', 20_000_000, undefined],
    ['Der Klub verlangt fünfundzwanzig Millionen Euro.', 'de', 25_000_000, 'EUR'],
    ['Der Klub verlangt zweieinhalb Millionen Euro.', 'de', 2_500_000, 'EUR'],
    ['Le club réclame quatre-vingts millions.', 'fr', 80_000_000, undefined],
    ['El club pide treinta y cinco millones.', 'es', 35_000_000, undefined],
    ['A cláusula é de mil milhões de euros.', 'pt', 1_000_000_000, 'EUR'],
    ['Il Milan lo pagò 480 mila euro.', 'it', 480_000, 'EUR'],
    ['Arsenal paid €1.5bn over five years.', 'en', 1_500_000_000, 'EUR'],
    ['Basel want CHF 20 million.', 'en', 20_000_000, 'CHF'],
    ['The deal is worth €25,000,000.', 'en', 25_000_000, 'EUR'],
  ])('%s', (text, language, value, currency) => {
    expect(single(text, language)).toMatchObject({ min: value, max: value, currency });
  });

  it.each<[string, Language, number, number]>([
    ['Il Bologna chiede tra i 20 e i 25 milioni.', 'it', 20_000_000, 25_000_000],
    ['Newcastle want between €40m and €50m.', 'en', 40_000_000, 50_000_000],
    ['El Sevilla pide 20-25 millones.', 'es', 20_000_000, 25_000_000],
    ['Dortmund verlangt zwischen 100 und 120 Millionen Euro.', 'de', 100_000_000, 120_000_000],
    ['Monaco espère entre 30 et 40 millions d’euros.', 'fr', 30_000_000, 40_000_000],
    ['O Sporting pede entre 60 e 80 milhões de euros.', 'pt', 60_000_000, 80_000_000],
    ['They want €40m-€50m.', 'en', 40_000_000, 50_000_000],
  ])('range: %s', (text, language, min, max) => {
    expect(single(text, language)).toMatchObject({ min, max });
  });

  it('does not read two unrelated numbers as a range', () => {
    expect(amounts('Il Milan ha vinto 2 e 25 milioni sono tanti.', 'it').map((a) => [a.min, a.max])).toEqual([[25_000_000, 25_000_000]]);
  });

  it.each<[string, Language, number, number]>([
    ['La Juve paga 30 milioni più 5 di bonus.', 'it', 30_000_000, 5_000_000],
    ['Chelsea paid €60m plus €10m in add-ons.', 'en', 60_000_000, 10_000_000],
    ['El Madrid pagará 80 millones más 20 millones en variables.', 'es', 80_000_000, 20_000_000],
    ['Bayern überweist 67 Millionen Euro, dazu bis zu zehn Millionen Euro an Boni.', 'de', 67_000_000, 10_000_000],
    ['Le PSG paie 45 millions d’euros, plus 5 millions de bonus.', 'fr', 45_000_000, 5_000_000],
    ['O PSG paga 60 milhões mais 10 milhões em variáveis.', 'pt', 60_000_000, 10_000_000],
  ])('add-ons: %s', (text, language, min, addons) => {
    expect(single(text, language)).toMatchObject({ min, addons });
  });

  it('keeps a fee whose add-ons are only named: "40 Millionen plus Boni"', () => {
    expect(single('Bayern zahlt 40 Millionen plus Boni.', 'de')).toMatchObject({ min: 40_000_000, addons: 0 });
  });

  it('does not count add-ons said to be included as a second figure', () => {
    expect(amounts('Il Milan paga 50 milioni bonus inclusi.', 'it')).toHaveLength(1);
  });

  it('marks a bracketed conversion: "€85m (£73m)"', () => {
    const found = amounts('Dortmund sold Sancho for €85m (£73m).', 'en');
    expect(found.map((a) => [a.min, a.conversion])).toEqual([
      [85_000_000, false],
      [73_000_000, true],
    ]);
  });

  it('marks a conversion in another currency after a comma: "£64m, circa €74m"', () => {
    const found = amounts('Ceduto per 64 milioni di sterline, circa 74 milioni di euro.', 'it');
    expect(found.map((a) => [a.currency, a.conversion])).toEqual([
      ['GBP', false],
      ['EUR', true],
    ]);
  });

  it.each<[string, Language]>([
    ['Il Milan potrebbe chiedere una cifra vicina ai 25 milioni di euro.', 'it'],
    ['Bayern paid around €100m.', 'en'],
    ['Der Klub zahlt rund 100 Millionen Euro.', 'de'],
    ['Le club paie environ 50 millions d’euros.', 'fr'],
    ['El club pagará cerca de 60 millones.', 'es'],
    ['O clube pagou cerca de 60 milhões de euros.', 'pt'],
    ['El club pagará unos 11 millones.', 'es'],
    ['Il Milan ha pagato 25 milioni circa.', 'it'],
  ])('approximate: %s', (text, language) => {
    expect(single(text, language).approx).toBe(true);
  });

  it('reads Brazil\'s reais (R$, "reais"), converted at the fixed BRL rate', () => {
    expect(amounts('O Palmeiras recebeu R$ 120 milhões, ou seja 120 milhões de reais.', 'pt').map((a) => [a.min, a.currency])).toEqual([
      [120_000_000, 'BRL'],
      [120_000_000, 'BRL'],
    ]);
  });

  it('skips figures in currencies the game does not convert: lire, C$', () => {
    expect(amounts('Nel 1992 il Milan pagò 18 miliardi di lire per Lentini.', 'it')).toEqual([]);
    expect(amounts('Toronto paid C$ 10 million.', 'en')).toEqual([]);
  });

  it('leaves percentages, years, scores and small sums alone', () => {
    expect(amounts('Nel 2023 il Milan ha vinto 3-1 e tiene il 20% della rivendita, il biglietto costa 50 euro.', 'it')).toEqual([]);
  });
});

describe('numerals', () => {
  it.each<[string, ',' | '.', number]>([
    ['45,5', ',', 45.5],
    ['45.5', ',', 45.5],
    ['1.000', ',', 1000],
    ['1,000', '.', 1000],
    ['1,250', ',', 1.25],
    ['25.000.000', ',', 25_000_000],
    ['25,000,000', '.', 25_000_000],
    ['1.234,5', ',', 1234.5],
  ])('%s with decimal mark %s is %d', (text, mark, value) => {
    expect(parseNumeral(text, mark)).toBe(value);
  });
});

describe('conversion to euros', () => {
  it('uses the fixed, documented rates and whole euros', () => {
    expect(EUR_RATES).toEqual({ EUR: 1, GBP: 1.17, USD: 0.92, CHF: 1.04, BRL: 0.17 });
    expect(toEur(120_000_000, 'BRL')).toBe(20_400_000);
    expect(toEur(64_000_000, 'GBP')).toBe(74_880_000);
    expect(toEur(100_000_000, 'USD')).toBe(92_000_000);
    expect(Number.isSafeInteger(toEur(33_333_333, 'CHF'))).toBe(true);
  });
});
