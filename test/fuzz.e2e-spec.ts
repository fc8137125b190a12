import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { LiveGateway } from '@fantamercato/live';
import {
  baseValue,
  gatewayMessages,
  OMIT,
  objectPaths,
  propertyPaths,
  resolve,
  routesOf,
  type RouteShape,
  type Schema,
} from './support/api-shapes.js';
import { auth, leagueWith, type Manager } from './support/game.js';
import {
  type Fragment,
  HOSTILE_KEYS,
  RULE_VALUES,
  hostileSegment,
  hostileValue,
  hostileWholeBody,
  withKeyAt,
  withValueAt,
} from './support/hostile-json.js';
import { LiveClient } from './support/live-client.js';
import { rawEmit } from './support/raw-socket.js';
import { registerAdmin, startTestApi, type TestApi } from './support/test-api.js';

/**
 * Property-based fuzzing of every route in the OpenAPI document and every message the live gateway
 * subscribes to, with hostile JSON derived from their shapes: valid-ish inputs with one value or key
 * made hostile, and wholly hostile ones. The caller is a signed-in member of a league with an open
 * auction. Nothing may answer 5xx, every refusal carries a code (HTTP) or is an `{ok:false,error}`
 * ack (Socket.IO), and a refused input leaves the league's events and the managers' money as they were.
 *
 * FUZZ_SEED picks another seed (the one used is printed); FUZZ_RUNS multiplies the number of cases.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_251_205);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const CODE = /^[A-Z][A-Z0-9_]*$/;
/** engine.io closes a connection whose frame is over the gateway's maxHttpBufferSize (64 KiB): that is transport, not a message. */
const SOCKET_FRAME_BUDGET = 60_000;

interface HttpCase {
  at: string;
  value: string;
  method: string;
  url: string;
  body?: string;
}

