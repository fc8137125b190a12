import 'reflect-metadata';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { Api, freePort, inBatches } from './api.js';
import { bidFlat, httpBidder } from './bidding.js';
import { connectMany, fanOutLatency, joinAll, percentile } from './live.js';
import { createDatabase, openBench, redisUp, ROOT, startApi } from './processes.js';

/**
 * npm run bench:deploy — docs/deploy.md's layout, as far as one machine allows: two API processes on the
 * Redis adapter behind nginx, whose locations are docs/deploy/locations.conf itself. It measures what the
 * balancer costs and what it must not break: sockets spread over both processes with no sticky sessions,
 * a bid reaching every watcher whichever process took the bid and whichever holds the socket, bids/s
 * through nginx against straight to a process, and a rolling restart (one process stopped: its sockets
 * come back through nginx to the other, and miss nothing). Needs nginx and Redis; says so and stops
 * without them.
 */
const WATCHERS = Number(process.env.BENCH_WATCHERS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function findNginx(): string | null {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

/** nginx in the foreground, in a directory of its own, with the documented locations in front of `upstreams`. */
async function startNginx(nginx: string, dir: string, upstreams: number[]): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${path.join(dir, t)};`).join('\n');
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'logs', 'error.log')} warn;
events {
    worker_connections 16384;
}
http {
    access_log off;
${temp}
    map $http_upgrade $connection_upgrade {
        default upgrade;
        ''      '';
    }
    upstream fantamercato {
        least_conn;
${upstreams.map((p) => `        server 127.0.0.1:${p};`).join('\n')}
        keepalive 64;
    }
    server {
        listen 127.0.0.1:${port};
        include ${path.join(ROOT, 'docs', 'deploy', 'locations.conf')};
    }
}
`,
  );
  execFileSync(nginx, ['-t', '-q', '-p', dir, '-c', conf], { stdio: 'inherit' });
  const child: ChildProcess = spawn(nginx, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
  const api = new Api(`http://127.0.0.1:${port}`);
  await api.healthy(20_000);
  api.close();
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM'); // fast shutdown: a graceful one waits for every open WebSocket
      }),
  };
}

