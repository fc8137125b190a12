import type { FeeAmount } from './amounts.js';
import type { Cue } from './lang/index.js';
import type { PhraseHit } from './phrases.js';
import type { Token } from './text.js';
import type { FeeKind } from './types.js';

export interface Classification {
  /** False for wages, commissions, revenue, budgets and the like. */
  readonly isFee: boolean;
  readonly kind: FeeKind;
  /** The figure of an option or obligation to buy after a loan. */
  readonly loanOption: boolean;
  /** No cue spoke for the kind: it was inherited or defaulted. */
  readonly defaulted: boolean;
  /** The words of the cue that decided the kind. */
  readonly cue?: string;
  /** Per kind, the cost of its cheapest cue around the figure (lower is nearer and more specific). */
  readonly kindScores: Readonly<Partial<Record<FeeKind, number>>>;
  /** A "paid" word ("activated", "pagata") stands around the figure. */
  readonly paid: boolean;
}

/**
 * Specific terms beat generic verbs: a "clausola" two words away says more than an "offerta"
 * next to the figure. Costs are lowered by these many tokens.
 */
const KIND_BONUS: Readonly<Record<FeeKind, number>> = {
  release_clause: 3,
  loan: 2,
  agreed: 0,
  offer: 0,
  asking: 0,
  valuation: 0,
};
/** An option or obligation to buy is as specific as a clause. */
const OPTION_BONUS = 3;
/** Ties go to the earlier kind in this list: the more specific, then the more final. */
const KIND_ORDER: readonly FeeKind[] = ['release_clause', 'loan', 'agreed', 'offer', 'asking', 'valuation'];
/** A cue in another clause (past a comma, a colon, a bracket) is that much further away. */
const CLAUSE_COST = 4;
/** Cues come before the figure ("chiede 25 milioni") or right after it ("£100m bid"). */
const AFTER_REACH = 2;
const LATE_AFTER_COST = 5;
/** Not-a-fee nouns often follow the figure at some distance ("£5m windfall from a sell-on clause"). */
const LATE_AFTER_NOT_FEE_COST = 2;
/** A not-a-fee cue further than this says nothing about the figure. */
const NOT_FEE_REACH = 6;
/**
 * With no cue at all, a figure next to a player is read as a done deal: asks, bids and
 * valuations are announced with their verb ("wants", "offer", "valued at"), while completed
 * moves are often told with plain verbs ("arrived for", "left for").
 */
const DEFAULT_KIND: FeeKind = 'agreed';

const CLAUSE_MARKS = new Set([',', ';', ':', '(', ')', '-', '"', '«', '»', '“', '”']);

function cost(hit: PhraseHit<Cue>, amount: FeeAmount, tokens: readonly Token[], lateAfterCost: number): { raw: number; cost: number } {
  const after = hit.start >= amount.end;
  const [from, to] = after ? [amount.end, hit.start] : hit.end <= amount.start ? [hit.end, amount.start] : [0, 0];
  let clauses = 0;
  for (let k = from; k < to; k++) if (CLAUSE_MARKS.has(tokens[k]!.lower) && (tokens[k]!.lower !== '-' || tokens[k]!.spaced)) clauses++;
  const raw = to - from;
  const late = after && raw > AFTER_REACH ? lateAfterCost : 0;
  return { raw, cost: raw + CLAUSE_COST * clauses + late };
}

/**
 * Reads the cues between the previous and the next figure of the sentence (`from`, `to`): the
 * cheapest kind cue names the kind; a not-a-fee cue right next to the figure, or cheaper than
 * every kind cue, rejects it. A figure with no cue of its own takes the kind of the figure
 * before it in the sentence ("€88m for Mudryk and €106m for Enzo").
 */
export function classify(
  amount: FeeAmount,
  cues: readonly PhraseHit<Cue>[],
  tokens: readonly Token[],
  from: number,
  to: number,
  previous?: Classification,
): Classification {
  let best: { kind: FeeKind; option: boolean; score: number; cost: number; hit: PhraseHit<Cue> } | undefined;
  let notFee = { raw: Infinity, cost: Infinity };
  let paid = false;
  const kindScores: Partial<Record<FeeKind, number>> = {};
  const nextFigure = to < tokens.length ? to : undefined;
  for (const hit of cues) {
    if (hit.end <= from || hit.start >= to) continue;
    // A cue after this figure that stands nearer the next one introduces that one: "prestito da 6
    // milioni e obbligo di riscatto da 40".
    if (nextFigure !== undefined && hit.start >= amount.end && nextFigure - hit.end <= hit.start - amount.end) continue;
    if (hit.values.some((c) => c.type === 'paid')) paid = true;
    const c = cost(hit, amount, tokens, LATE_AFTER_COST);
    const plain = cost(hit, amount, tokens, LATE_AFTER_NOT_FEE_COST);
    for (const cue of hit.values) {
      if (cue.type === 'notFee') {
        if (plain.cost < notFee.cost) notFee = plain;
      } else if (cue.type === 'kind') {
        const score = c.cost - (cue.option ? OPTION_BONUS : KIND_BONUS[cue.kind]);
        if (score < (kindScores[cue.kind] ?? Infinity)) kindScores[cue.kind] = score;
        const better =
          !best || score < best.score || (score === best.score && KIND_ORDER.indexOf(cue.kind) < KIND_ORDER.indexOf(best.kind));
        if (better) best = { kind: cue.kind, option: cue.option, score, cost: c.cost, hit };
      }
    }
  }
  const adjacent = notFee.raw <= 1 && notFee.cost <= 1;
  const isFee = !(adjacent || (notFee.cost <= NOT_FEE_REACH && (!best || notFee.cost <= best.cost)));
  // A release clause that was paid is what the player cost: "City activated his €60m clause".
  const seen = { kindScores, paid };
  if (best?.kind === 'release_clause' && paid)
    return { isFee, kind: 'agreed', loanOption: false, defaulted: false, cue: cueWords(tokens, best.hit), ...seen };
  if (best) return { isFee, kind: best.kind, loanOption: best.option, defaulted: false, cue: cueWords(tokens, best.hit), ...seen };
  if (previous?.isFee) return { isFee, kind: previous.kind, loanOption: previous.loanOption, defaulted: true, ...seen };
  return { isFee, kind: DEFAULT_KIND, loanOption: false, defaulted: true, ...seen };
}

function cueWords(tokens: readonly Token[], hit: PhraseHit<Cue>): string {
  return tokens
    .slice(hit.start, hit.end)
    .map((t) => t.text)
    .join(' ');
}
