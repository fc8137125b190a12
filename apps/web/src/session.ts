import { useEffect, useState } from 'preact/hooks';
import type { Session as SessionDto } from '@fantamercato/contract';

/**
 * The signed-in manager, kept in localStorage so a phone stays signed in between auction nights:
 * a short-lived access token and the single-use refresh token that renews it.
 */
const KEY = 'fantamercato.session';
export type Session = SessionDto;

let current: Session | null = readStored();
/** Why the manager was signed out without asking (shown on the sign-in screen), until the next sign-in. */
let notice = '';
const listeners = new Set<(s: Session | null) => void>();

/** What localStorage holds now; another tab may have written a newer pair there. */
export function readStored(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    const session = raw ? (JSON.parse(raw) as Partial<Session>) : null;
    // A session saved before refresh tokens existed cannot be renewed: sign in again.
    return session?.accessToken && session.refreshToken && session.user ? (session as Session) : null;
  } catch {
    return null;
  }
}

function publish(session: Session | null): void {
  current = session;
  for (const listener of listeners) listener(session);
}

// Tabs share one session: a pair refreshed (or a sign-out) in one is the pair of all.
window.addEventListener('storage', (event) => {
  if (event.key === KEY) publish(readStored());
});

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null): void {
  if (session) {
    notice = '';
    localStorage.setItem(KEY, JSON.stringify(session));
  } else localStorage.removeItem(KEY);
  publish(session);
}

/** Signs out here, saying why in plain words on the sign-in screen. */
export function endSession(why: string): void {
  notice = why;
  setSession(null);
}

export function sessionNotice(): string {
  return notice;
}

export function useSession(): Session | null {
  const [session, set] = useState(current);
  useEffect(() => {
    listeners.add(set);
    return () => void listeners.delete(set);
  }, []);
  return session;
}
