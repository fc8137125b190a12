import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { runCli } from './support/cli.js';
import { auth, playerId } from './support/game.js';
import { startFeedServer, type FeedServer } from './support/feed-server.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { registerAdmin, registerUser, startTestApi, type TestApi } from './support/test-api.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MINUTE = 60_000;

type Admin = Awaited<ReturnType<typeof registerAdmin>>;

/** The CLI with extra environment (the tests' publisher is on 127.0.0.1). */
async function cliWith(env: Record<string, string>, cli: (...args: string[]) => Promise<string>, ...args: string[]): Promise<string> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await cli(...args);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Feeds against real HTTP: a local publisher on 127.0.0.1 serving the team's RSS and Atom fixtures. */
describe('news feeds', () => {
  let db: TestDatabase;
  let api: TestApi;
  let admin: Admin;
  let server: FeedServer;
  let sql: pg.Client;
  const http = () => api.http();
  const addFeed = (body: object, on: TestApi = api) => on.http().post('/api/v1/feeds').set(auth(admin)).send(body);
  const poll = async (id: string, on: TestApi = api) =>
    (await on.http().post(`/api/v1/feeds/${id}/poll`).set(auth(admin)).expect(200)).body;
  const feedOf = async (id: string) => (await http().get(`/api/v1/feeds/${id}`).set(auth(admin)).expect(200)).body;
  const count = async (query: string, params: unknown[]) => Number((await sql.query(query, params)).rows[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    // Polls are driven by the tests here (FEED_POLLING=false) except where a test starts pollers itself.
    api = await startTestApi({ FEED_ALLOW_PRIVATE: 'true', FEED_POLLING: 'false' }, db);
    admin = await registerAdmin(api);
    server = await startFeedServer();
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await server.close();
    await api.close();
    await db.drop();
  });

  it('new items are priced once, through the path of POST /news; an unchanged feed is a 304 that costs nothing', async () => {
    server.routes.set('/rss.xml', { fixture: 'calciomercato.rss.xml', etag: '"v1"', lastModified: 'Tue, 17 May 2022 11:00:00 GMT' });
    server.routes.set('/articoli/krunic', { fixture: 'krunic.html', type: 'text/html; charset=utf-8' });
    const { body: feed } = await addFeed({ url: `${server.base}/rss.xml`, intervalMinutes: 60 }).expect(201);
    expect(feed).toMatchObject({ url: `${server.base}/rss.xml`, language: null, intervalMinutes: 60, polls: 0, itemsSeen: 0 });
    expect((await addFeed({ url: `${server.base}/rss.xml` }).expect(409)).body.code).toBe('FEED_EXISTS');

    const first = await poll(feed.id);
    // Three items; the third repeats the first's text under another guid: stored once (the text's hash).
    expect(first).toMatchObject({ outcome: 'fetched', newItems: 3, articlesStored: 2 });
    expect(first.reportsFound).toBeGreaterThanOrEqual(2);
    expect(first.feed).toMatchObject({ polls: 1, itemsSeen: 3, articlesStored: 2, failures: 0, lastStatus: 200, lastError: null });
    expect(Date.parse(first.feed.nextPollAt) - Date.now()).toBeGreaterThan(55 * MINUTE);

    // The Krunić item carried a summary: the article is the page's main text, not the site's clutter.
    const { rows: articles } = await sql.query(`SELECT url, title, text, feed_id, language FROM articles WHERE feed_id = $1 ORDER BY url`, [
      feed.id,
    ]);
    expect(articles.map((a) => a.url)).toEqual([`${server.base}/articoli/gabbia`, `${server.base}/articoli/krunic`]);
    const krunicArticle = articles[1]!;
    expect(krunicArticle.text).toContain('12 milioni di euro');
    expect(krunicArticle.text).not.toContain('I più letti');
    expect(krunicArticle.language).toBe('it');
    expect(server.hits('/articoli/krunic')).toBe(1);

    // The reports price the players with the feed's article as their source.
    const krunic = await playerId(api, 'Rade Krunić');
    const { body: player } = await http().get(`/api/v1/players/${krunic}`).expect(200);
    expect(player.reports).toEqual(
      expect.arrayContaining([expect.objectContaining({ quote: expect.stringContaining('12 milioni'), kind: 'agreed' })]),
    );
    const { body: held } = await http().get('/api/v1/news/reports?status=used').set(auth(admin)).expect(200);
    const fromFeed = held.items.filter((r: { article: { feedId?: string } }) => r.article.feedId === feed.id);
    expect(fromFeed.length).toBe(first.reportsFound);

    // Unchanged: the validators go back, the publisher answers 304, nothing is read or stored.
    const second = await poll(feed.id);
    expect(second).toMatchObject({ outcome: 'not_modified', newItems: 0, articlesStored: 0 });
    expect(server.log.at(-1)).toMatchObject({ path: '/rss.xml', status: 304 });
    expect(server.log.at(-1)!.headers['if-none-match']).toBe('"v1"');
    expect(second.feed).toMatchObject({ polls: 2, notModified: 1, itemsSeen: 3, articlesStored: 2 });
    expect(second.feed.lastFetchedAt).toBe(first.feed.lastFetchedAt);
    expect(server.hits('/articoli/krunic')).toBe(1);

    // Changed validators, same items: read again, nothing new.
    server.routes.set('/rss.xml', { fixture: 'calciomercato.rss.xml', etag: '"v2"' });
    expect(await poll(feed.id)).toMatchObject({ outcome: 'fetched', newItems: 0, articlesStored: 0 });
    expect(await count(`SELECT count(*) AS n FROM articles WHERE feed_id = $1`, [feed.id])).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM feed_items WHERE feed_id = $1`, [feed.id])).toBe(3);
    expect(server.hits('/articoli/krunic')).toBe(1);

    const { body: list } = await http().get('/api/v1/feeds').set(auth(admin)).expect(200);
    expect(list.items.map((f: { id: string }) => f.id)).toContain(feed.id);
  });

  it('an Atom feed prices its entries too', async () => {
    server.routes.set('/atom.xml', { fixture: 'transfers.atom.xml', type: 'application/atom+xml' });
    const { body: feed } = await addFeed({ url: `${server.base}/atom.xml`, language: 'en', intervalMinutes: 15 }).expect(201);
    const result = await poll(feed.id);
    expect(result).toMatchObject({ outcome: 'fetched', newItems: 1, articlesStored: 1 });
    expect(result.reportsFound).toBeGreaterThanOrEqual(1);
    const { rows } = await sql.query(`SELECT title, published_at, language FROM articles WHERE feed_id = $1`, [feed.id]);
    expect(rows[0]).toMatchObject({ title: 'Arsenal agree fee for Leão', language: 'en' });
    expect((rows[0].published_at as Date).toISOString()).toBe('2022-05-18T08:00:00.000Z');
  });

  it('a long feed is read 100 items a poll, the rest on the next poll; a very long guid is a key like any other', async () => {
    const items = Array.from(
      { length: 120 },
      (_, i) =>
        `<item><title>Nota ${i}</title><guid isPermaLink="false">${i === 0 ? 'g'.repeat(3000) : `long-${i}`}</guid>` +
        `<pubDate>${new Date(Date.UTC(2022, 4, 1, 0, i)).toUTCString()}</pubDate>` +
        `<description>Nota di mercato numero ${i}: nessuna cifra, solo voci di corridoio sul futuro della squadra.</description></item>`,
    ).join('');
    server.routes.set('/long.xml', {
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>long</title><link>${server.base}/</link>${items}</channel></rss>`,
      etag: '"long1"',
    });
    const { body: feed } = await addFeed({ url: `${server.base}/long.xml` }).expect(201);
    expect(await poll(feed.id)).toMatchObject({ outcome: 'fetched', newItems: 100 });
    // Twenty wait: the next poll must read the feed again, not be answered 304.
    expect(await poll(feed.id)).toMatchObject({ outcome: 'fetched', newItems: 20 });
    expect(await poll(feed.id)).toMatchObject({ outcome: 'not_modified', newItems: 0 });
    expect(await count(`SELECT count(*) AS n FROM feed_items WHERE feed_id = $1`, [feed.id])).toBe(120);
    expect(await count(`SELECT max(octet_length(item_key)) AS n FROM feed_items WHERE feed_id = $1`, [feed.id])).toBeLessThanOrEqual(500);
  });

  it('a broken feed backs off, doubling, and recovers', async () => {
    server.routes.set('/broken.xml', { status: 500, body: 'oops' });
    const { body: feed } = await addFeed({ url: `${server.base}/broken.xml`, intervalMinutes: 1 }).expect(201);
    const one = await poll(feed.id);
    expect(one.outcome).toBe('failed');
    expect(one.feed).toMatchObject({ failures: 1, lastStatus: 500, lastError: expect.stringContaining('500') });
    const wait1 = Date.parse(one.feed.nextPollAt) - Date.parse(one.feed.lastPolledAt);
    expect(wait1).toBeGreaterThanOrEqual(2 * MINUTE - 1_000);
    expect(wait1).toBeLessThanOrEqual(2 * MINUTE + 1_000);

    server.routes.set('/broken.xml', { body: '<html>this is not a feed</html>', type: 'text/html' });
    const two = await poll(feed.id);
    expect(two.feed).toMatchObject({ failures: 2, lastError: expect.stringContaining('not an RSS or Atom feed') });
    const wait2 = Date.parse(two.feed.nextPollAt) - Date.parse(two.feed.lastPolledAt);
    expect(wait2).toBeGreaterThanOrEqual(4 * MINUTE - 1_000);
    expect(wait2).toBeLessThanOrEqual(4 * MINUTE + 1_000);

    server.routes.set('/broken.xml', { fixture: 'transfers.atom.xml' });
    const back = await poll(feed.id);
    expect(back.outcome).toBe('fetched');
    expect(back.feed).toMatchObject({ failures: 0, lastError: null, lastStatus: 200 });
    const wait3 = Date.parse(back.feed.nextPollAt) - Date.parse(back.feed.lastPolledAt);
    expect(wait3).toBeLessThanOrEqual(MINUTE + 1_000);
  });

  it('admins only; bad input is a 400 and stores nothing; removing a feed keeps its articles', async () => {
    const user = await registerUser(api);
    expect(
      (
        await http()
          .post('/api/v1/feeds')
          .set(auth(user))
          .send({ url: `${server.base}/x.xml` })
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN');
    expect((await http().get('/api/v1/feeds').set(auth(user)).expect(403)).body.code).toBe('FORBIDDEN');
    for (const body of [
      { url: 'file:///etc/passwd' },
      { url: 'ftp://example.com/feed' },
      { url: 'not a url' },
      { url: `${server.base}/x.xml`, intervalMinutes: 0 },
      { url: `${server.base}/x.xml`, intervalMinutes: 1.5 },
      { url: `${server.base}/x.xml`, language: 'klingon' },
      // Accepted by a URL validator, refused by the WHATWG parser that fetches: still a 400, not a 500.
      { url: 'http://example.0x1/' },
      // Short as typed, over 2048 characters once escaped.
      { url: `https://example.com/${'é'.repeat(1900)}` },
      {},
    ]) {
      expect((await addFeed(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    expect((await http().get('/api/v1/feeds/nope').set(auth(admin)).expect(404)).body.code).toBe('FEED_NOT_FOUND');
    expect((await http().delete('/api/v1/feeds/00000000-0000-4000-8000-000000000000').set(auth(admin)).expect(404)).body.code).toBe(
      'FEED_NOT_FOUND',
    );

    server.routes.set('/short-lived.xml', { fixture: 'transfers.atom.xml' });
    const { body: feed } = await addFeed({ url: `${server.base}/short-lived.xml` }).expect(201);
    await poll(feed.id);
    const { rows } = await sql.query(`SELECT id FROM articles WHERE text LIKE '%Rafael Leão%' LIMIT 1`);
    await http().delete(`/api/v1/feeds/${feed.id}`).set(auth(admin)).expect(204);
    expect((await http().get(`/api/v1/feeds/${feed.id}`).set(auth(admin)).expect(404)).body.code).toBe('FEED_NOT_FOUND');
    expect(await count(`SELECT count(*) AS n FROM articles WHERE id = $1`, [rows[0].id])).toBe(1);
  });

  it('outbound safety: private addresses are refused, by name, by address and on every redirect, unless allowed', async () => {
    // Only the publisher's own address is allowed: 127.0.0.2 (loopback too, and served) stays refused.
    const guarded = await startTestApi({ FEED_ALLOW_PRIVATE: '127.0.0.1', FEED_POLLING: 'false' }, db);
    const strict = await startTestApi({ FEED_POLLING: 'false' }, db);
    const open = await startFeedServer({}, '0.0.0.0');
    try {
      const port = new URL(open.base).port;
      open.routes.set('/rss.xml', { fixture: 'transfers.atom.xml' });
      open.routes.set('/to-inside', { location: `http://127.0.0.2:${port}/rss.xml` });
      open.routes.set('/loop', { location: '/loop' });
      for (const url of [
        'http://10.0.0.7/feed.xml',
        'http://192.168.1.1/rss',
        'http://[::1]/rss',
        'http://169.254.169.254/latest/meta-data',
      ]) {
        expect((await addFeed({ url }, guarded).expect(422)).body.code).toBe('FEED_ADDRESS_REFUSED');
      }
      // Without FEED_ALLOW_PRIVATE nothing inward is reached, the tests' server included.
      expect((await addFeed({ url: `${open.base}/rss.xml` }, strict).expect(422)).body.code).toBe('FEED_ADDRESS_REFUSED');

      const { body: redirected } = await addFeed({ url: `${open.base}/to-inside` }, guarded).expect(201);
      const refused = await poll(redirected.id, guarded);
      expect(refused.outcome).toBe('failed');
      expect(refused.feed.lastError).toMatch(/127\.0\.0\.2.*refused/);
      expect(open.log.filter((l) => l.headers.host?.startsWith('127.0.0.2'))).toEqual([]); // never asked

      const { body: looping } = await addFeed({ url: `${open.base}/loop` }, guarded).expect(201);
      expect((await poll(looping.id, guarded)).feed.lastError).toMatch(/more than 5 redirects/i);
      expect(open.hits('/loop')).toBe(6);
    } finally {
      await open.close();
      await guarded.close();
      await strict.close();
    }
  });

  it('the CLI: feeds:add, feeds:list, feeds:poll-once with a line per feed', async () => {
    const other = await createTestDatabase();
    const cliServer = await startFeedServer({
      '/rss.xml': { fixture: 'calciomercato.rss.xml', etag: '"c1"' },
      '/articoli/krunic': { fixture: 'krunic.html', type: 'text/html' },
      '/atom.xml': { fixture: 'transfers.atom.xml' },
      '/gone.xml': { status: 410 },
    });
    const env = { FEED_ALLOW_PRIVATE: 'true' };
    try {
      const cli = (...args: string[]) =>
        runCli(other.url, ...args).then(
          (r) => r.stdout,
          (e: { stdout: string; code: number }) => `exit ${e.code}\n${e.stdout}`,
        );
      for (const p of ['/rss.xml', '/atom.xml', '/gone.xml'])
        expect(await cliWith(env, cli, 'feeds:add', `${cliServer.base}${p}`, '--interval', '20')).toMatch(/^following /);
      const polled = await cliWith(env, cli, 'feeds:poll-once');
      expect(polled).toMatch(
        /\[1\/3\] http:\/\/127\.0\.0\.1:\d+\/rss\.xml: 3 new item\(s\), 2 article\(s\) stored, \d+ report\(s\) \(\d+ ms\)/,
      );
      expect(polled).toMatch(/\[2\/3\] .*\/atom\.xml: 1 new item\(s\), 1 article\(s\) stored/);
      expect(polled).toMatch(/\[3\/3\] .*\/gone\.xml: failed: The feed answered HTTP 410/);
      expect(polled).toMatch(/^exit 1/); // one feed failed
      expect(await cliWith(env, cli, 'feeds:poll-once')).toMatch(/\[1\/3\] .*\/rss\.xml: unchanged \(304\)/);
      const listed = await cliWith(env, cli, 'feeds:list');
      expect(listed).toContain('every 20 min');
      expect(listed).toMatch(/2 poll\(s\), 1 unchanged \(304\), 0 failure\(s\) in a row; 3 item\(s\) seen, 2 article\(s\) stored/);
      expect(await cliWith(env, cli, 'feeds:add', `${cliServer.base}/rss.xml`)).toMatch(/exit 1/);
    } finally {
      await cliServer.close();
      await other.drop();
    }
  }, 60_000);

  it('two API processes poll one feed: each item is stored once', async () => {
    const other = await createTestDatabase();
    const env = { FEED_ALLOW_PRIVATE: 'true', FEED_POLLING: 'true' };
    const [a, b] = [await startTestApi(env, other), await startTestApi(env, other)];
    const otherSql = new pg.Client({ connectionString: other.url });
    await otherSql.connect();
    const shared = await startFeedServer();
    try {
      shared.routes.set('/rss.xml', { fixture: 'calciomercato.rss.xml', delayMs: 300 });
      shared.routes.set('/articoli/krunic', { fixture: 'krunic.html', type: 'text/html', delayMs: 300 });
      const otherAdmin = await registerAdmin(a);
      const { body: feed } = await a
        .http()
        .post('/api/v1/feeds')
        .set(auth(otherAdmin))
        .send({ url: `${shared.base}/rss.xml`, intervalMinutes: 1 })
        .expect(201);
      // Both pollers see it due at once; forced polls from both processes join the race.
      const forced = await Promise.all([a, b].map((p) => p.http().post(`/api/v1/feeds/${feed.id}/poll`).set(auth(otherAdmin)).expect(200)));
      for (let i = 0; i < 100; i += 1) {
        const { rows } = await otherSql.query(`SELECT items_seen, lease_token FROM feeds WHERE id = $1`, [feed.id]);
        if (rows[0].items_seen === 3 && rows[0].lease_token === null) break;
        await sleep(100);
      }
      const n = async (q: string) => Number((await otherSql.query(q, [feed.id])).rows[0].n);
      expect(await n(`SELECT count(*) AS n FROM feed_items WHERE feed_id = $1`)).toBe(3);
      expect(await n(`SELECT count(*) AS n FROM articles WHERE feed_id = $1`)).toBe(2);
      expect(await n(`SELECT count(*) AS n FROM fee_reports r JOIN articles a ON a.id = r.article_id WHERE a.feed_id = $1`)).toBe(
        (await otherSql.query(`SELECT reports_found FROM feeds WHERE id = $1`, [feed.id])).rows[0].reports_found,
      );
      expect(forced.map((r) => r.body.outcome).filter((o) => o === 'fetched').length).toBeLessThanOrEqual(2);
      expect(shared.hits('/articoli/krunic')).toBe(1); // one poll read the page: the others found the item stored or the feed held
    } finally {
      await otherSql.end();
      await shared.close();
      await a.close();
      await b.close();
      await other.drop();
    }
  }, 60_000);

  it('a restart mid-poll loses nothing; a process that died holding a feed hands it on when its lease runs out', async () => {
    const other = await createTestDatabase();
    const env = { FEED_ALLOW_PRIVATE: 'true', FEED_POLLING: 'false', FEED_LEASE_SECONDS: '2' };
    let first: TestApi | undefined = await startTestApi(env, other);
    const otherSql = new pg.Client({ connectionString: other.url });
    await otherSql.connect();
    const slow = await startFeedServer();
    try {
      slow.routes.set('/rss.xml', { fixture: 'calciomercato.rss.xml' });
      slow.routes.set('/articoli/krunic', { fixture: 'krunic.html', type: 'text/html', delayMs: 5_000 });
      const otherAdmin = await registerAdmin(first);
      const { body: feed } = await first
        .http()
        .post('/api/v1/feeds')
        .set(auth(otherAdmin))
        .send({ url: `${slow.base}/rss.xml`, intervalMinutes: 5 })
        .expect(201);
      const pending = first
        .http()
        .post(`/api/v1/feeds/${feed.id}/poll`)
        .set(auth(otherAdmin))
        .then(
          (r) => r.body,
          () => null,
        );
      for (let i = 0; i < 100 && slow.log.every((l) => !l.path.startsWith('/articoli/krunic')); i += 1) await sleep(50);
      // Mid-poll: the first item is stored, the second's page is on its way. The process stops.
      await first.close();
      first = undefined;
      await pending;
      const { rows: mid } = await otherSql.query(`SELECT count(*)::int AS n FROM feed_items WHERE feed_id = $1`, [feed.id]);
      expect(mid[0].n).toBe(1);

      slow.routes.set('/articoli/krunic', { fixture: 'krunic.html', type: 'text/html' });
      const second = await startTestApi(env, other);
      try {
        // A dead process's lease: the feed waits for it to run out, then anyone takes it.
        await otherSql.query(`UPDATE feeds SET lease_token = gen_random_uuid(), lease_until = now() + interval '2 seconds' WHERE id = $1`, [
          feed.id,
        ]);
        const held = await second.http().post(`/api/v1/feeds/${feed.id}/poll`).set(auth(otherAdmin)).expect(200);
        expect(held.body.outcome).toBe('busy');
        await sleep(2_500);
        const after = await second.http().post(`/api/v1/feeds/${feed.id}/poll`).set(auth(otherAdmin)).expect(200);
        expect(after.body).toMatchObject({ outcome: 'fetched', newItems: 2 });
        const n = async (q: string) => Number((await otherSql.query(q, [feed.id])).rows[0].n);
        expect(await n(`SELECT count(*) AS n FROM feed_items WHERE feed_id = $1`)).toBe(3);
        expect(await n(`SELECT count(*) AS n FROM articles WHERE feed_id = $1`)).toBe(2);
        expect(after.body.feed).toMatchObject({ itemsSeen: 3, articlesStored: 2 });
      } finally {
        await second.close();
      }
    } finally {
      await otherSql.end();
      await slow.close();
      await first?.close();
      await other.drop();
    }
  }, 60_000);
});
