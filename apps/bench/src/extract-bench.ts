// Throughput of the fee extractor over the corpus: `node dist/apps/bench/src/extract-bench.js`.
// A printed figure, not a test: warm up, then extract for about five seconds on one core.
import { createPlayerIndex, extractFeeReports } from '../../../libs/pricing/src/extract/index.js';
import { loadCorpus, loadPlayers } from '../../../libs/pricing/corpus/load-corpus.js';

const WARMUP_ROUNDS = 3;
const RUN_MS = 5000;
/** Bounds the run even if one article were pathologically slow. */
const MAX_ARTICLES = 2_000_000;
const SAMPLE_EVERY = 50;

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** The unit: an article of 2 kB, built by joining corpus texts of one language. */
const ARTICLE_CHARS = 2048;

function twoKilobyteArticles(corpus: ReturnType<typeof loadCorpus>): string[] {
  const out: string[] = [];
  const byLanguage = new Map<string, string[]>();
  for (const c of corpus) byLanguage.set(c.language, [...(byLanguage.get(c.language) ?? []), c.text]);
  for (const texts of byLanguage.values()) {
    let article = '';
    for (const text of texts) {
      article = article ? `${article}\n\n${text}` : text;
      if (article.length >= ARTICLE_CHARS) {
        out.push(article.slice(0, ARTICLE_CHARS));
        article = '';
      }
    }
  }
  return out;
}

interface Run {
  articles: number;
  reports: number;
  characters: number;
  elapsed: number;
  mean: number;
  p95: number;
  peakRss: number;
  peakHeap: number;
}

function run(texts: readonly string[], index: ReturnType<typeof createPlayerIndex>): Run {
  for (let round = 0; round < WARMUP_ROUNDS; round++) for (const text of texts) extractFeeReports(text, index);
  const durations: number[] = [];
  let peakRss = 0;
  let peakHeap = 0;
  let reports = 0;
  let characters = 0;
  const started = performance.now();
  for (let n = 0; n < MAX_ARTICLES && performance.now() - started < RUN_MS; n++) {
    const t0 = performance.now();
    const text = texts[n % texts.length]!;
    characters += text.length;
    reports += extractFeeReports(text, index).reports.length;
    durations.push(performance.now() - t0);
    if (n % SAMPLE_EVERY === 0) {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }
  }
  const elapsed = performance.now() - started;
  durations.sort((a, b) => a - b);
  const mean = durations.reduce((a, b) => a + b, 0) / durations.length;
  const p95 = durations[Math.min(durations.length - 1, Math.floor(durations.length * 0.95))]!;
  return { articles: durations.length, reports, characters, elapsed, mean, p95, peakRss, peakHeap };
}

function print(label: string, texts: readonly string[], r: Run): void {
  const chars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
  console.log(`\n${label}: ${texts.length} articles, ${chars.toFixed(0)} characters on average`);
  console.log(`extracted: ${r.articles} articles in ${(r.elapsed / 1000).toFixed(2)} s (${r.reports} reports)`);
  // Characters per second carry over to longer real articles better than articles per second.
  console.log(`throughput: ${((r.articles * 1000) / r.elapsed).toFixed(0)} articles/s, ${(r.characters / r.elapsed).toFixed(0)} kchars/s`);
  console.log(`latency: mean ${r.mean.toFixed(3)} ms, p95 ${r.p95.toFixed(3)} ms per article`);
  console.log(`memory: peak RSS ${mib(r.peakRss)}, peak heap used ${mib(r.peakHeap)}`);
}

function main(): void {
  const corpus = loadCorpus();
  const texts = corpus.map((c) => c.text);
  const source = loadPlayers();
  const built = performance.now();
  const index = createPlayerIndex(source.players);
  const buildMs = performance.now() - built;
  console.log(`players: ${source.description}`);
  console.log(`index build: ${buildMs.toFixed(1)} ms`);
  print('corpus', texts, run(texts, index));
  const articles = twoKilobyteArticles(corpus);
  print(
    `articles of ${ARTICLE_CHARS} characters (corpus texts of one language joined; the target is 1,000/s)`,
    articles,
    run(articles, index),
  );
}

main();
