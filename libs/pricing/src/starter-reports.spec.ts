import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { countingReports } from './reprice.js';
import { parseStarterReports, STARTER_REPORTS_PATH, starterFactLine, type StarterReport } from './starter-reports.js';

const shipped = () => parseStarterReports(readFileSync(STARTER_REPORTS_PATH, 'utf8'));

describe('the shipped starter reports', () => {
  it('parse, and price at least 150 distinct players, each row with a page to check', () => {
    const rows = shipped();
    expect(new Set(rows.map((r) => r.tmId)).size).toBeGreaterThanOrEqual(150);
    for (const row of rows) expect(row.url).toMatch(/^https?:\/\//);
    expect(new Set(rows.map((r) => r.url)).size).toBe(rows.length);
  });
});

describe('parseStarterReports', () => {
  const good = {
    tmId: 1,
    player: 'A Player',
    kind: 'agreed',
    amount: { min: 10, max: 10, currency: 'EUR' },
    approx: false,
    from: 'X',
    to: 'Y',
    date: '2021-08',
    url: 'https://example.com/a',
    title: null,
  };
  it.each([
    ['tmId', { tmId: 0 }],
    ['kind', { kind: 'rumour' }],
    ['amount', { amount: { min: 20, max: 10, currency: 'EUR' } }],
    ['amount', { amount: { min: 1.5, max: 2, currency: 'EUR' } }],
    ['currency', { amount: { min: 10, max: 10, currency: 'XYZ' } }],
    ['date', { date: '2021-13-01' }],
    ['date', { date: null }],
    ['url', { url: 'ftp://example.com/a' }],
    ['from', { from: 3 }],
  ])('refuses a bad %s', (field, change) => {
    expect(() => parseStarterReports(JSON.stringify([good, { ...good, ...change }]))).toThrow(`row 1 has a bad ${field}`);
  });
  it('reads a good row, with its optional fields null when absent', () => {
    const { from: _from, to: _to, title: _title, ...bare } = good;
    expect(parseStarterReports(JSON.stringify([bare]))).toEqual([{ ...good, from: null, to: null, title: null }]);
  });
});

describe('starterFactLine', () => {
  it("says the facts in the product's words, with the source", () => {
    const row: StarterReport = {
      tmId: 1,
      player: 'Jack Grealish',
      kind: 'agreed',
      amount: { min: 100_000_000, max: 100_000_000, currency: 'GBP' },
      approx: false,
      from: 'Aston Villa',
      to: 'Manchester City',
      date: '2021-08-05',
      url: 'https://example.com/g',
      title: null,
    };
    expect(starterFactLine(row)).toBe(
      'Jack Grealish, Aston Villa → Manchester City: agreed fee GBP 100,000,000, reported 2021-08-05 (starter data; source: https://example.com/g).',
    );
    expect(starterFactLine({ ...row, approx: true, amount: { min: 20, max: 30, currency: 'EUR' }, from: null })).toContain(
      '? → Manchester City: agreed fee about EUR 20–EUR 30',
    );
  });
});

describe('countingReports', () => {
  const r = (origin: 'news' | 'starter', id: string) => ({ id, article: { origin } });
  it('counts starter reports until the news prices the player, then only the news', () => {
    expect(countingReports([r('starter', 'a'), r('starter', 'b')]).map((x) => x.id)).toEqual(['a', 'b']);
    expect(countingReports([r('starter', 'a'), r('news', 'b'), r('news', 'c')]).map((x) => x.id)).toEqual(['b', 'c']);
    expect(countingReports([])).toEqual([]);
  });
});
