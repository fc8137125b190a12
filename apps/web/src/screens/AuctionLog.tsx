import { useEffect, useState } from 'preact/hooks';
import type { Auction, LeagueDetail, LeagueEvent } from '@fantamercato/contract';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';
import { eur } from '../format.js';
import { onLink } from '../router.js';

interface Lot {
  auction: Auction;
  bids: { seq: number; at: string; amount: number; bidderId: string }[];
  closed?: { at: string; winnerId?: string; price?: number };
  /** The commissioner undid the sale afterwards. */
  undone?: { at: string; reason: string };
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** The lots and the commissioner's actions of a league, from its log alone, in the order they happened. */
function readLog(events: LeagueEvent[]): { lots: Lot[]; actions: LeagueEvent[] } {
  const lots = new Map<string, Lot>();
  const actions: LeagueEvent[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'auction.opened':
        lots.set(e.data.auction.id, { auction: e.data.auction, bids: [] });
        break;
      case 'bid.accepted':
        lots.get(e.data.auctionId)?.bids.push({ seq: e.seq, at: e.at, amount: e.data.amount, bidderId: e.data.bidderId });
        break;
      case 'auction.closed': {
        const lot = lots.get(e.data.auctionId);
        if (lot) lot.closed = { at: e.at, winnerId: e.data.winnerId, price: e.data.price };
        break;
      }
      case 'sale.undone': {
        const sold = [...lots.values()].reverse().find((l) => l.auction.player.id === e.data.playerId && l.closed?.winnerId && !l.undone);
        if (sold) sold.undone = { at: e.at, reason: e.data.reason };
        actions.push(e);
        break;
      }
      case 'player.assigned':
      case 'budget.adjusted':
      case 'commissioner.changed':
      case 'member.removed':
      case 'draft.started':
      case 'draft.paused':
      case 'draft.resumed':
      case 'trade.vetoed':
        actions.push(e);
        break;
      case 'draft.ended':
        if (e.data.by) actions.push(e); // the commissioner ended it (a complete draft ends by itself)
        break;
      case 'member.joined':
      case 'player.released':
      case 'player.repriced':
      case 'player.transferred':
      case 'window.opened':
      case 'window.closed':
      case 'trade.proposed':
      case 'trade.accepted':
      case 'trade.rejected':
      case 'trade.withdrawn':
      case 'trade.expired':
      case 'trade.executed':
      case 'trade.failed':
      case 'draft.turn':
        break;
    }
  }
  return { lots: [...lots.values()], actions };
}

/**
 * /leagues/<id>/log: the printable auction log — every lot, every bid, who won at what price, and
 * every commissioner action with its reason — what a league settles a dispute with.
 */
export function AuctionLogScreen({ leagueId }: { leagueId: string }) {
  const [league, setLeague] = useState<LeagueDetail | null>(null);
  const [events, setEvents] = useState<LeagueEvent[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    Promise.all([
      api<LeagueDetail>('GET', `/leagues/${leagueId}`),
      api<{ items: LeagueEvent[] }>('GET', `/leagues/${leagueId}/export?what=events&format=json`),
    ]).then(
      ([l, e]) => {
        setLeague(l);
        setEvents(e.items);
      },
      (e: unknown) => setError(e instanceof ApiError ? explain(e.body) : 'Could not load the log.'),
    );
  }, [leagueId]);
  if (error) return <p class="error card">{error}</p>;
  if (!league || !events) return <p class="muted card">Loading…</p>;
  const name = (userId: string | undefined) => league.managers.find((m) => m.userId === userId)?.displayName ?? 'a former manager';
  const { lots, actions } = readLog(events);
  return (
    <section class="card auction-log" data-testid="auction-log">
      <div class="log-head">
        <h1>{league.name}: the auction log</h1>
        <button type="button" class="small no-print" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <p class="muted no-print">
        <a href={`/leagues/${leagueId}`} onClick={onLink}>
          Back to the room
        </a>
      </p>
      <h2>Lots ({lots.length})</h2>
      {lots.length === 0 && <p class="muted">No auction yet.</p>}
      {lots.map((lot) => (
        <article key={lot.auction.id} class="lot" data-testid="lot">
          <h3>
            {lot.auction.player.name}{' '}
            <span class="muted">
              · {lot.auction.player.position} · opened {when(lot.auction.openedAt)} at {eur(lot.auction.openingPrice)}
            </span>
          </h3>
          {lot.bids.length > 0 ? (
            <table>
              <thead>
                <tr>
                  <th>#</th>
                  <th>Time</th>
                  <th>Manager</th>
                  <th class="num">Bid</th>
                </tr>
              </thead>
              <tbody>
                {lot.bids.map((b) => (
                  <tr key={b.seq}>
                    <td class="num">{b.seq}</td>
                    <td>{when(b.at)}</td>
                    <td>{name(b.bidderId)}</td>
                    <td class="num">{eur(b.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="muted">No bids.</p>
          )}
          <p class="result">
            {lot.closed
              ? lot.closed.winnerId
                ? `Sold to ${name(lot.closed.winnerId)} for ${eur(lot.closed.price ?? 0)} (${when(lot.closed.at)}).${lot.undone ? ` The commissioner undid the sale (${when(lot.undone.at)}): “${lot.undone.reason}”.` : ''}`
                : `Unsold (${when(lot.closed.at)}).`
              : 'Still open.'}
          </p>
        </article>
      ))}
      <h2>The commissioner's actions ({actions.length})</h2>
      {actions.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <table data-testid="commissioner-actions">
          <thead>
            <tr>
              <th>Time</th>
              <th>Action</th>
              <th>By</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((e) => (
              <tr key={e.seq}>
                <td>{when(e.at)}</td>
                <td>{describeAction(e, name)}</td>
                <td>{name('by' in e.data ? e.data.by : undefined)}</td>
                <td>{'reason' in e.data ? e.data.reason : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function describeAction(e: LeagueEvent, name: (id: string | undefined) => string): string {
  switch (e.type) {
    case 'sale.undone':
      return `Undid the sale of ${e.data.playerName} to ${name(e.data.userId)} (${eur(e.data.price)} back)`;
    case 'player.assigned':
      return `Assigned ${e.data.playerName} to ${name(e.data.userId)} for ${eur(e.data.price)}`;
    case 'budget.adjusted':
      return `${name(e.data.userId)}'s budget ${e.data.delta > 0 ? '+' : '−'}${eur(Math.abs(e.data.delta))}`;
    case 'commissioner.changed':
      return `Handed the role to ${name(e.data.to)}`;
    case 'member.removed':
      return `Removed ${e.data.displayName} from the league (${e.data.playerIds.length} players back in the pool)`;
    case 'draft.started':
      return `Started the draft (order: ${e.data.draft.order.map((id) => name(id)).join(', ')})`;
    case 'draft.paused':
      return `Paused the draft (${Math.round(e.data.remainingSeconds)} s left on the clock)`;
    case 'draft.resumed':
      return 'Resumed the draft';
    case 'draft.ended':
      return 'Ended the draft';
    case 'trade.vetoed':
      return 'Vetoed a trade';
    default:
      return e.type;
  }
}
