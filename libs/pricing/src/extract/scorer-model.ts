import type { FeeKind } from './types.js';

/** The shape of the committed weights (scorer-weights.ts, written by npm run train:extract). */
export interface ScorerWeights {
  readonly features: readonly string[];
  readonly weights: readonly number[];
  readonly threshold: number;
}

/** Per kind, the weights of its one-vs-rest logistic regression; null: the rules' kind is kept. */
export interface KindWeights {
  readonly features: readonly string[];
  readonly weights: Readonly<Record<FeeKind, readonly number[]>>;
}
