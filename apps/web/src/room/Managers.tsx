import type { LeagueDetail, Position } from '@fantamercato/contract';
import { eur, POSITIONS } from '../format.js';

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
