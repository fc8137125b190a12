import type { ErrorBody, ErrorCode } from '@fantamercato/contract';
import type { ClientCode, ErrorAnswer } from './error-answer.js';
import { endSession, getSession, readStored, setSession, type Session } from './session.js';

export { CLIENT_CODES, type ClientCode, type ErrorAnswer } from './error-answer.js';

export class ApiError extends Error {
  constructor(readonly body: ErrorAnswer) {
    super(body.message);
  }
  get code(): ErrorCode | ClientCode {
    return this.body.code;
  }
}

const OFFLINE: ErrorAnswer = { code: 'NETWORK', message: 'No connection to the server. Check your network and try again.' };
const SIGNED_OUT = 'You have been signed out — sign in again to carry on.';
const ENDED: Record<string, string> = {
  SESSION_REVOKED: 'You were signed out (on this or another device). Sign in again to carry on.',
  SESSION_EXPIRED: 'You have not been here for a while, so you were signed out. Sign in again to carry on.',
};

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function send(method: Method, path: string, body: unknown, token: string | undefined): Promise<Response> {
  try {
    return await fetch(`/api/v1${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(OFFLINE);
  }
}

/**
 * JSON over /api/v1 with the session's bearer token. An expired access token is renewed once and
 * the request sent again; a session that cannot be renewed signs the manager out.
 */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    const token = getSession()?.accessToken;
    const response = await send(method, path, body, token);
    const data = await response.json().catch(() => null);
    if (response.ok) return data as T;
    // Not the API's JSON (a proxy's error page, say): the service is unavailable as far as we can tell.
    const error = new ApiError(
      data?.code
        ? (data as ErrorBody)
        : { statusCode: response.status, code: 'UNAVAILABLE', message: response.statusText || `HTTP ${response.status}` },
    );
    if (response.status !== 401 || !token) throw error;
    if (error.code !== 'TOKEN_EXPIRED' || attempt > 0) {
      endSession(SIGNED_OUT);
      throw error;
    }
    const renewed = await refreshSession(token);
    if (renewed === 'offline') throw new ApiError(OFFLINE);
    if (renewed === 'ended') throw new ApiError({ code: 'SIGNED_OUT', message: SIGNED_OUT });
  }
}

/**
 * Downloads a file the API sends as an attachment (an export): fetched with the session's token
 * (a plain link could not carry it), renewed once if it ran out, then saved under its own name.
 */
export async function download(path: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const token = getSession()?.accessToken;
    const response = await send('GET', path, undefined, token);
    if (response.ok) {
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export';
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement('a'), { href: url, download: name });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return;
    }
    const data = await response.json().catch(() => null);
    const error = new ApiError(
      data?.code
        ? (data as ErrorBody)
        : { statusCode: response.status, code: 'UNAVAILABLE', message: response.statusText || `HTTP ${response.status}` },
    );
    if (response.status !== 401 || error.code !== 'TOKEN_EXPIRED' || attempt > 0) throw error;
    if ((await refreshSession(token)) !== 'ok') throw error;
  }
}

export type Renewal = 'ok' | 'ended' | 'offline';
let renewing: Promise<Renewal> | null = null;

/**
 * A new pair for the session whose access token `stale` has run out. One renewal at a time, shared
 * by every caller waiting on it: refresh tokens are single-use, and spending one twice would end
 * the session. When `stale` is no longer the current token, someone has renewed it already.
 */
export function refreshSession(stale: string | undefined): Promise<Renewal> {
  const session = getSession();
  if (!session) return Promise.resolve('ended');
  if (stale !== undefined && session.accessToken !== stale) return Promise.resolve('ok');
  renewing ??= renew(session).finally(() => (renewing = null));
  return renewing;
}

async function renew(session: Session): Promise<Renewal> {
  // Another tab may have renewed first: its pair is in localStorage, and the one held here is spent.
  const stored = readStored();
  if (stored && stored.user.id === session.user.id && stored.refreshToken !== session.refreshToken) {
    setSession(stored);
    return 'ok';
  }
  let response: Response;
  try {
    response = await send('POST', '/auth/refresh', { refreshToken: session.refreshToken }, undefined);
  } catch {
    return 'offline';
  }
  const data = await response.json().catch(() => null);
  if (response.ok) {
    setSession(data as Session);
    return 'ok';
  }
  if (response.status === 401 || response.status === 400) {
    endSession(ENDED[data?.code] ?? SIGNED_OUT);
    return 'ended';
  }
  return 'offline'; // rate-limited or a server in trouble: keep the session and try again later
}

/**
 * The server refused this session outright (a socket handshake answered SESSION_REVOKED or
 * SESSION_EXPIRED): sign out here with the words for it. True when the code was one of those.
 */
export function endSessionRefused(code: string | undefined): boolean {
  if (!code || !Object.hasOwn(ENDED, code)) return false;
  endSession(ENDED[code]);
  return true;
}

/** Sign out: forget the session here and end it on the server, which drops its sockets. */
export function signOut(): void {
  const session = getSession();
  setSession(null);
  if (!session) return;
  // keepalive: the request outlives the page if the manager closes it right away.
  void fetch('/api/v1/auth/logout', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
    keepalive: true,
  }).catch(() => undefined);
}

/** An idempotency key per tap. crypto.randomUUID needs https; getRandomValues works on a LAN's http too. */
export function tapKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
