import { useState } from 'preact/hooks';
import type { Membership } from '@fantamercato/contract';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';
import { navigate } from '../router.js';

/**
 * Joining by invite code, from the code form or an invite link. When the league already has a
 * manager with the same name (409 DISPLAY_NAME_TAKEN), the manager picks a league nickname and
 * joins with it: `taken` holds the name that clashed, for the nickname form.
 */
export function useJoinLeague(inviteCode: () => string, joined?: (leagueId: string) => void) {
  const [taken, setTaken] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function join(nickname?: string): Promise<void> {
    setError('');
    setBusy(true);
    try {
      const body = nickname === undefined ? { inviteCode: inviteCode() } : { inviteCode: inviteCode(), nickname };
      const membership = await api<Membership>('POST', '/leagues/join', body);
      if (joined) joined(membership.leagueId);
      else navigate(`/leagues/${membership.leagueId}`, true);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'DISPLAY_NAME_TAKEN')
        setTaken(typeof e.body.displayName === 'string' ? e.body.displayName : '');
      setError(e instanceof ApiError ? explain(e.body) : 'Something went wrong.');
    } finally {
      setBusy(false);
    }
  }
  return { join, taken, error, busy };
}

/** "Your name in this league": shown when the account's name is taken there. */
export function NicknameForm({ taken, busy, onJoin }: { taken: string; busy: boolean; onJoin: (nickname: string) => void }) {
  function submit(event: SubmitEvent) {
    event.preventDefault();
    onJoin(String(new FormData(event.currentTarget as HTMLFormElement).get('nickname')));
  }
  return (
    <form onSubmit={submit} class="inline" data-testid="nickname-form">
      <label>
        Your name in this league
        <input
          name="nickname"
          required
          minLength={2}
          maxLength={32}
          autoComplete="nickname"
          placeholder={taken ? `${taken} 2` : 'Il Presidente'}
        />
      </label>
      <button type="submit" class="primary" disabled={busy}>
        Join with this name
      </button>
    </form>
  );
}

/**
 * The invite-code form, with the nickname form when the name is taken. The placeholder says what
 * to type rather than showing something that looks like a real code.
 */
export function JoinByCode({ joined }: { joined?: (leagueId: string) => void }) {
  const [code, setCode] = useState('');
  const joining = useJoinLeague(() => code.trim(), joined);
  function submit(event: SubmitEvent) {
    event.preventDefault();
    void joining.join();
  }
  return (
    <>
      <form onSubmit={submit} class="inline" data-testid="join-by-code">
        <label class="grow">
          Invite code
          <input
            name="code"
            required
            maxLength={40}
            autoCapitalize="characters"
            autoComplete="off"
            placeholder="the code from your invite"
            value={code}
            onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" disabled={joining.busy}>
          Join
        </button>
      </form>
      <p class="error" role="alert">
        {joining.error}
      </p>
      {joining.taken !== null && (
        <NicknameForm taken={joining.taken} busy={joining.busy} onJoin={(nickname) => void joining.join(nickname)} />
      )}
    </>
  );
}
