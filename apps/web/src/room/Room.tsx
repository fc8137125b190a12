import { useEffect, useState } from 'preact/hooks';
import type { LeagueDetail } from '@fantamercato/contract';
import type { Auction, Position } from '@fantamercato/contract';
import { serverNow } from '../clock.js';
import { countdown, eur, eurShort, POSITIONS } from '../format.js';
import { download } from '../api.js';
import { navigate, onLink } from '../router.js';
import { JoinByCode } from '../screens/joining.js';
import { useSession } from '../session.js';
import { AuctionCard } from './AuctionCard.js';
import { BidPanel } from './BidPanel.js';
import { CommissionerPanel } from './Commissioner.js';
import { DraftPanel } from './DraftPanel.js';
import { Feed } from './Feed.js';
import { Managers } from './Managers.js';
import { MaxBidPanel } from './MaxBidPanel.js';
import { SquadBoard } from './SquadBoard.js';
import { OpenAuction } from './OpenAuction.js';
import { nameOf as lookup } from './state.js';
import { useRoom } from './useRoom.js';
import { useTick } from './useTick.js';

const CONNECTION_TEXT = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', refused: 'Not connected' };

/** The auction room of one league. */
export function RoomScreen({ leagueId }: { leagueId: string }) {
  const me = useSession()!.user.id;
  const { state, dispatch, error, bid, open, reload } = useRoom(leagueId);
  const { league, auctions, connection, outbid } = state;
  const selected = auctions.find((a) => a.id === state.selectedId);
  const tabs = auctions.filter((a) => a.status === 'open' || a.id === selected?.id);
  const nameOf = (id: string | undefined) => lookup(state, id);
  const mine = league?.managers.find((m) => m.userId === me);
  const live = connection === 'live';

  // The outbid alert stays a few seconds, over the page (it never pushes the layout), and goes
  // as soon as it is no longer true: the manager leads that auction again, or it closed.
  const outbidAuction = outbid && auctions.find((a) => a.id === outbid.auctionId);
  // (The alert may arrive before the bid event it is about: only a higher bid of one's own ends it.)
  const outbidStale =
    outbidAuction &&
    (outbidAuction.status === 'closed' || (outbidAuction.highBidder?.userId === me && (outbidAuction.highBid ?? 0) > outbid.amount));
  useEffect(() => {
    if (!outbid) return;
    const timer = setTimeout(() => dispatch({ type: 'outbid', message: null }), outbidStale ? 0 : 6000);
    return () => clearTimeout(timer);
  }, [outbid, outbidStale]);

  if (error) {
    return error.code === 'LEAGUE_NOT_FOUND' ? (
      <section class="card narrow" data-testid="not-a-member">
        <h1>You are not in this league</h1>
        <p>
          This link is for members of a league you have not joined (or that no longer exists). If someone invited you, type the invite code
          they sent.
        </p>
        <JoinByCode joined={(id) => (id === leagueId ? reload() : navigate(`/leagues/${id}`, true))} />
        <p class="muted">
          <a href="/" onClick={onLink}>
            Back to my leagues
          </a>
        </p>
      </section>
    ) : (
      <p class="error card">{error.text}</p>
    );
  }

  return (
    <div class="room">
      <div class="room-head">
        <h1>{league?.name ?? 'Loading…'}</h1>
        <a class="small-link" href={`/leagues/${leagueId}/market`} onClick={onLink}>
          Market
        </a>
        <span class={`conn ${connection}`} role="status" data-testid="connection">
          {CONNECTION_TEXT[connection]}
        </span>
      </div>
      {league && <Invite league={league} />}
      {outbid && (
        <div class="toast" role="alert" data-testid="outbid">
          <span>
            Outbid{outbidAuction ? ` on ${outbidAuction.player.name}` : ''}: {outbid.by.displayName} bid{' '}
            <strong class="num">{eur(outbid.amount)}</strong>
          </span>
          <button type="button" class="small" onClick={() => dispatch({ type: 'outbid', message: null })}>
            OK
          </button>
        </div>
      )}
      <div class="room-grid">
        <div class="room-main">
          {league?.market.mode === 'turns' && (
            <DraftPanel
              league={league}
              draft={state.draft}
              me={me}
              nameOf={nameOf}
              lotName={auctions.find((a) => a.id === state.draft?.lotAuctionId)?.player.name}
              open={open}
            />
          )}
          {tabs.length > 1 && (
            <div class="tabs" role="tablist" aria-label="Auctions">
              {tabs.map((a) => (
                <AuctionTab
                  key={a.id}
                  auction={a}
                  me={me}
                  nameOf={nameOf}
                  selected={a.id === selected?.id}
                  onSelect={() => dispatch({ type: 'select', id: a.id })}
                />
              ))}
            </div>
          )}
          <AuctionCard
            auction={selected}
            me={me}
            nameOf={nameOf}
            stale={!live}
            paused={state.draft?.status === 'paused' && state.draft.lotAuctionId === selected?.id}
            turns={league?.market.mode === 'turns'}
          />
          {selected && league && (
            <BidPanel
              key={selected.id}
              auction={selected}
              me={me}
              minIncrement={league.auction.minIncrement}
              spending={mine && { budget: mine.budget, committed: mine.committed, available: mine.available }}
              live={live}
              nameOf={nameOf}
              bid={bid}
            />
          )}
          {selected && league?.auction.maxBids && selected.status === 'open' && (
            <MaxBidPanel key={selected.id} auction={selected} me={me} />
          )}
          {league && <Rules league={league} />}
          {league && <Exports leagueId={league.id} />}
          {league?.market.mode !== 'turns' && <OpenAuction open={open} />}
        </div>
        <div class="room-side">
          <Feed items={state.feed} nameOf={nameOf} me={me} />
          {league && <Managers league={league} me={me} present={state.presence} />}
          {league && league.commissionerId === me && <CommissionerPanel key={league.commissionerId} league={league} me={me} />}
        </div>
      </div>
      {league?.market.mode === 'turns' && <SquadBoard league={league} me={me} onClock={state.draft?.onClock ?? null} />}
    </div>
  );
}

