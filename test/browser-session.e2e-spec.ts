import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { describeBrowser, launchChromium, phone, type PhonePage } from './support/browser.js';
import { playerId, SEED_ARTICLE } from './support/game.js';
import { registerAdmin, registerUser, startTestApi, type TestApi } from './support/test-api.js';

const TTL_SECONDS = 4;
const UI_TIMEOUT = 10_000;
/** The feed shows the latest 40 events; the league's first four (joins, the auction) are among them. */
const MAX_BIDS = 34;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Manager = Awaited<ReturnType<typeof registerUser>>;

// Access tokens that live 4 s: the room must carry on across several expiries, the socket being
// told session.expired, the page renewing its token and rejoining with afterSeq.
describeBrowser('the web client across access-token expiry', () => {
  let api: TestApi;
  let browser: Browser;
  let a: PhonePage;
  let anna: Manager;
  let leagueId = '';
  let auctionId = '';
  const others: Manager[] = [];

  /** An HTTP call as a manager of the test, renewing the manager's own token when it has run out. */
  async function as(manager: Manager, method: 'get' | 'post', route: string, body?: object) {
    for (;;) {
      const request = api.http()[method](`/api/v1${route}`).set('Authorization', `Bearer ${manager.token}`);
      const response = await (body ? request.send(body) : request);
      if (response.status !== 401 || response.body.code !== 'TOKEN_EXPIRED') return response;
      const renewed = await api.http().post('/api/v1/auth/refresh').send({ refreshToken: manager.refreshToken }).expect(200);
      manager.token = renewed.body.accessToken;
      manager.refreshToken = renewed.body.refreshToken;
    }
  }

  beforeAll(async () => {
    api = await startTestApi({ JWT_TTL_SECONDS: String(TTL_SECONDS) });
    const admin = await registerAdmin(api);
    await as(admin, 'post', '/news', { text: SEED_ARTICLE }).then((r) => expect(r.status).toBe(201));
    anna = await registerUser(api, { displayName: 'Anna' });
    others.push(await registerUser(api, { displayName: 'Bruno' }), await registerUser(api, { displayName: 'Carla' }));
    const league = await as(anna, 'post', '/leagues', { name: 'Lega corta', auction: { durationSeconds: 600 } });
    leagueId = league.body.id;
    for (const m of others) expect((await as(m, 'post', '/leagues/join', { inviteCode: league.body.inviteCode })).status).toBe(201);
    const auction = await as(anna, 'post', `/leagues/${leagueId}/auctions`, { playerId: await playerId(api, 'Pierre Kalulu') });
    auctionId = auction.body.id;
    browser = await launchChromium();
    a = await phone(browser, api.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('the room keeps working: told session.expired, it renews, reconnects, and shows every bid once, in order', async () => {
    const { page } = a;
    const expired: string[] = [];
    let refreshes = 0;
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => String(payload).includes('"session.expired"') && expired.push(String(payload))),
    );
    page.on('request', (request) => request.url().endsWith('/api/v1/auth/refresh') && (refreshes += 1));

    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(anna.email);
    await page.getByLabel('Password').fill(anna.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Lega corta' }).click();
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor({ timeout: UI_TIMEOUT });

    // Bruno and Carla take turns with "+1" bids over HTTP for about three token lifetimes, and one
    // more each time the page asks for a new token (its socket is down then: that bid must come
    // back through the rejoin's replay).
    let last = 0;
    let leader = '';
    let count = 0;
    let chain = Promise.resolve();
    const bidOnce = () =>
      (chain = chain.then(async () => {
        const bidder = others.find((m) => m.user.id !== leader)!;
        const response = await as(bidder, 'post', `/auctions/${auctionId}/bids`, { upTo: 200_000_000 });
        expect(response.status).toBe(201);
        last = response.body.auction.highBid;
        leader = bidder.user.id;
        count += 1;
      }));
    let duringRenewal = 0;
    await page.route('**/api/v1/auth/refresh', async (route) => {
      if (count < MAX_BIDS) {
        duringRenewal += 1;
        await bidOnce();
      }
      await route.continue();
    });
    const until = Date.now() + 3 * TTL_SECONDS * 1000 + 500;
    while (Date.now() < until && count < MAX_BIDS - 4) {
      await bidOnce();
      await sleep(400);
    }
    await chain;
    await page.unroute('**/api/v1/auth/refresh');
    expect(expired.length).toBeGreaterThanOrEqual(2);
    expect(expired.every((frame) => frame.includes('"reason":"expired"'))).toBe(true);
    expect(refreshes).toBeGreaterThanOrEqual(2);
    expect(duringRenewal).toBeGreaterThanOrEqual(2);

    await page
      .getByTestId('current-bid')
      .filter({ hasText: `€${last.toLocaleString('en-US')}` })
      .waitFor({ timeout: UI_TIMEOUT });
    const log = (await as(anna, 'get', `/leagues/${leagueId}/events?after=0`)).body.items as {
      seq: number;
      type: string;
      data: { amount: number };
    }[];
    const bids = log.filter((e) => e.type === 'bid.accepted').reverse();
    const shown = await page.$$eval('[data-testid=feed] li[data-type="bid.accepted"]', (rows) =>
      rows.map((row) => ({ seq: Number(row.getAttribute('data-seq')), amount: Number(row.getAttribute('data-amount')) })),
    );
    expect(shown).toEqual(bids.map((e) => ({ seq: e.seq, amount: e.data.amount })));

    // And Anna can still bid from the room, over the renewed socket.
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor({ timeout: UI_TIMEOUT });
    await page.getByTestId('bid-min').click();
    await page.getByTestId('leader').filter({ hasText: 'You lead' }).waitFor({ timeout: UI_TIMEOUT });
    process.stdout.write(
      `browser session: ${bids.length} bids (${duringRenewal} placed while the page renewed its token) over ${expired.length} expiries, ${refreshes} refreshes, none lost or doubled\n`,
    );
  }, 60_000);

  it('a session ended elsewhere signs the page out in plain words; Sign out ends the session on the server', async () => {
    const { page } = a;
    const stored = async () =>
      JSON.parse(((await page.evaluate("localStorage.getItem('fantamercato.session')")) as string | null) ?? 'null');
    // Ended from another device (its refresh token logged out): the socket is told, renewing fails.
    const before = await stored();
    await api.http().post('/api/v1/auth/logout').send({ refreshToken: before.refreshToken }).expect(204);
    await page.getByText('You were signed out (on this or another device). Sign in again to carry on.').waitFor({ timeout: UI_TIMEOUT });
    expect(await stored()).toBeNull();

    // Signing in again, then out with the button: the server ends that session too.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(anna.email);
    await page.getByLabel('Password').fill(anna.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: UI_TIMEOUT });
    const session = await stored();
    const loggedOut = page.waitForRequest((request) => request.url().endsWith('/api/v1/auth/logout'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await (await loggedOut).response();
    const refused = await api.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    expect(refused.body.code).toBe('SESSION_REVOKED');

    // Expired access tokens are answered 401 on purpose (then renewed); nothing else went wrong.
    expect(a.problems.filter((text) => !/status of 401/.test(text))).toEqual([]);
  }, 60_000);
});
