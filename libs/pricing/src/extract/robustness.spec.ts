import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { extractFeeReports } from './extract.js';
import { htmlToText } from './html.js';
import { testIndex } from './test-players.js';
import { FEE_KINDS } from './types.js';

const extract = (text: string) => extractFeeReports(text, testIndex());

function randomText(length: number, seed: number): string {
  let state = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    out += String.fromCharCode(state % 0xd7ff);
  }
  return out;
}

describe('input that is not a plain article', () => {
  it('returns nothing for empty or blank text', () => {
    expect(extract('')).toEqual({ language: 'und', reports: [] });
    expect(extract(' \n\t  ')).toEqual({ language: 'und', reports: [] });
  });

  it('reads HTML as its text', () => {
    const html = `<html><head><title>x</title><script>var fee = "99 milioni";</script><style>p{}</style></head>
      <body><h1>Kalulu al Real?</h1><p>Il <b>Milan</b> chiede <em>25 milioni</em> di euro per
      <a href="/kalulu">Pierre Kalulu</a>.</p></body></html>`;
    const { language, reports } = extract(html);
    expect(language).toBe('it');
    expect(reports.map((r) => [r.player.name, r.eur.min, r.kind])).toEqual([['Pierre Kalulu', 25_000_000, 'asking']]);
  });

  it('keeps headings in their own case', () => {
    expect(htmlToText('<h1>Kalulu al Real</h1><p>Testo.</p>')).toContain('Kalulu al Real');
  });

  it('survives binary junk without reports', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    expect(extract(bytes).reports).toEqual([]);
    expect(extract('\u0000\u0001\u0002PK\u0003\u0004\ufffd\ufffd').reports).toEqual([]);
  });

  it('handles a 200 kB random string quickly and without reports', () => {
    const text = randomText(200_000, 42);
    const started = performance.now();
    expect(extract(text).reports).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stays fast on repeated money words that could make a regex backtrack', () => {
    const text = `${'milioni più 5 di bonus tra i 20 e i '.repeat(3000)}Kalulu`;
    const started = performance.now();
    extract(text);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('properties', () => {
  const words = fc.constantFrom(
    'Kalulu',
    'Pierre',
    'Rice',
    'Kane',
    'milioni',
    'million',
    '€',
    '£',
    '$',
    '25',
    '45,5',
    '1.000',
    'm',
    'bn',
    'tra',
    'e',
    'between',
    'and',
    '-',
    'più',
    'plus',
    'bonus',
    'add-ons',
    'chiede',
    'offerta',
    'clausola',
    'prestito',
    'circa',
    'a stagione',
    'Milan',
    'Real Madrid',
    '.',
    ',',
    '\n\n',
    'him',
    'il',
    'the',
    'trenta',
    'zwanzig',
    'Millionen',
    'ME',
  );
  const articles = fc.oneof(
    fc.string(),
    fc.array(words, { maxLength: 60 }).map((w) => w.join(' ')),
  );

  it('never throws, and every amount is a safe integer with min ≤ max', () => {
    fc.assert(
      fc.property(articles, (text) => {
        const result = extract(text);
        for (const r of result.reports) {
          for (const n of [r.amount.min, r.amount.max, r.eur.min, r.eur.max, r.addonsEur ?? 0]) {
            expect(Number.isSafeInteger(n)).toBe(true);
          }
          expect(r.amount.min).toBeLessThanOrEqual(r.amount.max);
          expect(r.eur.min).toBeLessThanOrEqual(r.eur.max);
          expect(FEE_KINDS).toContain(r.kind);
          expect(r.quote.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
