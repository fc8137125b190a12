import { useEffect, useState } from 'preact/hooks';
import type { LeagueDetail } from '@fantamercato/contract';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';
import { eur } from '../format.js';
import { parseMoney } from '../money.js';
import { PlayerSearch } from '../screens/PlayerSearch.js';

type Action = 'assign' | 'undo-sale' | 'budget' | 'hand-over' | 'remove';

/**
 * The commissioner's panel: give a player to a manager at a price (for bids made at the table),
 * undo a sale, add to or take from a budget, hand the role over. Every action asks why; the reason
 * goes into the league's log with his name, for everyone to read in the feed.
 */
export function CommissionerPanel({ league, me }: { league: LeagueDetail; me: string }) {
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState(league.managers.find((m) => m.userId !== me)?.userId ?? me);
  // A manager removed (or gone) is no longer one to act on: pick another.
  useEffect(() => {
    if (!league.managers.some((m) => m.userId === target)) setTarget(league.managers.find((m) => m.userId !== me)?.userId ?? me);
  }, [league.managers, target, me]);
  const [price, setPrice] = useState('');
  const [amount, setAmount] = useState('');
  const [sold, setSold] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const nameOf = (userId: string) => league.managers.find((m) => m.userId === userId)?.displayName ?? 'a manager';
  const owned = league.managers.flatMap((m) => m.roster.map((r) => ({ ...r, userId: m.userId })));

  async function act(action: Action, body: object, done: string) {
    if (reason.trim() === '') return setStatus({ ok: false, text: 'Say why first: the reason goes into the league’s log.' });
    setBusy(true);
    try {
      await api('POST', `/leagues/${league.id}/commissioner/${action}`, { ...body, reason: reason.trim() });
      setStatus({ ok: true, text: done });
      setReason('');
    } catch (e) {
      setStatus({ ok: false, text: e instanceof ApiError ? explain(e.body) : 'Something went wrong.' });
    } finally {
      setBusy(false);
    }
  }

  const priceEur = parseMoney(price);
  const amountEur = parseMoney(amount);
  return (
    <details class="card commissioner" data-testid="commissioner">
      <summary>
        <h2>Commissioner</h2>
      </summary>
      <label>
        Why <span class="hint">goes into the league’s log with your name</span>
        <input value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} placeholder="e.g. Bruno bid at the table" />
      </label>
      <label>
        Manager
        <select value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          {league.managers.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.displayName} · {eur(m.budget)}
            </option>
          ))}
        </select>
      </label>

      <fieldset>
        <legend>Assign a player to {nameOf(target)}</legend>
        <label>
          Price to pay
          <input
            value={price}
            inputMode="decimal"
            autoComplete="off"
            onInput={(e) => setPrice(e.currentTarget.value)}
            placeholder="e.g. 4 or 4,5 mln"
          />
          <output class="money-echo">{price.trim() === '' ? '' : priceEur === null ? 'not an amount yet' : `= ${eur(priceEur)}`}</output>
        </label>
        <PlayerSearch
          label="Search the registry"
          limit={6}
          action={(player) => (
            <button
              type="button"
              class="small"
              disabled={busy || priceEur === null}
              aria-label={`Assign ${player.name}`}
              onClick={() =>
                void act(
                  'assign',
                  { playerId: player.id, userId: target, price: priceEur },
                  `${player.name} assigned to ${nameOf(target)}.`,
                )
              }
            >
              Assign
            </button>
          )}
        />
      </fieldset>

      <fieldset>
        <legend>Budget of {nameOf(target)}</legend>
        <label>
          Budget change
          <input
            value={amount}
            inputMode="decimal"
            autoComplete="off"
            onInput={(e) => setAmount(e.currentTarget.value)}
            placeholder="e.g. 5 mln"
          />
          <output class="money-echo">{amount.trim() === '' ? '' : amountEur === null ? 'not an amount yet' : `= ${eur(amountEur)}`}</output>
        </label>
        <div class="inline">
          <button
            type="button"
            disabled={busy || amountEur === null}
            onClick={() => void act('budget', { userId: target, delta: amountEur }, `Added ${eur(amountEur ?? 0)}.`)}
          >
            Add
          </button>
          <button
            type="button"
            disabled={busy || amountEur === null}
            onClick={() => void act('budget', { userId: target, delta: -(amountEur ?? 0) }, `Took ${eur(amountEur ?? 0)}.`)}
          >
            Take away
          </button>
        </div>
      </fieldset>

      <fieldset>
        <legend>Undo a sale</legend>
        <label>
          Sold
          <select value={sold} onChange={(e) => setSold(e.currentTarget.value)} aria-label="Sale to undo">
            <option value="">choose a player someone owns</option>
            {owned.map((r) => (
              <option key={r.player.id} value={r.player.id}>
                {r.player.name} · {nameOf(r.userId)} · {eur(r.price)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={busy || sold === ''}
          onClick={() => void act('undo-sale', { playerId: sold }, 'Sale undone: the buyer got his money back.').then(() => setSold(''))}
        >
          Undo the sale
        </button>
      </fieldset>

      <fieldset>
        <legend>Hand the role over</legend>
        <button
          type="button"
          disabled={busy || target === me}
          onClick={() => void act('hand-over', { userId: target }, `${nameOf(target)} is the commissioner now.`)}
        >
          Make {nameOf(target)} commissioner
        </button>
      </fieldset>

      <fieldset>
        <legend>Remove from the league</legend>
        <p class="hint">His players go back to the pool and he cannot join again. Not while he leads an auction.</p>
        <button
          type="button"
          class="danger"
          disabled={busy || target === me}
          onClick={() => void act('remove', { userId: target }, `${nameOf(target)} is no longer in the league.`)}
        >
          Remove {nameOf(target)}
        </button>
      </fieldset>
      <p class={`bid-status ${status ? (status.ok ? 'ok' : 'refused') : ''}`} role="status" data-testid="commissioner-status">
        {status?.text}
      </p>
    </details>
  );
}
