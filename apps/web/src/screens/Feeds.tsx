import { useEffect, useState } from 'preact/hooks';
import type { Feed, FeedList, FeedPoll } from '@fantamercato/contract';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';

const LANGUAGES = ['it', 'en', 'es', 'de', 'fr', 'pt'] as const;

function when(iso: string | null): string {
  if (!iso) return 'never';
  return new Date(iso).toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

function pollWords(poll: FeedPoll): string {
  switch (poll.outcome) {
    case 'fetched':
      return `${poll.newItems} new item(s), ${poll.articlesStored} article(s) stored, ${poll.reportsFound} fee report(s) found.`;
    case 'not_modified':
      return 'Unchanged since the last poll (304): nothing to read.';
    case 'failed':
      return `Failed: ${poll.feed.lastError ?? 'no answer'}.`;
    case 'busy':
      return 'Another server process is polling it right now.';
  }
}

function FeedItem({ feed, onPoll, onRemove, busy }: { feed: Feed; onPoll: () => void; onRemove: () => void; busy: boolean }) {
  return (
    <li data-feed={feed.id}>
      <p>
        <a href={feed.url} target="_blank" rel="noopener noreferrer nofollow" class="feed-url">
          {feed.url}
        </a>{' '}
        {feed.failures > 0 ? <span class="badge default">failing ×{feed.failures}</span> : null}
      </p>
      <p class="muted">
        Every {feed.intervalMinutes} min · {feed.language ?? 'language detected'} · last poll {when(feed.lastPolledAt)}
        {feed.lastStatus !== null ? ` (HTTP ${feed.lastStatus})` : ''} · next {when(feed.nextPollAt)}
      </p>
      {feed.lastError && (
        <p class="error" data-testid="feed-error">
          {feed.lastError}
        </p>
      )}
      <p data-testid="feed-counts">
        {feed.itemsSeen} item(s) seen · {feed.articlesStored} article(s) stored · {feed.reportsFound} fee report(s) ·{' '}
        <span class="muted">
          {feed.polls} poll(s), {feed.notModified} unchanged
        </span>
      </p>
      <div class="inline">
        <button type="button" class="small" disabled={busy} onClick={onPoll}>
          Poll now
        </button>
        <button type="button" class="small" disabled={busy} onClick={onRemove}>
          Stop following
        </button>
      </div>
    </li>
  );
}

/**
 * Admins follow news feeds (RSS or Atom): the servers poll them and store each new article as the
 * News page does, so prices keep up with the news. Each feed shows its last poll, its error if it is
 * failing (it then backs off), and what it has brought.
 */
export function FeedsScreen() {
  const [feeds, setFeeds] = useState<Feed[] | null>(null);
  const [url, setUrl] = useState('');
  const [language, setLanguage] = useState('');
  const [interval, setInterval] = useState('30');
  const [error, setError] = useState('');
  const [loadError, setLoadError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stopped = false;
    api<FeedList>('GET', '/feeds').then(
      (list) => {
        if (stopped) return;
        setFeeds(list.items);
        setLoadError('');
      },
      (e: unknown) => !stopped && setLoadError(e instanceof ApiError ? explain(e.body) : 'Could not load the feeds.'),
    );
    // The servers poll on their own: the list follows them while the page is open.
    const refresh = window.setTimeout(() => setAttempt((n) => n + 1), 5_000);
    return () => {
      stopped = true;
      window.clearTimeout(refresh);
    };
  }, [attempt]);

  async function act(work: () => Promise<string>) {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      setStatus(await work());
    } catch (e) {
      setStatus('');
      setError(e instanceof ApiError ? explain(e.body) : 'Something went wrong.');
    } finally {
      setBusy(false);
      setAttempt((n) => n + 1);
    }
  }

  function add(event: SubmitEvent) {
    event.preventDefault();
    void act(async () => {
      const feed = await api<Feed>('POST', '/feeds', {
        url: url.trim(),
        ...(language ? { language } : {}),
        intervalMinutes: Number(interval),
      });
      setUrl('');
      return `Following ${feed.url}: its first poll comes within seconds.`;
    });
  }

  return (
    <section class="card">
      <h1>Feeds</h1>
      <p class="muted">
        News feeds the servers read by themselves. Each new article goes through the same reading as the News page, so its fees move the
        prices in every league, with the article as their source.
      </p>
      <form onSubmit={add} data-testid="add-feed">
        <label>
          Feed address <span class="hint">RSS or Atom</span>
          <input
            name="url"
            type="url"
            inputMode="url"
            required
            value={url}
            placeholder="https://…/rss.xml"
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        </label>
        <div class="inline wrap">
          <label>
            Language
            <select value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
              <option value="">detect</option>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label>
            Every <span class="hint">minutes</span>
            <input
              name="intervalMinutes"
              type="number"
              min={1}
              max={1440}
              step={1}
              required
              value={interval}
              onInput={(e) => setInterval(e.currentTarget.value)}
            />
          </label>
        </div>
        <button type="submit" disabled={busy || url.trim() === ''}>
          Follow this feed
        </button>
      </form>
      <p class="error" role="alert">
        {error || loadError}
      </p>
      <p role="status">{status}</p>
      {feeds === null ? null : feeds.length === 0 ? (
        <p class="muted">No feeds yet.</p>
      ) : (
        <ul class="list" data-testid="feeds">
          {feeds.map((feed) => (
            <FeedItem
              key={feed.id}
              feed={feed}
              busy={busy}
              onPoll={() => void act(async () => pollWords(await api<FeedPoll>('POST', `/feeds/${feed.id}/poll`)))}
              onRemove={() =>
                void act(async () => {
                  await api('DELETE', `/feeds/${feed.id}`);
                  return `No longer following ${feed.url}; the articles it brought stay.`;
                })
              }
            />
          ))}
        </ul>
      )}
    </section>
  );
}
