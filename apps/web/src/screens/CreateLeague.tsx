import { useState } from 'preact/hooks';
import type { LeagueDto } from '@fantamercato/leagues';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';
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
  { name: 'durationSeconds', label: 'Auction length (seconds)', hint: 'each auction runs this long…', value: '60', min: 5, max: 604_800, step: '1' },
  { name: 'extendSeconds', label: 'Extension per late bid (seconds)', hint: '…and a bid near the end gives this much more time', value: '10', min: 0, max: 3600, step: '1' },
  { name: 'minIncrement', label: 'Minimum raise (€ millions)', hint: 'each bid beats the last by at least this', value: '0.5', min: 0.000001, max: 1_000_000, step: 'any' },
  { name: 'minPrice', label: 'Minimum price (€ millions)', hint: 'kept in reserve for each empty place in a squad', value: '1', min: 0.000001, max: 1_000_000, step: 'any' },
];
const MONEY = new Set(['budget', 'minIncrement', 'minPrice']);

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
    const body = {
      name: String(form.get('name')).trim(),
      ...(nickname ? { nickname } : {}),
      maxManagers: value('maxManagers'),
      budget: value('budget'),
      auction: {
        durationSeconds: value('durationSeconds'),
        extendSeconds: value('extendSeconds'),
        minIncrement: value('minIncrement'),
        minPrice: value('minPrice'),
      },
    };
    setBusy(true);
    setError('');
    try {
      const league = await api<LeagueDto>('POST', '/leagues', body);
      navigate(`/leagues/${league.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? explain(e.body) : 'Something went wrong.');
      setBusy(false);
    }
  }

  return (
    <section class="card narrow">
      <h1>Create a league</h1>
      <p class="muted">Squads of 25: 3 goalkeepers, 8 defenders, 8 midfielders, 6 forwards.</p>
      <form onSubmit={submit}>
        <label>
          League name
          <input name="name" required maxLength={80} placeholder="Lega del Bar" />
        </label>
        <label>
          Your name in this league <span class="hint">optional: your display name otherwise; no two managers share one</span>
          <input name="nickname" minLength={2} maxLength={32} autoComplete="nickname" placeholder="Il Presidente" />
        </label>
        {FIELDS.map((f) => (
          <label key={f.name}>
            {f.label} {f.hint && <span class="hint">{f.hint}</span>}
            <input name={f.name} type="number" inputMode={f.step === '1' ? 'numeric' : 'decimal'} required defaultValue={f.value} min={f.min} max={f.max} step={f.step} />
          </label>
        ))}
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
