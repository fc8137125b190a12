import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inBatches } from './api.js';
import { bidFlat, httpBidder, socketBidder, type BidTally } from './bidding.js';
import { CpuMeter, type CpuSnapshot } from './cpu.js';
import { draftTurnLatency } from './draft.js';
import { checkInvariants } from './invariants.js';
import { connectMany, fanOutLatency, joinAll, percentile, rssMiB, startBareServer } from './live.js';
import { BARE_SCHEMA, findPgbench, PRODUCT_TARGETS, runPgbench, runProductPgbench } from './pgbench.js';
import { createDatabase, openBench, postmasterPid, startApi } from './processes.js';

/**
 * npm run bench — measures the product through its public contract next to this machine's own
 * limits, in the same run, and prints ratios (absolute numbers drift 2× between runs here).
 * Bounded: every phase runs for a fixed time or count; traffic stays on 127.0.0.1.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WATCHERS = Number(process.env.BENCH_WATCHERS ?? 1000);
const CAPACITY = Number(process.env.BENCH_CAPACITY ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

const rate = (t: BidTally) => t.accepted / t.seconds;

/** Resolves when the child process has exited (at once if it already has). */
const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** One line of the CPU table: CPU milliseconds per accepted bid (or per pgbench transaction). */
type CpuRow = { phase: string; perSecond: number; api: number; postgres: number; client: number; busy: number };

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';

