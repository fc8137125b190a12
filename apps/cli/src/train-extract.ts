// Trains the extractor's scorer (libs/pricing/src/extract/scorer.ts): `npm run train:extract`.
// Standalone (no Nest). Reads only the corpus' `dev` split — the frozen `test` split is never
// looked at — runs the rules with the scorer off, labels every figure they give to a person
// (a fee the text reports for that person, or not), fits a logistic regression, picks the
// threshold by 5-fold cross-validation over texts, and writes scorer-weights.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Matrix } from 'ml-matrix';
import LogisticRegression from 'ml-logistic-regression';
import {
  createPlayerIndex,
  extractFeeReports,
  FEATURE_NAMES,
  FEE_KINDS,
  KIND_FEATURE_NAMES,
  type FeeKind,
  type FeeReport,
} from '../../../libs/pricing/src/extract/index.js';
import { findRepoRoot, loadCorpus, loadPlayers, samePlayerMatcher, type CorpusItem } from '../../../libs/pricing/corpus/load-corpus.js';

const FOLDS = 5;
const STEPS = 4000;
const LEARNING_RATE = 0.002;
/** The kind model must beat the rules by this much (a point of accuracy) to replace them: less is noise. */
const KIND_MARGIN = 0.01;
const THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];
const close = (a: number, b: number) => Math.abs(a - b) <= 0.01 * Math.max(a, b);

interface Sample {
  readonly text: number;
  readonly x: readonly number[];
  readonly y: 0 | 1;
}

/**
 * Per class, the weights of P(class): the library trains one-vs-rest with each class's target
 * inverted (its classifier scores "not this class"), so the weights are negated.
 */
function fitClasses(x: readonly (readonly number[])[], y: readonly number[]): number[][] {
  const model = new LogisticRegression({ numSteps: STEPS, learningRate: LEARNING_RATE });
  model.train(new Matrix(x.map((row) => [...row])), Matrix.columnVector([...y]));
  return model.classifiers.map((c) => c.weights.to1DArray().map((w: number) => -w));
}

/** Weights for P(keep). */
function fit(samples: readonly Sample[]): number[] {
  return fitClasses(
    samples.map((s) => s.x),
    samples.map((s) => s.y),
  )[1]!;
}

interface KindSample {
  readonly text: number;
  readonly x: readonly number[];
  readonly kind: number;
  readonly rule: number;
}

const predictKind = (w: readonly (readonly number[])[], x: readonly number[]) => {
  let best = 0;
  let bestZ = -Infinity;
  w.forEach((wk, k) => {
    const z = x.reduce((sum, xi, i) => sum + xi * wk[i]!, 0);
    if (z > bestZ) [best, bestZ] = [k, z];
  });
  return best;
};

const probability = (w: readonly number[], x: readonly number[]) => 1 / (1 + Math.exp(-x.reduce((z, xi, i) => z + xi * w[i]!, 0)));

