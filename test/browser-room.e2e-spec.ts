import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { auth, playerId, type Manager } from './support/game.js';
import { artifactPath, describeBrowser, launchChromium, phone, signIn, type PhonePage } from './support/browser.js';
import { LiveClient } from './support/live-client.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

const UI_TIMEOUT = 10_000;

async function shot(page: Page, name: string) {
  const file = artifactPath(name);
  await page.screenshot({ path: file, fullPage: true });
  process.stdout.write(`screenshot: ${file}\n`);
}

/**
 * The room's states, each where it can fail: several auctions as tabs, the rules and the invite,
 * a refusal, a dropped connection, a closed auction, a wide screen, and a stranger with a link.
 */
describeBrowser('the auction room, state by state', () => {
  let api: TestApi;
  let browser: Browser;
  let a: PhonePage;
  let anna: Manager;
  let bruno: Manager;
  let league: { id: string; inviteCode: string };
  const auctions: Record<string, string> = {};

  const openAuction = async (who: Manager, leagueId: string, name: string, openingBid?: number) => {
    const { body } = await api
      .http()
      .post(`/api/v1/leagues/${leagueId}/auctions`)
      .set(auth(who))
      .send({ playerId: await playerId(api, name), ...(openingBid ? { openingBid } : {}) })
      .expect(201);
    return body.id as string;
  };

  beforeAll(async () => {
    api = await startTestApi();
    anna = await registerUser(api, { displayName: 'Anna' });
    bruno = await registerUser(api, { displayName: 'Bruno' });
    league = (
      await api
        .http()
        .post('/api/v1/leagues')
        .set(auth(anna))
        .send({ name: 'Lega del Bar', auction: { durationSeconds: 600 } })
        .expect(201)
    ).body;
    await api.http().post('/api/v1/leagues/join').set(auth(bruno)).send({ inviteCode: league.inviteCode }).expect(201);
    auctions.kalulu = await openAuction(anna, league.id, 'Pierre Kalulu');
    auctions.theo = await openAuction(anna, league.id, 'Theo Hernandez');
    await api.http().post(`/api/v1/auctions/${auctions.kalulu}/bids`).set(auth(bruno)).send({ amount: 5_000_000 }).expect(201);
    browser = await launchChromium();
    a = await phone(browser, api.url);
    await a.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: api.url });
    await signIn(a.page, anna);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('several auctions are tabs, each with its bid, its leader and its time left', async () => {
    await a.page.goto(`/leagues/${league.id}`);
    await a.page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor({ timeout: UI_TIMEOUT });
    const tabs = a.page.getByTestId('auction-tab');
    await tabs.nth(1).waitFor({ timeout: UI_TIMEOUT });
    const texts = await tabs.allTextContents();
    const kalulu = texts.find((t) => t.includes('Pierre Kalulu'))!;
    const theo = texts.find((t) => t.includes('Theo Hernández'))!;
    expect(kalulu).toMatch(/€5M Bruno · (9|10):\d\d/);
    expect(theo).toMatch(/from €\d+(\.\d+)?M · (9|10):\d\d/);
    await tabs.filter({ hasText: 'Pierre Kalulu' }).click();
    await a.page.getByTestId('auction-player').filter({ hasText: 'Pierre Kalulu' }).waitFor({ timeout: UI_TIMEOUT });
    await shot(a.page, 'room-tabs-390.png');
  });

  it('shows who is in the room now: a dot per manager, lit while he has the league open', async () => {
    const dot = (name: string) =>
      a.page.getByRole('region', { name: 'Managers' }).locator('li').filter({ hasText: name }).getByTestId('presence');
    await dot('Anna (you)').and(a.page.locator('[data-here="true"]')).waitFor({ timeout: UI_TIMEOUT });
    expect(await dot('Bruno').getAttribute('data-here')).toBe('false');
    const brunoLive = new LiveClient(api.url, bruno.token);
    try {
      await brunoLive.connected();
      await brunoLive.request('league.join', { leagueId: league.id, afterSeq: 0 });
      await dot('Bruno').and(a.page.locator('[data-here="true"]')).waitFor({ timeout: UI_TIMEOUT });
    } finally {
      brunoLive.close();
    }
    await dot('Bruno').and(a.page.locator('[data-here="false"]')).waitFor({ timeout: UI_TIMEOUT });
  });

  it('shows the rules, what "can bid" means, and an invite with a copy button near the top', async () => {
    await a.page.getByRole('heading', { name: 'Rules' }).click();
    const rules = await a.page.getByTestId('rules').textContent();
    expect(rules).toContain('Each auction lasts 10 minutes; a bid in its last 10 seconds extends it to 10 seconds from that bid.');
    expect(rules).toContain('The lowest raise is €500,000; no player goes for less than €1,000,000.');
    expect(rules).toContain('Squads of 25: GK 3, DEF 8, MID 8, FWD 6. Budget €300,000,000 each.');
    const canBid = await a.page.getByTestId('can-bid').textContent();
    expect(canBid).toMatch(
      /^You can bid up to €276,000,000 — your €300,000,000 budget, less €24,000,000 kept to fill your squad's other empty places\.$/,
    );

    await a.page.getByText('Invite managers').click();
    await a.page.getByTestId('copy-invite').click();
    await a.page.getByText('Copied — paste it to the other managers.').waitFor({ timeout: UI_TIMEOUT });
    // Runs in the page; the test's tsconfig has no DOM types.
    const copied = await a.page.evaluate(() =>
      (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText(),
    );
    expect(copied).toBe(`${api.url}/join/${league.inviteCode}`);
  });

  it('"why this price?" in the room shows the reports with their source', async () => {
    await a.page.getByTestId('auction-tab').filter({ hasText: 'Theo Hernández' }).click();
    await a.page.getByTestId('why-price').click();
    const source = a.page.getByTestId('report-source').first();
    await source.waitFor({ timeout: UI_TIMEOUT });
    expect(await source.getAttribute('href')).toMatch(/^https?:\/\//);
    const reports = await a.page.getByTestId('price-reports').textContent();
    expect(reports).toContain('Starter data shipped with the game');
    expect(reports).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{4}/); // no US-style numeric dates
    expect(reports).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2} \d{4}/);
    await a.page.getByTestId('why-price').click();
  });

  it('offline: what may be stale says so; back online, the outbid I missed is shown and my state recomputed', async () => {
    await a.page.getByTestId('auction-tab').filter({ hasText: 'Pierre Kalulu' }).click();
    await a.page.getByTestId('bid-min').click();
    await a.page.getByTestId('leader').filter({ hasText: 'You lead' }).waitFor({ timeout: UI_TIMEOUT });
    await a.context.setOffline(true);
    await a.page.getByTestId('connection').filter({ hasText: 'Reconnecting' }).waitFor({ timeout: UI_TIMEOUT });
    await api.http().post(`/api/v1/auctions/${auctions.kalulu}/bids`).set(auth(bruno)).send({ amount: 9_000_000 }).expect(201);
    const status = a.page.getByTestId('bid-status');
    expect(await status.textContent()).toBe('You were the highest bidder when the connection dropped — it may have changed since.');
    expect(await a.page.getByTestId('stale-note').textContent()).toContain('may be out of date');
    expect(await a.page.getByTestId('bid-min').isDisabled()).toBe(true);
    await shot(a.page, 'room-offline-390.png');

    await a.context.setOffline(false);
    // A request the page had in flight when the test cut the network fails by the test's own doing.
    for (let i = a.problems.length - 1; i >= 0; i--) if (a.problems[i]!.includes('ERR_INTERNET_DISCONNECTED')) a.problems.splice(i, 1);
    await a.page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor({ timeout: 15_000 });
    const alert = a.page.getByTestId('outbid');
    await alert.waitFor({ timeout: UI_TIMEOUT });
    expect(await alert.textContent()).toContain('Outbid on Pierre Kalulu: Bruno bid €9,000,000');
    await a.page.getByTestId('leader').filter({ hasText: 'Bruno leads' }).waitFor({ timeout: UI_TIMEOUT });
    expect(await status.textContent()).not.toContain('highest bidder');
    expect(await a.page.getByTestId('stale-note').count()).toBe(0);
  });

  it('a refusal says what happened: too low, and by how much', async () => {
    await a.page.getByLabel('Amount').fill('8');
    await a.page.getByTestId('amount-echo').filter({ hasText: '= €8,000,000' }).waitFor({ timeout: UI_TIMEOUT });
    await a.page.getByRole('button', { name: 'Bid this' }).click();
    await a.page
      .getByTestId('bid-status')
      .filter({ hasText: '€8,000,000 is too low: the lowest bid is €9,500,000 (€1.5M more).' })
      .waitFor({ timeout: UI_TIMEOUT });
    await shot(a.page, 'room-refused-390.png');
  });

  it('the printable auction log lists each lot with every bid in order', async () => {
    await a.page.goto(`/leagues/${league.id}/log`);
    const kalulu = a.page.getByTestId('lot').filter({ hasText: 'Pierre Kalulu' });
    await kalulu.waitFor({ timeout: UI_TIMEOUT });
    const amounts = await kalulu.locator('tbody tr td:last-child').allTextContents();
    expect(amounts).toEqual(['€5,000,000', '€5,500,000', '€9,000,000']);
    expect(await kalulu.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(['Bruno', 'Anna', 'Bruno']);
    expect(await kalulu.locator('.result').textContent()).toBe('Still open.');
    await shot(a.page, 'auction-log-390.png');
    await a.page.goto(`/leagues/${league.id}`);
    await a.page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor({ timeout: UI_TIMEOUT });
  });

  it('on a wide screen the auction and bidding sit beside the live feed and the squads', async () => {
    const desk = await browser.newContext({ baseURL: api.url, viewport: { width: 1280, height: 900 } });
    const page = await desk.newPage();
    try {
      await signIn(page, anna);
      await page.goto(`/leagues/${league.id}`);
      await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor({ timeout: UI_TIMEOUT });
      const card = (await page.getByTestId('auction-card').boundingBox())!;
      const feed = (await page.getByRole('region', { name: 'Live bids' }).boundingBox())!;
      const managers = (await page.getByRole('region', { name: 'Managers' }).boundingBox())!;
      expect(feed.x).toBeGreaterThanOrEqual(card.x + card.width);
      expect(managers.x).toBeGreaterThanOrEqual(card.x + card.width);
      expect(feed.y).toBeLessThan(card.y + card.height); // beside it, not below
      expect(card.width + feed.width).toBeGreaterThan(900);
      await shot(page, 'room-1280.png');
    } finally {
      await desk.close();
    }
  });

  it('a closed auction shows who got him and for how much, or that he went unsold, and no bid controls', async () => {
    const quick = (
      await api
        .http()
        .post('/api/v1/leagues')
        .set(auth(anna))
        .send({ name: 'Lega lampo', auction: { durationSeconds: 5, extendSeconds: 0 } })
        .expect(201)
    ).body;
    const sold = await openAuction(anna, quick.id, 'Matteo Gabbia', 4_000_000);
    await a.page.goto(`/leagues/${quick.id}`);
    await a.page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor({ timeout: UI_TIMEOUT });
    const result = a.page.getByTestId('auction-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toBe('Sold to you for €4,000,000.');
    expect(await a.page.getByTestId('auction-card').getAttribute('data-status')).toBe('closed');
    expect(await a.page.getByTestId('leader').textContent()).toBe('Sold to you');
    expect(await a.page.getByText('Current bid', { exact: true }).count()).toBe(0);
    for (const control of ['bid-min', 'bid-million', 'bid-exact', 'bid-upto']) expect(await a.page.getByTestId(control).count()).toBe(0);
    expect(await a.page.getByLabel('Amount').count()).toBe(0);
    await shot(a.page, 'room-closed-390.png');

    await openAuction(anna, quick.id, 'Rade Krunic');
    await a.page.getByTestId('auction-player').filter({ hasText: 'Rade Krunić' }).waitFor({ timeout: UI_TIMEOUT });
    await result.filter({ hasText: 'Unsold' }).waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toContain('Unsold — nobody bid.');
    expect(sold).toBeTruthy();
  });

  it('a manager who is not in the league is told so and can join with the code', async () => {
    const carla = await registerUser(api, { displayName: 'Carla' });
    const c = await phone(browser, api.url);
    try {
      await signIn(c.page, carla);
      await c.page.goto(`/leagues/${league.id}`);
      const notMember = c.page.getByTestId('not-a-member');
      await notMember.waitFor({ timeout: UI_TIMEOUT });
      expect(await notMember.textContent()).toContain('You are not in this league');
      expect(await c.page.getByLabel('Invite code').getAttribute('placeholder')).toBe('the code from your invite');
      await c.page.getByLabel('Invite code').fill(league.inviteCode);
      await c.page.getByRole('button', { name: 'Join', exact: true }).click();
      await c.page.getByRole('region', { name: 'Managers' }).getByText('Carla (you)').waitFor({ timeout: UI_TIMEOUT });
      expect(c.problems.filter((p) => !p.includes('404'))).toEqual([]);
    } finally {
      await c.context.close();
    }
    await shot(a.page, 'room-390.png');
    expect(a.problems).toEqual([]);
  });
});