async function main(): Promise<void> {
  const rows: [string, string, string, string, string][] = [];
  const surroundings = await openBench('fm-bench-');
  const { tempDir, serverUrl, cleanups } = surroundings;
  try {
    const productUrl = await createDatabase(serverUrl, 'fm_bench');
    const bareUrl = await createDatabase(serverUrl, 'fm_bench_bare');
    // BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API under load.
    const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const { process: apiProcess, api, stop } = await startApi({ databaseUrl: productUrl, dataDir: tempDir, nodeArgs });
    cleanups.push(stop);
    console.error(
      `bench: API pid ${apiProcess.pid} on ${api.baseUrl}; ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; ${SECONDS} s per phase`,
    );
    const meter = new CpuMeter(apiProcess.pid!, await postmasterPid(serverUrl));
    const cpuRows: CpuRow[] = [];
    /** Runs a phase and records where its CPU went, per unit of work it reports. */
    const metered = async <T>(
      phase: string,
      run: () => T | Promise<T>,
      units: (result: T) => number,
      client: (d: ReturnType<typeof CpuMeter.between>) => number,
    ) => {
      const before: CpuSnapshot = meter.snapshot();
      const result = await run();
      const d = CpuMeter.between(before, meter.snapshot());
      const n = units(result);
      const ms = (seconds: number) => (seconds * 1000) / n;
      cpuRows.push({ phase, perSecond: n / d.seconds, api: ms(d.api), postgres: ms(d.postgres), client: ms(client(d)), busy: d.busy });
      return result;
    };

    const pgbench = findPgbench();
    if (pgbench) {
      const client = new pg.Client({ connectionString: bareUrl });
      await client.connect();
      await client.query(BARE_SCHEMA);
      await client.end();
    } else console.error('bench: no pgbench on this machine (looked in /usr/lib/postgresql/*/bin and PATH): ratios to it are n/a');

    // --- set-up through the public contract
    const players = await api.players(600);
    const hotManagers = await inBatches(10, 4, (i) => api.register(`hot${i}`));
    const hotLeague = await api.league(hotManagers[0]!, hotManagers.slice(1), 'Hot');
    const spreadLeagues = await inBatches(50, 4, async (l) => {
      const managers = await inBatches(4, 4, (i) => api.register(`s${l}m${i}`));
      const league = await api.league(managers[0]!, managers.slice(1), `Spread ${l}`);
      const auctions = await inBatches(10, 5, (a) => api.openAuction(managers[0]!.token, league.id, players[l * 10 + a]!));
      return { league, managers, auctions };
    });
    const auctionsUsed: { leagueId: string; token: string; accepted: number[]; auctionId: string }[] = [];

    // --- hot auction: 10 managers, one auction
    const hotTokens = hotManagers.map((m) => m.token);
    const hot = async (place: ReturnType<typeof httpBidder>, playerIndex: number) => {
      const auction = await api.openAuction(hotTokens[0]!, hotLeague.id, players[500 + playerIndex]!);
      const tally = await bidFlat(
        place,
        10,
        SECONDS,
        (worker) => ({ manager: worker, auctionId: auction.id }),
        new Map([[auction.id, auction.openingPrice]]),
      );
      auctionsUsed.push({
        leagueId: hotLeague.id,
        token: hotTokens[0]!,
        accepted: tally.acceptedByAuction.get(auction.id) ?? [],
        auctionId: auction.id,
      });
      return tally;
    };
    const byBench = (d: { bench: number }) => d.bench;
    const byPgbench = (d: { pgbench: number }) => d.pgbench;
    const hotHttp = await metered(
      'hot auction, HTTP',
      () => hot(httpBidder(api, hotTokens), 0),
      (t) => t.accepted,
      byBench,
    );
    const sockets = await socketBidder(api.baseUrl, hotTokens);
    const hotSocket = await metered(
      'hot auction, Socket.IO',
      () => hot(sockets.bid, 1),
      (t) => t.accepted,
      byBench,
    );
    sockets.close();
    // The same ten managers tapping "+1" (upTo): the bid the server resolves under the lock, which is
    // what pgbench's transaction does (high_bid + 1) — the like-for-like comparison.
    const plusOneHttp = await metered(
      'hot, "+1" (upTo), HTTP',
      () => hot(httpBidder(api, hotTokens, true), 3),
      (t) => t.accepted,
      byBench,
    );
    const plusOneSockets = await socketBidder(api.baseUrl, hotTokens, true);
    const plusOneSocket = await metered(
      'hot, "+1" (upTo), Socket.IO',
      () => hot(plusOneSockets.bid, 4),
      (t) => t.accepted,
      byBench,
    );
    plusOneSockets.close();
    const bareHot = pgbench
      ? await metered(
          'hot, bare pgbench transaction',
          () => runPgbench(pgbench, bareUrl, 1, 10, SECONDS),
          (tps) => tps * SECONDS,
          byPgbench,
        )
      : NaN;
    rows.push([
      'hot auction, HTTP (10 managers)',
      `${fmt(rate(hotHttp))} bids/s`,
      `${fmt(bareHot)} tx/s`,
      fmt(rate(hotHttp) / bareHot, 2),
      '≥ 0.30',
    ]);
    rows.push([
      'hot auction, Socket.IO (10 managers)',
      `${fmt(rate(hotSocket))} bids/s`,
      `${fmt(bareHot)} tx/s`,
      fmt(rate(hotSocket) / bareHot, 2),
      '—',
    ]);
    rows.push([
      'hot auction, "+1" bids (upTo), HTTP',
      `${fmt(rate(plusOneHttp))} bids/s`,
      `${fmt(bareHot)} tx/s`,
      fmt(rate(plusOneHttp) / bareHot, 2),
      '≥ 0.90',
    ]);
    rows.push([
      'hot auction, "+1" bids (upTo), Socket.IO',
      `${fmt(rate(plusOneSocket))} bids/s`,
      `${fmt(bareHot)} tx/s`,
      fmt(rate(plusOneSocket) / bareHot, 2),
      '—',
    ]);

    // --- spread: 500 open auctions in 50 leagues, 20 bidders
    const spreadTokens = spreadLeagues.flatMap((s) => s.managers.map((m) => m.token));
    const openingPrices = new Map(spreadLeagues.flatMap((s) => s.auctions.map((a) => [a.id, a.openingPrice] as [string, number])));
    const spread = await metered(
      'spread, HTTP',
      () =>
        bidFlat(
          httpBidder(api, spreadTokens),
          20,
          SECONDS,
          (_worker, _attempt) => {
            const l = Math.floor(Math.random() * 50);
            const { auctions } = spreadLeagues[l]!;
            return { manager: l * 4 + Math.floor(Math.random() * 4), auctionId: auctions[Math.floor(Math.random() * 10)]!.id };
          },
          openingPrices,
        ),
      (t) => t.accepted,
      byBench,
    );
    for (const s of spreadLeagues) {
      for (const a of s.auctions)
        auctionsUsed.push({
          leagueId: s.league.id,
          token: s.managers[0]!.token,
          accepted: spread.acceptedByAuction.get(a.id) ?? [],
          auctionId: a.id,
        });
    }
    const bareSpread = pgbench
      ? await metered(
          'spread, bare pgbench transaction',
          () => runPgbench(pgbench, bareUrl, 1000, 20, SECONDS),
          (tps) => tps * SECONDS,
          byPgbench,
        )
      : NaN;
    rows.push([
      'spread, HTTP (500 auctions, 50 leagues, 20 bidders)',
      `${fmt(rate(spread))} bids/s`,
      `${fmt(bareSpread)} tx/s`,
      fmt(rate(spread) / bareSpread, 2),
      '≥ 0.35',
    ]);

    // --- standing max bids: one manager's maximum answers every live "+1" bid of nine others, inside
    // the same place_bids call — two bids recorded per live bid, the second by the game.
    const maxManagers = await inBatches(10, 4, (i) => api.register(`max${i}`));
    const maxLeague = await api.league(maxManagers[0]!, maxManagers.slice(1), 'Max bids', true);
    const maxTokens = maxManagers.map((m) => m.token);
    const maxAuction = await api.openAuction(maxTokens[0]!, maxLeague.id, players[520]!);
    const standing = await api.call('PUT', `/auctions/${maxAuction.id}/max-bid`, maxTokens[0], { amount: 800_000_000_000 });
    if (standing.status !== 200) throw new Error(`max bid: ${standing.status} ${JSON.stringify(standing.body)}`);
    const maxBidders = httpBidder(api, maxTokens.slice(1), true);
    const throughMax = await metered(
      'hot, "+1" against a standing max, HTTP',
      () =>
        bidFlat(
          maxBidders,
          9,
          SECONDS,
          (worker) => ({ manager: worker, auctionId: maxAuction.id }),
          new Map([[maxAuction.id, maxAuction.openingPrice]]),
        ),
      (t) => t.accepted * 2,
      byBench,
    );
    // Each live bid is the high bid − 1 its answer shows (the game's answer): the contract's account of every stored bid.
    const liveAnswers = throughMax.acceptedByAuction.get(maxAuction.id) ?? [];
    auctionsUsed.push({
      leagueId: maxLeague.id,
      token: maxTokens[0]!,
      accepted: [maxAuction.openingPrice, ...liveAnswers.flatMap((a) => [a - 1, a])],
      auctionId: maxAuction.id,
    });
    const maxLeader = (await api.call('GET', `/auctions/${maxAuction.id}`, maxTokens[1])).body.highBidder?.userId;
    rows.push([
      'hot, "+1" live bids each answered by a standing max, HTTP',
      `${fmt((throughMax.accepted * 2) / throughMax.seconds)} bids/s`,
      `${fmt(bareHot)} tx/s`,
      fmt((throughMax.accepted * 2) / throughMax.seconds / bareHot, 2),
      maxLeader === maxManagers[0]!.userId ? 'max holder leads ✓' : 'max holder lost the lead ✗',
    ]);
    if (maxLeader !== maxManagers[0]!.userId) process.exitCode = 1;

    // --- draft night: a lot's deadline → the next turn on a watcher's socket (20 leagues, 2 lots each, at once)
    const turns = await draftTurnLatency(api, players.slice(530), 20, 2);
    rows.push([
      `draft: lot deadline → next turn seen, p50 / p99 (${turns.deadlineToTurn.length} lots)`,
      `${fmt(percentile(turns.deadlineToTurn, 50), 1)} / ${fmt(percentile(turns.deadlineToTurn, 99), 1)} ms`,
      '—',
      '—',
      '—',
    ]);
    rows.push([
      'draft: auction.closed → draft.turn seen, p50 / p99',
      `${fmt(percentile(turns.closedToTurn, 50), 1)} / ${fmt(percentile(turns.closedToTurn, 99), 1)} ms`,
      '—',
      '—',
      'one transaction',
    ]);

    // --- live: bid accepted → each of N watchers, against bare Socket.IO with the same clients
    const liveManagers = await inBatches(20, 4, (i) => api.register(`live${i}`));
    const liveLeague = await api.league(liveManagers[0]!, liveManagers.slice(1), 'Live');
    const liveTokens = liveManagers.map((m) => m.token);
    const liveAuction = await api.openAuction(liveTokens[0]!, liveLeague.id, players[510]!);
    const watchers = await connectMany(`${api.baseUrl}/live`, liveTokens, WATCHERS);
    await joinAll(watchers, liveLeague.id);
    const liveAccepted: number[] = [];
    const amountOf = (round: number) => liveAuction.openingPrice + round;
    const product = await fanOutLatency(
      watchers,
      'bid.accepted',
      ROUNDS,
      async (round) => {
        const { status } = await api.call('POST', `/auctions/${liveAuction.id}/bids`, liveTokens[1 + (round % 2)], {
          amount: amountOf(round),
        });
        if (status !== 201) throw new Error(`live bid refused: ${status}`);
        liveAccepted.push(amountOf(round));
      },
      (payload, round) => payload?.data?.amount === amountOf(round),
    );
    auctionsUsed.push({ leagueId: liveLeague.id, token: liveTokens[0]!, accepted: liveAccepted, auctionId: liveAuction.id });
    for (const w of watchers) w.close();
    const bare = await startBareServer();
    cleanups.push(bare.stop);
    const bareWatchers = await connectMany(bare.url, [''], WATCHERS);
    const sample = {
      seq: 1,
      leagueId: liveLeague.id,
      type: 'bid.accepted',
      at: new Date().toISOString(),
      data: { auctionId: liveAuction.id, amount: 0, bidderId: liveManagers[1]!.userId, endsAt: new Date().toISOString() },
      serverTime: new Date().toISOString(),
    };
    const baseline = await fanOutLatency(
      bareWatchers,
      'bid.accepted',
      ROUNDS,
      (round) => bare.emit({ ...sample, seq: round, data: { ...sample.data, amount: round } }),
      (payload, round) => payload?.data?.amount === round,
    );
    for (const w of bareWatchers) w.close();
    bare.stop();
    const [p50, p99, b50, b99] = [percentile(product, 50), percentile(product, 99), percentile(baseline, 50), percentile(baseline, 99)];
    rows.push([`live p50, bid → ${WATCHERS} watchers`, `${fmt(p50, 1)} ms`, `${fmt(b50, 1)} ms`, fmt(p50 / b50, 2), '—']);
    rows.push([`live p99, bid → ${WATCHERS} watchers`, `${fmt(p99, 1)} ms`, `${fmt(b99, 1)} ms`, fmt(p99 / b99, 2), '≤ 1.2']);

    // --- capacity: connections one API process holds, and its memory
    const rssBefore = rssMiB(apiProcess.pid!);
    const crowd = await connectMany(`${api.baseUrl}/live`, liveTokens, CAPACITY, 250);
    await joinAll(crowd, liveLeague.id);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rssAt = rssMiB(apiProcess.pid!);
    rows.push([`capacity: watchers held (asked ${CAPACITY})`, fmt(crowd.length), '—', '—', `${fmt(CAPACITY)}`]);
    rows.push([`API RSS at ${fmt(crowd.length)} watchers (idle ${fmt(rssBefore)} MiB)`, `${fmt(rssAt)} MiB`, '—', '—', '< 1,024 MiB']);
    for (const c of crowd) c.close();

    // --- after the load: the answers must be right, not only fast
    const problems = await checkInvariants(api, auctionsUsed);
    const failures =
      hotHttp.failed5xx + hotSocket.failed5xx + plusOneHttp.failed5xx + plusOneSocket.failed5xx + spread.failed5xx + throughMax.failed5xx;
    rows.push([
      'invariants after the load',
      problems.length === 0 && failures === 0 ? 'hold' : `${problems.length + failures} broken`,
      '—',
      '—',
      'hold',
    ]);

    // --- the product's own bid function straight in PostgreSQL, no API: what the database alone allows
    if (pgbench) {
      const client = new pg.Client({ connectionString: productUrl });
      await client.connect();
      const hotTarget = await api.openAuction(hotTokens[0]!, hotLeague.id, players[505]!);
      await client.query(PRODUCT_TARGETS);
      await client.query(`INSERT INTO bench_targets VALUES (1, $1, $2)`, [hotTarget.id, hotManagers.map((m) => m.userId)]);
      const accepted = async (ids: string[]) =>
        Number((await client.query(`SELECT count(*) AS n FROM bids WHERE auction_id = ANY ($1)`, [ids])).rows[0].n);
      const inPg = async (phase: string, ids: string[], hotRun: boolean, targets: number, clients: number, ceiling = false) => {
        const before = await accepted(ids);
        let tps = 0;
        const n = await metered(
          phase,
          () => {
            tps = runProductPgbench(pgbench, productUrl, targets, hotRun, clients, SECONDS, ceiling);
            return accepted(ids);
          },
          (after) => after - before,
          byPgbench,
        );
        return { acceptedPerSecond: (n - before) / SECONDS, tps };
      };
      const hotInPg = await inPg('hot, place_bids() in pgbench', [hotTarget.id], true, 1, 10);
      const plusOneInPg = await inPg('hot, "+1" place_bids() in pgbench', [hotTarget.id], true, 1, 10, true);
      await client.query(`TRUNCATE bench_targets`);
      const spreadIds = spreadLeagues.flatMap((s) => s.auctions.map((a) => a.id));
      for (const [l, s] of spreadLeagues.entries()) {
        for (const [a, auction] of s.auctions.entries())
          await client.query(`INSERT INTO bench_targets VALUES ($1, $2, $3)`, [
            l * 10 + a + 1,
            auction.id,
            s.managers.map((m) => m.userId),
          ]);
      }
      const spreadInPg = await inPg('spread, place_bids() in pgbench', spreadIds, false, 500, 20);
      await client.end();
      rows.push([
        'hot: place_bids() alone, in pgbench (no API)',
        `${fmt(hotInPg.acceptedPerSecond)} bids/s`,
        `${fmt(bareHot)} tx/s`,
        fmt(hotInPg.acceptedPerSecond / bareHot, 2),
        '(ceiling)',
      ]);
      rows.push([
        'hot "+1": place_bids() alone, in pgbench (no API)',
        `${fmt(plusOneInPg.acceptedPerSecond)} bids/s`,
        `${fmt(bareHot)} tx/s`,
        fmt(plusOneInPg.acceptedPerSecond / bareHot, 2),
        '(ceiling)',
      ]);
      rows.push([
        'spread: place_bids() alone, in pgbench (no API)',
        `${fmt(spreadInPg.acceptedPerSecond)} bids/s`,
        `${fmt(bareSpread)} tx/s`,
        fmt(spreadInPg.acceptedPerSecond / bareSpread, 2),
        '(ceiling)',
      ]);
    }

    // --- warm start: the API stopped, then started again on its migrated database (the registry loaded,
    // the files in the page cache), timed from spawn to /health answering
    stop();
    await exited(apiProcess);
    const starts: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      const again = await startApi({ databaseUrl: productUrl, dataDir: tempDir });
      starts.push(performance.now() - started);
      again.stop();
      await exited(again.process);
    }
    starts.sort((a, b) => a - b);
    rows.push([
      'warm start: spawn → /health answers (median of 3)',
      `${fmt(starts[1]! / 1000, 2)} s`,
      '—',
      '—',
      `≤ 3 s (max ${fmt(starts[2]! / 1000, 2)} s)`,
    ]);

    const widths = [0, 1, 2, 3, 4].map((i) =>
      Math.max(...[['measure', 'product', 'bare limit', 'ratio', 'target'], ...rows].map((r) => r[i]!.length)),
    );
    const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
    console.log(line(['measure', 'product', 'bare limit', 'ratio', 'target']));
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const r of rows) console.log(line(r));
    console.log('\nCPU per accepted bid (per transaction for the bare pgbench runs), in ms, and how busy the 2 cores were:');
    const cpuTable = [
      ['phase', '/s', 'API', 'PostgreSQL', 'load generator', 'total', 'machine busy'],
      ...cpuRows.map((r) => [
        r.phase,
        fmt(r.perSecond),
        fmt(r.api, 2),
        fmt(r.postgres, 2),
        fmt(r.client, 2),
        fmt(r.api + r.postgres + r.client, 2),
        `${fmt(r.busy * 100)} %`,
      ]),
    ];
    const cw = cpuTable[0]!.map((_, i) => Math.max(...cpuTable.map((r) => r[i]!.length)));
    cpuTable.forEach((r, j) => {
      console.log(`| ${r.map((c, i) => c.padEnd(cw[i]!)).join(' | ')} |`);
      if (j === 0) console.log(`|${cw.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    });
    console.log(
      `\nhot: ${hotHttp.accepted} accepted / ${hotHttp.refused} refused over HTTP, ${hotSocket.accepted} / ${hotSocket.refused} over Socket.IO; "+1": ${plusOneHttp.accepted} / ${plusOneHttp.refused} over HTTP, ${plusOneSocket.accepted} / ${plusOneSocket.refused} over Socket.IO; spread: ${spread.accepted} / ${spread.refused}; 5xx: ${failures}`,
    );
    for (const p of problems.slice(0, 20)) console.log(`invariant broken: ${p}`);
    if (problems.length > 0 || failures > 0) process.exitCode = 1;
  } finally {
    await surroundings.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
