import type { LeagueDetail, Position } from '@fantamercato/contract';
import { eurShort, POSITIONS } from '../format.js';

/**
 * Draft night's board (wide screens): every manager's squad at a glance, a column per manager and a
 * row per position, each cell its players and the places still open — so the table can see who still
 * needs a goalkeeper and what everyone paid. Phones keep the Managers list.
 */
export function SquadBoard({ league, me, onClock }: { league: LeagueDetail; me: string; onClock: string | null }) {
  const places = (position: Position) => league.roster[position][1];
  return (
    <section class="card board" aria-label="Squads board" data-testid="squad-board">
      <h2>Squads</h2>
      <div class="board-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Position</th>
              {league.managers.map((m) => (
                <th key={m.userId} scope="col" class={m.userId === onClock ? 'on-clock' : ''}>
                  {m.userId === me ? `${m.displayName} (you)` : m.displayName}
                  <span class="muted num"> · {eurShort(m.budget)} left</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {POSITIONS.map((position) => (
              <tr key={position}>
                <th scope="row">{position}</th>
                {league.managers.map((m) => {
                  const players = m.roster.filter((r) => r.player.position === position);
                  // Places left in the position, never more than the squad has left.
                  const open = Math.max(0, Math.min(places(position) - players.length, league.roster.size - m.roster.length));
                  return (
                    <td key={m.userId}>
                      {players.map((r) => (
                        <div key={r.player.id} class="board-player">
                          {r.player.name} <span class="muted num">{eurShort(r.price)}</span>
                        </div>
                      ))}
                      {open > 0 && <div class="muted board-open">{open === 1 ? '1 place' : `${open} places`}</div>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
