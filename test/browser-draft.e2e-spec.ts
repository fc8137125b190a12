import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { auth, type Manager } from './support/game.js';
import { artifactPath, describeBrowser, launchChromium, phone, signIn, type PhonePage } from './support/browser.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

const UI_TIMEOUT = 15_000;

/**
 * Draft night in the room, three managers: the commissioner starts it from the room, each calls a
 * player on his turn; one manager leaves a max bid and goes — his maximum outbids for him, and `auto`
 * calls for him when his turn comes; a pause freezes the lot for everyone. Every squad ends full.
 */
describeBrowser('draft night in the room', () => {
  let api: TestApi;
  let browser: Browser;
  let a: PhonePage;
  let b: PhonePage;
  let anna: Manager;
  let bruno: Manager;
  let carla: Manager;
  let league: { id: string; inviteCode: string };
  const failed: string[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    anna = await registerUser(api, { displayName: 'Anna' });
    bruno = await registerUser(api, { displayName: 'Bruno' });
    carla = await registerUser(api, { displayName: 'Carla' });
    league = (
      await api
        .http()
        .post('/api/v1/leagues')
        .set(auth(anna))
        .send({
          name: 'Asta del Bar',
          budget: 20_000_000,
          roster: { size: 2, GK: [0, 2], DEF: [0, 2], MID: [0, 2], FWD: [0, 2] },
          auction: { durationSeconds: 7, extendSeconds: 0, minIncrement: 500_000, minPrice: 1_000_000 },
          market: { mode: 'turns' },
        })
        .expect(201)
    ).body;
    for (const who of [bruno, carla]) {
      await api.http().post('/api/v1/leagues/join').set(auth(who)).send({ inviteCode: league.inviteCode }).expect(201);
    }
    browser = await launchChromium();
    a = await phone(browser, api.url);
    b = await phone(browser, api.url);
    for (const [page, who] of [
      [a, anna],
      [b, bruno],
    ] as const) {
      page.page.setDefaultTimeout(UI_TIMEOUT);
      page.page.on('response', (response) => response.status() >= 400 && failed.push(response.url()));
      await signIn(page.page, who);
      await page.page.goto(`/leagues/${league.id}`);
      await page.page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    }
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const headline = (p: PhonePage, text: string | RegExp) => p.page.getByTestId('draft-headline').filter({ hasText: text }).waitFor();

  it('the commissioner starts the draft from the room; each calls on his turn; the absent manager stays in by his max bid and auto; squads fill', async () => {
    // Carla looks in before the draft, leaves a max bid on the first lot, and goes.
    const c = await phone(browser, api.url);
    c.page.setDefaultTimeout(UI_TIMEOUT);
    c.page.on('response', (response) => response.status() >= 400 && failed.push(response.url()));
    await signIn(c.page, carla);
    await c.page.goto(`/leagues/${league.id}`);
    await c.page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();

    await headline(b, 'The draft has not started yet');
    const controls = a.page.getByTestId('draft-controls');
    await controls.getByLabel('Calling order').selectOption('joined');
    await controls.getByLabel('Seconds to call a player').fill('6');
    await controls.getByLabel('When time runs out').selectOption('auto');
    await controls.getByRole('button', { name: 'Start the draft' }).click();

    // Anna is on the clock on every phone; only she has the search.
    await headline(a, 'Round 1: your turn — call a player.');
    await headline(b, 'Round 1: Anna is calling a player.');
    expect(await b.page.getByRole('heading', { name: 'Call a player' }).count()).toBe(0);
    await a.page.getByLabel('Player').fill('krunic');
    await a.page.getByRole('button', { name: 'Call Rade Krunić' }).click();
    await headline(c, 'Rade Krunić is on the block');

    // Carla's maximum: the game bids the opening price for her at once; then she closes the page.
    await c.page.getByLabel('Your maximum').fill('7');
    await c.page.getByTestId('max-echo').filter({ hasText: '= €7,000,000' }).waitFor();
    await c.page.getByTestId('max-set').click();
    await c.page.getByTestId('max-bid-state').filter({ hasText: 'The game bids for you up to €7,000,000' }).waitFor();
    await c.page.getByTestId('leader').filter({ hasText: 'You lead' }).waitFor();
    await c.context.close();
    await a.page.locator('[data-testid=presence][data-here=false]').first().waitFor(); // the room sees she left

    // Anna raises; Carla's maximum answers at once, though she is gone. Anna stops there.
    await a.page.getByTestId('leader').filter({ hasText: 'Carla leads' }).waitFor();
    await a.page.getByTestId('bid-min').click();
    await a.page.getByTestId('current-bid').filter({ hasText: '€6,000,000' }).waitFor();
    await a.page.getByTestId('leader').filter({ hasText: 'Carla leads' }).waitFor();

    // The commissioner pauses: the lot's clock says so on Bruno's phone, his bid waits.
    await controls.getByLabel('Why').fill('pizza has arrived');
    await controls.getByRole('button', { name: 'Pause' }).click();
    await headline(b, 'Paused by the commissioner');
    await b.page.getByTestId('countdown').filter({ hasText: 'paused' }).waitFor();
    await b.page.getByTestId('feed').locator('li').filter({ hasText: 'Draft paused' }).filter({ hasText: 'pizza has arrived' }).waitFor();
    await b.page.getByTestId('bid-min').click();
    await b.page.getByTestId('bid-status').filter({ hasText: 'The draft is paused' }).waitFor();
    const shot = artifactPath('room-draft-paused-390.png');
    await b.page.screenshot({ path: shot, fullPage: true });
    process.stdout.write(`screenshot: ${shot}\n`);
    await controls.getByLabel('Why').fill('pizza eaten');
    await controls.getByRole('button', { name: 'Resume' }).click();
    await headline(b, 'Rade Krunić is on the block');

    /** The manager on the clock calls `search`'s player and bids the opening price; nobody else bids. */
    const callAndWin = async (p: PhonePage, search: string, name: string) => {
      await headline(p, /your turn — call a player/);
      await p.page.getByLabel('Player').fill(search);
      await p.page.getByRole('button', { name: `Call ${name}` }).click();
      await p.page.getByTestId('bid-min').click();
      await p.page.getByTestId('leader').filter({ hasText: 'You lead' }).waitFor();
    };
    // Krunić goes to Carla; then Bruno calls.
    await callAndWin(b, 'gabbia', 'Matteo Gabbia');
    // Carla's turn: she is away, her clock runs out, the game calls the cheapest player that fits and bids for her.
    await headline(a, 'Carla is calling a player.');
    await a.page.getByTestId('feed').locator('li').filter({ hasText: 'called by the game for Carla' }).waitFor();
    // Round 2: Anna, Bruno, then (Carla full) Anna again.
    await callAndWin(a, 'rebic', 'Ante Rebić');
    await callAndWin(b, 'tatarusanu', 'Ciprian Tătărușanu');
    await callAndWin(a, 'castillejo', 'Samu Castillejo');
    await headline(a, 'The draft is over: every squad is full.');
    await headline(b, 'The draft is over: every squad is full.');

    const { body } = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(anna)).expect(200);
    const squads = Object.fromEntries(
      body.managers.map((m: { displayName: string; roster: { player: { name: string }; price: number }[] }) => [m.displayName, m.roster]),
    );
    expect(Object.values(squads).map((roster) => (roster as unknown[]).length)).toEqual([2, 2, 2]);
    expect(squads.Carla).toContainEqual(
      expect.objectContaining({ player: expect.objectContaining({ name: 'Rade Krunić' }), price: 6_000_000 }),
    );
    // The board: every squad by position on a wide screen (the phone keeps its Managers list).
    expect(await a.page.getByTestId('squad-board').isVisible()).toBe(false);
    const desk = await browser.newContext({ baseURL: api.url, viewport: { width: 1280, height: 900 } });
    const deskPage = await desk.newPage();
    deskPage.setDefaultTimeout(UI_TIMEOUT);
    await signIn(deskPage, anna);
    await deskPage.goto(`/leagues/${league.id}`);
    const board = deskPage.getByTestId('squad-board');
    await board.getByText('Rade Krunić').waitFor();
    expect(await board.locator('thead th').allTextContents()).toEqual([
      'Position',
      expect.stringContaining('Anna (you)'),
      expect.stringContaining('Bruno'),
      expect.stringContaining('Carla'),
    ]);
    expect(await board.locator('tbody tr').count()).toBe(4);
    const wide = artifactPath('room-draft-1280.png');
    await deskPage.screenshot({ path: wide, fullPage: true });
    process.stdout.write(`screenshot: ${wide}\n`);
    await desk.close();
    const done = artifactPath('room-draft-390.png');
    await a.page.screenshot({ path: done, fullPage: true });
    process.stdout.write(`screenshot: ${done}\n`);
    // The one refusal on purpose: before the start, GET …/draft answers 404 DRAFT_NOT_FOUND (the room shows "not started").
    expect(failed.every((url) => url.endsWith(`/api/v1/leagues/${league.id}/draft`))).toBe(true);
    expect([...a.problems, ...b.problems, ...c.problems].filter((text) => !/status of 404/.test(text))).toEqual([]);
  }, 180_000);
});