/** One auction as a tab: the player, the bid and who leads it, and the time left, all at a glance. */
function AuctionTab({
  auction,
  me,
  nameOf,
  selected,
  onSelect,
}: {
  auction: Auction;
  me: string;
  nameOf: (id: string | undefined) => string;
  selected: boolean;
  onSelect: () => void;
}) {
  const closed = auction.status === 'closed';
  const leader = auction.highBidder
    ? auction.highBidder.userId === me
      ? 'you'
      : nameOf(auction.highBidder.userId) === 'a manager'
        ? auction.highBidder.displayName
        : nameOf(auction.highBidder.userId)
    : null;
  return (
    <button
      type="button"
      role="tab"
      class={`tab ${leader === 'you' && !closed ? 'mine' : ''}`}
      aria-selected={selected}
      data-testid="auction-tab"
      onClick={onSelect}
    >
      <span class="tab-player">{auction.player.name}</span>
      <span class="tab-state num">
        {closed
          ? 'closed'
          : auction.highBid === null
            ? `from ${eurShort(auction.openingPrice)}`
            : `${eurShort(auction.highBid)} ${leader ?? ''}`}
        {' · '}
        {closed ? '' : <TimeLeft endsAt={auction.endsAt} />}
      </span>
    </button>
  );
}

/** The time left by the server's clock, redrawn each second (a tab needs no finer grain). */
function TimeLeft({ endsAt }: { endsAt: string }) {
  useTick(1000);
  const left = Date.parse(endsAt) - serverNow();
  return <span class={left < 10_000 ? 'urgent' : ''}>{left <= 0 ? 'closing…' : countdown(left)}</span>;
}

function seconds(n: number): string {
  if (n % 86_400 === 0) return n === 86_400 ? '1 day' : `${n / 86_400} days`;
  if (n % 3600 === 0) return n === 3600 ? '1 hour' : `${n / 3600} hours`;
  if (n % 60 === 0) return n === 60 ? '1 minute' : `${n / 60} minutes`;
  return `${n} seconds`;
}

