import { useEffect, useRef, useState } from 'preact/hooks';
import type { LeagueDetail, LeagueEvent, SealedWindow } from '@fantamercato/contract';
import { api, ApiError } from '../api.js';
import { noteServerTime, serverNow } from '../clock.js';
import { explain } from '../errors.js';
import { countdown, eur } from '../format.js';
import { parseMoney } from '../money.js';
import { useTick } from '../room/useTick.js';
import { onLink } from '../router.js';
import { useSession } from '../session.js';
import { LeagueLive } from '../room/live.js';
import { Release } from '../room/Managers.js';
import { PlayerSearch } from './PlayerSearch.js';
import { tradeTerms, Trades } from './Trades.js';

/** The window's clock, by the server's time. */
function ClosesIn({ closesAt }: { closesAt: string }) {
  useTick(500);
  const left = Date.parse(closesAt) - serverNow();
  return (
    <strong class="num" role="timer" data-testid="window-clock">
      {left <= 0 ? 'closing…' : countdown(left)}
    </strong>
  );
}

/**
 * /leagues/<id>/market: the season's market. The sealed-bid window — while open, my sealed bids (place,
 * change, withdraw; nobody else sees them); once closed, every bid revealed with its outcome — and, for
 * the commissioner, opening the next window; my squad with its releases; trades in and out; the season's
 * transactions. It follows the league's live log, so a trade proposed to me shows up by itself.
 */
export function MarketScreen({ leagueId }: { leagueId: string }) {
  const me = useSession()?.user.id;
  const [league, setLeague] = useState<LeagueDetail | null>(null);
  const [window, setWindow] = useState<SealedWindow | null | undefined>(undefined);
  const [error, setError] = useState('');
  const [attempt, setAttempt] = useState(0);
  const reload = () => setAttempt((n) => n + 1);

  useEffect(() => {
    let stopped = false;
    (async () => {
      const l = await api<LeagueDetail>('GET', `/leagues/${leagueId}`);
      const w = await api<SealedWindow>('GET', `/leagues/${leagueId}/windows/current`).catch((e: unknown) => {
        if (e instanceof ApiError && e.code === 'WINDOW_NOT_FOUND') return null;
        throw e;
      });
      if (stopped) return;
      if (w) noteServerTime(w.serverTime);
      setLeague(l);
      setWindow(w);
    })().catch((e: unknown) => !stopped && setError(e instanceof ApiError ? explain(e.body) : 'Could not load the market.'));
    return () => {
      stopped = true;
    };
  }, [leagueId, attempt]);

  // Live: whatever the league's log says next (a trade proposed to me, a window opened …) is read again.
  const loaded = league !== null;
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (!loaded || !league) return;
    const again = () => {
      clearTimeout(debounce.current);
      debounce.current = setTimeout(reload, 200);
    };
    const live = new LeagueLive(leagueId, league.lastSeq, {
      event: (event) => event.type !== 'bid.accepted' && again(),
      trade: again,
      outbid: () => undefined,
      budget: () => undefined,
      presence: () => undefined,
      connection: () => undefined,
    });
    return () => {
      clearTimeout(debounce.current);
      live.close();
    };
  }, [leagueId, loaded]);

  // An open window: look again shortly after it closes, to show what every bid became.
  useEffect(() => {
    if (!window || window.status !== 'open') return;
    const timer = setTimeout(reload, Math.max(0, Date.parse(window.closesAt) - serverNow()) + 1500);
    return () => clearTimeout(timer);
  }, [window?.id, window?.status]);

  if (error) return <p class="error card">{error}</p>;
  if (!league || window === undefined) return <p class="card">Loading…</p>;
  const nameOf = (userId: string) => league.managers.find((m) => m.userId === userId)?.displayName ?? 'a former manager';
  const commissioner = league.commissionerId === me;

  return (
    <section class="market" aria-label="Market">
      <p>
        <a href={`/leagues/${leagueId}`} onClick={onLink}>
          ← {league.name}
        </a>
      </p>
      <h1>Market</h1>
      {window && window.status === 'open' ? (
        <OpenWindow league={league} window={window} onChange={setWindow} />
      ) : window ? (
        <ClosedWindow window={window} nameOf={nameOf} />
      ) : (
        <p class="card muted">No sealed-bid window yet.</p>
      )}
      {commissioner && (!window || window.status === 'closed') && <OpenWindowForm leagueId={leagueId} opened={reload} />}
      <MySquad league={league} me={me} reload={reload} />
      <Trades league={league} me={me} attempt={attempt} changed={reload} />
      <Transactions leagueId={leagueId} nameOf={nameOf} attempt={attempt} />
    </section>
  );
}

