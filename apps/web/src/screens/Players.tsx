import { useState } from 'preact/hooks';
import { PlayerSearch } from './PlayerSearch.js';
import { PriceReports } from './PriceReports.js';

export function PlayersScreen() {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section class="card">
      <h1>Players</h1>
      <p class="muted">
        Prices come from transfer fees reported in the news; a player nobody wrote about costs the default for his position.
      </p>
      <PlayerSearch
        label="Search by name"
        action={(player) => (
          <div class="player-extra">
            <button
              type="button"
              class="small"
              aria-expanded={open === player.id}
              onClick={() => setOpen(open === player.id ? null : player.id)}
            >
              {open === player.id ? 'Hide' : 'Why this price?'}
            </button>
            {open === player.id && <PriceReports id={player.id} />}
          </div>
        )}
      />
    </section>
  );
}
