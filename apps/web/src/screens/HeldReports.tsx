import { useEffect, useState } from 'preact/hooks';
import type { ReportListDto, ReviewedReportDto } from '@fantamercato/pricing';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';
import { eur } from '../format.js';

const figure = (r: ReviewedReportDto) => (r.eur.min === r.eur.max ? eur(r.eur.min) : `${eur(r.eur.min)}–${eur(r.eur.max)}`);

/**
 * /admin/reports: the reports held because they would move a price beyond the bounds. An admin
 * reads the quote and where it came from, and lets it price the player or keeps it out for good.
 */
export function HeldReportsScreen() {
  const [items, setItems] = useState<ReviewedReportDto[] | null>(null);
  const [error, setError] = useState('');
  const [done, setDone] = useState<Record<string, string>>({});

  useEffect(() => {
    api<ReportListDto>('GET', '/news/reports?status=held').then(
      (list) => setItems(list.items),
      (e) => setError(e instanceof ApiError ? explain(e.body) : 'Something went wrong.'),
    );
  }, []);

  async function decide(report: ReviewedReportDto, decision: 'accept' | 'reject') {
    setError('');
    try {
      await api('POST', `/news/reports/${report.id}/${decision}`);
      setDone({ ...done, [report.id!]: decision === 'accept' ? `Accepted: it now prices ${report.player.name}.` : 'Rejected: it will never price anyone.' });
    } catch (e) {
      setError(e instanceof ApiError ? explain(e.body) : 'Something went wrong.');
    }
  }

  return (
    <section class="card">
      <h1>Held reports</h1>
      <p class="muted">
        A report is held when its figure is far from the player's price or above the ceiling. It prices nobody until you accept it.
      </p>
      <p class="error" role="alert">
        {error}
      </p>
      {items === null && !error && <p class="muted">Loading…</p>}
      {items?.length === 0 && <p class="muted">Nothing is waiting.</p>}
      <ul class="reports" data-testid="held-reports">
        {items?.map((r) => (
          <li key={r.id} data-report={r.id}>
            <p>
              <strong>{r.player.name}</strong> · <strong class="num">{figure(r)}</strong> · {r.kind.replace('_', ' ')}
            </p>
            <p class="muted">Held because {r.heldReason}.</p>
            <blockquote>“{r.quote}”</blockquote>
            <p class="muted">
              {r.article.url ? (
                <a href={r.article.url} rel="noopener noreferrer" target="_blank">
                  {r.article.title ?? r.article.url}
                </a>
              ) : (
                (r.article.title ?? 'an article without a url')
              )}
              {r.article.urlConflict && ' · ⚠ this url was also stored with other text'}
            </p>
            {done[r.id!] ? (
              <p role="status">{done[r.id!]}</p>
            ) : (
              <div class="inline">
                <button type="button" class="primary" onClick={() => void decide(r, 'accept')}>
                  Accept
                </button>
                <button type="button" onClick={() => void decide(r, 'reject')}>
                  Reject
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
