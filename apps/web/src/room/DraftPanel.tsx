import { useState } from 'preact/hooks';
import type { Draft, LeagueDetail, WhenIdle } from '@fantamercato/contract';
import { api, ApiError } from '../api.js';
import { serverNow } from '../clock.js';
import { explain } from '../errors.js';
import { countdown } from '../format.js';
import { OpenAuction } from './OpenAuction.js';
import { useTick } from './useTick.js';

/** The nomination clock by the server's clock, redrawn four times a second. */
function NominationClock({ endsAt }: { endsAt: string }) {
  useTick(250);
  const left = Date.parse(endsAt) - serverNow();
  return (
    <span
      class={`num ${left < 10_000 ? 'urgent' : ''}`}
      role="timer"
      data-testid="nomination-clock"
      data-ms={Math.max(0, Math.round(left))}
    >
      {left <= 0 ? 'time up…' : countdown(left)}
    </span>
  );
}

/**
 * Draft night at the top of a turns league's room: the order with who is on the clock and his
 * countdown, the lot being auctioned, and — for the manager on the clock — the search to call a
 * player. The commissioner starts, pauses, resumes and ends the draft from here, each with a reason.
 */
export function DraftPanel({
  league,
  draft,
  me,
  nameOf,
  lotName,
  open,
}: {
  league: LeagueDetail;
  draft: Draft | null;
  me: string;
  nameOf: (id: string | undefined) => string;
  lotName: string | undefined;
  open: (playerId: string) => Promise<string>;
}) {
  const commissioner = league.commissionerId === me;
  const live = draft && draft.status !== 'ended' ? draft : null;
  const myTurn = live?.status === 'running' && live.onClock === me && live.lotAuctionId === null;
  const who = (id: string | null) => (id === me ? 'You' : nameOf(id ?? undefined));

  let headline: string;
  if (!draft)
    headline = commissioner ? 'Start the draft when everyone is here.' : 'The draft has not started yet — the commissioner starts it.';
  else if (draft.status === 'ended')
    headline = draft.endReason === 'complete' ? 'The draft is over: every squad is full.' : 'The commissioner ended the draft.';
  else if (draft.status === 'paused')
    headline = `Paused by the commissioner — ${Math.round(draft.remainingSeconds ?? 0)} s left ${draft.lotAuctionId ? 'on the lot' : 'to call a player'}.`;
  else if (draft.lotAuctionId) headline = `Round ${draft.round}: ${lotName ?? 'a player'} is on the block.`;
  else
    headline = myTurn
      ? `Round ${draft.round}: your turn — call a player.`
      : `Round ${draft.round}: ${who(draft.onClock)} is calling a player.`;

  return (
    <section class={`card draft ${myTurn ? 'my-turn' : ''}`} aria-label="Draft" data-testid="draft" data-status={draft?.status ?? 'none'}>
      <div class="draft-head">
        <h2>Draft</h2>
        {live?.status === 'running' && live.clockEndsAt && <NominationClock endsAt={live.clockEndsAt} />}
      </div>
      <p data-testid="draft-headline" role="status">
        {headline}
      </p>
      {draft && draft.status !== 'ended' && (
        <ol class="draft-order" aria-label="Calling order" data-testid="draft-order">
          {draft.order.map((id) => (
            <li key={id} class={id === draft.onClock ? 'on-clock' : ''} aria-current={id === draft.onClock ? 'step' : undefined}>
              {who(id)}
              {id === draft.onClock && <span class="muted"> · {draft.lotAuctionId ? 'called this lot' : 'on the clock'}</span>}
            </li>
          ))}
        </ol>
      )}
      {draft && draft.status !== 'ended' && (
        <p class="muted">
          {draft.nominationSeconds} s to call a player;{' '}
          {draft.whenIdle === 'auto'
            ? 'when time runs out the game calls the cheapest player that fits.'
            : 'when time runs out the turn passes.'}
        </p>
      )}
      {myTurn && <OpenAuction open={open} title="Call a player" verb="Call" startOpen />}
      {/* A draft that filled every squad is done; one ended early may be started again. */}
      {commissioner && draft?.endReason !== 'complete' && <DraftControls key={draft?.status ?? 'none'} league={league} draft={live} />}
    </section>
  );
}

/** The commissioner's draft controls: start (order, clock, what happens when it runs out), or pause, resume, end with a reason. */
function DraftControls({ league, draft }: { league: LeagueDetail; draft: Draft | null }) {
  const [order, setOrder] = useState<'random' | 'joined'>('random');
  const [seconds, setSeconds] = useState('45');
  const [whenIdle, setWhenIdle] = useState<WhenIdle>('skip');
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function post(path: string, body: object, done: string) {
    setBusy(true);
    try {
      await api('POST', `/leagues/${league.id}/draft${path}`, body);
      setStatus({ ok: true, text: done });
      setReason('');
    } catch (e) {
      setStatus({ ok: false, text: e instanceof ApiError ? explain(e.body) : 'Something went wrong.' });
    } finally {
      setBusy(false);
    }
  }
  const withReason = (path: string, done: string) => {
    if (reason.trim() === '') return setStatus({ ok: false, text: 'Say why first: the reason goes into the league’s log.' });
    void post(path, { reason: reason.trim() }, done);
  };

  return (
    <div class="draft-controls" data-testid="draft-controls">
      {!draft ? (
        <fieldset>
          <legend>Start the draft</legend>
          <label>
            Calling order
            <select value={order} onChange={(e) => setOrder(e.currentTarget.value as 'random' | 'joined')}>
              <option value="random">Random</option>
              <option value="joined">The order managers joined in</option>
            </select>
          </label>
          <label>
            Seconds to call a player
            <input type="number" min={5} max={3600} value={seconds} onInput={(e) => setSeconds(e.currentTarget.value)} />
          </label>
          <label>
            When time runs out
            <select value={whenIdle} onChange={(e) => setWhenIdle(e.currentTarget.value as WhenIdle)}>
              <option value="skip">The turn passes</option>
              <option value="auto">The game calls the cheapest player that fits</option>
            </select>
          </label>
          <button
            type="button"
            disabled={busy}
            onClick={() => void post('', { order, nominationSeconds: Number(seconds), whenIdle }, 'The draft has begun.')}
          >
            Start the draft
          </button>
        </fieldset>
      ) : (
        <fieldset>
          <legend>Run the draft</legend>
          <label>
            Why <span class="hint">goes into the league’s log with your name</span>
            <input value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} placeholder="e.g. pizza has arrived" />
          </label>
          <div class="inline wrap">
            {draft.status === 'running' ? (
              <button type="button" class="small" disabled={busy} onClick={() => withReason('/pause', 'Paused.')}>
                Pause
              </button>
            ) : (
              <button type="button" class="small" disabled={busy} onClick={() => withReason('/resume', 'Resumed.')}>
                Resume
              </button>
            )}
            <button type="button" class="small danger" disabled={busy} onClick={() => withReason('/end', 'The draft is over.')}>
              End the draft
            </button>
          </div>
        </fieldset>
      )}
      <p class={status?.ok ? 'ok' : 'error'} role="alert">
        {status?.text ?? ''}
      </p>
    </div>
  );
}
