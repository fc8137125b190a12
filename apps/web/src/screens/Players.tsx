import { useEffect, useState } from 'preact/hooks';
import type { PlayerDto } from '@fantamercato/players';
import type { ReportDto } from '@fantamercato/pricing';
import { api } from '../api.js';
import { eur } from '../format.js';
import { PlayerSearch } from './PlayerSearch.js';

type PlayerDetail = PlayerDto & { reports: ReportDto[] };

const KINDS: Record<string, string> = {
  asking: 'asking price',
  offer: 'offer',
  agreed: 'agreed fee',
  release_clause: 'release clause',
  loan: 'loan fee',
  valuation: 'valuation',
};

/** The quotes behind a price: what the news said, so a manager can judge it. */
function Reports({ id }: { id: string }) {
  const [detail, setDetail] = useState<PlayerDetail | null>(null);
  useEffect(() => {
    void api<PlayerDetail>('GET', `/players/${id}`).then(setDetail, () => setDetail(null));
  }, [id]);
  if (!detail) return <p class="muted">Loading…</p>;
  if (detail.reports.length === 0) return <p class="muted">No news about him yet: the price is the default for his position.</p>;
  return (
    <ul class="reports">
      {detail.reports.map((r, i) => (
        <li key={i}>
          <p>
            <strong class="num">{r.eur.min === r.eur.max ? eur(r.eur.min) : `${eur(r.eur.min)}–${eur(r.eur.max)}`}</strong>
            {r.approx ? ' (approx.)' : ''} · {KINDS[r.kind] ?? r.kind}
            {r.from ? ` · ${r.from}` : ''}
            {r.to.length ? ` → ${r.to.join(', ')}` : ''}
            {r.publishedAt ? ` · ${new Date(r.publishedAt).toLocaleDateString()}` : ''}
          </p>
          <blockquote>“{r.quote}”</blockquote>
        </li>
      ))}
    </ul>
  );
}

export function PlayersScreen() {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section class="card">
      <h1>Players</h1>
      <p class="muted">Prices come from transfer fees reported in the news; a player nobody wrote about costs the default for his position.</p>
      <PlayerSearch
        label="Search by name"
        action={(player) => (
          <div class="player-extra">
            <button type="button" class="small" aria-expanded={open === player.id} onClick={() => setOpen(open === player.id ? null : player.id)}>
              {open === player.id ? 'Hide' : 'Why this price?'}
            </button>
            {open === player.id && <Reports id={player.id} />}
          </div>
        )}
      />
    </section>
  );
}