/** Established TCP connections whose local port is `port` (on this machine: an API process's sockets and kept-alive requests). */
function establishedOn(port: number): number {
  const out = execFileSync('ss', ['-Htn', 'state', 'established', `( sport = :${port} )`], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).length;
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';

async function main(): Promise<void> {
  const nginx = findNginx();
  if (!nginx) return console.error('bench:deploy: no nginx on this machine (apt-get install nginx-light); nothing measured');
  if (!(await redisUp(REDIS_URL))) return console.error(`bench:deploy: no Redis at ${REDIS_URL}; nothing measured`);
  const surroundings = await openBench('fm-deploy-bench-');
  const { tempDir, serverUrl, cleanups } = surroundings;
  const rows: [string, string, string][] = [];
  let broken = 0;
  try {
    const databaseUrl = await createDatabase(serverUrl, 'fm_bench_deploy');
    const env = { REDIS_URL, TRUST_PROXY: 'loopback', JWT_TTL_SECONDS: String(6 * 3600) };
    const first = await startApi({ databaseUrl, dataDir: tempDir, env });
    cleanups.push(first.stop);
    const second = await startApi({ databaseUrl, dataDir: tempDir, env });
    cleanups.push(second.stop);
    const ports = [first, second].map((p) => Number(new URL(p.api.baseUrl).port));
    const proxy = await startNginx(nginx, path.join(tempDir, 'nginx'), ports);
    cleanups.push(proxy.stop);
    const edge = new Api(proxy.url);
    cleanups.push(() => edge.close());
    console.error(
      `bench:deploy: nginx on ${proxy.url} in front of API processes on :${ports.join(' and :')} (Redis ${REDIS_URL}); ` +
        `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; ${WATCHERS} watchers`,
    );

    // Set-up through nginx, as a user would.
    const players = await edge.players(520);
    const managers = await inBatches(20, 4, (i) => edge.register(`deploy${i}`));
    const league = await edge.league(managers[0]!, managers.slice(1), 'Behind nginx');
    const tokens = managers.map((m) => m.token);
    const auction = await edge.openAuction(tokens[0]!, league.id, players[0]!);

    // 1. Sockets through nginx spread over both processes (no stickiness: each is one upgraded connection).
    const before = ports.map(establishedOn);
    let watchers: Socket[] = await connectMany(`${proxy.url}/live`, tokens, WATCHERS);
    await joinAll(watchers, league.id);
    const held = ports.map((p, i) => establishedOn(p) - before[i]!);
    rows.push(['watchers connected through nginx (asked)', `${fmt(watchers.length)} (${fmt(WATCHERS)})`, 'all']);
    rows.push(['their connections on process 1 / process 2', `${fmt(held[0]!)} / ${fmt(held[1]!)}`, 'both carry sockets']);
    if (watchers.length < WATCHERS || held.some((n) => n < WATCHERS / 10)) broken += 1;

    // 2. Bid → every watcher, bids sent through nginx (so taken by either process), over the Redis adapter.
    let amount = auction.openingPrice;
    let bids = 0; // two managers take turns over every phase, so nobody bids while leading
    const bidThrough = (api: Api) => async () => {
      amount += 1;
      bids += 1;
      const { status, body } = await api.call('POST', `/auctions/${auction.id}/bids`, tokens[1 + (bids % 2)], { amount });
      if (status !== 201) throw new Error(`bid refused: ${status} ${JSON.stringify(body)}`);
    };
    const sent = new Map<number, number>();
    const viaEdge = await fanOutLatency(
      watchers,
      'bid.accepted',
      ROUNDS,
      (round) => (sent.set(round, amount + 1), bidThrough(edge)()),
      (payload, round) => payload?.data?.amount === sent.get(round),
    );
    const direct = await fanOutLatency(
      watchers,
      'bid.accepted',
      ROUNDS,
      (round) => (sent.set(round, amount + 1), bidThrough(first.api)()),
      (payload, round) => payload?.data?.amount === sent.get(round),
    );
    rows.push([
      `bid → ${fmt(watchers.length)} watchers, p50 / p99, bid through nginx`,
      `${fmt(percentile(viaEdge, 50), 1)} / ${fmt(percentile(viaEdge, 99), 1)} ms`,
      '—',
    ]);
    rows.push([
      `bid → ${fmt(watchers.length)} watchers, p50 / p99, bid straight to process 1`,
      `${fmt(percentile(direct, 50), 1)} / ${fmt(percentile(direct, 99), 1)} ms`,
      '—',
    ]);

    // 3. Bids/s over many auctions: through nginx (both processes) against straight to one process.
    const spreadLeagues = await inBatches(20, 4, async (l) => {
      const ms = await inBatches(4, 4, (i) => edge.register(`dspread${l}m${i}`));
      const lg = await edge.league(ms[0]!, ms.slice(1), `Spread ${l}`);
      const auctions = await inBatches(10, 5, (a) => edge.openAuction(ms[0]!.token, lg.id, players[20 + l * 10 + a]!));
      return { ms, auctions };
    });
    const spreadTokens = spreadLeagues.flatMap((s) => s.ms.map((m) => m.token));
    const opening = new Map(spreadLeagues.flatMap((s) => s.auctions.map((a) => [a.id, a.openingPrice] as const)));
    const pick = (worker: number, attempt: number) => {
      const l = (worker * 7 + attempt * 13) % spreadLeagues.length;
      return { manager: l * 4 + (attempt % 4), auctionId: spreadLeagues[l]!.auctions[(attempt * 3 + worker) % 10]!.id };
    };
    const throughEdge = await bidFlat(httpBidder(edge, spreadTokens), 20, SECONDS, pick, opening);
    const straight = await bidFlat(httpBidder(first.api, spreadTokens), 20, SECONDS, pick, opening);
    broken += throughEdge.failed5xx + straight.failed5xx;
    rows.push(['spread bids/s (20 bidders, 200 auctions), through nginx', fmt(throughEdge.accepted / throughEdge.seconds), '—']);
    rows.push(['spread bids/s, straight to process 1', fmt(straight.accepted / straight.seconds), '—']);

    // 4. A rolling restart: process 1 stops; its sockets reconnect through nginx (to process 2) and miss nothing.
    for (const w of watchers) w.close();
    watchers = await reconnecting(`${proxy.url}/live`, tokens, WATCHERS, league.id);
    const onFirst = establishedOn(ports[0]!);
    const stoppedAt = performance.now();
    first.stop();
    await new Promise<void>((resolve) => (first.process.exitCode !== null ? resolve() : first.process.once('exit', () => resolve())));
    const back = await allLive(watchers, 60_000);
    const restartMs = performance.now() - stoppedAt;
    const missed = await fanOutLatency(
      watchers,
      'bid.accepted',
      5,
      (round) => (sent.set(round, amount + 1), bidThrough(edge)()),
      (payload, round) => payload?.data?.amount === sent.get(round),
    );
    rows.push([
      `rolling restart: process 1 stopped with ${fmt(onFirst)} connections; every socket live again`,
      `${fmt(restartMs / 1000, 1)} s`,
      'all back',
    ]);
    rows.push(['after it, bid → every watcher (5 bids), p99', `${fmt(percentile(missed, 99), 1)} ms`, 'every watcher']);
    if (!back) broken += 1;
    for (const w of watchers) w.close();

    const widths = [0, 1, 2].map((i) => Math.max(...[['measure', 'figure', 'must'], ...rows].map((r) => r[i]!.length)));
    const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
    console.log(line(['measure', 'figure', 'must']));
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const r of rows) console.log(line(r));
    if (broken > 0) {
      console.log(`\n${broken} check(s) did not hold`);
      process.exitCode = 1;
    }
  } finally {
    await surroundings.close();
  }
}

/** Sockets that reconnect by themselves (as the web room does) and join the league again on every connect, replaying what they missed. */
async function reconnecting(url: string, tokens: string[], count: number, leagueId: string): Promise<Socket[]> {
  const { io } = await import('socket.io-client');
  const sockets = await inBatches(count, 200, (i) => {
    const socket = io(url, {
      auth: { token: tokens[i % tokens.length] },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 2000,
    });
    let lastSeq = 0;
    const live = { value: false };
    (socket as Socket & { live?: typeof live }).live = live;
    socket.on('bid.accepted', (e: { seq?: number }) => (lastSeq = Math.max(lastSeq, e.seq ?? 0)));
    socket.on('disconnect', () => (live.value = false));
    socket.on('connect', () => {
      void socket
        .timeout(20_000)
        .emitWithAck('league.join', { leagueId, afterSeq: lastSeq })
        .then(
          () => (live.value = true),
          () => undefined,
        );
    });
    return new Promise<Socket>((resolve, reject) => {
      const timer = setTimeout(() => (socket.close(), reject(new Error('a reconnecting socket did not connect in 20 s'))), 20_000);
      socket.once('connect', () => (clearTimeout(timer), resolve(socket)));
    });
  });
  await allLive(sockets, 30_000);
  return sockets;
}

/** Waits until every socket has joined its league again; false if `timeoutMs` passes first. */
async function allLive(sockets: Socket[], timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (sockets.every((s) => s.connected && (s as Socket & { live?: { value: boolean } }).live?.value)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
