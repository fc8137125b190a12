import type { ErrorBody } from '@fantamercato/core';
import { getSession, setSession } from './session.js';

/** A refusal from the API, with the contract's stable `code` and extra fields (minBid, available …). */
export type ErrorAnswer = Pick<ErrorBody, 'code' | 'message'> & { statusCode?: number; [extra: string]: unknown };

export class ApiError extends Error {
  constructor(readonly body: ErrorAnswer) {
    super(body.message);
  }
  get code(): string {
    return this.body.code;
  }
}

/** JSON over /api/v1 with the session's bearer token; an expired token signs the manager out. */
export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const token = getSession()?.accessToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ code: 'NETWORK', message: 'No connection to the server. Check your network and try again.' });
  }
  const data = await response.json().catch(() => null);
  if (response.ok) return data as T;
  const error = new ApiError(data?.code ? data : { statusCode: response.status, code: 'HTTP_' + response.status, message: response.statusText });
  if (response.status === 401 && token) setSession(null);
  throw error;
}

/** An idempotency key per tap. crypto.randomUUID needs https; getRandomValues works on a LAN's http too. */
export function tapKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
