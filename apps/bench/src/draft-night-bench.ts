// How many draft-night leagues one machine carries: `npm run bench:draft`. Printed figures, not a test.
//
// N turns leagues ("asta a chiamata") of 10 managers run their drafts at once, every manager on his own
// Socket.IO connection to /live, joined to his league; N grows step by step (BENCH_DRAFT_STEPS) until the
// p99 of a bid's acknowledgement or the p99 of bid → watcher passes BENCH_DRAFT_P99_MS (100 ms). Run for
// one API process, then for two behind the Redis adapter (REDIS_URL, default redis://127.0.0.1:6379), each
// manager's HTTP and socket on process (his index in the league) % 2 — so most bids made on one process
// must reach watchers on the other.
//
// Measures, for bids sent in the measured window of a step (after a warm-up):
//   ack        the HTTP round trip of POST /auctions/:id/bids as the client sees it (accepted and refused);
//   bid → watcher  from the moment the bidder's client *sent* the bid to the moment the bid.accepted event
//              arrives at each of the league's other 9 sockets (9 samples per accepted bid; so it contains
//              the bid's own transaction, not only the broadcast).
//
// Human pacing (the model; the numbers are in pacing.ts, HUMAN):
//   - Lot: durationSeconds BENCH_DRAFT_LOT_SECONDS (12), extendSeconds BENCH_DRAFT_EXTEND_SECONDS (4): a bid
//     in the last 4 s pushes the deadline to now + 4 s. Nomination clock 60 s, whenIdle "skip" (never runs out).
//   - The manager on the clock (draft.turn) thinks log-normal, median 3 s (σ 0.5, 0.5–15 s), then calls a
//     player (POST /leagues/:id/auctions); 80 % of the time he then opens with a bid at the opening price
//     ({upTo: openingPrice}).
//   - Each of the other 9 managers wants the player with probability 0.5; after each raise an interested
//     manager stays interested with probability 0.85 (so a lot draws ~5–10 bids and ends); a manager who
//     leads does not bid (ALREADY_LEADING), and no lot takes more than BENCH_DRAFT_MAX_BIDS (15) bids.
//   - After each bid.accepted (or the lot's opening) an interested manager not leading schedules his bid:
//     70 % a reaction, log-normal think time with median 2 s (σ 0.6, 0.25–10 s); 30 % a late bid aimed
//     0.3–2 s (uniform) before the lot's current deadline — bids cluster in the last seconds, and extend it.
//     A new bid.accepted cancels and re-draws his pending decision, as a person would re-decide.
//   - Amount: what he saw as the current min bid (high + minIncrement) — 80 % as {amount}, 20 % as
//     {upTo: min + 0–2 increments}. Two managers reacting to the same bid collide: the second gets
//     BID_TOO_LOW, counted as a refusal (normal in a live auction) and not as an error.
// Registration (argon2id) and league set-up take time; they are timed and printed, not counted.
// BENCH_DRAFT_QUICK=1: steps 10,25, 5 s warm-up, 15 s measured (a ~3-minute smoke: each step also drains its last lots).
// BENCH_DATABASE_URL=postgres://… uses that server instead of an embedded one.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { inBatches, type Api } from './api.js';
import { machineCpu, processCpu, selfCpu, treeCpu } from './cpu.js';
import { checkInvariants } from './invariants.js';
import { percentile, rssMiB } from './live.js';
import { chance, HUMAN, uniform } from './pacing.js';
import { createDatabase, openBench, postmasterPid, redisUp, startApi } from './processes.js';

const QUICK = process.env.BENCH_DRAFT_QUICK === '1';
const STEPS = (process.env.BENCH_DRAFT_STEPS ?? (QUICK ? '10,25' : '50,100,200,400,600,800'))
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);
const WARMUP = Number(process.env.BENCH_DRAFT_WARMUP_SECONDS ?? (QUICK ? 5 : 10));
const MEASURE = Number(process.env.BENCH_DRAFT_SECONDS ?? (QUICK ? 15 : 30));
const LOT_SECONDS = Number(process.env.BENCH_DRAFT_LOT_SECONDS ?? 12);
const EXTEND_SECONDS = Number(process.env.BENCH_DRAFT_EXTEND_SECONDS ?? 4);
const MAX_BIDS = Number(process.env.BENCH_DRAFT_MAX_BIDS ?? 15);
const LIMIT_MS = Number(process.env.BENCH_DRAFT_P99_MS ?? 100);
const MODES = (process.env.BENCH_DRAFT_PROCESSES ?? '1,2').split(',').map(Number);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API processes, as for npm run bench.
const NODE_ARGS = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
const MANAGERS = 10;
/** a p99 over fewer acks than this is printed but not taken for the wall (one stall would be the p99) */
const MIN_SAMPLES = 200;
const INCREMENT = 1_000_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';

