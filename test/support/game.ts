import { readFileSync } from 'node:fs';
import path from 'node:path';
import { registerUser, type TestApi } from './test-api.js';

export type Manager = Awaited<ReturnType<typeof registerUser>>;

export const auth = (manager: { token: string }) => ({ Authorization: `Bearer ${manager.token}` });

/** The article the product was born from: AC Milan could ask about €25M for Pierre Kalulu. */
export const SEED_ARTICLE = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'seed-kalulu-it.txt'), 'utf8');

/** A tuple of N managers, so `const { managers: [anna, bruno] } = …` needs no cast and no `!`. */
type Managers<N extends number, R extends Manager[] = []> = number extends N
  ? Manager[]
  : R['length'] extends N
    ? R
    : Managers<N, [...R, Manager]>;

/** A league created by the first manager and joined by the others. */
export async function leagueWith<N extends number>(
  api: TestApi,
  count: N,
  rules: Record<string, unknown> = {},
): Promise<{ league: { id: string; inviteCode: string }; managers: Managers<N> }> {
  const managers: Manager[] = [];
  for (let i = 0; i < count; i += 1) managers.push(await registerUser(api));
  const created = await api
    .http()
    .post('/api/v1/leagues')
    .set(auth(managers[0]!))
    .send({ name: 'Lega del Bar', maxManagers: Math.max(count, 2), ...rules });
  if (created.status !== 201) throw new Error(`league not created: ${JSON.stringify(created.body)}`);
  for (const manager of managers.slice(1)) {
    await api.http().post('/api/v1/leagues/join').set(auth(manager)).send({ inviteCode: created.body.inviteCode }).expect(201);
  }
  return { league: created.body as { id: string; inviteCode: string }, managers: managers as Managers<N> };
}

export async function playerId(api: TestApi, q: string): Promise<string> {
  const { body } = await api.http().get('/api/v1/players').query({ q });
  if (!body.items[0]) throw new Error(`no player matches ${q}`);
  return body.items[0].id;
}

/**
 * The game's moves over HTTP, as a manager makes them: open an auction, bid on one, read the
 * league's events. Each returns the request (assert with `.expect(…)`; bodies may be bad on purpose);
 * `events` the items. Takes
 * the api or a getter of it, for suites whose api starts in beforeAll.
 */
export function moves(apiOrGetter: TestApi | (() => TestApi)) {
  const http = () => (typeof apiOrGetter === 'function' ? apiOrGetter() : apiOrGetter).http();
  return {
    open: (who: { token: string }, leagueId: string, body: object) =>
      http().post(`/api/v1/leagues/${leagueId}/auctions`).set(auth(who)).send(body),
    bid: (who: { token: string }, auctionId: string, body: object) =>
      http().post(`/api/v1/auctions/${auctionId}/bids`).set(auth(who)).send(body),
    events: async (who: { token: string }, leagueId: string, after = 0) =>
      (await http().get(`/api/v1/leagues/${leagueId}/events`).query({ after, limit: 1000 }).set(auth(who)).expect(200)).body.items as {
        seq: number;
        type: string;
        data: Record<string, unknown>;
      }[],
  };
}
