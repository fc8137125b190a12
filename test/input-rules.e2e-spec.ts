import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth, leagueWith, playerId, type Manager, moves } from './support/game.js';
import { LiveClient } from './support/live-client.js';
import { rawEmit } from './support/raw-socket.js';
import { registerAdmin, startTestApi, type TestApi } from './support/test-api.js';

const deepArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const fieldsOf = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((f) => f.field);

/** The findings of issue 10 item 4, one by one: each answered 500 or no ack before the input layer. */
describe('the input rules, over HTTP and Socket.IO', () => {
  let api: TestApi;
  let managers: Manager[];
  let league: { id: string; inviteCode: string };
  let auctionId: string;
  let live: LiveClient;

  beforeAll(async () => {
    api = await startTestApi();
    ({ league, managers } = await leagueWith(api, 2, { auction: { durationSeconds: 3_600 } }));
    const opened = await moves(api)
      .open(managers[0]!, league.id, { playerId: await playerId(api, 'kalulu') })
      .expect(201);
    auctionId = opened.body.id;
    live = new LiveClient(api.url, managers[1]!.token);
    await live.connected();
  });
  afterAll(async () => {
    live?.close();
    await api?.close();
  });

  const json = (path: string, body: string, manager?: Manager) => {
    const request = api.http().post(`/api/v1${path}`).set('Content-Type', 'application/json');
    return (manager ? request.set(auth(manager)) : request).send(body);
  };
  const leagueState = async () => {
    const [events, detail] = await Promise.all([
      api.http().get(`/api/v1/leagues/${league.id}/events`).set(auth(managers[0]!)),
      api.http().get(`/api/v1/leagues/${league.id}`).set(auth(managers[0]!)),
    ]);
    return JSON.stringify([events.body.items, detail.body.managers]);
  };

  it.each([
    [
      'auction.durationSeconds in POST /leagues',
      '/leagues',
      '{"name":"Lega","auction":{"durationSeconds":null}}',
      'auction.durationSeconds',
    ],
    ['auction.minIncrement in POST /leagues', '/leagues', '{"name":"Lega","auction":{"minIncrement":null}}', 'auction.minIncrement'],
    ['a roster quota in POST /leagues', '/leagues', '{"name":"Lega","roster":{"GK":[null,3]}}', 'roster.GK[0]'],
  ])('null for %s → 400 VALIDATION_FAILED naming it (was 500)', async (_name, path, body, field) => {
    const response = await json(path, body, managers[0]);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(response.body)).toEqual([field]);
  });

  it('null for openingBid and idempotencyKey → 400, and the league is unchanged (was 500)', async () => {
    const before = await leagueState();
    const opened = await json(
      `/leagues/${league.id}/auctions`,
      JSON.stringify({ playerId: await playerId(api, 'leao'), openingBid: null }),
      managers[0],
    );
    expect([opened.status, opened.body.code, fieldsOf(opened.body)]).toEqual([400, 'VALIDATION_FAILED', ['openingBid']]);
    const bid = await json(`/auctions/${auctionId}/bids`, '{"amount":30000000,"idempotencyKey":null}', managers[1]);
    expect([bid.status, bid.body.code, fieldsOf(bid.body)]).toEqual([400, 'VALIDATION_FAILED', ['idempotencyKey']]);
    expect(await leagueState()).toBe(before);
  });

  it.each([
    ['constructor.prototype as email', '{"email":{"constructor":{"prototype":{}}},"password":"long enough pw"}', 'email.constructor'],
    ['__proto__ at the top', '{"email":"g@example.com","password":"long enough pw","__proto__":{"isAdmin":true}}', '__proto__'],
    ['prototype as password', '{"email":"g@example.com","password":{"prototype":1}}', 'password.prototype'],
  ])('login with %s → 400 VALIDATION_FAILED naming the key (was 500)', async (_name, body, field) => {
    const response = await json('/auth/login', body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(response.body)).toContain(field);
  });

  it('a body nested 100,000 levels deep is refused at parsing, before sign-in and after (was 500)', async () => {
    for (const [path, manager] of [
      ['/auth/register', undefined],
      ['/auth/login', undefined],
      ['/leagues', managers[0]],
    ] as const) {
      const started = performance.now();
      const response = await json(path, `{"email":${deepArrays(100_000)}}`, manager);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.fields).toEqual([
        { field: expect.stringMatching(/^email\[0\]/), problems: [expect.stringContaining('nested more than 8 levels')] },
      ]);
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });

  it('the depth limit leaves room for the deepest DTO: 8 levels are fine, 9 are not', async () => {
    const eight = await json('/leagues', `{"name":${'['.repeat(7)}"x"${']'.repeat(7)}}`, managers[0]);
    expect(eight.body.fields).toEqual([{ field: 'name', problems: expect.not.arrayContaining([expect.stringContaining('nested')]) }]);
    const nine = await json('/leagues', `{"name":${'['.repeat(8)}"x"${']'.repeat(8)}}`, managers[0]);
    expect(nine.body.fields[0].problems[0]).toContain('nested more than 8 levels');
  });

  it.each([['1e400'], ['9007199254740993'], ['-1e308']])('an unsafe number (%s) → 400 naming the field', async (number) => {
    const response = await json('/leagues', `{"name":"Lega","budget":${number}}`, managers[0]);
    expect([response.status, response.body.code, fieldsOf(response.body)]).toEqual([400, 'VALIDATION_FAILED', ['budget']]);
  });

  it.each([
    ['-200000-01-01', 400],
    ['9999-12-31T23:59:59Z', 400],
    ['1989-12-31T23:59:59Z', 400],
    [new Date(Date.now() + 2 * 86_400_000).toISOString(), 400],
    [1652688000000, 400],
    ['2022-02-30T00:00:00Z', 400],
    ['1990-01-01T00:00:00Z', 201],
    [new Date(Date.now() + 12 * 3_600_000).toISOString(), 201],
  ])('POST /news publishedAt %s → %s (the contract: 1990-01-01 to now + 1 day)', async (publishedAt, status) => {
    const text = `Il Milan chiede 25 milioni di euro per Kalulu (${String(publishedAt)}).`;
    const response = await json('/news', JSON.stringify({ text, publishedAt }), await registerAdmin(api)); // storing news is for admins
    expect(response.status).toBe(status);
    if (status === 400) expect([response.body.code, fieldsOf(response.body)]).toEqual(['VALIDATION_FAILED', ['publishedAt']]);
  });

  it('query strings follow the same rules: prototype-shaped names, NUL, repeated values', async () => {
    for (const query of ['__proto__=1', 'constructor[prototype]=1', 'q=%00', 'limit=1&limit=2']) {
      const response = await api.http().get(`/api/v1/players?${query}`);
      expect([query, response.status, response.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
    }
  });

  describe('Socket.IO', () => {
    const usable = async () => expect(await live.request('league.join', { leagueId: league.id })).toMatchObject({ ok: true });

    it.each([
      ['a NUL string as the whole payload', 'league.join', '"\\u0000"', ['body']],
      ['NUL inside league.join', 'league.join', `{"leagueId":"a\\u0000b"}`, ['leagueId']],
      ['NUL inside bid.place', 'bid.place', `{"auctionId":"a\\u0000b","amount":30000000}`, ['auctionId']],
      ['null inside bid.place', 'bid.place', `{"auctionId":"x","amount":30000000,"idempotencyKey":null}`, ['idempotencyKey']],
      ['a payload nested 30,000 levels deep', 'bid.place', deepArrays(30_000), ['body']],
      ['a prototype-shaped key', 'league.join', '{"leagueId":"x","__proto__":{"a":1}}', ['__proto__']],
    ])('%s → an ack VALIDATION_FAILED naming the field (was no ack), then the socket still works', async (_name, event, args, fields) => {
      const outcome = await rawEmit(live.socket, event, args);
      expect(outcome.acked).toBe(true);
      const ack = (outcome as { ack: { ok: boolean; error: { code: string; fields: { field: string }[] } } }).ack;
      expect(ack.ok).toBe(false);
      expect(ack.error.code).toBe('VALIDATION_FAILED');
      expect(ack.error.fields.map((f) => f.field)).toEqual(fields);
      await usable();
    });

    it.each([
      ['several arguments', '{},{}', undefined],
      ['no payload', '', undefined],
      ['a binary payload', '{"_placeholder":true,"num":0}', [Buffer.from('bytes')]],
      [
        'a binary attachment nested 15,000 levels deep (overflowed the parser, which closed the connection)',
        deepArrays(15_000).replace('[]', '[{"_placeholder":true,"num":0}]'),
        [Buffer.from('x')],
      ],
    ])('%s → an ack VALIDATION_FAILED, and the socket stays connected and usable', async (_name, args, attachments) => {
      const outcome = await rawEmit(live.socket, 'bid.place', args, { attachments });
      expect(outcome).toMatchObject({ acked: true, ack: { ok: false, error: { code: 'VALIDATION_FAILED', message: expect.any(String) } } });
      expect(live.socket.connected).toBe(true);
      await usable();
    });

    it('an unknown event with an ack → UNKNOWN_EVENT (was no answer at all)', async () => {
      for (const event of ['nope', 'constructor', '__proto__']) {
        expect(await live.request(event, {})).toEqual({ ok: false, error: { code: 'UNKNOWN_EVENT', message: expect.any(String) } });
      }
      await usable();
    });

    it('a message without an ack is ignored: a valid bid sent that way places nothing', async () => {
      const before = await leagueState();
      live.socket.emit('bid.place', { auctionId, upTo: 40_000_000 });
      live.socket.emit('nope', {});
      await usable(); // the socket handles messages in order: by now the bid would have been placed
      expect(await leagueState()).toBe(before);
      const placed = await live.request('bid.place', { auctionId, upTo: 40_000_000 });
      expect(placed).toMatchObject({ ok: true });
    });
  });

  it('the structural rules run at parsing, before authentication: a deep anonymous body is 400, not a 500 or a walk', async () => {
    const anonymous = await json('/leagues', `{"name":${deepArrays(100_000)}}`);
    expect([anonymous.status, anonymous.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
