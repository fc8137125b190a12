import { useState } from 'preact/hooks';
import { PlayerSearch } from '../screens/PlayerSearch.js';

/** Put a player on the block: search, then "Open auction" (at his price, rounded to the raise). */
export function OpenAuction({ open }: { open: (playerId: string) => Promise<string> }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <details class="card open-auction">
      <summary>
        <h2>Open an auction</h2>
      </summary>
      <p class="error" role="alert">
        {error}
      </p>
      <PlayerSearch
        label="Player"
        limit={8}
        action={(player) => (
          <button
            type="button"
            class="small"
            disabled={busy}
            aria-label={`Open auction on ${player.name}`}
            onClick={async () => {
              setBusy(true);
              setError(await open(player.id));
              setBusy(false);
            }}
          >
            Open auction
          </button>
        )}
      />
    </details>
  );
}
