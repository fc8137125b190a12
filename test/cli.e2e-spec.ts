import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

const ROOT = path.resolve(import.meta.dirname, '..');
const cli = (args: string[], input?: string) =>
  execFileSync(process.execPath, [path.join(ROOT, 'dist/apps/cli/src/main.js'), ...args], { cwd: ROOT, input, encoding: 'utf8' });

describe('npm run cli -- news:extract', () => {
  it("prints the seed article's one report as JSON, with no database", () => {
    const result = JSON.parse(cli(['news:extract', path.join(ROOT, 'test/fixtures/seed-kalulu-it.txt')]));
    expect(result.language).toBe('it');
    expect(result.reports).toEqual([
      expect.objectContaining({
        player: { name: 'Pierre Kalulu' },
        kind: 'asking',
        eur: { min: 25_000_000, max: 25_000_000 },
        approx: true,
      }),
    ]);
  });

  it('--explain prints each report with the evidence behind it', () => {
    const out = cli(['news:extract', '--explain', path.join(ROOT, 'test/fixtures/seed-kalulu-it.txt')]);
    expect(out).toContain('1 report(s)');
    expect(out).toContain('1. Pierre Kalulu: asking €25,000,000 (approx), Milan → Real Madrid');
    expect(out).toMatch(/person: "[^"]+", named in full/);
    expect(out).toMatch(/figure: given by /);
    expect(out).toMatch(/kind: the cue "/);
    expect(out).toContain('25 milioni di euro');
  });

  it('reads standard input with -', () => {
    const result = JSON.parse(cli(['news:extract', '-'], 'Arsenal have agreed a £100m fee with West Ham for Declan Rice.'));
    expect(result).toMatchObject({
      language: 'en',
      reports: [{ player: { name: 'Declan Rice' }, kind: 'agreed', amount: { currency: 'GBP', min: 100_000_000 } }],
    });
  });
});
