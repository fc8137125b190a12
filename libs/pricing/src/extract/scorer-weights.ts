// Written by npm run train:extract (apps/cli/src/train-extract.ts) from the dev split: do not edit by hand.
import type { KindWeights, ScorerWeights } from './scorer-model.js';

export const SCORER_WEIGHTS: ScorerWeights = {
  features: [
    'bias',
    'pairing:for-player',
    'pairing:nearest-before',
    'pairing:named-after',
    'pairing:subject',
    'pairing:respectively',
    'pairing:reference',
    'pairing:topic',
    'link:full-name',
    'link:surname-with-club',
    'link:surname',
    'link:alias',
    'link:unlinked',
    'kind:asking',
    'kind:offer',
    'kind:agreed',
    'kind:release_clause',
    'kind:loan',
    'kind:valuation',
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
  ],
  weights: [
    0.5401, -0.3053, 0.0933, -1.631, 0, 4.3281, -0.4626, -1.4824, 1.1277, 0.0931, -0.9688, 0.5439, -0.2558, 0.2023, 0.5806, 0.2403, 0.1606,
    0.0586, -0.7022, -1.2204, -0.5988, 0.9134, 1.7257, -0.7091, -0.3924, 0.1605, -0.0875, -0.8441, 2.3323, -0.1245, -3.1413, -1.945,
  ],
  threshold: 0.3,
};

export const KIND_WEIGHTS: KindWeights | null = null;