function OpenWindow({ league, window, onChange }: { league: LeagueDetail; window: SealedWindow; onChange: (w: SealedWindow) => void }) {
  const [amount, setAmount] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const value = parseMoney(amount);
  async function place(playerId: string, name: string) {
    if (value === null) return setStatus({ ok: false, text: 'Type your sealed bid first, e.g. 7 or 7,5 mln.' });
    try {
      onChange(await api<SealedWindow>('PUT', `/leagues/${league.id}/windows/${window.id}/bids`, { playerId, amount: value }));
      setStatus({ ok: true, text: `Sealed: ${eur(value)} on ${name}. Nobody else sees it until the window closes.` });
      setAmount('');
    } catch (e) {
      setStatus({ ok: false, text: e instanceof ApiError ? explain(e.body) : 'Could not place it.' });
    }
  }
  async function withdraw(playerId: string) {
    try {
      await api('DELETE', `/leagues/${league.id}/windows/${window.id}/bids/${playerId}`);
      onChange({ ...window, bids: window.bids.filter((b) => b.playerId !== playerId) });
      setStatus({ ok: true, text: 'Withdrawn.' });
    } catch (e) {
      setStatus({ ok: false, text: e instanceof ApiError ? explain(e.body) : 'Could not withdraw it.' });
    }
  }
  return (
    <section class="card" data-testid="window" data-status="open">
      <h2>
        Sealed-bid window · closes in <ClosesIn closesAt={window.closesAt} />
      </h2>
      <p class="muted">
        Bids are sealed: nobody sees another’s until the close. Then each player goes to the highest bid its manager can still pay (ties:{' '}
        {league.market.sealedTieBreak === 'earliest' ? 'the earlier bid' : 'the manager with less money'}).
      </p>
      <h3>My sealed bids</h3>
      {window.bids.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <ul class="list" data-testid="my-sealed-bids">
          {window.bids.map((b) => (
            <li key={b.playerId}>
              <span>{b.playerName}</span> <strong class="num">{eur(b.amount)}</strong>{' '}
              <button type="button" class="small" onClick={() => void withdraw(b.playerId)}>
                Withdraw
              </button>
            </li>
          ))}
        </ul>
      )}
      <label>
        Sealed bid
        <input
          value={amount}
          inputMode="decimal"
          autoComplete="off"
          onInput={(e) => setAmount(e.currentTarget.value)}
          placeholder="e.g. 7 or 7,5 mln"
        />
        <output class="money-echo">{amount.trim() === '' ? '' : value === null ? 'not an amount yet' : `= ${eur(value)}`}</output>
      </label>
      <PlayerSearch
        label="Player to bid on"
        limit={6}
        action={(player) => (
          <button type="button" class="small" aria-label={`Bid on ${player.name}`} onClick={() => void place(player.id, player.name)}>
            Bid
          </button>
        )}
      />
      <p class={status?.ok ? 'ok' : 'error'} role="status" data-testid="window-status">
        {status?.text ?? ''}
      </p>
    </section>
  );
}

const OUTCOME = { won: 'won', lost: 'outbid', skipped: 'skipped (budget or squad)' } as const;

