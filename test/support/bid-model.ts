/**
 * A reference model of a league's live auctions, written from the rules' specification
 * (docs/contract.md "Leagues" and "Auctions", README "Leagues and live auctions") and not from
 * place_bids' SQL: what the product must answer to each opening, bid and close, and what every
 * manager's money and roster must be after it. Pure: `step` returns a new model and never mutates.
 *
 * test/place-bids-model.e2e-spec.ts drives the real API with the same commands and compares.
 */

export type Position = 'GK' | 'DEF' | 'MID' | 'FWD';
export const POSITIONS: readonly Position[] = ['GK', 'DEF', 'MID', 'FWD'];

export interface ModelRules {
  budget: number;
  roster: { size: number } & Record<Position, readonly [number, number]>;
  minIncrement: number;
  minPrice: number;
}

export interface ModelPlayer {
  position: Position;
  /** The player's price (`price.eur` of GET /players/:id). */
  priceEur: number;
}

export interface ModelManager {
  /** The starting budget minus what was spent. */
  budget: number;
  /** Sum of the manager's leading bids. */
  committed: number;
  roster: readonly { player: number; price: number }[];
}

export interface ModelAuction {
  player: number;
  open: boolean;
  openingPrice: number;
  highBid: number | null;
  highBidder: number | null;
}

export interface Model {
  rules: ModelRules;
  players: readonly ModelPlayer[];
  /** Members by index; a manager index ≥ managers.length is somebody outside the league. */
  managers: readonly ModelManager[];
  /** In the order they were opened. */
  auctions: readonly ModelAuction[];
}

export type Command =
  | { kind: 'open'; manager: number; player: number; openingBid?: number }
  | { kind: 'bid'; manager: number; auction: number; amount: number }
  | { kind: 'bidUpTo'; manager: number; auction: number; upTo: number }
  | { kind: 'close'; auction: number };

/** What the API answers: the auction after an accepted command, or a refusal with its status, code and extra fields. */
export type Answer =
  | { ok: true; auction: AuctionView }
  | { ok: false; status: number; code: string; minBid?: number; available?: number; position?: Position };

export interface AuctionView {
  /** Index in `Model.auctions`. */
  auction: number;
  status: 'open' | 'closed';
  openingPrice: number;
  highBid: number | null;
  highBidder: number | null;
  minBid: number;
  /** Closed auctions only: the winner (null when unsold) and the price paid. */
  winner?: number | null;
  price?: number | null;
}

export interface ManagerView {
  budget: number;
  committed: number;
  available: number;
  /** Players owned, by pool index, sorted. */
  roster: number[];
}

export function initialModel(rules: ModelRules, players: readonly ModelPlayer[], managerCount: number): Model {
  return {
    rules,
    players,
    managers: Array.from({ length: managerCount }, () => ({ budget: rules.budget, committed: 0, roster: [] })),
    auctions: [],
  };
}

/** The contract's league validity: quotas that can make the size, a budget that fills the roster at minPrice. */
export function rulesAreValid(rules: ModelRules): boolean {
  const mins = POSITIONS.reduce((sum, p) => sum + rules.roster[p][0], 0);
  const maxes = POSITIONS.reduce((sum, p) => sum + rules.roster[p][1], 0);
  return (
    POSITIONS.every((p) => rules.roster[p][0] <= rules.roster[p][1]) &&
    mins <= rules.roster.size &&
    rules.roster.size <= maxes &&
    rules.budget >= rules.roster.size * rules.minPrice
  );
}

/** "Opening price = the player's price rounded up to a multiple of minIncrement, and at least minPrice." */
export function openingPriceOf(rules: ModelRules, player: ModelPlayer): number {
  return Math.max(rules.minPrice, Math.ceil(player.priceEur / rules.minIncrement) * rules.minIncrement);
}

export function minBidOf(rules: ModelRules, auction: ModelAuction): number {
  return auction.highBid === null ? auction.openingPrice : auction.highBid + rules.minIncrement;
}

/** Open auctions the manager leads: they count as held for roster, positions and money. */
function leading(model: Model, manager: number): ModelAuction[] {
  return model.auctions.filter((a) => a.open && a.highBidder === manager);
}

/** Players held by position: owned plus led. */
function heldByPosition(model: Model, manager: number): Record<Position, number> {
  const held: Record<Position, number> = { GK: 0, DEF: 0, MID: 0, FWD: 0 };
  for (const entry of model.managers[manager]!.roster) held[model.players[entry.player]!.position] += 1;
  for (const auction of leading(model, manager)) held[model.players[auction.player]!.position] += 1;
  return held;
}

/** `available = budget − leading bids − minPrice × max(0, size − owned − leading − 1)`. */
export function availableOf(model: Model, manager: number): number {
  const m = model.managers[manager]!;
  const empty = model.rules.roster.size - m.roster.length - leading(model, manager).length;
  return m.budget - m.committed - model.rules.minPrice * Math.max(0, empty - 1);
}

export function managerView(model: Model, manager: number): ManagerView {
  const m = model.managers[manager]!;
  return {
    budget: m.budget,
    committed: m.committed,
    available: availableOf(model, manager),
    roster: m.roster.map((e) => e.player).sort((x, y) => x - y),
  };
}