interface Manager {
  token: string;
  userId: string;
}
interface League {
  id: string;
  managers: Manager[];
  /** players this league has called so far (each call takes the next) */
  nextPlayer: number;
}

/** What one step measured. */
interface StepResult {
  processes: number;
  leagues: number;
  seconds: number;
  accepted: number;
  refused: Map<string, number>;
  failed: number;
  ack: number[];
  watcher: number[];
  call: number[];
  lots: number;
  missing: number;
  apiCpu: number; // CPU seconds, all API processes
  apiCpuMax: number; // CPU seconds of the busiest API process
  pgCpu: number;
  redisCpu: number;
  clientCpu: number;
  busy: number; // the machine, 0..1
  apiRss: number; // MiB, all API processes, at the end of the window
  apiRssIdle: number; // MiB, all API processes, before this step's sockets connected
  other: number; // CPU seconds of everything else on the machine (other work sharing it)
  invariants: string[];
  /** the measured window: the load generator's worst event-loop delay, and PostgreSQL's sessions at work */
  samples: Samples;
  disconnects: number;
}

/** The redis-server's pid from INFO server, when redis-cli is here and the server is local; else NaN. */
function redisPid(url: string): number {
  try {
    const info = execFileSync('redis-cli', ['-u', url, 'info', 'server'], { encoding: 'utf8', timeout: 2000 });
    return Number(/process_id:(\d+)/.exec(info)?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

function connect(baseUrl: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(`${baseUrl}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    const timer = setTimeout(() => (socket.close(), reject(new Error('connect timeout'))), 30_000);
    socket.once('connect', () => (clearTimeout(timer), resolve(socket)));
    socket.once('connect_error', (error) => (clearTimeout(timer), socket.close(), reject(error)));
  });
}

/** Creates leagues until there are `count`: 10 fresh managers each, the first the commissioner. */
async function ensureLeagues(api: Api, leagues: League[], count: number): Promise<void> {
  const missing = count - leagues.length;
  if (missing <= 0) return;
  const started = performance.now();
  const created = await inBatches(missing, 4, async (k) => {
    const l = leagues.length + k;
    const managers = await inBatches(MANAGERS, 2, (i) => api.register(`d${l}m${i}`));
    const res = await api.call('POST', '/leagues', managers[0]!.token, {
      name: `Draft night ${l}`,
      maxManagers: MANAGERS,
      budget: 1_000_000_000_000,
      roster: { size: 50, GK: [0, 50], DEF: [0, 50], MID: [0, 50], FWD: [0, 50] },
      auction: { durationSeconds: LOT_SECONDS, extendSeconds: EXTEND_SECONDS, minIncrement: INCREMENT, minPrice: INCREMENT },
      market: { mode: 'turns' },
    });
    if (res.status !== 201) throw new Error(`league: ${res.status} ${JSON.stringify(res.body)}`);
    for (const m of managers.slice(1)) {
      const joined = await api.call('POST', '/leagues/join', m.token, { inviteCode: res.body.inviteCode });
      if (joined.status !== 201) throw new Error(`join: ${joined.status} ${JSON.stringify(joined.body)}`);
    }
    return { id: res.body.id as string, managers, nextPlayer: 0 };
  });
  leagues.push(...created);
  const seconds = (performance.now() - started) / 1000;
  console.error(
    `bench:draft: set up ${missing} leagues, ${missing * MANAGERS} managers registered (argon2id) in ${fmt(seconds, 1)} s — ` +
      `${fmt((seconds * 1000) / (missing * MANAGERS), 1)} ms a manager; not counted`,
  );
}

/**
 * One step: `count` leagues draft at once for WARMUP + MEASURE seconds; then every draft ends, the last
 * lots close, and the invariants are read back.
 */
async function runStep(
  apis: { api: Api; pid: number }[],
  leagues: League[],
  players: string[],
  pgPid: number,
  rdPid: number,
  databaseUrl: string,
): Promise<StepResult> {
  const n = leagues.length;
  const rssIdle = apis.reduce((sum, a) => sum + rssMiB(a.pid), 0);
  const processOf = (m: number) => apis[m % apis.length]!.api;
  // --- every manager on the live room
  const sockets: Socket[][] = leagues.map(() => []);
  const flat = leagues.flatMap((league, l) => league.managers.map((manager, m) => ({ l, m, manager })));
  const connectStarted = performance.now();
  await inBatches(flat.length, 100, async (i) => {
    const { l, m, manager } = flat[i]!;
    sockets[l]![m] = await connect(processOf(m).baseUrl, manager.token);
  });
  await inBatches(n, 20, (l) =>
    Promise.all(
      sockets[l]!.map(async (s) => {
        const ack = await s.timeout(30_000).emitWithAck('league.join', { leagueId: leagues[l]!.id });
        if (!ack?.ok) throw new Error(`league.join: ${JSON.stringify(ack)}`);
      }),
    ),
  );
  console.error(`bench:draft: ${flat.length} sockets connected and joined in ${fmt((performance.now() - connectStarted) / 1000, 1)} s`);

  // --- the run's state
  let stopping = false;
  let measureFrom = Infinity;
  let measureTo = Infinity;
  const inWindow = (at: number) => at >= measureFrom && at < measureTo;
  const result = {
    accepted: 0,
    refused: new Map<string, number>(),
    failed: 0,
    ack: [] as number[],
    watcher: [] as number[],
    call: [] as number[],
    lots: 0,
    expected: 0,
    delivered: 0,
    disconnects: 0,
  };
  /** every lot called in this step, with the amounts its bidders saw accepted (for checkInvariants) */
  const lotsCalled = new Map<string, { leagueId: string; token: string; accepted: number[]; auctionId: string }>();
  const lotOf = (leagueId: string, token: string, auctionId: string) => {
    let entry = lotsCalled.get(auctionId);
    if (!entry) lotsCalled.set(auctionId, (entry = { leagueId, token, accepted: [], auctionId }));
    return entry;
  };
  const openLots = new Set<number>();

  leagues.forEach((league, l) => {
    const ids = league.managers.map((m) => m.userId);
    /** the league's lot as its managers see it: the freshest view any of their sockets has had */
    const lot = { auctionId: '', minBid: 0, endsAt: 0, leader: null as string | null, bids: 0, open: false };
    let onClock = -1;
    /** sends of the current lot by bidder: the lowest and highest amount it can be accepted at, and when it was sent */
    let sends = new Map<string, { lo: number; hi: number; at: number }[]>();
    const state = league.managers.map(() => ({ interested: false, timer: null as NodeJS.Timeout | null, inFlight: false }));
    const clear = (m: number) => {
      if (state[m]!.timer) clearTimeout(state[m]!.timer!);
      state[m]!.timer = null;
    };

    const bid = async (m: number, offer: { amount: number } | { upTo: number }, lo: number, hi: number) => {
      const s = state[m]!;
      const auctionId = lot.auctionId;
      s.inFlight = true;
      const at = performance.now();
      const list = sends.get(ids[m]!) ?? [];
      list.push({ lo, hi, at });
      sends.set(ids[m]!, list);
      let status = 0;
      let body: any;
      try {
        ({ status, body } = await processOf(m).call('POST', `/auctions/${auctionId}/bids`, league.managers[m]!.token, offer));
      } catch {
        status = 599;
      }
      s.inFlight = false;
      const measured = inWindow(at);
      if (measured) result.ack.push(performance.now() - at);
      if (status === 201) {
        lotOf(league.id, league.managers[0]!.token, auctionId).accepted.push(body.auction.highBid as number);
        if (measured) {
          result.accepted += 1;
          result.expected += MANAGERS - 1;
        }
      } else if (status >= 500) {
        result.failed += 1;
      } else if (measured) {
        const code = String(body?.code ?? status);
        result.refused.set(code, (result.refused.get(code) ?? 0) + 1);
      }
      if (auctionId === lot.auctionId) decide(m);
    };

    /** An interested manager, not leading, schedules his next bid: a reaction, or a late one aimed at the deadline. */
    const decide = (m: number) => {
      const s = state[m]!;
      if (stopping || !lot.open || !s.interested || s.inFlight || s.timer || lot.leader === ids[m] || lot.bids >= MAX_BIDS) return;
      let delay = HUMAN.reactThink();
      if (chance(HUMAN.late)) {
        const aimed = lot.endsAt - Date.now() - HUMAN.lateLead();
        if (aimed > 200) delay = aimed;
      }
      const auctionId = lot.auctionId;
      s.timer = setTimeout(() => {
        s.timer = null;
        if (stopping || !lot.open || auctionId !== lot.auctionId || lot.leader === ids[m] || lot.bids >= MAX_BIDS) return;
        const min = lot.minBid;
        if (chance(HUMAN.upTo)) {
          const ceiling = min + INCREMENT * Math.floor(uniform(0, 3));
          void bid(m, { upTo: ceiling }, min, ceiling);
        } else void bid(m, { amount: min }, min, min);
      }, delay);
    };

    const startLot = (auctionId: string, minBid: number, endsAt: number) => {
      for (let m = 0; m < MANAGERS; m += 1) clear(m);
      Object.assign(lot, { auctionId, minBid, endsAt, leader: null, bids: 0, open: true });
      sends = new Map();
      openLots.add(l);
      result.lots += 1;
      for (let m = 0; m < MANAGERS; m += 1) {
        state[m]!.interested = m !== onClock && chance(HUMAN.interest);
        decide(m);
      }
    };

    /** The manager on the clock calls a player, and usually opens with a bid at the opening price. */
    const call = async (m: number) => {
      for (let attempt = 0; attempt < 5 && !stopping; attempt += 1) {
        const playerId = players[(l * 97 + league.nextPlayer++) % players.length]!;
        const at = performance.now();
        const res = await processOf(m).call('POST', `/leagues/${league.id}/auctions`, league.managers[m]!.token, { playerId });
        if (inWindow(at)) result.call.push(performance.now() - at);
        if (res.status === 201) {
          lotOf(league.id, league.managers[0]!.token, res.body.id);
          if (lot.auctionId !== res.body.id) startLot(res.body.id, res.body.minBid ?? res.body.openingPrice, Date.parse(res.body.endsAt));
          if (chance(HUMAN.openWithBid) && !stopping)
            await bid(m, { upTo: res.body.openingPrice }, res.body.openingPrice, res.body.openingPrice);
          return;
        }
        if (res.status >= 500) result.failed += 1;
        if (res.body?.code !== 'PLAYER_UNAVAILABLE') return; // DRAFT_NOT_RUNNING once the step stops
      }
    };

    sockets[l]!.forEach((socket, m) => {
      socket.on('disconnect', () => (stopping ? undefined : (result.disconnects += 1)));
      socket.on('draft.turn', (event: { data: { userId: string } }) => {
        const next = ids.indexOf(event.data.userId);
        if (next === onClock && m !== next) return; // seen already on another socket
        onClock = next;
        if (m === next) setTimeout(() => void call(m), HUMAN.callThink());
      });
      socket.on('auction.opened', (event: { data: { auction: { id: string; openingPrice: number; minBid?: number; endsAt: string } } }) => {
        const a = event.data.auction;
        if (a.id !== lot.auctionId) startLot(a.id, a.minBid ?? a.openingPrice, Date.parse(a.endsAt));
      });
      socket.on('auction.closed', (event: { data: { auctionId: string } }) => {
        if (event.data.auctionId !== lot.auctionId || !lot.open) return;
        lot.open = false;
        openLots.delete(l);
        for (let k = 0; k < MANAGERS; k += 1) clear(k);
      });
      socket.on('bid.accepted', (event: { data: { auctionId: string; amount: number; bidderId: string; endsAt: string } }) => {
        const now = performance.now();
        const { auctionId, amount, bidderId, endsAt } = event.data;
        if (bidderId !== ids[m]) {
          const sent = sends.get(bidderId)?.findLast((s) => s.lo <= amount && amount <= s.hi);
          if (sent && inWindow(sent.at)) {
            result.watcher.push(now - sent.at);
            result.delivered += 1;
          }
        }
        if (auctionId !== lot.auctionId) return;
        if (amount + INCREMENT > lot.minBid) {
          // the first of the league's sockets to see this bid
          Object.assign(lot, { minBid: amount + INCREMENT, leader: bidderId, endsAt: Date.parse(endsAt), bids: lot.bids + 1 });
        }
        clear(m);
        if (bidderId !== ids[m] && state[m]!.interested) state[m]!.interested = chance(HUMAN.keepInterest);
        decide(m);
      });
    });
  });

  // --- start the drafts, spread over the first seconds, then warm up and measure
  await inBatches(n, 10, async (l) => {
    await sleep(Math.random() * Math.min(5000, WARMUP * 500));
    const league = leagues[l]!;
    const res = await processOf(0).call('POST', `/leagues/${league.id}/draft`, league.managers[0]!.token, {
      order: 'joined',
      nominationSeconds: 60,
      whenIdle: 'skip',
    });
    if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`);
  });
  await sleep(WARMUP * 1000);
  const snapshot = () => ({
    api: apis.map((a) => processCpu(a.pid)),
    pg: treeCpu(pgPid),
    redis: processCpu(rdPid),
    client: selfCpu().own,
    machine: machineCpu(),
    at: performance.now(),
  });
  const before = snapshot();
  measureFrom = before.at;
  measureTo = measureFrom + MEASURE * 1000;
  const sampling = sampleWhileMeasuring(databaseUrl, MEASURE * 1000);
  await sleep(MEASURE * 1000);
  const after = snapshot();
  const samples = await sampling;
  const apiRss = apis.reduce((sum, a) => sum + rssMiB(a.pid), 0);

  // --- stop: no new call or bid, every draft ends, the running lots close as usual
  stopping = true;
  await inBatches(n, 10, async (l) => {
    const league = leagues[l]!;
    await processOf(0).call('POST', `/leagues/${league.id}/draft/end`, league.managers[0]!.token, { reason: 'bench step over' });
  });
  const drainUntil = Date.now() + (LOT_SECONDS + EXTEND_SECONDS + 10) * 1000;
  while (openLots.size > 0 && Date.now() < drainUntil) await sleep(250);
  await sleep(1000); // the bids still in flight, and their events
  const invariants = await checkInvariants(processOf(0), [...lotsCalled.values()]);
  for (const list of sockets) for (const s of list) s.close();

  const seconds = (after.at - before.at) / 1000;
  const apiCpus = after.api.map((c, i) => c - before.api[i]!);
  const machineBusy = (after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total);
  const ours =
    apiCpus.reduce((x, y) => x + y, 0) + (after.pg - before.pg) + (after.client - before.client) + (after.redis - before.redis || 0);
  return {
    processes: apis.length,
    leagues: n,
    seconds,
    accepted: result.accepted,
    refused: result.refused,
    failed: result.failed,
    ack: result.ack.sort((a, b) => a - b),
    watcher: result.watcher.sort((a, b) => a - b),
    call: result.call.sort((a, b) => a - b),
    lots: result.lots,
    missing: result.expected - result.delivered,
    apiCpu: apiCpus.reduce((a, b) => a + b, 0),
    apiCpuMax: Math.max(...apiCpus),
    pgCpu: after.pg - before.pg,
    redisCpu: after.redis - before.redis,
    clientCpu: after.client - before.client,
    busy: machineBusy,
    apiRss,
    apiRssIdle: rssIdle,
    other: Math.max(0, machineBusy * cpus().length * seconds - ours),
    invariants,
    samples,
    disconnects: result.disconnects,
  };
}

interface Samples {
  clientLagMax: number;
  busyMean: number;
  busyMax: number;
  waits: string;
}

/**
 * While a step is measured: every 50 ms, how late this process's event loop runs (a late load generator
 * would inflate every latency it times); every 250 ms, PostgreSQL's sessions on the bench database that
 * are active or inside a transaction, and what they wait on (pg_stat_activity; one extra connection).
 */
async function sampleWhileMeasuring(databaseUrl: string, ms: number): Promise<Samples> {
  const until = performance.now() + ms;
  let clientLagMax = 0;
  let last = performance.now();
  const lag = setInterval(() => {
    const now = performance.now();
    clientLagMax = Math.max(clientLagMax, now - last - 50);
    last = now;
  }, 50);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const counts: number[] = [];
  const waits = new Map<string, number>();
  try {
    while (performance.now() < until) {
      const { rows } = await client.query(
        `SELECT state, wait_event_type, wait_event FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IS NOT NULL AND state <> 'idle'`,
      );
      counts.push(rows.length);
      for (const r of rows) {
        const key = r.wait_event ? `${r.wait_event_type}:${r.wait_event}` : `${r.state} (running)`;
        waits.set(key, (waits.get(key) ?? 0) + 1);
      }
      await sleep(250);
    }
  } finally {
    clearInterval(lag);
    await client.end();
  }
  const n = Math.max(1, counts.length);
  return {
    clientLagMax,
    busyMean: counts.reduce((a, b) => a + b, 0) / n,
    busyMax: Math.max(0, ...counts),
    waits: [...waits]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([k, v]) => `${k} ${fmt(v / n, 2)}`)
      .join(', '),
  };
}

