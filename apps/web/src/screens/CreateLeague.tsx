import { useState } from 'preact/hooks';
import type { League } from '@fantamercato/contract';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';
import { eur } from '../format.js';
import { parseMoney } from '../money.js';
import { navigate } from '../router.js';

interface Field {
  name: string;
  label: string;
  hint: string;
  value: string;
  min: number;
  max: number;
  step: string;
}

/** The contract's defaults, prefilled; money is typed in millions of euros, as people say it. */
const FIELDS: Field[] = [
  { name: 'maxManagers', label: 'Managers', hint: '2–20', value: '10', min: 2, max: 20, step: '1' },
  { name: 'budget', label: 'Budget per manager (€ millions)', hint: '', value: '300', min: 0.000001, max: 1_000_000, step: 'any' },
  {
    name: 'durationSeconds',
    label: 'Auction length (seconds)',
    hint: 'each auction runs this long…',
    value: '60',
    min: 5,
    max: 604_800,
    step: '1',
  },
  {
    name: 'extendSeconds',
    label: 'Extension per late bid (seconds)',
    hint: '…and a bid near the end gives this much more time',
    value: '10',
    min: 0,
    max: 3600,
    step: '1',
  },
  {
    name: 'minIncrement',
    label: 'Minimum raise (€ millions)',
    hint: 'each bid beats the last by at least this',
    value: '0.5',
    min: 0.000001,
    max: 1_000_000,
    step: 'any',
  },
  {
    name: 'minPrice',
    label: 'Minimum price (€ millions)',
    hint: 'kept in reserve for each empty place in a squad',
    value: '1',
    min: 0.000001,
    max: 1_000_000,
    step: 'any',
  },
];
const MONEY = new Set(['budget', 'minIncrement', 'minPrice']);

/** Squad quotas, prefilled with the contract's defaults (Fantacalcio's classic 3-8-8-6). */
const QUOTAS = [
  { position: 'GK', label: 'Goalkeepers', value: 3 },
  { position: 'DEF', label: 'Defenders', value: 8 },
  { position: 'MID', label: 'Midfielders', value: 8 },
  { position: 'FWD', label: 'Forwards', value: 6 },
] as const;

/** A money field typed the way people say it, echoed in euros before the tap. */
function MoneyField({ field }: { field: Field }) {
  const [text, setText] = useState(field.value);
  const euros = parseMoney(text);
  return (
    <label>
      {field.label} {field.hint && <span class="hint">{field.hint}</span>}
      <input
        name={field.name}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        required
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <output class="money-echo">{text.trim() === '' ? '' : euros === null ? 'not an amount yet' : `= ${eur(euros)}`}</output>
    </label>
  );
}

export function CreateLeagueScreen() {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => {
      const text = String(form.get(name));
      return MONEY.has(name) ? parseMoney(text) : Number(text);
    };
    const nickname = String(form.get('nickname') ?? '').trim();
    const quietFrom = String(form.get('quietFrom') ?? '');
    const quietTo = String(form.get('quietTo') ?? '');
    const body = {
      name: String(form.get('name')).trim(),
      ...(nickname ? { nickname } : {}),
      maxManagers: value('maxManagers'),
      budget: value('budget'),
      roster: {
        size: Number(form.get('rosterSize')),
        ...Object.fromEntries(
          QUOTAS.map((q) => [q.position, [Number(form.get(`${q.position}-min`)), Number(form.get(`${q.position}-max`))]]),
        ),
      },
      auction: {
        durationSeconds: value('durationSeconds'),
        extendSeconds: value('extendSeconds'),
        minIncrement: value('minIncrement'),
        minPrice: value('minPrice'),
      },
      market: { mode: form.get('marketMode') === 'turns' ? 'turns' : 'open' },
      ...(quietFrom && quietTo
        ? { quietHours: { from: quietFrom, to: quietTo, timeZone: String(form.get('timeZone') ?? '').trim() } }
        : {}),
    };
    setBusy(true);
    setError('');
    try {
      const league = await api<League>('POST', '/leagues', body);
      navigate(`/leagues/${league.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? explain(e.body) : 'Something went wrong.');
      setBusy(false);
    }
  }

  return (
    <section class="card narrow">
      <h1>Create a league</h1>
      <form onSubmit={submit}>
        <label>
          League name
          <input name="name" required maxLength={80} placeholder="Lega del Bar" />
        </label>
        <label>
          Your name in this league <span class="hint">optional: your display name otherwise; no two managers share one</span>
          <input name="nickname" minLength={2} maxLength={32} autoComplete="nickname" placeholder="Il Presidente" />
        </label>
        {FIELDS.map((f) =>
          MONEY.has(f.name) ? (
            <MoneyField key={f.name} field={f} />
          ) : (
            <label key={f.name}>
              {f.label} {f.hint && <span class="hint">{f.hint}</span>}
              <input
                name={f.name}
                type="number"
                inputMode="numeric"
                required
                defaultValue={f.value}
                min={f.min}
                max={f.max}
                step={f.step}
              />
            </label>
          ),
        )}
        <label>
          Market <span class="hint">how players are put up for auction</span>
          <select name="marketMode" defaultValue="open" data-testid="market-mode">
            <option value="open">Open market: any manager opens an auction at any time</option>
            <option value="turns">Draft night: managers call players in turn, one lot at a time</option>
          </select>
        </label>
        <fieldset class="quiet" data-testid="quiet-hours">
          <legend>Quiet hours</legend>
          <p class="hint">Optional, for auctions that run over days: no auction closes and no turn runs out between these times.</p>
          <div class="inline wrap">
            <label>
              From
              <input name="quietFrom" type="time" step="60" />
            </label>
            <label>
              to
              <input name="quietTo" type="time" step="60" />
            </label>
            <label class="grow">
              Time zone
              <input name="timeZone" defaultValue={Intl.DateTimeFormat().resolvedOptions().timeZone} maxLength={64} />
            </label>
          </div>
        </fieldset>
        <fieldset class="quotas" data-testid="quotas">
          <legend>Squads</legend>
          <label>
            Players per squad <span class="hint">1–50</span>
            <input name="rosterSize" type="number" inputMode="numeric" required defaultValue="25" min={1} max={50} step="1" />
          </label>
          {QUOTAS.map((q) => (
            <div class="quota" key={q.position}>
              <span class="quota-name">{q.label}</span>
              <label>
                at least
                <input
                  name={`${q.position}-min`}
                  aria-label={`${q.label}: at least`}
                  type="number"
                  inputMode="numeric"
                  required
                  defaultValue={String(q.value)}
                  min={0}
                  max={50}
                  step="1"
                />
              </label>
              <label>
                at most
                <input
                  name={`${q.position}-max`}
                  aria-label={`${q.label}: at most`}
                  type="number"
                  inputMode="numeric"
                  required
                  defaultValue={String(q.value)}
                  min={0}
                  max={50}
                  step="1"
                />
              </label>
            </div>
          ))}
          <p class="hint">The minimums must fit in the squad; a manager cannot buy past a maximum.</p>
        </fieldset>
        <p class="error" role="alert">
          {error}
        </p>
        <button type="submit" class="primary" disabled={busy}>
          Create league
        </button>
      </form>
    </section>
  );
}
