import { useEffect, useState } from 'preact/hooks';
import type { ReportListDto, ReviewedReportDto } from '@fantamercato/pricing';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';
import { eur } from '../format.js';
import { PlayerSearch } from './PlayerSearch.js';

const figure = (r: ReviewedReportDto) => (r.eur.min === r.eur.max ? eur(r.eur.min) : `${eur(r.eur.min)}–${eur(r.eur.max)}`);

/** Why the extractor read the report so: its evidence in plain words, one line each. */
function Why({ report }: { report: ReviewedReportDto }) {
  if (!report.explanation?.length) return null;
  return (
    <details class="why">
      <summary>Why this reading</summary>
      <ul>
        {report.explanation.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </details>
  );
}

function Source({ report }: { report: ReviewedReportDto }) {
  const a = report.article;
  return (
    <p class="muted">
      {a.url ? (
        <a href={a.url} rel="noopener noreferrer" target="_blank">
          {a.title ?? a.url}
        </a>
      ) : (
        (a.title ?? 'an article without a url')
      )}
      {a.urlConflict && ' · ⚠ this url was also stored with other text'}
    </p>
  );
}

/**
 * The reports of people the registry does not hold: each can be linked to a registry player (one of
 * the candidates the extractor found, or any player searched for), which reprices him.
 */
function UnlinkedReports() {
  const [items, setItems] = useState<ReviewedReportDto[] | null>(null);
  const [error, setError] = useState('');
  const [done, setDone] = useState<Record<string, string>>({});

  useEffect(() => {
    api<ReportListDto>('GET', '/news/reports?linked=false').then(
      (list) => setItems(list.items),
      (e) => setError(e instanceof ApiError ? explain(e.body) : 'Something went wrong.'),
    );
  }, []);

  async function link(report: ReviewedReportDto, player: { id: string; name: string }) {
    setError('');
    try {
      await api('POST', `/news/reports/${report.id}/link`, { playerId: player.id });
      setDone({ ...done, [report.id!]: `Linked: it now prices ${player.name}.` });
    } catch (e) {
      setError(e instanceof ApiError ? explain(e.body) : 'Something went wrong.');
    }
  }

  return (
    <section class="card">
      <h2>Players to link</h2>
      <p class="muted">Fees reported for people the registry does not hold. Link one to a registry player to price him.</p>
      <p class="error" role="alert">
        {error}
      </p>
      {items === null && !error && <p class="muted">Loading…</p>}
      {items?.length === 0 && <p class="muted">Every report is linked.</p>}
      <ul class="reports" data-testid="unlinked-reports">
        {items?.map((r) => (
          <li key={r.id} data-report={r.id}>
            <p>
              <strong>{r.player.name}</strong> · <strong class="num">{figure(r)}</strong> · {r.kind.replace('_', ' ')}
            </p>
            <blockquote>“{r.quote}”</blockquote>
            <Source report={r} />
            <Why report={r} />
            {done[r.id!] ? (
              <p role="status">{done[r.id!]}</p>
            ) : (
              <>
                <div class="inline">
                  {r.candidates
                    ?.filter((c): c is typeof c & { id: string } => c.id !== undefined)
                    .map((c) => (
                      <button type="button" key={c.id} onClick={() => void link(r, { id: c.id, name: c.name })}>
                        Link to {c.name}
                        {c.club ? ` (${c.club})` : ''}
                      </button>
                    ))}
                </div>
                <PlayerSearch
                  label={`Another player for ${r.player.name}`}
                  limit={5}
                  action={(p) => (
                    <button type="button" onClick={() => void link(r, p)}>
                      Link
                    </button>
                  )}
                />
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

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
    <>
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
            <Source report={r} />
            <Why report={r} />
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
    <UnlinkedReports />
    </>
  );
}