const HEADER = [
  'API procs',
  'leagues',
  'managers',
  'bids/s',
  'refused/s',
  'ack p50/p99 ms',
  'bid→watcher p50/p99 ms',
  'call p99 ms',
  'API CPU %',
  'API RSS MiB',
  'CPU ms/league/s',
  'RSS MiB/league',
  'PG CPU %',
  'Redis CPU %',
  'client CPU %',
  'other CPU %',
  'machine busy %',
  'invariants',
];

function row(r: StepResult): string[] {
  const pct = (cpuSeconds: number, digits = 0) => fmt((cpuSeconds / r.seconds) * 100, digits);
  const refused = [...r.refused.values()].reduce((a, b) => a + b, 0);
  return [
    String(r.processes),
    fmt(r.leagues),
    fmt(r.leagues * MANAGERS),
    fmt(r.accepted / r.seconds, 1),
    fmt(refused / r.seconds, 1),
    `${fmt(percentile(r.ack, 50), 1)} / ${fmt(percentile(r.ack, 99), 1)}`,
    `${fmt(percentile(r.watcher, 50), 1)} / ${fmt(percentile(r.watcher, 99), 1)}`,
    fmt(percentile(r.call, 99), 1),
    r.processes > 1 ? `${pct(r.apiCpu)} (max ${pct(r.apiCpuMax)})` : pct(r.apiCpu),
    fmt(r.apiRss),
    fmt((r.apiCpu * 1000) / r.leagues / r.seconds, 2),
    fmt((r.apiRss - r.apiRssIdle) / r.leagues, 2),
    pct(r.pgCpu),
    r.processes > 1 ? pct(r.redisCpu, 1) : '—',
    pct(r.clientCpu),
    pct(r.other),
    fmt(r.busy * 100),
    r.invariants.length === 0 && r.failed === 0 && r.missing === 0
      ? 'hold'
      : `${r.invariants.length} broken, ${r.failed} 5xx, ${r.missing} undelivered`,
  ];
}

