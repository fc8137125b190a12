import { useState } from 'preact/hooks';
import type { Auction } from '@fantamercato/contract';
import { eur, eurShort, POSITION_NAMES } from '../format.js';
import { PriceReports } from '../screens/PriceReports.js';
import { Countdown } from './Countdown.js';

interface Props {
  auction: Auction | undefined;
  me: string;
  nameOf: (id: string | undefined) => string;
  /** The connection is down: what the card shows is the last thing heard, and says so. */
  stale?: boolean;
  /** Its draft is paused: the clock is frozen and bids wait. */
  paused?: boolean;
  /** A turns league: lots are called on draft night, not opened from here. */
  turns?: boolean;
}

/** The player on the block, the bid to beat and who holds it, and the clock. Fixed height. */
export function AuctionCard({ auction, me, nameOf, stale = false, paused = false, turns = false }: Props) {
  const [why, setWhy] = useState<string | null>(null);
  if (!auction) {
    return (
      <section class="auction-card empty" aria-label="Auction">
        <p>{turns ? 'No lot on the block.' : 'No auction running.'}</p>
        <p class="muted">
          {turns ? 'The manager on the clock calls the next player.' : 'Open one below: search a player and tap “Open auction”.'}
        </p>
      </section>
    );
  }
  const closed = auction.status === 'closed';
  // The room's names first (they follow renames and late joins), else the name the server sent.
  const named = (p: { userId: string; displayName: string }) => (nameOf(p.userId) === 'a manager' ? p.displayName : nameOf(p.userId));
  const leader = auction.highBidder ? (auction.highBidder.userId === me ? 'You' : named(auction.highBidder)) : null;
  const winner = auction.winner ? (auction.winner.userId === me ? 'you' : named(auction.winner)) : null;
  const label = closed
    ? winner
      ? 'Sold for'
      : 'Opening price'
    : auction.highBid === null
      ? 'Opening price'
      : stale
        ? 'Last bid seen'
        : 'Current bid';
  const showing = why === auction.id;
  return (
    <>
      <section
        class={`auction-card ${closed ? 'closed' : ''} ${leader === 'You' && !closed ? 'leading' : ''} ${stale && !closed ? 'stale' : ''}`}
        aria-label="Auction"
        data-testid="auction-card"
        data-status={auction.status}
      >
        <div class="player">
          <h2 data-testid="auction-player">{auction.player.name}</h2>
          <span class="muted position">{POSITION_NAMES[auction.player.position] ?? auction.player.position}</span>
        </div>
        <div class="bid-line">
          <div class="current">
            <span class="label">{label}</span>
            <span class="amount num" data-testid="current-bid">
              {eur(closed && auction.price ? auction.price : (auction.highBid ?? auction.openingPrice))}
            </span>
            <span class="leader" data-testid="leader">
              {closed
                ? winner
                  ? `Sold to ${winner}`
                  : 'Unsold'
                : leader
                  ? `${leader === 'You' ? 'You lead' : `${leader} leads`}`
                  : 'No bids yet'}
            </span>
          </div>
          <Countdown endsAt={auction.endsAt} closed={closed} paused={paused} />
        </div>
        <p class="facts muted num">
          {stale && !closed ? (
            <span class="stale-note" data-testid="stale-note">
              Offline — may be out of date
            </span>
          ) : (
            <>
              Opened at {eurShort(auction.openingPrice)} · {auction.bidCount} {auction.bidCount === 1 ? 'bid' : 'bids'}
            </>
          )}
          {' · '}
          <button
            type="button"
            class="link"
            aria-expanded={showing}
            data-testid="why-price"
            onClick={() => setWhy(showing ? null : auction.id)}
          >
            {showing ? 'hide the price’s reports' : 'why this price?'}
          </button>
        </p>
      </section>
      {showing && (
        <section class="card why-price" aria-label={`Why ${auction.player.name} costs what he costs`}>
          <PriceReports id={auction.player.id} />
        </section>
      )}
    </>
  );
}
