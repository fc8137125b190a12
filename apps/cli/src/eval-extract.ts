// Scores the fee extractor on the hand-written corpus: `npm run eval:extract`.
// Standalone (no Nest): reads libs/pricing/corpus and the player registry, prints a table,
// exits 1 when the overall F1 is below the bar. `--corpus-players` ignores the registry.
import { createPlayerIndex, extractFeeReports, LANGUAGES, type FeeReport } from '../../../libs/pricing/src/extract/index.js';
import { loadCorpus, loadPlayers, nameKey, type CorpusItem, type ExpectedReport } from '../../../libs/pricing/corpus/load-corpus.js';

const MIN_F1 = 0.9;
/** A found amount matches an expected one within 1 % (rounding of conversions). */
const AMOUNT_TOLERANCE = 0.01;

interface Tally {
  texts: number;
  expected: number;
  found: number;
  tp: number;
  kindOk: number;
  approxChecked: number;
  approxOk: number;
  clubChecked: number;
  clubOk: number;
  samePlayer: number;
  samePlayerAmountOk: number;
}

const empty = (): Tally => ({
  texts: 0, expected: 0, found: 0, tp: 0, kindOk: 0, approxChecked: 0, approxOk: 0, clubChecked: 0, clubOk: 0,
  samePlayer: 0, samePlayerAmountOk: 0,
});

const close = (a: number, b: number) => Math.abs(a - b) <= AMOUNT_TOLERANCE * Math.max(a, b);

type SamePlayer = (r: FeeReport, e: ExpectedReport) => boolean;

function scoreText(item: CorpusItem, reports: FeeReport[], samePlayer: SamePlayer, t: Tally, misses: string[]): void {
  t.texts++;
  t.expected += item.expected.length;
  t.found += reports.length;
  const unmatched = [...reports];
  const byPlayer = [...reports];
  for (const e of item.expected) {
    const p = byPlayer.findIndex((r) => samePlayer(r, e));
    if (p >= 0) {
      t.samePlayer++;
      if (close(byPlayer[p]!.eur.min, e.eurMin) && close(byPlayer[p]!.eur.max, e.eurMax)) t.samePlayerAmountOk++;
      byPlayer.splice(p, 1);
    }
    const i = unmatched.findIndex((r) => samePlayer(r, e) && close(r.eur.min, e.eurMin) && close(r.eur.max, e.eurMax));
    if (i < 0) {
      misses.push(`  FN ${item.id}: ${e.player} ${e.kind} ${e.eurMin}-${e.eurMax}`);
      continue;
    }
    const r = unmatched.splice(i, 1)[0]!;
    t.tp++;
    if (r.kind === e.kind) t.kindOk++;
    else misses.push(`  kind ${item.id}: ${e.player} expected ${e.kind}, got ${r.kind}`);
    if (e.approx !== undefined) {
      t.approxChecked++;
      if (r.approx === e.approx) t.approxOk++;
    }
    if (e.from !== undefined || e.to !== undefined) {
      t.clubChecked++;
      const fromOk = e.from === undefined || r.from === e.from;
      const toOk = e.to === undefined || (e.to.length === r.to.length && e.to.every((c) => r.to.includes(c)));
      if (fromOk && toOk) t.clubOk++;
      else misses.push(`  clubs ${item.id}: expected ${e.from} → ${e.to?.join(',')}, got ${r.from} → ${r.to.join(',')}`);
    }
  }
  for (const r of unmatched) misses.push(`  FP ${item.id}: ${r.player.name} ${r.kind} ${r.eur.min}-${r.eur.max} «${r.quote.slice(0, 90)}»`);
}

const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);

function row(label: string, t: Tally): string {
  const precision = ratio(t.tp, t.found);
  const recall = ratio(t.tp, t.expected);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const cells = [
    label.padEnd(8), String(t.texts).padStart(5), String(t.expected).padStart(8), String(t.found).padStart(6),
    String(t.tp).padStart(4), String(t.found - t.tp).padStart(4), String(t.expected - t.tp).padStart(4),
    precision.toFixed(3).padStart(9), recall.toFixed(3).padStart(7), f1.toFixed(3).padStart(6),
  ];
  return cells.join(' ');
}

function f1Of(t: Tally): number {
  const p = ratio(t.tp, t.found);
  const r = ratio(t.tp, t.expected);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function main(): number {
  const corpus = loadCorpus();
  const source = loadPlayers(undefined, !process.argv.includes('--corpus-players'));
  const started = performance.now();
  const index = createPlayerIndex(source.players);
  const buildMs = performance.now() - started;

  // An expected name may be written as an alias ("Kjaer"): it matches every player it names.
  const aliases = new Map<string, Set<string>>();
  for (const p of source.players) {
    for (const n of [p.name, ...p.aliases]) {
      const set = aliases.get(nameKey(n)) ?? new Set<string>();
      set.add(nameKey(p.name));
      aliases.set(nameKey(n), set);
    }
  }
  const samePlayer = (r: FeeReport, e: ExpectedReport) =>
    nameKey(r.player.name) === nameKey(e.player) || (aliases.get(nameKey(e.player))?.has(nameKey(r.player.name)) ?? false);

  const perLanguage = new Map(LANGUAGES.map((l) => [l, empty()]));
  const total = empty();
  const misses: string[] = [];
  let detected = 0;
  for (const item of corpus) {
    // The language is detected, as it is for articles posted without one.
    const { language, reports } = extractFeeReports(item.text, index);
    if (language === item.language) detected++;
    else misses.push(`  language ${item.id}: expected ${item.language}, detected ${language}`);
    const t = perLanguage.get(item.language)!;
    const before = { ...t };
    scoreText(item, reports, samePlayer, t, misses);
    for (const key of Object.keys(total) as (keyof Tally)[]) total[key] += t[key] - before[key];
  }

  console.log(`players: ${source.description}; index built in ${buildMs.toFixed(0)} ms`);
  console.log(`corpus: ${corpus.length} texts\n`);
  console.log('language texts expected  found   TP   FP   FN precision recall     F1');
  for (const [language, t] of perLanguage) console.log(row(language, t));
  console.log(row('overall', total));
  console.log('');
  console.log(`language detection:                     ${pct(detected, corpus.length)} (${detected}/${corpus.length})`);
  console.log(`kind accuracy (matched reports):        ${pct(total.kindOk, total.tp)} (${total.kindOk}/${total.tp})`);
  const amountOk = `${total.samePlayerAmountOk}/${total.samePlayer}`;
  console.log(`amount accuracy (same player, ±1 %):    ${pct(total.samePlayerAmountOk, total.samePlayer)} (${amountOk})`);
  console.log(`approx accuracy (where annotated):      ${pct(total.approxOk, total.approxChecked)} (${total.approxOk}/${total.approxChecked})`);
  console.log(`from/to accuracy (where annotated):     ${pct(total.clubOk, total.clubChecked)} (${total.clubOk}/${total.clubChecked})`);
  if (misses.length > 0) console.log(`\nmisses:\n${misses.join('\n')}`);
  const f1 = f1Of(total);
  console.log(`\noverall F1 ${f1.toFixed(3)} ${f1 >= MIN_F1 ? '≥' : '<'} ${MIN_F1}`);
  return f1 >= MIN_F1 ? 0 : 1;
}

process.exitCode = main();