export function auctionView(model: Model, index: number): AuctionView {
  const a = model.auctions[index]!;
  const view: AuctionView = {
    auction: index,
    status: a.open ? 'open' : 'closed',
    openingPrice: a.openingPrice,
    highBid: a.highBid,
    highBidder: a.highBidder,
    minBid: minBidOf(model.rules, a),
  };
  if (!a.open) {
    view.winner = a.highBidder;
    view.price = a.highBid;
  }
  return view;
}

const refuse = (status: number, code: string, extra: Partial<Omit<Extract<Answer, { ok: false }>, 'ok' | 'status' | 'code'>> = {}) =>
  ({ ok: false, status, code, ...extra }) as const satisfies Answer;

/**
 * A bid judged by the contract's rules, in its order: non-members 404, AUCTION_CLOSED, ALREADY_LEADING,
 * BID_TOO_LOW (minBid), ROSTER_FULL, POSITION_FULL (at the maximum, or leaving too few empty slots for
 * the other positions' minimums), INSUFFICIENT_BUDGET (available). `upTo` bids the lowest accepted amount.
 */
function judgeBid(model: Model, manager: number, index: number, offer: { amount: number } | { upTo: number }): Answer | { accept: number } {
  if (manager >= model.managers.length) return refuse(404, 'AUCTION_NOT_FOUND');
  const auction = model.auctions[index]!;
  if (!auction.open) return refuse(409, 'AUCTION_CLOSED');
  if (auction.highBidder === manager) return refuse(422, 'ALREADY_LEADING');
  const minBid = minBidOf(model.rules, auction);
  const amount = 'amount' in offer ? offer.amount : offer.upTo >= minBid ? minBid : null;
  if (amount === null || amount < minBid) return refuse(422, 'BID_TOO_LOW', { minBid });
  const { roster } = model.rules;
  const held = heldByPosition(model, manager);
  const total = POSITIONS.reduce((sum, p) => sum + held[p], 0);
  if (total >= roster.size) return refuse(422, 'ROSTER_FULL');
  const position = model.players[auction.player]!.position;
  const stillNeeded = POSITIONS.filter((p) => p !== position).reduce((sum, p) => sum + Math.max(0, roster[p][0] - held[p]), 0);
  if (held[position] >= roster[position][1] || total + 1 + stillNeeded > roster.size) return refuse(422, 'POSITION_FULL', { position });
  const available = availableOf(model, manager);
  if (amount > available) return refuse(422, 'INSUFFICIENT_BUDGET', { available });
  return { accept: amount };
}

function withBid(model: Model, index: number, manager: number, amount: number): Model {
  const auction = model.auctions[index]!;
  const managers = model.managers.map((m, i) => {
    let committed = m.committed;
    if (i === auction.highBidder) committed -= auction.highBid!;
    if (i === manager) committed += amount;
    return committed === m.committed ? m : { ...m, committed };
  });
  const auctions = model.auctions.map((a, i) => (i === index ? { ...a, highBid: amount, highBidder: manager } : a));
  return { ...model, managers, auctions };
}

function bidStep(
  model: Model,
  manager: number,
  index: number,
  offer: { amount: number } | { upTo: number },
): { answer: Answer; model: Model } {
  const judged = judgeBid(model, manager, index, offer);
  if (!('accept' in judged)) return { answer: judged, model };
  const next = withBid(model, index, manager, judged.accept);
  return { answer: { ok: true, auction: auctionView(next, index) }, model: next };
}

/** The product's answer to one command and the league after it. */
export function step(model: Model, command: Command): { answer: Answer; model: Model } {
  switch (command.kind) {
    case 'open': {
      if (command.manager >= model.managers.length) return { answer: refuse(404, 'LEAGUE_NOT_FOUND'), model };
      const owned = model.managers.some((m) => m.roster.some((e) => e.player === command.player));
      const onAuction = model.auctions.some((a) => a.open && a.player === command.player);
      if (owned || onAuction) return { answer: refuse(409, 'PLAYER_UNAVAILABLE'), model };
      const auction: ModelAuction = {
        player: command.player,
        open: true,
        openingPrice: openingPriceOf(model.rules, model.players[command.player]!),
        highBid: null,
        highBidder: null,
      };
      const opened = { ...model, auctions: [...model.auctions, auction] };
      const index = opened.auctions.length - 1;
      if (command.openingBid === undefined) return { answer: { ok: true, auction: auctionView(opened, index) }, model: opened };
      // The opener's own first bid, same rules as any bid; refused, nothing is opened.
      const bid = bidStep(opened, command.manager, index, { amount: command.openingBid });
      return bid.answer.ok ? bid : { answer: bid.answer, model };
    }
    case 'bid':
      return bidStep(model, command.manager, command.auction, { amount: command.amount });
    case 'bidUpTo':
      return bidStep(model, command.manager, command.auction, { upTo: command.upTo });
    case 'close': {
      const auction = model.auctions[command.auction]!;
      if (!auction.open) return { answer: { ok: true, auction: auctionView(model, command.auction) }, model };
      // The high bidder pays the high bid and gets the player; no bid: unsold.
      const winner = auction.highBidder;
      const managers = model.managers.map((m, i) =>
        i === winner
          ? {
              budget: m.budget - auction.highBid!,
              committed: m.committed - auction.highBid!,
              roster: [...m.roster, { player: auction.player, price: auction.highBid! }],
            }
          : m,
      );
      const auctions = model.auctions.map((a, i) => (i === command.auction ? { ...a, open: false } : a));
      const next = { ...model, managers, auctions };
      return { answer: { ok: true, auction: auctionView(next, command.auction) }, model: next };
    }
  }
}
