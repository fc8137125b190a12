import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { auth, leagueWith, moves, playerId, type Manager } from './support/game.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

/** What a league settles disputes with: rosters, bids and the log, as JSON and CSV, members only. */
describe('league exports', () => {
  let api: TestApi;
  let league: { id: string; inviteCode: string };
  let anna: Manager;
  let bruno: Manager;
  const { open, bid } = moves(() => api);
  const exported = (who: Manager, query: Record<string, string>) =>
    api.http().get(`/api/v1/leagues/${league.id}/export`).query(query).set(auth(who));

  beforeAll(async () => {
    api = await startTestApi();
    anna = await registerUser(api, { displayName: '=HYPERLINK("x")' });
    bruno = await registerUser(api, { displayName: 'Bruno' });
    league = (await api.http().post('/api/v1/leagues').set(auth(anna)).send({ name: 'Lega' }).expect(201)).body;
    await api.http().post('/api/v1/leagues/join').set(auth(bruno)).send({ inviteCode: league.inviteCode }).expect(201);
    const gabbia = await playerId(api, 'Matteo Gabbia');
    await api
      .http()
      .post(`/api/v1/leagues/${league.id}/commissioner/assign`)
      .set(auth(anna))
      .send({ playerId: gabbia, userId: bruno.user.id, price: 4_000_000, reason: 'table' })
      .expect(201);
    const { body: auction } = await open(anna, league.id, { playerId: await playerId(api, 'Pierre Kalulu') }).expect(201);
    await bid(bruno, auction.id, { amount: 5_000_000 }).expect(201);
    await bid(anna, auction.id, { amount: 6_000_000 }).expect(201);
  });
  afterAll(() => api.close());

  it('rosters as JSON: who paid what, and how', async () => {
    const { body } = await exported(anna, { what: 'rosters' }).expect(200).expect('content-type', /json/);
    expect(body.items).toEqual([
      expect.objectContaining({
        manager: 'Bruno',
        userId: bruno.user.id,
        player: 'Matteo Gabbia',
        position: 'DEF',
        price: 4_000_000,
        source: 'assigned',
        auctionId: null,
      }),
    ]);
  });

  it('bids as CSV, in order, with a header, and a name that looks like a formula escaped', async () => {
    const res = await exported(bruno, { what: 'bids', format: 'csv' })
      .expect(200)
      .expect('content-type', /text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="league-[0-9a-f]{8}-bids\.csv"$/);
    const rows: Record<string, string>[] = parse(res.text, { columns: true });
    expect(rows.map((r) => [r.player, r.bidder, r.amount])).toEqual([
      ['Pierre Kalulu', 'Bruno', '5000000'],
      ['Pierre Kalulu', `'=HYPERLINK("x")`, '6000000'],
    ]);
  });

  it('the log (default) with every event and its data, the commissioner’s reason among it', async () => {
    const { body } = await exported(anna, {}).expect(200);
    expect(body.items.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(body.items.map((e: { type: string }) => e.type)).toEqual([
      'member.joined',
      'member.joined',
      'player.assigned',
      'auction.opened',
      'bid.accepted',
      'bid.accepted',
    ]);
    expect(body.items[2].data).toMatchObject({ by: anna.user.id, reason: 'table' });
    const csv = await exported(anna, { what: 'events', format: 'csv' }).expect(200);
    expect(parse(csv.text, { columns: true })[2]).toMatchObject({ seq: '3', type: 'player.assigned' });
  });

  it('is for members: a stranger gets 404; a bad `what` or `format` is 400', async () => {
    const stranger = await registerUser(api);
    expect((await exported(stranger, { what: 'rosters' }).expect(404)).body.code).toBe('LEAGUE_NOT_FOUND');
    expect((await exported(anna, { what: 'passwords' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await exported(anna, { format: 'xlsx' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});