/** The league's rules, where bidders can read them: how long, how late bids extend, the raise, the squads. */
function Rules({ league }: { league: LeagueDetail }) {
  const a = league.auction;
  const quota = (p: Position) => {
    const [min, max] = league.roster[p];
    return min === max ? `${p} ${min}` : `${p} ${min}–${max}`;
  };
  return (
    <details class="card rules" data-testid="rules">
      <summary>
        <h2>Rules</h2>
      </summary>
      <ul>
        <li>
          Each auction lasts <strong>{seconds(a.durationSeconds)}</strong>
          {a.extendSeconds ? (
            <>
              ; a bid in its last {seconds(a.extendSeconds)} extends it to {seconds(a.extendSeconds)} from that bid
            </>
          ) : null}
          .
        </li>
        <li>
          The lowest raise is <strong class="num">{eur(a.minIncrement)}</strong>; no player goes for less than{' '}
          <span class="num">{eur(a.minPrice)}</span>.
        </li>
        <li>
          Squads of <strong>{String(league.roster.size)}</strong>: {POSITIONS.map(quota).join(', ')}. Budget{' '}
          <span class="num">{eur(league.budget)}</span> each.
        </li>
        {a.maxBids && (
          <li>Max bids are on: leave a private maximum on a lot and the game bids for you the least needed to lead, up to it.</li>
        )}
        {league.market.mode === 'turns' && <li>Players are called in turn on draft night, one lot at a time.</li>}
        {league.quietHours && (
          <li data-testid="quiet-rule">
            Quiet hours{' '}
            <strong class="num">
              {league.quietHours.from}–{league.quietHours.to}
            </strong>{' '}
            ({league.quietHours.timeZone}): no auction closes and no turn runs out then; a deadline that falls inside moves to{' '}
            {league.quietHours.to}.
          </li>
        )}
        <li>
          You can bid what your budget leaves after the auctions you lead and the least it takes to fill your other empty places — the room
          shows that figure under the bid buttons.
        </li>
      </ul>
    </details>
  );
}

/** The invite near the top: the link with a copy button, and the code. */
function Invite({ league }: { league: LeagueDetail }) {
  const link = `${location.origin}/join/${league.inviteCode}`;
  const [copied, setCopied] = useState<'' | 'copied' | 'failed'>('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied(''), 3000);
  }
  return (
    <details class="invite" open={league.managers.length < 2}>
      <summary>
        Invite managers{' '}
        <span class="muted num">
          ({league.managers.length}/{league.maxManagers})
        </span>
      </summary>
      <div class="invite-row">
        <label class="grow">
          Invite link
          <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="invite-link" />
        </label>
        <button type="button" class="small" data-testid="copy-invite" onClick={copy}>
          Copy link
        </button>
      </div>
      <p class="muted" role="status">
        {copied === 'copied' ? (
          'Copied — paste it to the other managers.'
        ) : copied === 'failed' ? (
          'Could not copy: select the link and copy it.'
        ) : (
          <>
            or the code{' '}
            <strong class="code" data-testid="invite-code">
              {league.inviteCode}
            </strong>{' '}
            ·{' '}
            <a href="/" onClick={onLink}>
              my leagues
            </a>
          </>
        )}
      </p>
    </details>
  );
}

/** The league's records for settling disputes: every squad, every bid, the whole log (commissioner's actions and reasons included). */
function Exports({ leagueId }: { leagueId: string }) {
  const [error, setError] = useState('');
  const get = (what: 'rosters' | 'bids' | 'events', format: 'csv' | 'json') => {
    setError('');
    download(`/leagues/${leagueId}/export?what=${what}&format=${format}`).catch(() => setError('Could not download — try again.'));
  };
  return (
    <details class="card exports" data-testid="exports">
      <summary>
        <h2>Log and exports</h2>
      </summary>
      <p class="muted">
        Every squad, every bid and the whole log, with the commissioner’s actions and their reasons: for settling disputes.
      </p>
      <p>
        <a href={`/leagues/${leagueId}/log`} onClick={onLink} data-testid="log-link">
          The auction log (printable)
        </a>
      </p>

      <div class="inline wrap">
        <button type="button" class="small" onClick={() => get('rosters', 'csv')}>
          Squads (CSV)
        </button>
        <button type="button" class="small" onClick={() => get('bids', 'csv')}>
          Bids (CSV)
        </button>
        <button type="button" class="small" onClick={() => get('events', 'csv')}>
          Log (CSV)
        </button>
        <button type="button" class="small" onClick={() => get('events', 'json')}>
          Log (JSON)
        </button>
      </div>
      <p class="error" role="alert">
        {error}
      </p>
    </details>
  );
}
