import type { Position } from '@fantamercato/contract';
import type { MembershipRecord } from '@fantamercato/leagues';

/**
 * The bid path's one statement: place_bids (migrations/…-PlaceBidsInBatches.ts, as amended) is
 * the one implementation of the bid rules. Its answer is typed here, once.
 */

/** One bid of a place_bids call: an amount, or a ceiling (`upTo`); the other is null. */
export interface BidRow {
  userId: string;
  amount: number | null;
  upTo: number | null;
}

/** A refusal as place_bids words it: the contract's code and the fields that go with it. */
export interface PlaceBidRefused {
  ok: false;
  code:
    | 'AUCTION_NOT_FOUND'
    | 'AUCTION_CLOSED'
    | 'AUCTION_PAUSED'
    | 'MAX_BIDS_OFF'
    | 'ALREADY_LEADING'
    | 'BID_TOO_LOW'
    | 'ROSTER_FULL'
    | 'POSITION_FULL'
    | 'INSUFFICIENT_BUDGET';
  minBid?: number;
  available?: number;
  position?: Position;
}

/** An accepted bid: what it bid, the event it wrote, both managers' rows after it, and the auction. */
export interface PlaceBidAccepted {
  ok: true;
  /** The offer's amount, or what its ceiling bid. */
  amount: number;
  event: {
    league_id: string;
    seq: number;
    type: 'bid.accepted';
    at: string;
    data: { auctionId: string; amount: number; bidderId: string; endsAt: string };
  };
  bidder: MembershipRecord;
  outbid: MembershipRecord | null;
  bidderId: string;
  bidderName: string;
  /** Bids the standing maxima placed in answer, in order (the last one is where the auction stands). */
  proxies?: PlaceBidAccepted[];
  /** The manager whose standing maximum this bid (the leader's maximum answering) has just beaten. */
  maxBeaten?: string;
  auction: {
    id: string;
    leagueId: string;
    playerId: string;
    playerName: string;
    position: Position;
    openingPrice: number;
    minIncrement: number;
    bidCount: number;
    openedAt: string;
    endsAt: string;
    serverTime: string;
  };
}

export type PlaceBidResult = PlaceBidAccepted | PlaceBidRefused;

/** Bids on one auction, judged in this order in one statement: one answer per bid, same order. */
export async function placeBids(
  runner: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  auctionId: string,
  bids: BidRow[],
): Promise<PlaceBidResult[]> {
  const [{ results }] = (await runner.query(`SELECT place_bids($1, $2::uuid[], $3::bigint[], $4::bigint[]) AS results`, [
    auctionId,
    bids.map((b) => b.userId),
    bids.map((b) => b.amount),
    bids.map((b) => b.upTo),
  ])) as [{ results: PlaceBidResult[] }];
  return results;
}

/** What named statements run on: the pg pool (each of its connections prepares a statement once, on first use). */
export interface BidStatementRunner {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: { results: PlaceBidResult[] }[] }>;
}

const PLACE_BIDS_ON_ONE = `SELECT place_bids($1::uuid, $2::uuid[], $3::bigint[], $4::bigint[]) AS results`;
const PLACE_BIDS_ACROSS = `SELECT place_bids_across($1::uuid[], $2::uuid[], $3::bigint[], $4::bigint[]) AS results`;

/**
 * Bids on one or more auctions in one call and one transaction, as prepared statements: judged in
 * this order (place_bids_across, migrations/…-BidsAcrossAuctions.ts), one answer per bid, same order.
 */
export async function placeBidsAcross(runner: BidStatementRunner, bids: (BidRow & { auctionId: string })[]): Promise<PlaceBidResult[]> {
  const values = [bids.map((b) => b.userId), bids.map((b) => b.amount), bids.map((b) => b.upTo)];
  const oneAuction = bids.every((b) => b.auctionId === bids[0]!.auctionId);
  const { rows } = await runner.query(
    oneAuction
      ? { name: 'fm_place_bids', text: PLACE_BIDS_ON_ONE, values: [bids[0]!.auctionId, ...values] }
      : { name: 'fm_place_bids_across', text: PLACE_BIDS_ACROSS, values: [bids.map((b) => b.auctionId), ...values] },
  );
  return rows[0]!.results;
}
