import { useEffect, useState } from 'preact/hooks';
import type { League } from '@fantamercato/contract';
import { api, type ApiError } from '../api.js';
import { explain } from '../errors.js';
import { eurShort } from '../format.js';
import { onLink } from '../router.js';
import { useSession } from '../session.js';
import { JoinByCode } from './joining.js';

/** My leagues, with the two ways in: create one, or join with an invite code. */
export function LeaguesScreen() {
  const session = useSession();
  const [leagues, setLeagues] = useState<League[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    api<League[]>('GET', '/leagues').then(setLeagues, (e: ApiError) => setError(explain(e.body)));
  }, []);

  return (
    <>
      <h1>Ciao, {session?.user.displayName}</h1>
      <section class="card">
        <h2>My leagues</h2>
        {leagues === null && !error && <p class="muted">Loading…</p>}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {leagues?.length === 0 && <p class="muted">No leagues yet: create one, or join with the code a friend sent you.</p>}
        <ul class="list">
          {leagues?.map((league) => (
            <li key={league.id}>
              <a class="row-link" href={`/leagues/${league.id}`} onClick={onLink}>
                <strong>{league.name}</strong>
                <span class="muted">
                  {eurShort(league.budget)} budget · up to {league.maxManagers} managers
                </span>
              </a>
            </li>
          ))}
        </ul>
        <a class="button primary" href="/leagues/new" onClick={onLink}>
          Create a league
        </a>
      </section>
      <section class="card">
        <h2>Join a league</h2>
        <JoinByCode />
      </section>
    </>
  );
}
