import { useEffect, useState } from 'preact/hooks';
import type { LeagueDetail, Trade } from '@fantamercato/contract';
import { api, ApiError } from '../api.js';
import { noteServerTime, serverNow } from '../clock.js';
import { explain } from '../errors.js';
import { countdown, eur } from '../format.js';
import { parseMoney } from '../money.js';
import { useTick } from '../room/useTick.js';

const STATUS: Record<Trade['status'], string> = {
  proposed: 'waiting for an answer',
  accepted: 'accepted, in the commissioner’s review',
  executed: 'done',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  expired: 'expired',
  vetoed: 'vetoed by the commissioner',
  failed: 'failed',
};

/** A trade's terms in words, from one manager's side: what goes, what comes, the money. */
export function tradeTerms(t: Pick<Trade, 'give' | 'take' | 'money' | 'proposerId' | 'receiverId'>, nameOf: (id: string) => string) {
  const names = (players: { name: string }[]) => (players.length ? players.map((p) => p.name).join(', ') : 'no player');
  const money = t.money === 0 ? '' : ` · ${eur(Math.abs(t.money))} paid by ${nameOf(t.money > 0 ? t.proposerId : t.receiverId)}`;
  return `${names(t.give)} ⇄ ${names(t.take)}${money}`;
}

function Left({ until }: { until: string }) {
  useTick(1000);
  const left = Date.parse(until) - serverNow();
  return <span class="num">{left <= 0 ? 'any moment' : countdown(left)}</span>;
}

/**
 * The market page's trades: proposals to me (accept, reject), mine (withdraw), those in the
 * commissioner's review (his veto), the latest finished ones, and a form that builds a proposal by
 * picking players from my squad and another manager's.
 */
