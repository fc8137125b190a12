import { useEffect, useState } from 'preact/hooks';
import type { AuctionDto, BidOffer } from '@fantamercato/market';
import { explain } from '../errors.js';
import { eur, eurShort } from '../format.js';
import { parseMoney } from '../money.js';
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
    const amount = parseMoney(custom);
    if (amount === null) return setMessage({ ok: false, text: 'Type an amount such as 26.5, 26,5 mln or 26500000' });
    void place({ amount });
  }

  function raise(event: SubmitEvent) {
    event.preventDefault();
    const upTo = parseMoney(limit);
    if (upTo === null) return setMessage({ ok: false, text: 'Type your limit such as 30, 30 mln or 30000000' });
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
          <input type="text" inputMode="decimal" autoComplete="off" value={custom} onInput={(e) => setCustom(e.currentTarget.value)} placeholder={String(lowest / 1_000_000)} disabled={closed} />
        </label>
        <button type="submit" disabled={disabled || custom === ''}>
          Bid
        </button>
        <MoneyEcho text={custom} testId="bid-echo" />
      </form>
      <form class="inline custom" onSubmit={raise}>
        <label class="grow">
          +1 up to (€ millions)
          <input type="text" inputMode="decimal" autoComplete="off" value={limit} onInput={(e) => setLimit(e.currentTarget.value)} placeholder="your limit" disabled={closed} />
        </label>
        <button type="submit" data-testid="bid-upto" disabled={disabled || limit === ''}>
          Raise
        </button>
        <MoneyEcho text={limit} testId="upto-echo" />
      </form>
      <p class={`bid-status ${message && !closed && !leading && live ? (message.ok ? 'ok' : 'refused') : ''}`} role="status" data-testid="bid-status">
        {closed ? 'This auction has closed.' : leading ? 'You are the highest bidder.' : !live ? 'Reconnecting — bids resume when you are back.' : (message?.text ?? (available === undefined ? '' : `You can bid up to ${eur(available)} — the rest of your budget is kept for your squad's empty places.`))}
      </p>
    </section>
  );
}

/** What a typed amount will send, in full euros, before the tap: "27,5 mln" → "= €27,500,000". */
function MoneyEcho({ text, testId }: { text: string; testId: string }) {
  if (text.trim() === '') return null;
  const euros = parseMoney(text);
  return (
    <output class="money-echo" data-testid={testId} aria-live="polite">
      {euros === null ? 'not an amount yet' : `= ${eur(euros)}`}
    </output>
  );
}
