import { clockTime, eur } from '../format.js';
import type { FeedItem } from './state.js';

function describe(item: FeedItem, who: string, withPlayer: boolean, other = 'a manager') {
  switch (item.type) {
    case 'bid.accepted':
      return (
        <>
          <strong class="num">{eur(item.amount ?? 0)}</strong> {who}
          {withPlayer && ` · ${item.playerName ?? 'a player'}`}
        </>
      );
    case 'auction.opened':
      return (
        <>
          Auction opened: <strong>{item.playerName}</strong> from <span class="num">{eur(item.amount ?? 0)}</span>
          {item.auto && <> (called by the game for {who})</>}
        </>
      );
    case 'auction.closed':
      return item.userId ? (
        <>
          <strong>{item.playerName ?? 'A player'}</strong> sold to {who} for <span class="num">{eur(item.amount ?? 0)}</span>
        </>
      ) : (
        <>
          <strong>{item.playerName ?? 'A player'}</strong> went unsold
        </>
      );
    case 'member.joined':
      return <>{item.displayName} joined the league</>;
    case 'sale.undone':
      return (
        <>
          Commissioner undid the sale of <strong>{item.playerName}</strong> to {who} (<span class="num">{eur(item.amount ?? 0)}</span> back)
          <Reason text={item.reason} />
        </>
      );
    case 'player.assigned':
      return (
        <>
          <strong>{item.playerName}</strong> assigned to {who} for <span class="num">{eur(item.amount ?? 0)}</span>
          <Reason text={item.reason} />
        </>
      );
    case 'budget.adjusted':
      return (
        <>
          {who === 'you' ? 'Your' : `${who}'s`} budget{' '}
          <span class="num">
            {(item.amount ?? 0) > 0 ? '+' : '−'}
            {eur(Math.abs(item.amount ?? 0))}
          </span>
          <Reason text={item.reason} />
        </>
      );
    case 'commissioner.changed':
      return (
        <>
          {who === 'you' ? 'You are' : `${who} is`} now the commissioner
          <Reason text={item.reason} />
        </>
      );
    case 'player.released':
      return (
        <>
          {who === 'you' ? 'You' : who} released <strong>{item.playerName}</strong> (<span class="num">{eur(item.amount ?? 0)}</span> back)
        </>
      );
    case 'player.repriced':
      return (
        <>
          <strong>{item.playerName}</strong> repriced by the news: <span class="num">{eur(item.amount ?? 0)}</span>
          {item.oldAmount !== undefined && (
            <>
              {' '}
              (was <span class="num">{eur(item.oldAmount)}</span>)
            </>
          )}
          {item.url && (
            <>
              {' · '}
              <a href={item.url} target="_blank" rel="noopener noreferrer">
                source
              </a>
            </>
          )}
        </>
      );
    case 'player.transferred':
      return (
        <>
          <strong>{item.playerName}</strong> ({who === 'you' ? 'yours' : `${who}'s`}) is moving to {item.reason}, outside the league:{' '}
          {who === 'you' ? 'you' : 'he'} may release him for <span class="num">{eur(item.amount ?? 0)}</span> back
        </>
      );
    case 'window.opened':
      return <>A sealed-bid window is open until {clockTime(item.at2 ?? item.at)}: bids stay sealed until it closes</>;
    case 'window.closed':
      return (
        <>
          The sealed-bid window closed: {item.amount ?? 0} player{item.amount === 1 ? '' : 's'} sold, every bid revealed
        </>
      );
    case 'trade.proposed':
    case 'trade.executed':
      return (
        <>
          {item.type === 'trade.proposed' ? 'Trade proposed' : 'Trade done'}: {who} ⇄ {other}
          {' — '}
          {tradeTerms(item)}
        </>
      );
    case 'trade.accepted':
      return <>A trade was accepted</>;
    case 'trade.rejected':
      return <>A trade was rejected</>;
    case 'trade.withdrawn':
      return <>A trade was withdrawn</>;
    case 'trade.expired':
      return <>A trade proposal expired</>;
    case 'trade.vetoed':
      return (
        <>
          The commissioner vetoed a trade
          <Reason text={item.reason} />
        </>
      );
    case 'trade.failed':
      return <>A trade failed: {item.reason}</>;
    case 'member.removed':
      return (
        <>
          {item.displayName} was removed from the league
          {item.amount ? ` (${item.amount} player${item.amount === 1 ? '' : 's'} back in the pool)` : ''}
          <Reason text={item.reason} />
        </>
      );
    case 'draft.started':
      return <>The draft has begun</>;
    case 'draft.turn':
      return (
        <>
          {item.skipped ? 'Time ran out; ' : ''}
          {who === 'you' ? (item.skipped ? 'your' : 'Your') : `${who}'s`} turn to call a player{item.round ? ` (round ${item.round})` : ''}
        </>
      );
    case 'draft.paused':
      return (
        <>
          Draft paused
          <Reason text={item.reason} />
        </>
      );
    case 'draft.resumed':
      return (
        <>
          Draft resumed
          <Reason text={item.reason} />
        </>
      );
    case 'draft.ended':
      return item.endReason === 'complete' ? (
        <>The draft is over: every squad is full</>
      ) : (
        <>
          The commissioner ended the draft
          <Reason text={item.reason} />
        </>
      );
  }
}

/** A trade's players each way and its money, in words. */
function tradeTerms(item: FeedItem) {
  const money = item.amount ?? 0;
  return (
    <>
      {item.give || 'nobody'} for {item.take || 'nobody'}
      {money !== 0 && (
        <>
          {' '}
          + <span class="num">{eur(Math.abs(money))}</span> {money > 0 ? 'paid by the proposer' : 'paid to the proposer'}
        </>
      )}
    </>
  );
}

/** Why the commissioner did it, as he wrote it. */
function Reason({ text }: { text: string | undefined }) {
  return text ? <span class="reason"> — “{text}”</span> : null;
}

/** The league's live log, newest first, in a fixed-height box so arriving bids never push the page. */
export function Feed({ items, nameOf, me }: { items: FeedItem[]; nameOf: (id: string | undefined) => string; me: string }) {
  // Name the player on each bid only when the bids shown are for more than one auction.
  const withPlayer = new Set(items.filter((i) => i.type === 'bid.accepted').map((i) => i.auctionId)).size > 1;
  return (
    <section class="feed" aria-label="Live bids">
      <h2>Live</h2>
      <ol data-testid="feed" aria-live="polite" aria-relevant="additions">
        {items.length === 0 && <li class="muted">Nothing yet.</li>}
        {items.map((item) => (
          <li
            key={item.seq}
            data-seq={item.seq}
            data-type={item.type}
            data-amount={item.amount}
            class={item.type === 'bid.accepted' ? 'bid' : 'note'}
          >
            <span class="what">
              {describe(
                item,
                item.userId === me ? 'you' : nameOf(item.userId),
                withPlayer,
                item.otherId === me ? 'you' : nameOf(item.otherId),
              )}
            </span>
            <time class="when num" dateTime={item.at}>
              {clockTime(item.at)}
            </time>
          </li>
        ))}
      </ol>
    </section>
  );
}
