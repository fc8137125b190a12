import { useState } from 'preact/hooks';
import type { Session } from '@fantamercato/contract';
import { api, ApiError } from '../api.js';
import { explain } from '../errors.js';
import { setSession } from '../session.js';

/** Sign up or sign in; the token is kept in localStorage and the current route carries on. */
export function AuthScreen({ note }: { note?: string }) {
  const [mode, setMode] = useState<'register' | 'login'>('register');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const body: Record<string, string> = { email: String(form.get('email')), password: String(form.get('password')) };
    if (mode === 'register') body.displayName = String(form.get('displayName')).trim();
    setBusy(true);
    setError('');
    try {
      setSession(await api<Session>('POST', mode === 'register' ? '/auth/register' : '/auth/login', body));
    } catch (e) {
      setError(e instanceof ApiError ? explain(e.body) : 'Something went wrong.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card narrow">
      <h1>{mode === 'register' ? 'Create your account' : 'Sign in'}</h1>
      <p class="muted">{note ?? 'Bid live for real players, priced from the transfer news.'}</p>
      <form onSubmit={submit}>
        {mode === 'register' && (
          <label>
            Your name in the league
            <input name="displayName" required maxLength={60} autoComplete="nickname" />
          </label>
        )}
        <label>
          Email
          <input name="email" type="email" required autoComplete="email" />
        </label>
        <label>
          Password {mode === 'register' && <span class="hint">(at least 10 characters, not a common password)</span>}
          <input
            name="password"
            type="password"
            required
            minLength={mode === 'register' ? 10 : 1}
            autoComplete={mode === 'register' ? 'new-password' : 'current-password'}
          />
        </label>
        <p class="error" role="alert">
          {error}
        </p>
        <button type="submit" class="primary" disabled={busy}>
          {mode === 'register' ? 'Create account' : 'Sign in'}
        </button>
      </form>
      <p>
        {mode === 'register' ? 'Already have an account? ' : 'New here? '}
        <button type="button" class="link" onClick={() => (setMode(mode === 'register' ? 'login' : 'register'), setError(''))}>
          {mode === 'register' ? 'Sign in' : 'Create an account'}
        </button>
      </p>
    </section>
  );
}