export function Trades({
  league,
  me,
  attempt,
  changed,
}: {
  league: LeagueDetail;
  me: string | undefined;
  attempt: number;
  changed: () => void;
}) {
  const [trades, setTrades] = useState<Trade[] | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let stopped = false;
    api<{ trades: Trade[] }>('GET', `/leagues/${league.id}/trades`).then(
      ({ trades }) => {
        if (stopped) return;
        if (trades[0]) noteServerTime(trades[0].serverTime);
        setTrades(trades);
      },
      () => !stopped && setTrades([]),
    );
    return () => {
      stopped = true;
    };
  }, [league.id, attempt]);
  if (!trades || !me) return null;
  const nameOf = (userId: string) =>
    userId === me ? 'you' : (league.managers.find((m) => m.userId === userId)?.displayName ?? 'a former manager');
  const commissioner = league.commissionerId === me;

  async function step(trade: Trade, action: 'accept' | 'reject' | 'withdraw' | 'veto', body: object = {}) {
    if (busy) return; // one answer at a time: a double tap must not send it twice
    setBusy(true);
    try {
      const after = await api<Trade>('POST', `/leagues/${league.id}/trades/${trade.id}/${action}`, body);
      setStatus({ ok: true, text: `The trade is ${STATUS[after.status]}.` });
    } catch (e) {
      setStatus({ ok: false, text: e instanceof ApiError ? explain(e.body) : 'Could not do that.' });
    } finally {
      setBusy(false);
    }
    changed();
  }

  const incoming = trades.filter((t) => t.status === 'proposed' && t.receiverId === me);
  const outgoing = trades.filter((t) => t.status === 'proposed' && t.proposerId === me);
  const review = trades.filter((t) => t.status === 'accepted');
  const past = trades.filter((t) => t.status !== 'proposed' && t.status !== 'accepted').slice(0, 10);
  const line = (t: Trade) => (
    <span>
      <strong>{nameOf(t.proposerId)}</strong> → <strong>{nameOf(t.receiverId)}</strong>: {tradeTerms(t, nameOf)}
      {t.note && <span class="reason"> — “{t.note}”</span>}
    </span>
  );
  return (
    <section class="card" aria-label="Trades" data-testid="trades">
      <h2>Trades</h2>
      <h3>Proposed to you</h3>
      {incoming.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <ul class="list" data-testid="trades-in">
          {incoming.map((t) => (
            <li key={t.id} data-trade={t.id}>
              {line(t)}{' '}
              <span class="muted">
                (lapses in <Left until={t.expiresAt} />)
              </span>
              <span class="inline">
                <button type="button" class="small" disabled={busy} onClick={() => void step(t, 'accept')}>
                  Accept
                </button>
                <button type="button" class="small" disabled={busy} onClick={() => void step(t, 'reject')}>
                  Reject
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>Your proposals</h3>
      {outgoing.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <ul class="list" data-testid="trades-out">
          {outgoing.map((t) => (
            <li key={t.id} data-trade={t.id}>
              {line(t)}{' '}
              <button type="button" class="small" disabled={busy} onClick={() => void step(t, 'withdraw')}>
                Withdraw
              </button>
            </li>
          ))}
        </ul>
      )}
      {review.length > 0 && (
        <>
          <h3>In the commissioner’s review</h3>
          <ul class="list" data-testid="trades-review">
            {review.map((t) => (
              <li key={t.id} data-trade={t.id}>
                {line(t)}{' '}
                <span class="muted">
                  (executes in <Left until={t.executesAt!} />)
                </span>
                {commissioner && <Veto onVeto={(reason) => void step(t, 'veto', { reason })} />}
              </li>
            ))}
          </ul>
        </>
      )}
      {past.length > 0 && (
        <>
          <h3>Lately</h3>
          <ul class="list" data-testid="trades-past">
            {past.map((t) => (
              <li key={t.id} data-trade={t.id} data-status={t.status}>
                {line(t)} <span class="muted">· {STATUS[t.status]}</span>
                {t.reason && <span class="reason"> — {t.reason}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <p class={status?.ok ? 'ok' : 'error'} role="status" data-testid="trade-status">
        {status?.text ?? ''}
      </p>
      <ProposeTrade league={league} me={me} proposed={changed} />
    </section>
  );
}

function Veto({ onVeto }: { onVeto: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  return (
    <span class="inline">
      <input aria-label="Why veto" placeholder="why" value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
      <button type="button" class="small" disabled={reason.trim() === ''} onClick={() => onVeto(reason.trim())}>
        Veto
      </button>
    </span>
  );
}

/** Build a proposal: the other manager, players from both squads, money either way. */
function ProposeTrade({ league, me, proposed }: { league: LeagueDetail; me: string; proposed: () => void }) {
  const others = league.managers.filter((m) => m.userId !== me);
  const [to, setTo] = useState(others[0]?.userId ?? '');
  const [give, setGive] = useState<string[]>([]);
  const [take, setTake] = useState<string[]>([]);
  const [money, setMoney] = useState('');
  const [direction, setDirection] = useState<'pay' | 'receive'>('pay');
  const [error, setError] = useState('');
  const [sending, setSending] = useState(false);
  const mine = league.managers.find((m) => m.userId === me);
  const theirs = league.managers.find((m) => m.userId === to);
  // A player who left either squad since he was ticked (sold, released, traded) is no longer offered.
  const owned = (roster: { player: { id: string } }[] | undefined) => new Set((roster ?? []).map((r) => r.player.id));
  const giveNow = give.filter((id) => owned(mine?.roster).has(id));
  const takeNow = take.filter((id) => owned(theirs?.roster).has(id));
  if (!mine || others.length === 0) return null;
  const amount = money.trim() === '' ? 0 : parseMoney(money);
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  async function propose() {
    if (amount === null) return setError('Type the money as an amount, e.g. 2 or 2,5 mln — or leave it empty.');
    if (giveNow.length + takeNow.length === 0) return setError('Pick at least one player, yours or his.');
    if (sending) return;
    setSending(true);
    try {
      await api('POST', `/leagues/${league.id}/trades`, {
        to,
        give: giveNow,
        take: takeNow,
        money: direction === 'pay' ? amount : -amount,
      });
      setGive([]);
      setTake([]);
      setMoney('');
      setError('');
      proposed();
    } catch (e) {
      setError(e instanceof ApiError ? explain(e.body) : 'Could not propose it.');
    } finally {
      setSending(false);
    }
  }

  return (
    <form
      class="propose-trade"
      data-testid="propose-trade"
      onSubmit={(e) => {
        e.preventDefault();
        void propose();
      }}
    >
      <h3>Propose a trade</h3>
      <label>
        With
        <select
          value={to}
          onChange={(e) => {
            setTo(e.currentTarget.value);
            setTake([]);
          }}
        >
          {others.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.displayName}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>You give</legend>
        {mine.roster.length === 0 && <p class="muted">No players yet.</p>}
        {mine.roster.map((r) => (
          <label key={r.player.id} class="check">
            <input type="checkbox" checked={give.includes(r.player.id)} onChange={() => setGive(toggle(give, r.player.id))} />
            Give {r.player.name} <span class="muted">({r.player.position})</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>You get</legend>
        {(theirs?.roster.length ?? 0) === 0 && <p class="muted">No players yet.</p>}
        {theirs?.roster.map((r) => (
          <label key={r.player.id} class="check">
            <input type="checkbox" checked={take.includes(r.player.id)} onChange={() => setTake(toggle(take, r.player.id))} />
            Get {r.player.name} <span class="muted">({r.player.position})</span>
          </label>
        ))}
      </fieldset>
      <div class="inline wrap">
        <label>
          Money
          <select
            aria-label="Who pays"
            value={direction}
            onChange={(e) => setDirection(e.currentTarget.value === 'receive' ? 'receive' : 'pay')}
          >
            <option value="pay">you pay</option>
            <option value="receive">you receive</option>
          </select>
        </label>
        <label class="grow">
          Amount
          <input value={money} inputMode="decimal" autoComplete="off" placeholder="none" onInput={(e) => setMoney(e.currentTarget.value)} />
          <output class="money-echo">{money.trim() === '' ? '' : amount === null ? 'not an amount yet' : `= ${eur(amount)}`}</output>
        </label>
      </div>
      <button type="submit" disabled={sending}>
        Propose the trade
      </button>
      <p class="error" role="alert">
        {error}
      </p>
    </form>
  );
}
