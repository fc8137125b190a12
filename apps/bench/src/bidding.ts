import { io, type Socket } from 'socket.io-client';
import type { Api } from './api.js';

export interface BidTally {
  accepted: number;
  refused: number;
  failed5xx: number;
  seconds: number;
  /** amount per accepted bid, per auction, as the bidders saw them */
  acceptedByAuction: Map<string, number[]>;
}

/** `amount` as the answer said it was accepted (with a ceiling, what the ceiling bid). */
export type PlaceBid = (
  manager: number,
  auctionId: string,
  amount: number,
) => Promise<{ ok: boolean; status: number; minBid?: number; code?: string; amount?: number }>;

/** "+1" bidders: instead of an amount, a ceiling no bid here reaches — the server bids the lowest amount accepted. */
export const CEILING = 900_000_000_000;

/** What a bidder sends: the amount, or with `ceiling` the contract's `upTo`. */
const offer = (amount: number, ceiling: boolean) => (ceiling ? { upTo: CEILING } : { amount });

/** Bids over HTTP as the contract describes. */
export function httpBidder(api: Api, tokens: string[], ceiling = false): PlaceBid {
  return async (manager, auctionId, amount) => {
    const { status, body } = await api.call('POST', `/auctions/${auctionId}/bids`, tokens[manager], offer(amount, ceiling));
    return status === 201
      ? { ok: true, status, minBid: body.auction.minBid, amount: body.auction.highBid }
      : { ok: false, status, minBid: body.minBid, code: body.code };
  };
}

/** Bids over Socket.IO with an ack, one connection per manager. */
export async function socketBidder(baseUrl: string, tokens: string[], ceiling = false): Promise<{ bid: PlaceBid; close: () => void }> {
  const sockets: Socket[] = await Promise.all(
    tokens.map(
      (token) =>
        new Promise<Socket>((resolve, reject) => {
          const socket = io(`${baseUrl}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', reject);
        }),
    ),
  );
  return {
    bid: async (manager, auctionId, amount) => {
      const ack = await sockets[manager]!.timeout(10_000).emitWithAck('bid.place', { auctionId, ...offer(amount, ceiling) });
      return ack.ok
        ? { ok: true, status: 201, minBid: ack.auction.minBid, amount: ack.auction.highBid }
        : { ok: false, status: ack.error.code === 'INTERNAL' ? 500 : 422, minBid: ack.error.minBid, code: ack.error.code };
    },
    close: () => sockets.forEach((s) => s.close()),
  };
}

/**
 * `workers` loops bidding as fast as they can for `seconds`, each time at the lowest amount the
 * auction accepts (learned from the last answer), on an auction and as a manager `pick` chooses.
 */
export async function bidFlat(
  place: PlaceBid,
  workers: number,
  seconds: number,
  pick: (worker: number, attempt: number) => { manager: number; auctionId: string },
  openingPrices: Map<string, number>,
): Promise<BidTally> {
  const minBid = new Map(openingPrices);
  const tally: BidTally = { accepted: 0, refused: 0, failed5xx: 0, seconds, acceptedByAuction: new Map() };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let attempt = 0; performance.now() < deadline; attempt += 1) {
        const { manager, auctionId } = pick(worker, attempt);
        const amount = minBid.get(auctionId)!;
        const answer = await place(manager, auctionId, amount);
        if (answer.ok) {
          tally.accepted += 1;
          const list = tally.acceptedByAuction.get(auctionId) ?? [];
          list.push(answer.amount ?? amount);
          tally.acceptedByAuction.set(auctionId, list);
        } else if (answer.status >= 500) tally.failed5xx += 1;
        else tally.refused += 1;
        if (answer.minBid !== undefined) minBid.set(auctionId, Math.max(minBid.get(auctionId)!, answer.minBid));
      }
    }),
  );
  tally.seconds = (performance.now() - started) / 1000;
  return tally;
}
