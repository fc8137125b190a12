import { useEffect, useState } from 'preact/hooks';
import type { Auction } from '@fantamercato/contract';
import { api, ApiError } from '../api.js';
import { eur } from '../format.js';
import { parseMoney } from '../money.js';
import { refusalText } from './refusal.js';

interface MaxBid {
  amount: number;
  placedAt: string;
}

/**
 * A standing max bid on the lot (leagues with auction.maxBids): the game bids for the manager the
 * least needed to lead, up to it, whenever anyone bids — how an absent or slow manager stays in.
 * Only he sees it. Whether it still works is read from the auction itself: once the lowest bid is
 * above it and someone else leads, it was passed (or lapsed) — no extra request per bid.
 */
export function MaxBidPanel({ auction, me }: { auction: Auction; me: string }) {
  const [mine, setMine] = useState<MaxBid | null | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stopped = false;
    api<{ maxBid: MaxBid | null }>('GET', `/auctions/${auction.id}/max-bid`).then(
      ({ maxBid }) => !stopped && setMine(maxBid),
      () => !stopped && setMine(null),
    );
    return () => {
      stopped = true;
    };
  }, [auction.id]);

  if (auction.status === 'closed') return null;
  const leading = auction.highBidder?.userId === me;
  const passed = mine && !leading && mine.amount < auction.minBid;
  const value = parseMoney(typed);

  async function set() {
    if (value === null) return setMessage({ ok: false, text: 'Type an amount such as 30, 30.5, 30,5 mln or 30M.' });
    setBusy(true);
    try {
      const answer = await api<{ maxBid: MaxBid }>('PUT', `/auctions/${auction.id}/max-bid`, { amount: value });
      setMine(answer.maxBid);
      setTyped('');
      setMessage({ ok: true, text: `Saved: the game bids for you up to ${eur(answer.maxBid.amount)}.` });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? refusalText({ upTo: value }, e.body, auction.minBid) : 'Could not save it.' });
    } finally {
      setBusy(false);
    }
  }

  async function withdraw() {
    setBusy(true);
    try {
      await api('DELETE', `/auctions/${auction.id}/max-bid`);
      setMine(null);
      setMessage({ ok: true, text: 'Withdrawn: the game no longer bids for you here (a bid it placed stands).' });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? e.body.message : 'Could not withdraw it.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card max-bid" aria-label="Max bid" data-testid="max-bid">
      <h2>Max bid</h2>
      <p class="muted" data-testid="max-bid-state">
        {mine === undefined
          ? '…'
          : mine === null
            ? 'Leave a maximum and the game bids for you the least needed to lead, up to it — even while you are away. Only you see it.'
            : passed
              ? `Your maximum of ${eur(mine.amount)} was passed.`
              : `The game bids for you up to ${eur(mine.amount)}. Only you see it.`}
      </p>
      <form
        class="custom"
        onSubmit={(e) => {
          e.preventDefault();
          void set();
        }}
      >
        <label for={`max-${auction.id}`}>{mine && !passed ? 'New maximum' : 'Your maximum'}</label>
        <input
          id={`max-${auction.id}`}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={typed}
          onInput={(e) => setTyped(e.currentTarget.value)}
          placeholder="e.g. 30 or 30,5 mln"
        />
        <output class="money-echo" data-testid="max-echo">
          {typed.trim() === '' ? '' : value === null ? 'not an amount yet' : `= ${eur(value)}`}
        </output>
        <div class="custom-actions">
          <button type="submit" data-testid="max-set" disabled={busy || typed.trim() === ''}>
            {mine && !passed ? 'Change my maximum' : 'Set my maximum'}
          </button>
          {mine && (
            <button type="button" data-testid="max-withdraw" disabled={busy} onClick={() => void withdraw()}>
              Withdraw
            </button>
          )}
        </div>
      </form>
      <p class={message ? (message.ok ? 'ok' : 'error') : ''} role="status">
        {message?.text ?? ''}
      </p>
    </section>
  );
}
