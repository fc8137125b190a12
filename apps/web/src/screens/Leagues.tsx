import { useEffect, useState } from 'preact/hooks';
import type { LeagueDto } from '@fantamercato/leagues';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';
import { eurShort } from '../format.js';
import { onLink } from '../router.js';
import { useSession } from '../session.js';
import { NicknameForm, useJoinLeague } from './joining.js';

/** My leagues, with the two ways in: create one, or join with an invite code. */
export function LeaguesScreen() {
  const session = useSession();
  const [leagues, setLeagues] = useState<LeagueDto[] | null>(null);
  const [error, setError] = useState('');
  const [code, setCode] = useState('');
  const joining = useJoinLeague(() => code.trim());

  useEffect(() => {
    api<LeagueDto[]>('GET', '/leagues').then(setLeagues, (e: ApiError) => setError(explain(e.body)));
  }, []);

  function join(event: SubmitEvent) {
    event.preventDefault();
    void joining.join();
  }

  return (
    <>
      <h1>Ciao, {session?.user.displayName}</h1>
      <section class="card">
        <h2>My leagues</h2>
        {leagues === null && !error && <p class="muted">Loading…</p>}
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
        <form onSubmit={join} class="inline">
          <label>
            Invite code
            <input
              name="code"
              required
              maxLength={40}
              autoCapitalize="characters"
              autoComplete="off"
              placeholder="K7Q2M9XD4TNB"
              value={code}
              onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <button type="submit" disabled={joining.busy}>
            Join
          </button>
        </form>
        <p class="error" role="alert">
          {error || joining.error}
        </p>
        {joining.taken !== null && <NicknameForm taken={joining.taken} busy={joining.busy} onJoin={(nickname) => void joining.join(nickname)} />}
      </section>
    </>
  );
}
