import { useState } from 'preact/hooks';
import { PlayerSearch } from '../screens/PlayerSearch.js';

/**
 * Put a player on the block: search, then "Open auction" (at his price, rounded to the raise). On
 * draft night the manager on the clock "calls" him the same way.
 */
export function OpenAuction({
  open,
  title = 'Open an auction',
  verb = 'Open auction',
  startOpen = false,
}: {
  open: (playerId: string) => Promise<string>;
  title?: string;
  verb?: string;
  startOpen?: boolean;
}) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <details class="card open-auction" open={startOpen}>
      <summary>
        <h2>{title}</h2>
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
            aria-label={verb === 'Open auction' ? `Open auction on ${player.name}` : `${verb} ${player.name}`}
            onClick={async () => {
              setBusy(true);
              setError(await open(player.id));
              setBusy(false);
            }}
          >
            {verb}
          </button>
        )}
      />
    </details>
  );
}
