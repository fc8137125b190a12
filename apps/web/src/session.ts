import { useEffect, useState } from 'preact/hooks';
import type { SessionDto } from '@fantamercato/auth';

/** The signed-in manager, kept in localStorage so a phone stays signed in between auction nights. */
const KEY = 'fantamercato.session';
type Session = SessionDto;

let current: Session | null = read();
const listeners = new Set<(s: Session | null) => void>();

function read(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null): void {
  current = session;
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  for (const listener of listeners) listener(session);
}

export function useSession(): Session | null {
  const [session, set] = useState(current);
  useEffect(() => {
    listeners.add(set);
    return () => void listeners.delete(set);
  }, []);
  return session;
}
