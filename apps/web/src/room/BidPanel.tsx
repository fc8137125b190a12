import { useEffect, useState } from 'preact/hooks';
import type { Auction, BidOffer } from '@fantamercato/contract';
import { eur, eurShort } from '../format.js';
import { parseMoney } from '../money.js';
import type { BidAck } from './live.js';
import { refusalText } from './refusal.js';

/** What the manager can spend, and why: the budget less his leading bids and the reserve for empty places. */
export interface Spending {
  budget: number;
  committed: number;
  available: number;
}

interface Props {
  auction: Auction;
  me: string;
  minIncrement: number;
  spending: Spending | undefined;
  live: boolean;
  nameOf: (id: string | undefined) => string;
  bid: (auctionId: string, offer: BidOffer) => Promise<BidAck>;
}

/**
 * Quick bids (+minimum raise, +€1M) and one money input, typed the way people say amounts and
 * echoed in euros before the tap, sent either as a bid of exactly that amount or as "+1 up to"
 * it (the server bids the next step at the moment the bid arrives). Every answer in plain words,
 * worked out from the refusal and what the room showed at the tap — never guessed.
 */
export function BidPanel({ auction, me, minIncrement, spending, live, nameOf, bid }: Props) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const leading = auction.highBidder?.userId === me;
  const lowest = auction.minBid;
  const plusMillion = Math.max(lowest, (auction.highBid ?? auction.openingPrice) + 1_000_000);
  const disabled = busy || leading || !live;

  // "Bid accepted" is stale once someone else bids; a refusal stays until the next tap.
  useEffect(() => setMessage((m) => (m?.ok ? null : m)), [auction.highBid]);

  if (auction.status === 'closed') return <ClosedPanel auction={auction} me={me} nameOf={nameOf} />;

  async function place(offer: BidOffer) {
    const lowestAtTap = lowest;
    setBusy(true);
    const ack = await bid(auction.id, offer);
    setBusy(false);
    if (ack.ok) {
      setMessage({ ok: true, text: `Bid accepted: ${eur(ack.auction.highBid ?? 0)}. You lead.` });
      setTyped('');
      return;
    }
    setMessage({ ok: false, text: refusalText(offer, ack.error, lowestAtTap) });
  }

  function send(kind: 'amount' | 'upTo') {
    const value = parseMoney(typed);
    if (value === null) return setMessage({ ok: false, text: 'Type an amount such as 27, 27.5, 27,5 mln, 27M or 27500000.' });
    void place(kind === 'amount' ? { amount: value } : { upTo: value });
  }

  const status = leading
    ? live
      ? 'You are the highest bidder.'
      : 'You were the highest bidder when the connection dropped — it may have changed since.'
    : !live
      ? 'Reconnecting — what you see may be out of date. Bids resume when you are back.'
      : message?.text;

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
      <form
        class="custom"
        onSubmit={(e) => {
          e.preventDefault();
          send('amount');
        }}
      >
        <label for={`amount-${auction.id}`}>Amount</label>
        <input
          id={`amount-${auction.id}`}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={typed}
          onInput={(e) => setTyped(e.currentTarget.value)}
          placeholder={`e.g. ${trimMillions(lowest)} or ${trimMillions(lowest).replace('.', ',')} mln`}
          aria-describedby={`amount-echo-${auction.id}`}
        />
        <output id={`amount-echo-${auction.id}`} class="money-echo" data-testid="amount-echo" aria-live="polite">
          {echo(typed)}
        </output>
        <div class="custom-actions">
          <button type="submit" data-testid="bid-exact" disabled={disabled || typed.trim() === ''}>
            Bid this
          </button>
          <button type="button" data-testid="bid-upto" disabled={disabled || typed.trim() === ''} onClick={() => send('upTo')}>
            +1 up to this
          </button>
        </div>
      </form>
      <p class={`bid-status ${!leading && live && message ? (message.ok ? 'ok' : 'refused') : ''}`} role="status" data-testid="bid-status">
        {status ?? (spending ? <CanBid spending={spending} /> : '')}
      </p>
    </section>
  );
}

/** The idle hint: how much, and why not the whole budget. */
function CanBid({ spending }: { spending: Spending }) {
  const reserved = Math.max(0, spending.budget - spending.committed - spending.available);
  return (
    <span class="can-bid" data-testid="can-bid">
      You can bid up to <strong class="num">{eur(spending.available)}</strong>
      <span class="muted">
        {' '}
        — your {eur(spending.budget)} budget
        {spending.committed > 0 ? `, less ${eur(spending.committed)} in auctions you lead` : ''}
        {reserved > 0 ? `, less ${eur(reserved)} kept to fill your squad's other empty places` : ''}.
      </span>
    </span>
  );
}

/** A closed auction: who got him and for how much, and nothing left to tap. */
function ClosedPanel({ auction, me, nameOf }: { auction: Auction; me: string; nameOf: (id: string | undefined) => string }) {
  const winner = auction.winner;
  const who = winner
    ? winner.userId === me
      ? 'you'
      : nameOf(winner.userId) === 'a manager'
        ? winner.displayName
        : nameOf(winner.userId)
    : null;
  return (
    <section class="bid-panel closed" aria-label="Result" data-testid="auction-result">
      <p class="result">
        {who ? (
          <>
            Sold to <strong>{who}</strong> for <strong class="num">{eur(auction.price ?? auction.highBid ?? 0)}</strong>.
          </>
        ) : (
          <>Unsold — nobody bid. He is back in the pool and can be auctioned again.</>
        )}
      </p>
    </section>
  );
}

function echo(text: string): string {
  if (text.trim() === '') return '';
  const euros = parseMoney(text);
  return euros === null ? 'not an amount yet' : `= ${eur(euros)}`;
}

function trimMillions(amount: number): string {
  return (amount / 1_000_000).toFixed(2).replace(/\.?0+$/, '');
}
