import type { AuctionDto } from '@fantamercato/market';
import { eur, eurShort, POSITION_NAMES } from '../format.js';
import { Countdown } from './Countdown.js';

/** The player on the block, the bid to beat and who holds it, and the clock. Fixed height. */
export function AuctionCard({ auction, me, nameOf }: { auction: AuctionDto | undefined; me: string; nameOf: (id: string | undefined) => string }) {
  if (!auction) {
    return (
      <section class="auction-card empty" aria-label="Auction">
        <p>No auction running.</p>
        <p class="muted">Open one below: search a player and tap “Open auction”.</p>
      </section>
    );
  }
  const closed = auction.status === 'closed';
  // The room's names first (they follow renames and late joins), else the name the server sent.
  const named = (p: { userId: string; displayName: string }) => (nameOf(p.userId) === 'a manager' ? p.displayName : nameOf(p.userId));
  const leader = auction.highBidder ? (auction.highBidder.userId === me ? 'You' : named(auction.highBidder)) : null;
  const winner = auction.winner ? (auction.winner.userId === me ? 'you' : named(auction.winner)) : null;
  return (
    <section class={`auction-card ${closed ? 'closed' : ''} ${leader === 'You' && !closed ? 'leading' : ''}`} aria-label="Auction" data-testid="auction-card">
      <div class="player">
        <h2 data-testid="auction-player">{auction.player.name}</h2>
        <span class="muted position">{POSITION_NAMES[auction.player.position] ?? auction.player.position}</span>
      </div>
      <div class="bid-line">
        <div class="current">
          <span class="label">{auction.highBid === null ? 'Opening price' : 'Current bid'}</span>
          <span class="amount num" data-testid="current-bid">
            {eur(auction.highBid ?? auction.openingPrice)}
          </span>
          <span class="leader" data-testid="leader">
            {closed ? (winner ? `Sold to ${winner}` : 'Unsold') : leader ? `${leader === 'You' ? 'You lead' : `${leader} leads`}` : 'No bids yet'}
          </span>
        </div>
        <Countdown endsAt={auction.endsAt} closed={closed} />
      </div>
      <p class="facts muted num">
        Opened at {eurShort(auction.openingPrice)} · {auction.bidCount} {auction.bidCount === 1 ? 'bid' : 'bids'}
      </p>
    </section>
  );
}
