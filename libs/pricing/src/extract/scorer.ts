import type { KindWeights, ScorerWeights } from './scorer-model.js';
import { KIND_WEIGHTS, SCORER_WEIGHTS } from './scorer-weights.js';
import { FEE_KINDS, LINK_RULES, PAIRING_RULES, type FeeKind, type LinkRule, type PairingRule } from './types.js';

/**
 * A small learned check on every figure the rules give to a person: logistic regression over the
 * features below, trained on the corpus' `dev` split by `npm run train:extract` (weights are data,
 * written by that script to scorer-weights.ts). A figure scoring under the threshold is not reported.
 */
export interface DraftFacts {
  pairing: PairingRule;
  link: LinkRule;
  kind: FeeKind;
  kindDefaulted: boolean;
  approx: boolean;
  addons: boolean;
  eurMax: number;
  headline: boolean;
  mentionsInSentence: number;
  unpricedInSentence: boolean;
  figuresInSentence: number;
  notFeeInSentence: boolean;
  personIsTopic: boolean;
  personMentions: number;
  /** Tokens between the figure and the words naming the person; undefined when the sentence does not name him. */
  distance?: number;
}

/** The features, named, in the order of the weights. */
export const FEATURE_NAMES: readonly string[] = [
  'bias',
  ...PAIRING_RULES.map((p) => `pairing:${p}`),
  ...LINK_RULES.map((l) => `link:${l}`),
  ...FEE_KINDS.map((k) => `kind:${k}`),
  'kindDefaulted',
  'approx',
  'addons',
  'log10Eur',
  'headline',
  'mentionsInSentence',
  'unpricedInSentence',
  'figuresInSentence',
  'notFeeInSentence',
  'personIsTopic',
  'personMentions',
  'distance',
  'unnamedInSentence',
];

const b = (x: boolean) => (x ? 1 : 0);

export function featuresOf(f: DraftFacts): number[] {
  return [
    1,
    ...PAIRING_RULES.map((p) => b(f.pairing === p)),
    ...LINK_RULES.map((l) => b(f.link === l)),
    ...FEE_KINDS.map((k) => b(f.kind === k)),
    b(f.kindDefaulted),
    b(f.approx),
    b(f.addons),
    // Scaled to about 0..1: €1M is 0.67, €100M 0.89.
    Math.log10(Math.max(f.eurMax, 1)) / 9,
    b(f.headline),
    Math.min(f.mentionsInSentence, 4) / 4,
    b(f.unpricedInSentence),
    Math.min(f.figuresInSentence, 5) / 5,
    b(f.notFeeInSentence),
    b(f.personIsTopic),
    Math.min(f.personMentions, 5) / 5,
    f.distance === undefined ? 0 : Math.min(f.distance, 20) / 20,
    b(f.distance === undefined),
  ];
}

const model: ScorerWeights = SCORER_WEIGHTS;
// The committed weights must be for these features, in this order: a stale file is a bug, not a guess.
if (model.features.length !== FEATURE_NAMES.length || model.features.some((name, i) => name !== FEATURE_NAMES[i])) {
  throw new Error("scorer-weights.ts does not match the scorer's features: run npm run train:extract");
}

/** The probability that a figure the rules found is a fee the text reports for that person. */
export function scoreDraft(features: readonly number[]): number {
  let z = 0;
  for (let i = 0; i < features.length; i++) z += model.weights[i]! * features[i]!;
  return 1 / (1 + Math.exp(-z));
}

export const SCORE_THRESHOLD = model.threshold;

/** What the kind model reads of a figure, besides the rules' own choice. */
export interface KindFacts {
  ruleKind: FeeKind;
  /** Per kind, the cost of its cheapest cue around the figure (kind.ts). */
  kindScores: Readonly<Partial<Record<FeeKind, number>>>;
  kindDefaulted: boolean;
  paid: boolean;
  option: boolean;
  approx: boolean;
  headline: boolean;
  /** A year stands in the sentence: "nel 2016", "in 2019" — told as history. */
  yearInSentence: boolean;
  pairing: PairingRule;
}

export const KIND_FEATURE_NAMES: readonly string[] = [
  'bias',
  ...FEE_KINDS.map((k) => `cue:${k}`),
  ...FEE_KINDS.map((k) => `rule:${k}`),
  'kindDefaulted',
  'paid',
  'option',
  'approx',
  'headline',
  'yearInSentence',
  'pairing:reference',
  'pairing:topic',
];

/** A cue's cost as a strength: 1 right beside the figure, towards 0 far away, 0 when absent. */
const strength = (cost: number | undefined) => (cost === undefined ? 0 : Math.exp(-Math.max(cost + 3, 0) / 4));

export function kindFeaturesOf(f: KindFacts): number[] {
  return [
    1,
    ...FEE_KINDS.map((k) => strength(f.kindScores[k])),
    ...FEE_KINDS.map((k) => b(f.ruleKind === k)),
    b(f.kindDefaulted),
    b(f.paid),
    b(f.option),
    b(f.approx),
    b(f.headline),
    b(f.yearInSentence),
    b(f.pairing === 'reference'),
    b(f.pairing === 'topic'),
  ];
}

const kindModel: KindWeights | null = KIND_WEIGHTS;
if (
  kindModel &&
  (kindModel.features.length !== KIND_FEATURE_NAMES.length || kindModel.features.some((name, i) => name !== KIND_FEATURE_NAMES[i]))
) {
  throw new Error("scorer-weights.ts does not match the kind model's features: run npm run train:extract");
}

/** The kind the model finds likeliest, or the rules' kind when no model is committed. */
export function chooseKind(features: readonly number[], ruleKind: FeeKind): FeeKind {
  if (!kindModel) return ruleKind;
  let best = ruleKind;
  let bestZ = -Infinity;
  for (const kind of FEE_KINDS) {
    const w = kindModel.weights[kind];
    let z = 0;
    for (let i = 0; i < features.length; i++) z += w[i]! * features[i]!;
    if (z > bestZ) {
      bestZ = z;
      best = kind;
    }
  }
  return best;
}

export type { KindWeights, ScorerWeights } from './scorer-model.js';
