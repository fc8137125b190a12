import { useEffect, useState } from 'preact/hooks';
import type { MembershipDto } from '@fantamercato/leagues';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';
import { navigate, onLink } from '../router.js';

/** /join/<code>: the invite link. Signed in (the app asks first), it joins and opens the league. */
export function JoinScreen({ code }: { code: string }) {
  const [error, setError] = useState('');
  useEffect(() => {
    api<MembershipDto>('POST', '/leagues/join', { inviteCode: code }).then(
      (membership) => navigate(`/leagues/${membership.leagueId}`, true),
      (e) => setError(e instanceof ApiError ? explain(e.body) : 'Something went wrong.'),
    );
  }, [code]);
  return (
    <section class="card narrow">
      <h1>Joining the league…</h1>
      <p class="error" role="alert">
        {error}
      </p>
      {error && (
        <a href="/" onClick={onLink}>
          Back to my leagues
        </a>
      )}
    </section>
  );
}
