import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Player, PlayerPage } from '@fantamercato/contract';
import { api, type ApiError } from '../api.js';
import { explain } from '../errors.js';
import { eurShort, POSITIONS } from '../format.js';

/**
 * Searches the registry as the manager types (the API matches names accent- and
 * case-insensitively: "kjaer" finds Kjær). `action` renders per result, e.g. "Open auction".
 */
export function PlayerSearch({
  label,
  action,
  limit = 20,
}: {
  label: string;
  action: (player: Player) => ComponentChildren;
  limit?: number;
}) {
  const [q, setQ] = useState('');
  const [position, setPosition] = useState('');
  const [page, setPage] = useState<PlayerPage | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    if (q.trim().length < 2 && !position) return setPage(null);
    const params = new URLSearchParams({ limit: String(limit) });
    if (q.trim()) params.set('q', q.trim());
    if (position) params.set('position', position);
    let current = true;
    // Wait for a pause in typing, and drop answers to searches the manager has moved on from.
    const timer = setTimeout(() => {
      api<PlayerPage>('GET', `/players?${params}`).then(
        (result) => current && (setPage(result), setError('')),
        (e: ApiError) => current && setError(explain(e.body)),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q, position, limit]);

  return (
    <div class="search">
      <div class="inline">
        <label class="grow">
          {label}
          <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder="e.g. kalulu, kjaer" autoComplete="off" />
        </label>
        <label>
          Position
          <select value={position} onChange={(e) => setPosition(e.currentTarget.value)}>
            <option value="">Any</option>
            {POSITIONS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="error" role="alert">
        {error}
      </p>
      {page && page.items.length === 0 && <p class="muted">No player matches.</p>}
      <ul class="list players">
        {page?.items.map((player) => (
          <li key={player.id} class="player-row">
            <div class="player-main">
              <strong>{player.name}</strong>
              <span class="muted">
                {/* born and nationality tell namesakes apart */}
                {[player.position, player.club ?? 'no club', player.birthDate && `born ${player.birthDate.slice(0, 4)}`, player.nationality]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </div>
            <div class="player-price">
              <span class="num">{eurShort(player.price.eur)}</span>
              <span class={`badge ${player.price.basis}`}>
                {player.price.basis === 'default' ? 'default' : player.price.origin === 'starter' ? 'reported fee' : 'from the news'}
              </span>
            </div>
            {action(player)}
          </li>
        ))}
      </ul>
    </div>
  );
}
