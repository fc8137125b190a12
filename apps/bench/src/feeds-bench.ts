// How fast one API process ingests news from feeds, and its memory while polling many:
// `npm run bench:feeds`. Printed figures, not a test. A local publisher (node:http, in this process)
// serves feeds of distinct Italian transfer articles built from the registry; one API process (the
// real one, dist/apps/api, worker-thread extraction, its background poller) follows them.
//   Phase 1, throughput: 10 feeds × 100 items (full text in the item), time from "follow" to every
//            item stored → items/s, articles, reports, CPU of the API per item.
//   Phase 2, memory: 200 feeds × 20 items polled at once (FEED_CONCURRENCY slots); the API's RSS
//            sampled every 100 ms: before, peak, after.
// BENCH_DATABASE_URL=postgres://… uses that server instead of an embedded one.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { readRegistryFile, STARTER_REGISTRY_PATH } from '@fantamercato/players';
import { Api, freePort } from './api.js';
import { openBench } from './processes.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..'); // from dist/apps/bench/src
const ADMIN = 'feeds-bench@bench.local';
const CLUBS = ['Inter', 'Juventus', 'Napoli', 'Roma', 'Lazio', 'Atalanta', 'Fiorentina', 'Torino', 'Bologna', 'Sassuolo'];
const FILLER =
  'Il giocatore ha disputato una stagione di buon livello e piace a diversi club. La dirigenza vuole prima capire il futuro del reparto, ' +
  'poi valuterà le offerte che arriveranno nelle prossime settimane. Non è escluso che la trattativa riprenda più avanti, quando le ' +
  'squadre avranno chiuso i loro bilanci e le idee per la prossima stagione saranno più chiare.';

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
}

