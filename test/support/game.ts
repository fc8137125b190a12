import { registerUser, type TestApi } from './test-api.js';

export type Manager = Awaited<ReturnType<typeof registerUser>>;

export const auth = (manager: { token: string }) => ({ Authorization: `Bearer ${manager.token}` });

/** A league created by the first manager and joined by the others. */
export async function leagueWith(api: TestApi, count: number, rules: Record<string, unknown> = {}) {
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
  return { league: created.body as { id: string; inviteCode: string }, managers };
}

export async function playerId(api: TestApi, q: string): Promise<string> {
  const { body } = await api.http().get('/api/v1/players').query({ q });
  if (!body.items[0]) throw new Error(`no player matches ${q}`);
  return body.items[0].id;
}
