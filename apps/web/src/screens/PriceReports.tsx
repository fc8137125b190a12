import { useEffect, useState } from 'preact/hooks';
import type { Player } from '@fantamercato/contract';
import type { Report, ReportSource } from '@fantamercato/contract';
import { api } from '../api.js';
import { eur, reportDate, KIND_WORDS } from '../format.js';
import { host, PriceChart } from './PriceChart.js';

type PlayerDetail = Player & { reports: (Report & { source?: ReportSource })[] };

/** How the player's price moved (the chart of its history), then the reports behind it now. */
export function PriceReports({ id }: { id: string }) {
  return (
    <div class="price-why">
      <PriceChart id={id} />
      <CurrentReports id={id} />
    </div>
  );
}

/**
 * The reports behind a player's price — figure, kind, clubs, date in the reader's locale, the
 * quote, and the source it came from (a link to the page) — so a manager can check it.
 */
function CurrentReports({ id }: { id: string }) {
  const [detail, setDetail] = useState<PlayerDetail | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void api<PlayerDetail>('GET', `/players/${id}`).then(setDetail, () => setFailed(true));
  }, [id]);
  if (failed) return <p class="muted">Could not load the reports — try again.</p>;
  if (!detail) return <p class="muted">Loading…</p>;
  if (detail.reports.length === 0) return <p class="muted">No report about him yet: the price is the default for his position.</p>;
  return (
    <ul class="reports" data-testid="price-reports">
      {detail.reports.map((r) => (
        <li key={r.id}>
          <p>
            <strong class="num">{r.eur.min === r.eur.max ? eur(r.eur.min) : `${eur(r.eur.min)}–${eur(r.eur.max)}`}</strong>
            {r.approx ? ' (approx.)' : ''} · {KIND_WORDS[r.kind] ?? r.kind}
            {r.from ? ` · ${r.from}` : ''}
            {r.to.length ? ` → ${r.to.join(', ')}` : ''}
            {r.publishedAt ? (
              <>
                {' · '}
                <time dateTime={r.publishedAt}>{reportDate(r.publishedAt)}</time>
              </>
            ) : null}
          </p>
          {r.source?.origin === 'starter' ? (
            <p class="muted starter">Starter data shipped with the game: replaced by the first news report about him.</p>
          ) : (
            <blockquote>“{r.quote}”</blockquote>
          )}
          {r.source?.url ? (
            <p class="source">
              Source:{' '}
              <a href={r.source.url} target="_blank" rel="noopener noreferrer nofollow" data-testid="report-source">
                {r.source.title ?? host(r.source.url)}
              </a>
            </p>
          ) : r.source ? (
            <p class="source muted">Source: an article stored without a link.</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
