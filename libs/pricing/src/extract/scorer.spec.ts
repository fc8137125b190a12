import { describe, expect, it } from '@jest/globals';
import { extractFeeReports } from './extract.js';
import {
  chooseKind,
  FEATURE_NAMES,
  featuresOf,
  KIND_FEATURE_NAMES,
  kindFeaturesOf,
  SCORE_THRESHOLD,
  scoreDraft,
  type DraftFacts,
} from './scorer.js';
import { KIND_WEIGHTS, SCORER_WEIGHTS } from './scorer-weights.js';
import { testIndex } from './test-players.js';

const plain: DraftFacts = {
  pairing: 'for-player',
  link: 'full-name',
  kind: 'agreed',
  kindDefaulted: false,
  approx: false,
  addons: false,
  eurMax: 60_000_000,
  headline: false,
  mentionsInSentence: 1,
  unpricedInSentence: false,
  figuresInSentence: 1,
  notFeeInSentence: false,
  personIsTopic: true,
  personMentions: 2,
  distance: 1,
};

describe('the learned scorer', () => {
  it('has one committed weight per feature, in order, and a threshold between 0 and 1', () => {
    expect(SCORER_WEIGHTS.features).toEqual(FEATURE_NAMES);
    expect(SCORER_WEIGHTS.weights).toHaveLength(FEATURE_NAMES.length);
    expect(featuresOf(plain)).toHaveLength(FEATURE_NAMES.length);
    expect(SCORE_THRESHOLD).toBeGreaterThan(0);
    expect(SCORE_THRESHOLD).toBeLessThan(1);
  });

  it('keeps a plain fee named in full beside its figure, and doubts a small defaulted figure far from a surname', () => {
    expect(scoreDraft(featuresOf(plain))).toBeGreaterThan(SCORE_THRESHOLD);
    const weak: DraftFacts = {
      ...plain,
      pairing: 'named-after',
      link: 'surname',
      kindDefaulted: true,
      eurMax: 600_000,
      mentionsInSentence: 4,
      figuresInSentence: 5,
      notFeeInSentence: true,
      personIsTopic: false,
      personMentions: 5,
      distance: 20,
    };
    expect(scoreDraft(featuresOf(weak))).toBeLessThan(SCORE_THRESHOLD);
  });

  it('gives every report its score, and drops nothing when asked for the unscored drafts', () => {
    const text = 'Arsenal have agreed a £100m fee with West Ham for Declan Rice.';
    const [report] = extractFeeReports(text, testIndex()).reports;
    expect(report!.evidence.score).toBeGreaterThanOrEqual(SCORE_THRESHOLD);
    const drafts: { features: readonly number[] }[] = [];
    extractFeeReports(text, testIndex(), { unscored: true, drafts: drafts as never });
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.features).toHaveLength(FEATURE_NAMES.length);
  });

  it("chooses a kind with the committed kind model, or keeps the rules' kind when training found none better", () => {
    const x = kindFeaturesOf({
      ruleKind: 'asking',
      kindScores: { asking: 0 },
      kindDefaulted: false,
      paid: false,
      option: false,
      approx: false,
      headline: false,
      yearInSentence: false,
      pairing: 'for-player',
    });
    expect(x).toHaveLength(KIND_FEATURE_NAMES.length);
    if (KIND_WEIGHTS === null) expect(chooseKind(x, 'asking')).toBe('asking');
    else expect(KIND_WEIGHTS.features).toEqual(KIND_FEATURE_NAMES);
  });
});
