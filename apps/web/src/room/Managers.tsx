import { useState } from 'preact/hooks';
import type { LeagueDetail, Position, ReleaseRefund, RosterEntry } from '@fantamercato/contract';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';
import { eur, POSITIONS } from '../format.js';

/** The refund the league's rule gives for a player bought at `paid`, said before the tap. */
function refundText(rule: ReleaseRefund, paid: number): string {
  switch (rule) {
    case 'none':
      return 'no refund';
    case 'half':
      return `${eur(Math.floor(paid / 2))} back (half)`;
    case 'full':
      return `${eur(paid)} back`;
    case 'price':
      return `his current price back, at most ${eur(paid)}`;
  }
}

/** Release (svincolo) one of my players: the refund is shown first, and asked twice. */
export function Release({
  leagueId,
  entry,
  rule,
  onReleased,
}: {
  leagueId: string;
  entry: RosterEntry;
  rule: ReleaseRefund;
  onReleased?: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function release() {
    setBusy(true);
    try {
      await api('POST', `/leagues/${leagueId}/releases`, { playerId: entry.player.id });
      onReleased?.();
    } catch (e) {
      setError(e instanceof ApiError ? explain(e.body) : 'Could not release him.');
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }
  return (
    <span class="release">
      {confirming ? (
        <>
          <button type="button" class="small danger" disabled={busy} onClick={() => void release()}>
            Release {entry.player.name}: {refundText(rule, entry.price)}
          </button>
          <button type="button" class="small" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </>
      ) : (
        <button type="button" class="small" aria-label={`Release ${entry.player.name}`} onClick={() => setConfirming(true)}>
          Release
        </button>
      )}
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

/** Every manager's money and squad by position, so the room can see who can still afford what. */
export function Managers({ league, me, present }: { league: LeagueDetail; me: string; present: readonly string[] }) {
  const quota = (position: Position) => league.roster[position][1];
  return (
    <section class="card managers" aria-label="Managers">
      <h2>Managers</h2>
      <ul class="list">
        {league.managers.map((m) => (
          <li key={m.userId} class={m.userId === me ? 'me' : ''}>
            <details>
              <summary>
                <span class="name">
                  <span
                    class={`presence ${present.includes(m.userId) ? 'here' : ''}`}
                    data-testid="presence"
                    data-here={present.includes(m.userId)}
                    title={present.includes(m.userId) ? 'in the room now' : 'not in the room'}
                    aria-label={present.includes(m.userId) ? 'in the room now' : 'not in the room'}
                  />
                  {m.userId === me ? `${m.displayName} (you)` : m.displayName}
                </span>
                <span class="money num">
                  <span title="budget left after purchases">{eur(m.budget)}</span>
                  <span class="muted"> · can bid {eur(m.available)}</span>
                </span>
                <span class="slots num">
                  {POSITIONS.map((p) => (
                    <span key={p}>
                      {p} {m.roster.filter((r) => r.player.position === p).length}/{quota(p)}
                    </span>
                  ))}
                </span>
              </summary>
              {m.roster.length === 0 ? (
                <p class="muted">No players yet.</p>
              ) : (
                <ul class="roster">
                  {m.roster.map((r) => (
                    <li key={r.player.id}>
                      <span>
                        {r.player.position} · {r.player.name}
                      </span>
                      <span class="num">{eur(r.price)}</span>
                      {m.userId === me && (
                        <Release
                          leagueId={league.id}
                          entry={r}
                          rule={r.leftTheLeague ? league.market.transferRefund : league.market.releaseRefund}
                        />
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
