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

function main(): void {
  const corpus = loadCorpus();
  const texts = corpus.map((c) => c.text);
  const source = loadPlayers();
  const built = performance.now();
  const index = createPlayerIndex(source.players);
  const buildMs = performance.now() - built;

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
  const chars = texts.reduce((a, t) => a + t.length, 0) / texts.length;

  console.log(`players: ${source.description}`);
  console.log(`index build: ${buildMs.toFixed(1)} ms`);
  console.log(`corpus: ${texts.length} articles, ${chars.toFixed(0)} characters on average`);
  console.log(`extracted: ${durations.length} articles in ${(elapsed / 1000).toFixed(2)} s (${reports} reports)`);
  // Characters per second carry over to longer real articles better than articles per second.
  console.log(`throughput: ${((durations.length * 1000) / elapsed).toFixed(0)} articles/s, ${(characters / elapsed).toFixed(0)} kchars/s`);
  console.log(`latency: mean ${mean.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms per article`);
  console.log(`memory: peak RSS ${mib(peakRss)}, peak heap used ${mib(peakHeap)}`);
}

main();
