import { useEffect } from 'preact/hooks';
import { eur } from '../format.js';
import { onLink } from '../router.js';
import { useSession } from '../session.js';
import { AuctionCard } from './AuctionCard.js';
import { BidPanel } from './BidPanel.js';
import { Feed } from './Feed.js';
import { Managers } from './Managers.js';
import { OpenAuction } from './OpenAuction.js';
import { nameOf as lookup } from './state.js';
import { useRoom } from './useRoom.js';

const CONNECTION_TEXT = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', refused: 'Not connected' };

/** The auction room of one league. */
export function RoomScreen({ leagueId }: { leagueId: string }) {
  const me = useSession()!.user.id;
  const { state, dispatch, error, bid, open } = useRoom(leagueId);
  const { league, auctions, connection, outbid } = state;
  const selected = auctions.find((a) => a.id === state.selectedId);
  const others = auctions.filter((a) => a.status === 'open');
  const nameOf = (id: string | undefined) => lookup(state, id);
  const mine = league?.managers.find((m) => m.userId === me);

  // The outbid alert stays a few seconds, over the page (it never pushes the layout), and goes
  // as soon as it is no longer true: the manager leads that auction again, or it closed.
  const outbidAuction = outbid && auctions.find((a) => a.id === outbid.auctionId);
  // (The alert may arrive before the bid event it is about: only a higher bid of one's own ends it.)
  const outbidStale =
    outbidAuction && (outbidAuction.status === 'closed' || (outbidAuction.highBidder?.userId === me && (outbidAuction.highBid ?? 0) > outbid.amount));
  useEffect(() => {
    if (!outbid) return;
    const timer = setTimeout(() => dispatch({ type: 'outbid', message: null }), outbidStale ? 0 : 6000);
    return () => clearTimeout(timer);
  }, [outbid, outbidStale]);

  if (error) return <p class="error card">{error}</p>;
  const invite = league ? `${location.origin}/join/${league.inviteCode}` : '';

  return (
    <div class="room">
      <div class="room-head">
        <h1>{league?.name ?? 'Loading…'}</h1>
        <span class={`conn ${connection}`} role="status" data-testid="connection">
          {CONNECTION_TEXT[connection]}
        </span>
      </div>
      {outbid && (
        <div class="toast" role="alert" data-testid="outbid">
          <span>
            Outbid{outbidAuction ? ` on ${outbidAuction.player.name}` : ''}: {outbid.by.displayName} bid <strong class="num">{eur(outbid.amount)}</strong>
          </span>
          <button type="button" class="small" onClick={() => dispatch({ type: 'outbid', message: null })}>
            OK
          </button>
        </div>
      )}
      {others.length > 1 && (
        <div class="chips" role="group" aria-label="Open auctions">
          {others.map((a) => (
            <button key={a.id} type="button" class="chip" aria-pressed={a.id === selected?.id} onClick={() => dispatch({ type: 'select', id: a.id })}>
              {a.player.name}
            </button>
          ))}
        </div>
      )}
      <AuctionCard auction={selected} me={me} nameOf={nameOf} />
      {selected && league && (
        <BidPanel key={selected.id} auction={selected} me={me} minIncrement={league.auction.minIncrement!} available={mine?.available} live={connection === 'live'} bid={bid} />
      )}
      <Feed items={state.feed} nameOf={nameOf} me={me} />
      <OpenAuction open={open} />
      {league && <Managers league={league} me={me} />}
      {league && (
        <section class="card invite">
          <h2>Invite</h2>
          <label>
            Send this link to the other managers
            <input readOnly value={invite} onFocus={(e) => e.currentTarget.select()} data-testid="invite-link" />
          </label>
          <p class="muted">
            or the code <strong class="code">{league.inviteCode}</strong> ·{' '}
            <a href="/" onClick={onLink}>
              my leagues
            </a>
          </p>
        </section>
      )}
    </div>
  );
}