/** F1 over fees if figures under `threshold` were dropped: missed fees the rules never found count too. */
function f1At(samples: readonly Sample[], w: readonly number[], threshold: number, unfound: number): number {
  let tp = 0;
  let fp = 0;
  let fn = unfound;
  for (const s of samples) {
    const kept = probability(w, s.x) >= threshold;
    if (kept && s.y === 1) tp++;
    else if (kept) fp++;
    else if (s.y === 1) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

function main(): void {
  const root = findRepoRoot();
  const dev = loadCorpus(root, ['dev']);
  const source = loadPlayers(root, true);
  const index = createPlayerIndex(source.players);
  const samePlayer = samePlayerMatcher(source.players);

  const samples: Sample[] = [];
  const kindSamples: KindSample[] = [];
  const unfoundByText: number[] = [];
  dev.forEach((item: CorpusItem, text) => {
    const drafts: { report: FeeReport; features: readonly number[]; kindFeatures: readonly number[]; ruleKind: FeeKind }[] = [];
    extractFeeReports(item.text, index, { unscored: true, drafts });
    const matchOf = (r: FeeReport) =>
      item.expected.find((e) => samePlayer(r, e) && close(r.eur.min, e.eurMin) && close(r.eur.max, e.eurMax));
    for (const d of drafts) {
      const match = matchOf(d.report);
      samples.push({ text, x: d.features, y: match ? 1 : 0 });
      if (match) kindSamples.push({ text, x: d.kindFeatures, kind: FEE_KINDS.indexOf(match.kind), rule: FEE_KINDS.indexOf(d.ruleKind) });
    }
    unfoundByText.push(
      item.expected.filter((e) => !drafts.some((d) => samePlayer(d.report, e) && close(d.report.eur.min, e.eurMin))).length,
    );
  });
  const positives = samples.filter((s) => s.y === 1).length;
  console.log(`dev: ${dev.length} texts, ${samples.length} figures given to a person, ${positives} of them labelled fees`);

  // Cross-validation over texts: a text's figures are never both trained and scored on.
  const cv = THRESHOLDS.map(() => 0);
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = samples.filter((s) => s.text % FOLDS !== fold);
    const held = samples.filter((s) => s.text % FOLDS === fold);
    const unfound = unfoundByText.reduce((n, u, text) => n + (text % FOLDS === fold ? u : 0), 0);
    const w = fit(train);
    THRESHOLDS.forEach((t, i) => (cv[i]! += f1At(held, w, t, unfound) / FOLDS));
  }
  const noScorer = f1At(
    samples,
    FEATURE_NAMES.map((_, i) => (i === 0 ? 50 : 0)),
    0.5,
    unfoundByText.reduce((a, b) => a + b, 0),
  );
  THRESHOLDS.forEach((t, i) => console.log(`threshold ${t.toFixed(2)}: cross-validated F1 ${cv[i]!.toFixed(3)}`));
  const best = cv.indexOf(Math.max(...cv));
  console.log(
    `without the scorer: F1 ${noScorer.toFixed(3)}; chosen threshold ${THRESHOLDS[best]} (cross-validated F1 ${cv[best]!.toFixed(3)})`,
  );

  // The kind model: kept only if it beats the rules' kind under cross-validation.
  let ruleRight = 0;
  let modelRight = 0;
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = kindSamples.filter((s) => s.text % FOLDS !== fold);
    const held = kindSamples.filter((s) => s.text % FOLDS === fold);
    const w = fitClasses(
      train.map((s) => s.x),
      train.map((s) => s.kind),
    );
    for (const s of held) {
      if (s.rule === s.kind) ruleRight++;
      if (predictKind(w, s.x) === s.kind) modelRight++;
    }
  }
  const ruleAccuracy = ruleRight / kindSamples.length;
  const modelAccuracy = modelRight / kindSamples.length;
  console.log(
    `kinds of ${kindSamples.length} matched figures, cross-validated: rules ${(100 * ruleAccuracy).toFixed(1)} %, model ${(100 * modelAccuracy).toFixed(1)} %`,
  );
  const kindWeights =
    modelAccuracy >= ruleAccuracy + KIND_MARGIN
      ? Object.fromEntries(
          fitClasses(
            kindSamples.map((s) => s.x),
            kindSamples.map((s) => s.kind),
          ).map((w, k) => [FEE_KINDS[k]!, w.map((x) => Math.round(x * 1e4) / 1e4)]),
        )
      : null;
  console.log(kindWeights ? 'the kind model is kept' : "the rules' kind is kept (the model does not beat it by a point)");

  const weights = fit(samples).map((w) => Math.round(w * 1e4) / 1e4);
  const file = join(root, 'libs/pricing/src/extract/scorer-weights.ts');
  const body = { features: FEATURE_NAMES, weights, threshold: THRESHOLDS[best]! };
  writeFileSync(
    file,
    `// Written by npm run train:extract (apps/cli/src/train-extract.ts) from the dev split: do not edit by hand.\n` +
      `import type { KindWeights, ScorerWeights } from './scorer-model.js';\n\nexport const SCORER_WEIGHTS: ScorerWeights = ${JSON.stringify(body, null, 2)};\n\n` +
      `export const KIND_WEIGHTS: KindWeights | null = ${kindWeights ? JSON.stringify({ features: KIND_FEATURE_NAMES, weights: kindWeights }, null, 2) : 'null'};\n`,
  );
  for (const [i, name] of FEATURE_NAMES.entries()) console.log(`  ${name.padEnd(26)} ${weights[i]!.toFixed(3).padStart(8)}`);
  console.log(`wrote ${file}`);
}

main();