describe('fuzz: hostile input on every route and socket message', () => {
  let api: TestApi;
  let member: Manager;
  let league: { id: string; inviteCode: string };
  let auctionId: string;
  let players: string[];
  let routes: RouteShape[];
  let doc: Parameters<typeof routesOf>[0];
  let live: LiveClient;
  let counter = 0;

  beforeAll(async () => {
    process.stdout.write(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} reproduces this run), scale ${SCALE}\n`);
    api = await startTestApi();
    const game = await leagueWith(api, 2, { maxManagers: 3, auction: { durationSeconds: 3_600, extendSeconds: 10 } });
    league = game.league;
    // The caller is a manager of the league and an admin, so admin-only routes are fuzzed past their 403.
    member = await registerAdmin(api);
    await api.http().post('/api/v1/leagues/join').set(auth(member)).send({ inviteCode: league.inviteCode }).expect(201);
    const page = await api.http().get('/api/v1/players').query({ limit: 100 });
    players = page.body.items.map((p: { id: string }) => p.id);
    const opened = await api.http().post(`/api/v1/leagues/${league.id}/auctions`).set(auth(member)).send({ playerId: players.pop() });
    expect(opened.status).toBe(201);
    auctionId = opened.body.id;
    await api.http().post(`/api/v1/auctions/${auctionId}/bids`).set(auth(game.managers[1]!)).send({ upTo: 30_000_000 }).expect(201);
    doc = (await api.http().get('/api/docs/openapi.json').expect(200)).body;
    routes = routesOf(doc);
    live = new LiveClient(api.url, member.token);
    await live.connected();
  });
  afterAll(async () => {
    live?.close();
    await api?.close();
  });

  const hints = (property: string): unknown => {
    counter += 1;
    switch (property) {
      case 'playerId':
        return players[counter % players.length];
      case 'auctionId':
        return auctionId;
      case 'leagueId':
        return league.id;
      case 'inviteCode':
        return league.inviteCode;
      case 'email':
        return `fuzz${counter}.${process.pid}@example.com`;
      case 'password':
        return 'correct horse battery staple';
      case 'upTo':
        return 40_000_000;
      case 'amount':
        return OMIT; // upTo bids whatever is next, so a base bid is valid however many came before
      case 'idempotencyKey':
        return `fuzz-${counter}`;
      case 'afterSeq':
        return 0;
      case 'url':
        return `https://example.com/fuzz/${counter}`; // a stored url would answer the stored article
      case 'text':
        return `Il Milan chiede 25 milioni di euro per Kalulu (${counter}).`; // a new article each time, not the stored one
      default:
        return undefined;
    }
  };

  const idFor = (segment: string | undefined) => {
    if (segment === 'leagues') return league.id;
    if (segment === 'auctions') return auctionId;
    if (segment === 'players') return players[0]!;
    return '00000000-0000-4000-8000-000000000000';
  };

  /** The route's url with real ids, or one path parameter replaced. */
  const urlOf = (route: RouteShape, hostile?: { param: string; value: string }) =>
    route.path.replace(/\{([^}]+)\}/g, (_match, name: string, offset: number) => {
      if (hostile?.param === name) return encodeURIComponent(hostile.value);
      return idFor(route.path.slice(0, offset).split('/').filter(Boolean).at(-1));
    });

  /** A valid-ish object for a schema: its required properties and some of the optional ones. */
  const baseObject = (schema: Schema): fc.Arbitrary<Record<string, unknown>> => {
    const properties = Object.keys(schema.properties ?? {});
    const required = new Set(schema.required ?? []);
    return fc.subarray(properties.filter((p) => !required.has(p))).map((optional) => {
      const full = baseValue(doc, schema, hints) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(full).filter(([name]) => required.has(name) || optional.includes(name)));
    });
  };

  /** What a case changed, for the report: failures are told apart by route and by this. */
  type Mutation = { at: string; value: string; json: string };
  const show = (fragment: string) => (fragment.length > 60 ? `${fragment.slice(0, 50)}…(${fragment.length} chars)` : fragment);

  /** Every property of a shape set to each rule value, in an otherwise complete valid-ish object. */
  const ruleMatrix = (schema: Schema): Mutation[] => {
    const base = baseValue(doc, schema, hints) as Record<string, unknown>;
    return [
      ...propertyPaths(doc, schema).flatMap((path) =>
        RULE_VALUES.map((value) => ({
          at: path.join('.'),
          value,
          json: withValueAt(baseValue(doc, schema, hints) as Record<string, unknown>, path, value),
        })),
      ),
      ...objectPaths(doc, schema).flatMap((path) =>
        HOSTILE_KEYS.slice(0, 3).map((key) => ({
          at: `key ${[...path, key].join('.')}`,
          value: '1',
          json: withKeyAt(base, path, key, '{"polluted":true}'),
        })),
      ),
      ...RULE_VALUES.map((value) => ({ at: 'whole', value, json: value })),
    ];
  };

  /** Random cases: one value or one key made hostile in a valid-ish object, or a wholly hostile payload. */
  const hostileObject = (schema: Schema, whole: fc.Arbitrary<Fragment>): fc.Arbitrary<Mutation> => {
    const paths = propertyPaths(doc, schema);
    const objects = objectPaths(doc, schema);
    const variants: fc.Arbitrary<Mutation>[] = [
      whole.map((json) => ({ at: 'whole', value: json, json })),
      fc
        .tuple(baseObject(schema), fc.constantFrom(...objects), fc.constantFrom(...HOSTILE_KEYS), hostileValue)
        .map(([base, path, key, value]) => ({
          at: `key ${[...path, show(key)].join('.')}`,
          value,
          json: withKeyAt(base, path, key, value),
        })),
    ];
    if (paths.length > 0) {
      variants.push(
        fc
          .tuple(baseObject(schema), fc.constantFrom(...paths), hostileValue)
          .map(([base, path, value]) => ({ at: path.join('.'), value, json: withValueAt(base, path, value) })),
      );
    }
    return fc.oneof(...variants);
  };

  /** The league's latest seq and every manager's money: what a refused input must leave alone. */
  type State = { seq: number; money: string; newEvents: number };
  const state = async (since?: State): Promise<State> => {
    const [events, detail] = await Promise.all([
      api
        .http()
        .get(`/api/v1/leagues/${league.id}/events`)
        .query({ after: since?.seq ?? 0, limit: 1000 })
        .set(auth(member)),
      api.http().get(`/api/v1/leagues/${league.id}`).set(auth(member)),
    ]);
    expect(events.status).toBe(200);
    expect(detail.status).toBe(200);
    const money = detail.body.managers.map((m: Record<string, unknown>) => [m.userId, m.budget, m.available, m.committed, m.roster]);
    return { seq: detail.body.lastSeq, money: JSON.stringify(money), newEvents: events.body.items.length };
  };
  /** Events appended (GET /leagues/:id/events) or money moved (GET /leagues/:id) since `before`. */
  const changed = (before: State, after: State) => after.newEvents > 0 || after.seq !== before.seq || after.money !== before.money;

  /** Sends each case and records what broke the rules; the summary names every route and field that failed. */
  async function runHttp(cases: HttpCase[]): Promise<string[]> {
    const problems = new Map<string, string>();
    let before = await state();
    for (const c of cases) {
      let request = api.http()[c.method.toLowerCase() as 'get' | 'post'](c.url).set(auth(member));
      if (c.body !== undefined) request = request.set('Content-Type', 'application/json').send(c.body);
      const response = await request;
      const where = `${c.method} ${c.url
        .split('?')[0]!
        .replace(/[0-9a-f-]{36}/g, ':id')
        .slice(0, 80)} [${c.at}]`;
      const problem = (what: string) =>
        problems.has(`${where} ${what}`) ||
        problems.set(
          `${where} ${what}`,
          `${where}: ${what} for ${show(c.value)} → ${response.status} ${JSON.stringify(response.body).slice(0, 120)}`,
        );
      if (response.status >= 500) problem(`answered ${response.status}`);
      const after = await state(before);
      if (response.status >= 400) {
        if (typeof response.body?.code !== 'string' || !CODE.test(response.body.code)) problem('refused without a code');
        if (changed(before, after)) problem('a refused input changed the league');
      }
      before = after;
    }
    return [...problems.values()];
  }

  it('covers every route of the OpenAPI document and every message of the live gateway', () => {
    const listed = routes.map((r) => `${r.method} ${r.path}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'POST /api/v1/leagues',
        'POST /api/v1/auth/login',
        'POST /api/v1/auctions/{id}/bids',
        'GET /api/v1/leagues/{id}/events',
      ]),
    );
    expect(
      gatewayMessages(LiveGateway)
        .map((m) => m.event)
        .sort(),
    ).toEqual(expect.arrayContaining(['bid.place', 'league.join', 'league.leave']));
  });

  it('HTTP bodies: each rule on every field, then random hostile values, keys and whole bodies', async () => {
    const withBodies = routes.filter((r) => r.body);
    const matrix = withBodies.flatMap((route) =>
      ruleMatrix(route.body!).map((m): HttpCase => ({ ...m, method: route.method, url: urlOf(route), body: m.json })),
    );
    const random = fc.constantFrom(...withBodies).chain((route) =>
      hostileObject(route.body!, hostileWholeBody).map((m): HttpCase => ({
        ...m,
        method: route.method,
        url: urlOf(route),
        body: m.json,
      })),
    );
    const cases = [...matrix, ...fc.sample(random, { numRuns: runs(100), seed: SEED })];
    process.stdout.write(`fuzz: ${cases.length} bodies over ${withBodies.length} routes\n`);
    expect(await runHttp(cases)).toEqual([]);
  }, 120_000);

  it('HTTP path and query parameters: hostile segments, repeated, nested and prototype-shaped names', async () => {
    const arbitrary = fc
      .constantFrom(...routes.filter((r) => r.pathParams.length > 0 || r.query.length > 0 || r.method === 'GET'))
      .chain((route) => {
        const body = route.body ? JSON.stringify(baseValue(doc, route.body, hints)) : undefined;
        const variants: fc.Arbitrary<HttpCase>[] = [];
        if (route.pathParams.length > 0) {
          variants.push(
            fc.tuple(fc.constantFrom(...route.pathParams), hostileSegment).map(([param, value]) => ({
              at: `path ${param}`,
              value: JSON.stringify(value),
              method: route.method,
              url: urlOf(route, { param, value }),
              body,
            })),
          );
        }
        // Query strings only matter where a route reads one (its declared parameters, or any GET).
        const names = [...route.query.map((q) => q.name), '__proto__', 'constructor'];
        if (route.query.length > 0 || route.method === 'GET')
          variants.push(
            fc
              .tuple(fc.constantFrom(...names), hostileSegment, fc.constantFrom('plain', 'repeated', 'nested', 'bracket-proto'))
              .map(([name, value, form]) => {
                const v = encodeURIComponent(value);
                const query = {
                  plain: `${name}=${v}`,
                  repeated: `${name}=${v}&${name}=${v}`,
                  nested: `${name}[a]=${v}`,
                  'bracket-proto': `${name}[__proto__][x]=${v}`,
                }[form];
                return {
                  at: `query ${form} ${name}`,
                  value: JSON.stringify(value),
                  method: route.method,
                  url: `${urlOf(route)}?${query}`,
                  body,
                };
              }),
          );
        return fc.oneof(...variants);
      });
    const cases = fc.sample(arbitrary, { numRuns: runs(100), seed: SEED + 1 });
    expect(await runHttp(cases)).toEqual([]);
  }, 120_000);

  it('Socket.IO: every message with an ack is answered {ok,…}, refusals change nothing, the socket stays usable', async () => {
    const messages = gatewayMessages(LiveGateway);
    const small = (f: Fragment) => f.length < SOCKET_FRAME_BUDGET;
    const deepest = ['['.repeat(30_000) + ']'.repeat(30_000), '{"a":'.repeat(9_000) + '1' + '}'.repeat(9_000)];
    type SocketCase = { at: string; value: string; event: string; args: string; attachments?: Buffer[]; ack: boolean };
    const placeholder = '{"_placeholder":true,"num":0}';
    const fixed = messages.flatMap(({ event, schema }): SocketCase[] => [
      ...ruleMatrix(schema)
        .filter((m) => small(m.json))
        .map((m) => ({ ...m, event, args: m.json, ack: true })),
      ...deepest.map((value) => ({ at: 'whole', value, event, args: value, ack: true })),
      { at: 'two arguments', value: '{},{}', event, args: '{},{}', ack: true },
      { at: 'no payload', value: '', event, args: '', ack: true },
      { at: 'binary', value: placeholder, event, args: placeholder, attachments: [Buffer.from('binary')], ack: true },
      {
        at: 'binary nested 30,000 deep',
        value: placeholder,
        event,
        args: '['.repeat(30_000) + placeholder + ']'.repeat(30_000),
        attachments: [Buffer.from('x')],
        ack: true,
      },
      { at: 'valid-ish, no ack', value: '', event, args: JSON.stringify(baseValue(doc, schema, hints)), ack: false },
      { at: 'NUL, no ack', value: '"\\u0000"', event, args: '"\\u0000"', ack: false },
    ]);
    const unknownEvents = ['nope', 'constructor', '__proto__', 'toString', 'x'.repeat(300), 'bid.place\u0000'];
    const random = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.constantFrom(...messages).chain(({ event, schema }) =>
          fc.oneof(
            hostileObject(schema, hostileWholeBody.filter(small))
              .filter((m) => small(m.json))
              .map((m): SocketCase => ({ ...m, event, args: m.json, ack: true })),
            fc
              .tuple(hostileValue.filter(small), hostileValue.filter(small))
              .map(([a, b]): SocketCase => ({ at: 'two arguments', value: `${a},${b}`, event, args: `${a},${b}`, ack: true })),
          ),
        ),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...unknownEvents), hostileValue.filter(small))
          .map(([event, args]): SocketCase => ({ at: 'unknown event', value: args, event, args, ack: true })),
      },
    );
    const cases = [...fixed, ...fc.sample(random, { numRuns: runs(120), seed: SEED + 2 })];
    process.stdout.write(`fuzz: ${cases.length} socket messages\n`);

    const problems = new Map<string, string>();
    let before = await state();
    for (const c of cases) {
      const where = `${c.event.slice(0, 30)} [${c.at}]`;
      const problem = (what: string, detail = '') =>
        problems.has(`${where} ${what}`) || problems.set(`${where} ${what}`, `${where}: ${what} for ${show(c.value)} ${detail}`);
      if (!live.socket.connected) {
        live = new LiveClient(api.url, member.token);
        await live.connected();
      }
      const outcome = await rawEmit(live.socket, c.event, c.args, {
        attachments: c.attachments,
        ack: c.ack,
        timeoutMs: c.ack ? 2_000 : 200,
      });
      let refused = !c.ack;
      if (!c.ack) {
        if (outcome.acked) problem('answered a message sent without an ack');
      } else if (!outcome.acked) {
        problem('no ack');
      } else {
        const ack = outcome.ack as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
        if (typeof ack?.ok !== 'boolean') problem('an ack without ok', JSON.stringify(ack).slice(0, 120));
        else if (!ack.ok) {
          refused = true;
          if (typeof ack.error?.code !== 'string' || !CODE.test(ack.error.code) || typeof ack.error.message !== 'string')
            problem('a refusal without {code,message}', JSON.stringify(ack).slice(0, 120));
          if (ack.error?.code === 'INTERNAL') problem('answered INTERNAL', JSON.stringify(ack).slice(0, 120));
        }
      }
      const usable = live.socket.connected
        ? await rawEmit(live.socket, 'league.join', JSON.stringify({ leagueId: league.id }))
        : ({ acked: false } as const);
      if (!usable.acked) problem('the socket was not usable afterwards', live.socket.connected ? '(no ack)' : '(disconnected)');
      const after = await state(before);
      if (refused && changed(before, after)) problem('a refused or ignored message changed the league');
      before = after;
    }
    expect([...problems.values()]).toEqual([]);
  }, 120_000);
});
