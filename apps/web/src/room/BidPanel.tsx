import { useEffect, useState } from 'preact/hooks';
import type { AuctionDto, BidOffer } from '@fantamercato/market';
import { explain } from '../errors.js';
import { eur, eurShort, millionsToEur } from '../format.js';
import type { BidAck } from './live.js';

interface Props {
  auction: AuctionDto;
  me: string;
  minIncrement: number;
  available: number | undefined;
  live: boolean;
  bid: (auctionId: string, offer: BidOffer) => Promise<BidAck>;
}

/**
 * Quick bids (+minimum raise, +€1M), a custom amount, "+1 up to" a limit (the server bids the next
 * step at the moment the bid arrives, so a bid that lands just before it does not turn it away),
 * and the answer in plain words.
 */
export function BidPanel({ auction, me, minIncrement, available, live, bid }: Props) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [custom, setCustom] = useState('');
  const [limit, setLimit] = useState('');
  const [busy, setBusy] = useState(false);
  const closed = auction.status === 'closed';
  const leading = auction.highBidder?.userId === me;
  const base = auction.highBid ?? auction.openingPrice;
  const lowest = auction.highBid === null ? auction.openingPrice : auction.highBid + minIncrement;
  const plusMillion = Math.max(lowest, base + 1_000_000);
  const disabled = busy || closed || leading || !live;

  // "Bid accepted" is stale once someone else bids; a refusal stays until the next tap.
  useEffect(() => setMessage((m) => (m?.ok ? null : m)), [auction.highBid]);

  async function place(offer: BidOffer) {
    setBusy(true);
    const ack = await bid(auction.id, offer);
    setBusy(false);
    if (ack.ok) setMessage({ ok: true, text: `Bid accepted: ${eur(ack.auction.highBid ?? 0)}. You lead.` });
    else if (offer.upTo !== undefined && ack.error.code === 'BID_TOO_LOW' && typeof ack.error.minBid === 'number') {
      setMessage({ ok: false, text: `Your limit is below the lowest bid now, ${eur(ack.error.minBid)}.` });
    } else setMessage({ ok: false, text: explain(ack.error) });
    if (ack.ok) setCustom('');
  }

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const amount = millionsToEur(custom);
    if (amount === null) return setMessage({ ok: false, text: 'Type an amount in millions, e.g. 26.5' });
    void place({ amount });
  }

  function raise(event: SubmitEvent) {
    event.preventDefault();
    const upTo = millionsToEur(limit);
    if (upTo === null) return setMessage({ ok: false, text: 'Type your limit in millions, e.g. 30' });
    void place({ upTo });
  }

  return (
    <section class="bid-panel" aria-label="Bid">
      <div class="quick">
        <button type="button" class="primary" data-testid="bid-min" disabled={disabled} onClick={() => place({ amount: lowest })}>
          <span>{auction.highBid === null ? 'Opening bid' : `+${eurShort(minIncrement)}`}</span>
          <strong class="num">{eurShort(lowest)}</strong>
        </button>
        <button type="button" class="primary" data-testid="bid-million" disabled={disabled} onClick={() => place({ amount: plusMillion })}>
          <span>+€1M</span>
          <strong class="num">{eurShort(plusMillion)}</strong>
        </button>
      </div>
      <form class="inline custom" onSubmit={submit}>
        <label class="grow">
          Your bid (€ millions)
          <input type="number" inputMode="decimal" step="any" min="0" value={custom} onInput={(e) => setCustom(e.currentTarget.value)} placeholder={String(lowest / 1_000_000)} disabled={closed} />
        </label>
        <button type="submit" disabled={disabled || custom === ''}>
          Bid
        </button>
      </form>
      <form class="inline custom" onSubmit={raise}>
        <label class="grow">
          +1 up to (€ millions)
          <input type="number" inputMode="decimal" step="any" min="0" value={limit} onInput={(e) => setLimit(e.currentTarget.value)} placeholder="your limit" disabled={closed} />
        </label>
        <button type="submit" data-testid="bid-upto" disabled={disabled || limit === ''}>
          Raise
        </button>
      </form>
      <p class={`bid-status ${message && !closed && !leading && live ? (message.ok ? 'ok' : 'refused') : ''}`} role="status" data-testid="bid-status">
        {closed ? 'This auction has closed.' : leading ? 'You are the highest bidder.' : !live ? 'Reconnecting — bids resume when you are back.' : (message?.text ?? (available === undefined ? '' : `You can bid up to ${eur(available)} — the rest of your budget is kept for your squad's empty places.`))}
      </p>
    </section>
  );
}