/** One feed's RSS: `items` distinct articles, each naming a registry player, a bidding club and a figure. */
function feedXml(feed: number, items: number, players: { name: string; club: string }[]): string {
  const entries: string[] = [];
  for (let i = 0; i < items; i++) {
    const n = feed * 1000 + i;
    const player = players[n % players.length]!;
    const buyer = CLUBS[n % CLUBS.length] === player.club ? 'Genoa' : CLUBS[n % CLUBS.length]!;
    const millions = 5 + (n % 40);
    const text =
      `<p>Mercato, giorno ${n}. ${buyer === 'Inter' ? "L'Inter" : `Il ${buyer}`} ha offerto ${millions} milioni di euro al ${player.club} ` +
      `per ${player.name}, ma la società chiede di più.</p><p>${FILLER}</p><p>${FILLER}</p><p>Aggiornamento numero ${n}.</p>`;
    entries.push(
      `<item><title>${escape(player.name)}, offerta del ${buyer}</title><guid isPermaLink="false">bench-${n}</guid>` +
        `<pubDate>${new Date(Date.UTC(2022, 4, 1) + n * 60_000).toUTCString()}</pubDate>` +
        `<description><![CDATA[${text}]]></description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>bench ${feed}</title><link>http://bench.local/</link><language>it</language>${entries.join('')}</channel></rss>`;
}

async function main(): Promise<void> {
  const surroundings = await openBench('fm-feeds-bench-');
  const { tempDir, serverUrl, cleanups } = surroundings;
  try {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS fm_bench_feeds WITH (FORCE)');
    await admin.query('CREATE DATABASE fm_bench_feeds');
    await admin.end();
    const dbUrl = new URL(serverUrl);
    dbUrl.pathname = '/fm_bench_feeds';

    const { rows } = await readRegistryFile(STARTER_REGISTRY_PATH);
    const players = rows
      .filter((r) => r.club && r.league === 'IT1' && r.name.includes(' '))
      .map((r) => ({ name: r.name, club: r.club! }))
      .slice(0, 400);
    const feeds = new Map<string, string>();
    const publisher = createServer((req, res) => {
      const body = feeds.get(req.url ?? '');
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body);
    });
    await new Promise<void>((resolve) => publisher.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => publisher.close());
    const base = `http://127.0.0.1:${(publisher.address() as AddressInfo).port}`;

    const port = await freePort();
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/apps/api/src/main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: dbUrl.toString(),
        PORT: String(port),
        HOST: '127.0.0.1',
        ADMIN_EMAILS: ADMIN,
        FEED_ALLOW_PRIVATE: 'true',
        FEED_POLLING: 'true',
        RATE_LIMIT_AUTH: '0',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret-123',
        DATA_DIR: tempDir,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    cleanups.push(() => child.kill('SIGTERM'));
    const api = new Api(`http://127.0.0.1:${port}`);
    cleanups.push(() => api.close());
    await api.healthy();
    const registered = await api.call('POST', '/auth/register', undefined, {
      email: ADMIN,
      password: 'bench password 1234',
      displayName: 'Feeds bench',
    });
    const token: string = registered.body.accessToken;
    const concurrency = process.env.FEED_CONCURRENCY ?? '4';

    /** Follows `count` feeds of `items` items each and waits until every item is stored; samples the API meanwhile. */
    async function phase(name: string, count: number, items: number) {
      const urls: string[] = [];
      for (let f = 0; f < count; f++) {
        const route = `/${name}-${f}.xml`;
        feeds.set(route, feedXml(f + (name === 'memory' ? 100 : 0), items, players));
        urls.push(base + route);
      }
      const rssBefore = rssKb(child.pid!);
      const cpuBefore = cpuMs(child.pid!);
      let peak = rssBefore;
      const started = performance.now();
      for (const url of urls) {
        const r = await api.call('POST', '/feeds', token, { url, intervalMinutes: 1440 });
        if (r.status !== 201) throw new Error(`add ${url}: ${r.status} ${JSON.stringify(r.body)}`);
      }
      const wanted = new Set(urls);
      let seen = 0;
      let stored = 0;
      let reports = 0;
      for (;;) {
        peak = Math.max(peak, rssKb(child.pid!));
        const { body } = await api.call('GET', '/feeds', token);
        const mine = (body.items as { url: string; itemsSeen: number; articlesStored: number; reportsFound: number }[]).filter((f) =>
          wanted.has(f.url),
        );
        seen = mine.reduce((s, f) => s + f.itemsSeen, 0);
        stored = mine.reduce((s, f) => s + f.articlesStored, 0);
        reports = mine.reduce((s, f) => s + f.reportsFound, 0);
        if (seen >= count * items) break;
        if (performance.now() - started > 15 * 60_000) throw new Error(`${name}: only ${seen} of ${count * items} items after 15 min`);
        await sleep(100);
      }
      const seconds = (performance.now() - started) / 1000;
      const cpu = cpuMs(child.pid!) - cpuBefore;
      await sleep(1_000);
      return { seconds, seen, stored, reports, cpu, rssBefore, peak, rssAfter: rssKb(child.pid!) };
    }

    const t = await phase('throughput', 10, 100);
    const m = await phase('memory', 200, 20);
    const mib = (kb: number) => `${fmt(kb / 1024, 1)} MiB`;
    console.log(`\nfeeds bench — one API process, FEED_CONCURRENCY=${concurrency}, local publisher on 127.0.0.1, ${process.arch}`);
    console.log(
      '| phase | feeds × items | seconds | items/s | articles | reports | API CPU ms / item | RSS before | RSS peak | RSS after |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const [label, r, shape] of [
      ['throughput', t, '10 × 100'],
      ['200 feeds', m, '200 × 20'],
    ] as const) {
      console.log(
        `| ${label} | ${shape} | ${fmt(r.seconds, 1)} | ${fmt(r.seen / r.seconds, 1)} | ${r.stored} | ${r.reports} | ${fmt(r.cpu / r.seen, 1)} | ${mib(r.rssBefore)} | ${mib(r.peak)} | ${mib(r.rssAfter)} |`,
      );
    }
  } finally {
    await surroundings.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