function printTable(rows: string[][]): void {
  const widths = HEADER.map((_, i) => Math.max(...[HEADER, ...rows].map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(HEADER));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

/** Which p99 crossed the limit, and what was saturated when it did. */
function wall(r: StepResult): string {
  const crossed = [
    percentile(r.ack, 99) > LIMIT_MS ? `ack p99 ${fmt(percentile(r.ack, 99), 1)} ms` : '',
    percentile(r.watcher, 99) > LIMIT_MS ? `bid→watcher p99 ${fmt(percentile(r.watcher, 99), 1)} ms` : '',
  ].filter(Boolean);
  const saturated = [
    r.apiCpuMax / r.seconds >= 0.85 ? `an API process at ${fmt((r.apiCpuMax / r.seconds) * 100)} % of its one core` : '',
    r.pgCpu / r.seconds >= 0.85 ? `PostgreSQL at ${fmt((r.pgCpu / r.seconds) * 100)} % of a core` : '',
    r.busy >= 0.9 ? `the machine's ${cpus().length} cores ${fmt(r.busy * 100)} % busy` : '',
    r.clientCpu / r.seconds >= 0.85 ? `the load generator (one process) at ${fmt((r.clientCpu / r.seconds) * 100)} % of its core` : '',
    r.other / r.seconds >= 0.3 ? `other work on the machine took ${fmt((r.other / r.seconds) * 100)} % of a core` : '',
  ].filter(Boolean);
  return `${crossed.join(' and ')} at ${r.leagues} leagues (${r.leagues * MANAGERS} managers); saturated: ${saturated.join(', ') || 'nothing at 85 %'}`;
}

async function main(): Promise<void> {
  const surroundings = await openBench('fm-draft-bench-');
  const { tempDir, serverUrl, cleanups } = surroundings;
  const results: StepResult[] = [];
  const walls: string[] = [];
  try {
    const databaseUrl = await createDatabase(serverUrl, 'fm_bench_draft');
    const pgPid = await postmasterPid(serverUrl);
    const leagues: League[] = [];
    let players: string[] = [];
    console.error(
      `bench:draft: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; steps ${STEPS.join(', ')} leagues; ` +
        `${WARMUP} s warm-up + ${MEASURE} s measured a step; lots ${LOT_SECONDS} s + ${EXTEND_SECONDS} s extension; p99 limit ${LIMIT_MS} ms`,
    );
    for (const processes of MODES) {
      const env: Record<string, string> = { JWT_TTL_SECONDS: String(24 * 3600) };
      if (processes > 1) {
        if (!(await redisUp(REDIS_URL))) {
          console.error(`bench:draft: no Redis at ${REDIS_URL}; the ${processes}-process run is skipped`);
          continue;
        }
        env.REDIS_URL = REDIS_URL;
      }
      const apis: Awaited<ReturnType<typeof startApi>>[] = [];
      for (let i = 0; i < processes; i += 1) {
        const started = await startApi({ databaseUrl, dataDir: tempDir, env, nodeArgs: NODE_ARGS });
        apis.push(started);
        cleanups.push(started.stop);
      }
      await sleep(1000);
      const rdPid = processes > 1 ? redisPid(REDIS_URL) : NaN;
      console.error(
        `bench:draft: ${processes} API process(es), pids ${apis.map((a) => a.pid).join(', ')}; idle RSS ${fmt(apis.reduce((sum, a) => sum + rssMiB(a.pid), 0))} MiB`,
      );
      if (players.length === 0) players = await apis[0]!.api.players(2000);
      const rows: string[][] = [];
      let hit = '';
      for (const count of STEPS) {
        await ensureLeagues(apis[0]!.api, leagues, count);
        const r = await runStep(apis, leagues.slice(0, count), players, pgPid, rdPid, databaseUrl);
        results.push(r);
        rows.push(row(r));
        console.error(`bench:draft: ${rows.at(-1)!.join(' | ')}`);
        console.error(
          `bench:draft:   lots ${r.lots}, accepted ${r.accepted}, refused ${[...r.refused].map(([c, k]) => `${c} ${k}`).join(', ') || 'none'}, ` +
            `disconnects ${r.disconnects}, undelivered ${r.missing}`,
        );
        console.error(
          `bench:draft:   load generator's event loop: worst delay ${fmt(r.samples.clientLagMax, 1)} ms; PostgreSQL sessions at work ` +
            `(active or in a transaction): mean ${fmt(r.samples.busyMean, 1)}, max ${r.samples.busyMax}; waits seen: ${r.samples.waits || 'none'}`,
        );
        for (const p of r.invariants.slice(0, 10)) console.error(`bench:draft:   invariant broken: ${p}`);
        if (r.invariants.length > 0 || r.failed > 0 || r.missing > 0) process.exitCode = 1;
        if (percentile(r.ack, 99) > LIMIT_MS || percentile(r.watcher, 99) > LIMIT_MS) {
          if (r.ack.length < MIN_SAMPLES) {
            console.error(
              `bench:draft:   a p99 passed ${LIMIT_MS} ms over only ${r.ack.length} acks (max ${fmt(r.ack.at(-1)!, 1)} ms): not taken for the wall`,
            );
            continue;
          }
          hit = wall(r);
          break;
        }
      }
      walls.push(
        `${processes} API process${processes > 1 ? 'es (Redis adapter)' : ''}: ` +
          (hit ? `wall — ${hit}` : `no p99 passed ${LIMIT_MS} ms up to ${STEPS.at(-1)} leagues`),
      );
      for (const a of apis) a.stop();
      await sleep(1500);
    }
    console.log(
      `\nDraft night: ${MANAGERS} managers a league, each on a socket; ${WARMUP} s warm-up + ${MEASURE} s measured a step; ` +
        `lots ${LOT_SECONDS} s, extension ${EXTEND_SECONDS} s; ${cpus().length} cores shared with the load generator.\n` +
        `ack = POST /auctions/:id/bids round trip; bid→watcher = from the bid's send to bid.accepted at each of the other 9 sockets.\n` +
        `CPU % is of one core; CPU ms/league/s and RSS MiB/league are the API's (all processes), RSS above the RSS before the step's sockets connected;\n` +
        `other CPU = the machine's busy time not spent by the API, PostgreSQL, Redis or the load generator (other work on the machine).\n`,
    );
    printTable(results.map(row));
    console.log('');
    for (const w of walls) console.log(w);
  } finally {
    await surroundings.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
