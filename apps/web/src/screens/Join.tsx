import { useEffect } from 'preact/hooks';
import { onLink } from '../router.js';
import { NicknameForm, useJoinLeague } from './joining.js';

/** /join/<code>: the invite link. Signed in (the app asks first), it joins and opens the league. */
export function JoinScreen({ code }: { code: string }) {
  const { join, taken, error, busy } = useJoinLeague(() => code);
  useEffect(() => void join(), [code]);
  return (
    <section class="card narrow">
      <h1>Joining the league…</h1>
      <p class="error" role="alert">
        {error}
      </p>
      {taken !== null && <NicknameForm taken={taken} busy={busy} onJoin={(nickname) => void join(nickname)} />}
      {error && (
        <a href="/" onClick={onLink}>
          Back to my leagues
        </a>
      )}
    </section>
  );
}
