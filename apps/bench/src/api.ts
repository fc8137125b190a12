/** The bench's only way into the product: the public HTTP contract. */
export class Api {
  constructor(readonly baseUrl: string) {}

  async call<T = any>(method: string, route: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}/api/v1${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async register(name: string): Promise<{ token: string; userId: string }> {
    const { status, body } = await this.call('POST', '/auth/register', undefined, {
      email: `${name}.${process.pid}.${Math.random().toString(36).slice(2)}@bench.local`,
      password: 'bench password 1234',
      displayName: name,
    });
    if (status !== 201) throw new Error(`register ${name}: ${status} ${JSON.stringify(body)}`);
    return { token: body.accessToken, userId: body.user.id };
  }

  /** A league whose rules never get in the way of a load test: deep pockets, room for 50. */
  async league(owner: { token: string }, members: { token: string }[], name: string): Promise<{ id: string }> {
    const created = await this.call('POST', '/leagues', owner.token, {
      name,
      maxManagers: 20,
      budget: 1_000_000_000_000,
      roster: { size: 50, GK: [0, 50], DEF: [0, 50], MID: [0, 50], FWD: [0, 50] },
      auction: { durationSeconds: 604_800, extendSeconds: 0, minIncrement: 1, minPrice: 1 },
    });
    if (created.status !== 201) throw new Error(`league: ${created.status} ${JSON.stringify(created.body)}`);
    for (const member of members) {
      const joined = await this.call('POST', '/leagues/join', member.token, { inviteCode: created.body.inviteCode });
      if (joined.status !== 201) throw new Error(`join: ${joined.status}`);
    }
    return { id: created.body.id };
  }

  async players(count: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    while (ids.length < count) {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await this.call(
        'GET',
        `/players?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      ids.push(...page.body.items.map((p) => p.id));
      cursor = page.body.nextCursor;
      if (!cursor) break;
    }
    return ids.slice(0, count);
  }

  async openAuction(token: string, leagueId: string, playerId: string): Promise<{ id: string; openingPrice: number }> {
    const { status, body } = await this.call('POST', `/leagues/${leagueId}/auctions`, token, { playerId });
    if (status !== 201) throw new Error(`open auction: ${status} ${JSON.stringify(body)}`);
    return body;
  }
}

/** Runs `count` async tasks with at most `width` at once. */
export async function inBatches<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      for (let i = next++; i < count; i = next++) results[i] = await task(i);
    }),
  );
  return results;
}