function ClosedWindow({ window, nameOf }: { window: SealedWindow; nameOf: (userId: string) => string }) {
  return (
    <section class="card" data-testid="window" data-status="closed">
      <h2>Last window: every bid revealed</h2>
      {window.bids.length === 0 ? (
        <p class="muted">Nobody bid.</p>
      ) : (
        <table class="revealed">
          <thead>
            <tr>
              <th>Player</th>
              <th>Manager</th>
              <th>Bid</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {window.bids.map((b) => (
              <tr key={`${b.playerId}:${b.userId}`} data-outcome={b.outcome}>
                <td>{b.playerName}</td>
                <td>{nameOf(b.userId)}</td>
                <td class="num">{eur(b.amount)}</td>
                <td>{b.outcome ? OUTCOME[b.outcome] : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function OpenWindowForm({ leagueId, opened }: { leagueId: string; opened: () => void }) {
  const [minutes, setMinutes] = useState('60');
  const [status, setStatus] = useState('');
  async function open() {
    const n = Number(minutes.replace(',', '.'));
    if (!(n > 0)) return setStatus('Say in how many minutes it closes.');
    try {
      await api('POST', `/leagues/${leagueId}/windows`, { closesAt: new Date(serverNow() + n * 60_000).toISOString() });
      opened();
    } catch (e) {
      setStatus(e instanceof ApiError ? explain(e.body) : 'Could not open it.');
    }
  }
  return (
    <section class="card" data-testid="open-window">
      <h2>Open a sealed-bid window</h2>
      <label>
        Closes in (minutes)
        <input value={minutes} inputMode="decimal" onInput={(e) => setMinutes(e.currentTarget.value)} />
      </label>
      <button type="button" onClick={() => void open()}>
        Open the window
      </button>
      <p class="error" role="alert">
        {status}
      </p>
    </section>
  );
}

/** My squad, each player with his release (the refund said first). */
function MySquad({ league, me, reload }: { league: LeagueDetail; me: string | undefined; reload: () => void }) {
  const mine = league.managers.find((m) => m.userId === me);
  if (!mine) return null;
  return (
    <section class="card" aria-label="My squad" data-testid="my-squad">
      <h2>
        My squad <span class="muted num">· {eur(mine.budget)} left</span>
      </h2>
      {mine.roster.length === 0 ? (
        <p class="muted">No players yet.</p>
      ) : (
        <ul class="list roster">
          {mine.roster.map((r) => (
            <li key={r.player.id}>
              <span>
                {r.player.position} · {r.player.name}
              </span>
              <span class="num">{eur(r.price)}</span>
              <Release
                leagueId={league.id}
                entry={r}
                rule={r.leftTheLeague ? league.market.transferRefund : league.market.releaseRefund}
                onReleased={reload}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The season's transactions, newest first: sales, assignments, releases, sealed-window wins, trades, from the league's log. */
function Transactions({ leagueId, nameOf, attempt }: { leagueId: string; nameOf: (userId: string) => string; attempt: number }) {
  const [events, setEvents] = useState<LeagueEvent[] | null>(null);
  useEffect(() => {
    let stopped = false;
    void (async () => {
      const all: LeagueEvent[] = [];
      for (let after = 0; ;) {
        const { items } = await api<{ items: LeagueEvent[] }>('GET', `/leagues/${leagueId}/events?after=${after}&limit=1000`);
        all.push(...items);
        if (items.length < 1000) break;
        after = items.at(-1)!.seq;
      }
      if (!stopped) setEvents(all);
    })().catch(() => !stopped && setEvents([]));
    return () => {
      stopped = true;
    };
  }, [leagueId, attempt]);
  if (!events) return null;
  const lines: { seq: number; at: string; text: string }[] = [];
  const players = new Map<string, string>();
  for (const e of events) {
    if (e.type === 'auction.opened') players.set(e.data.auction.id, e.data.auction.player.name);
    if (e.type === 'auction.closed' && e.data.winnerId && e.data.price)
      lines.push({
        seq: e.seq,
        at: e.at,
        text: `${players.get(e.data.auctionId) ?? 'A player'} bought at auction by ${nameOf(e.data.winnerId)} for ${eur(e.data.price)}`,
      });
    if (e.type === 'player.assigned')
      lines.push({ seq: e.seq, at: e.at, text: `${e.data.playerName} assigned to ${nameOf(e.data.userId)} for ${eur(e.data.price)}` });
    if (e.type === 'sale.undone')
      lines.push({ seq: e.seq, at: e.at, text: `Sale of ${e.data.playerName} to ${nameOf(e.data.userId)} undone` });
    if (e.type === 'player.released')
      lines.push({ seq: e.seq, at: e.at, text: `${nameOf(e.data.userId)} released ${e.data.playerName} (${eur(e.data.refund)} back)` });
    if (e.type === 'player.transferred')
      lines.push({
        seq: e.seq,
        at: e.at,
        text: `${e.data.playerName} (${nameOf(e.data.userId)}) agreed a move to ${e.data.toClub}, outside the league: release refund ${eur(e.data.refund)}`,
      });
    if (e.type === 'trade.executed')
      lines.push({
        seq: e.seq,
        at: e.at,
        text: `Trade between ${nameOf(e.data.proposerId)} and ${nameOf(e.data.receiverId)}: ${tradeTerms(e.data, nameOf)}`,
      });
    if (e.type === 'window.closed')
      for (const w of e.data.won)
        lines.push({ seq: e.seq, at: e.at, text: `${w.playerName} won in a sealed window by ${nameOf(w.userId)} for ${eur(w.amount)}` });
  }
  return (
    <section class="card" aria-label="Transactions" data-testid="transactions">
      <h2>The season’s transactions</h2>
      {lines.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <ol class="list">
          {lines.reverse().map((l, i) => (
            <li key={`${l.seq}:${i}`}>
              <span>{l.text}</span>{' '}
              <span class="muted">{new Date(l.at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
