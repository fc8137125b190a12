import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ReportList, ReviewedReport } from '@fantamercato/contract';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';
import { eur } from '../format.js';
import { PlayerSearch } from './PlayerSearch.js';
import { Why } from './Why.js';

const figure = (r: ReviewedReport) => (r.eur.min === r.eur.max ? eur(r.eur.min) : `${eur(r.eur.min)}–${eur(r.eur.max)}`);

function Source({ report }: { report: ReviewedReport }) {
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

/** One report in a review queue: what it says, where from, why; then the decision, or what was decided. */
function ReportCard({
  report,
  reason,
  done,
  children,
}: {
  report: ReviewedReport;
  reason?: string;
  done?: string;
  children: ComponentChildren;
}) {
  return (
    <li data-report={report.id}>
      <p>
        <strong>{report.player.name}</strong> · <strong class="num">{figure(report)}</strong> · {report.kind.replace('_', ' ')}
      </p>
      {reason && <p class="muted">{reason}</p>}
      <blockquote>“{report.quote}”</blockquote>
      <Source report={report} />
      <Why explanation={report.explanation} />
      {done ? <p role="status">{done}</p> : children}
    </li>
  );
}

/**
 * One review queue (held reports, or reports to link): its items, the error to show, and what was
 * decided for each report. `act` posts a decision and records the sentence that says what it did.
 */
function useReportQueue(query: string) {
  const [items, setItems] = useState<ReviewedReport[] | null>(null);
  const [error, setError] = useState('');
  const [done, setDone] = useState<Record<string, string>>({});

  useEffect(() => {
    api<ReportList>('GET', `/news/reports?${query}`).then(
      (list) => setItems(list.items),
      (e) => setError(e instanceof ApiError ? explain(e.body) : 'Something went wrong.'),
    );
  }, [query]);

  async function act(report: ReviewedReport, action: string, body: object | undefined, said: string) {
    setError('');
    try {
      await api('POST', `/news/reports/${report.id}/${action}`, body);
      setDone((before) => ({ ...before, [report.id!]: said }));
    } catch (e) {
      setError(e instanceof ApiError ? explain(e.body) : 'Something went wrong.');
    }
  }

  return { items, error, done, act };
}

/**
 * The reports of people the registry does not hold: each can be linked to a registry player (one of
 * the candidates the extractor found, or any player searched for), which reprices him.
 */
function UnlinkedReports() {
  const { items, error, done, act } = useReportQueue('linked=false');
  const link = (report: ReviewedReport, player: { id: string; name: string }) =>
    act(report, 'link', { playerId: player.id }, `Linked: it now prices ${player.name}.`);

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
          <ReportCard key={r.id} report={r} done={done[r.id!]}>
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
          </ReportCard>
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
  const { items, error, done, act } = useReportQueue('status=held');
  const decide = (report: ReviewedReport, decision: 'accept' | 'reject') =>
    act(
      report,
      decision,
      undefined,
      decision === 'accept' ? `Accepted: it now prices ${report.player.name}.` : 'Rejected: it will never price anyone.',
    );

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
            <ReportCard key={r.id} report={r} reason={`Held because ${r.heldReason}.`} done={done[r.id!]}>
              <div class="inline">
                <button type="button" class="primary" onClick={() => void decide(r, 'accept')}>
                  Accept
                </button>
                <button type="button" onClick={() => void decide(r, 'reject')}>
                  Reject
                </button>
              </div>
            </ReportCard>
          ))}
        </ul>
      </section>
      <UnlinkedReports />
    </>
  );
}
