import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadPlayers } from '../../corpus/load-corpus.js';
import { extractFeeReports } from './extract.js';
import { HOSTILE_SHAPES } from './hostile-inputs.js';
import { createPlayerIndex, type PlayerIndex } from './players.js';

/**
 * Each stage must be linear in its input: a text four times longer may take at most 2.5 × 2.5
 * times as long (quadratic work takes 16 times). Robust on a busy machine (CI runs this beside
 * browsers and databases on two cores): the cost is this process's CPU time, not the wall clock,
 * so other processes' load does not count; the two sizes are timed in pairs, one right after the
 * other, and the median pair decides; a shape that looks superlinear is measured again, up to
 * three rounds, because real quadratic work fails every round while a noisy spell does not last.
 * A few milliseconds are allowed for the timer's and the collector's noise.
 */
const SMALL = 50_000;
const LARGE = 200_000;
const MAX_GROWTH = 2.5 * 2.5;
const NOISE_MS = 5;

interface Pair {
  readonly small: number;
  readonly large: number;
}

/** CPU milliseconds this process spent extracting `text` (user + system). */
function timed(text: string, index: PlayerIndex): number {
  const started = process.cpuUsage();
  extractFeeReports(text, index);
  const spent = process.cpuUsage(started);
  return (spent.user + spent.system) / 1000;
}

const ROUNDS = 3;

/** Seven pairs, more while they are cheap (short times need more samples), fewer when a regression makes them slow. */
function medianPair(small: string, large: string, index: PlayerIndex): Pair {
  const pairs: Pair[] = [];
  for (let spent = 0; (pairs.length < 7 && spent < 10_000) || (spent < 300 && pairs.length < 21);) {
    const pair = { small: timed(small, index), large: timed(large, index) };
    spent += pair.small + pair.large;
    pairs.push(pair);
  }
  const excess = (p: Pair) => p.large - MAX_GROWTH * p.small;
  pairs.sort((a, b) => excess(a) - excess(b));
  return pairs[pairs.length >> 1]!;
}

describe('extraction time grows linearly on hostile text', () => {
  let index: PlayerIndex;
  beforeAll(() => {
    index = createPlayerIndex(loadPlayers().players);
    extractFeeReports('Il Milan chiede 25 milioni di euro per Kalulu.', index);
  });

  it.each(HOSTILE_SHAPES.map((shape) => [shape.name, shape] as const))(
    '%s',
    (_name, shape) => {
      const small = shape.make(SMALL);
      const large = shape.make(LARGE);
      extractFeeReports(small, index); // warm the code paths this shape takes
      let pair = medianPair(small, large, index);
      for (let round = 1; round < ROUNDS && pair.large > pair.small * MAX_GROWTH + NOISE_MS; round++) {
        pair = medianPair(small, large, index);
      }
      const bound = pair.small * MAX_GROWTH + NOISE_MS;
      if (pair.large > bound) {
        throw new Error(
          `${pair.small.toFixed(1)} ms at ${SMALL / 1000} kB but ${pair.large.toFixed(1)} ms at ${LARGE / 1000} kB (at most ${bound.toFixed(1)})`,
        );
      }
      expect(pair.large).toBeLessThanOrEqual(bound);
    },
    120_000,
  );
});
