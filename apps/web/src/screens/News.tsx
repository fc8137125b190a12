import { useState } from 'preact/hooks';
import type { ExtractResult, IngestResult, Report } from '@fantamercato/contract';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';
import { Why } from './Why.js';
import { eur, KIND_WORDS } from '../format.js';

const figure = (r: Report) => (r.eur.min === r.eur.max ? eur(r.eur.min) : `${eur(r.eur.min)}–${eur(r.eur.max)}`);

/** What a stored report did: priced the player, waits for review, or names someone to link. */
function outcome(r: Report): string {
  if (r.status === 'held') return `Held for review: ${r.heldReason ?? 'beyond the price bounds'}.`;
  if (r.status === 'rejected') return 'Rejected earlier: it prices nobody.';
  if (!r.linked) return 'Not in the registry: link it to a player on the Review page.';
  return `Now prices ${r.player.name}.`;
}

function ReportItem({ report, stored }: { report: Report; stored: boolean }) {
  return (
    <li>
      <p>
        <strong>{report.player.name}</strong>{' '}
        {report.linked === false || (!stored && !report.player.id) ? <span class="badge default">not in the registry</span> : null} ·{' '}
        <strong class="num">{figure(report)}</strong>
        {report.approx ? ' (approx.)' : ''} · {KIND_WORDS[report.kind] ?? report.kind}
        {report.from ? ` · ${report.from}` : ''}
        {report.to.length ? ` → ${report.to.join(', ')}` : ''}
      </p>
      <blockquote>“{report.quote}”</blockquote>
      <Why explanation={report.explanation} />
      {stored && (
        <p role="status" class={report.status === 'held' ? 'hint' : ''}>
          {outcome(report)}
        </p>
      )}
    </li>
  );
}

/**
 * Admins paste an article: first the reports it holds, with the evidence (nothing stored), then
 * "Store" puts it in, prices move, and each report says what it did. The same text twice is stored
 * once; its source (url, title, date) goes with it so managers can check the price.
 */
export function NewsScreen() {
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [found, setFound] = useState<ExtractResult | null>(null);
  const [stored, setStored] = useState<IngestResult | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function run<T>(fn: () => Promise<T>): Promise<T | null> {
    setBusy(true);
    setError('');
    try {
      return await fn();
    } catch (e) {
      setError(e instanceof ApiError ? explain(e.body) : 'Something went wrong.');
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function look(event: SubmitEvent) {
    event.preventDefault();
    setStored(null);
    setFound(await run(() => api<ExtractResult>('POST', '/news/extract', { text })));
  }

  async function store() {
    const body = {
      text,
      ...(url.trim() ? { url: url.trim() } : {}),
      ...(title.trim() ? { title: title.trim() } : {}),
      ...(date ? { publishedAt: new Date(`${date}T12:00:00Z`).toISOString() } : {}),
    };
    const result = await run(() => api<IngestResult>('POST', '/news', body));
    if (result) setStored(result);
  }

  return (
    <section class="card">
      <h1>News</h1>
      <p class="muted">
        Paste an article about transfers. You see the fees it reports before anything is stored; storing it moves the prices in every
        league.
      </p>
      <form onSubmit={look}>
        <label>
          Article text <span class="hint">plain text or the page's HTML</span>
          <textarea name="text" required rows={8} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <label>
          Link to the article <span class="hint">optional, shown to managers as the source</span>
          <input name="url" type="url" inputMode="url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} placeholder="https://…" />
        </label>
        <div class="inline">
          <label class="grow">
            Title <span class="hint">optional</span>
            <input name="title" maxLength={300} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
          <label>
            Published <span class="hint">optional</span>
            <input name="publishedAt" type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
          </label>
        </div>
        <button type="submit" disabled={busy || text.trim() === ''}>
          Find the fees
        </button>
      </form>
      <p class="error" role="alert">
        {error}
      </p>
      {found && !stored && (
        <div data-testid="news-found">
          <h2>
            {found.reports.length === 0
              ? 'No transfer fee found'
              : `${found.reports.length} ${found.reports.length === 1 ? 'fee' : 'fees'} found`}{' '}
            <span class="hint">({found.language})</span>
          </h2>
          <ul class="reports">
            {found.reports.map((r, i) => (
              <ReportItem key={i} report={r} stored={false} />
            ))}
          </ul>
          <button type="button" class="primary" disabled={busy || found.reports.length === 0} onClick={() => void store()}>
            Store and reprice
          </button>
        </div>
      )}
      {stored && (
        <div data-testid="news-stored">
          <h2>Stored</h2>
          <ul class="reports">
            {stored.reports.map((r) => (
              <ReportItem key={r.id} report={r} stored />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
