import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { auth, type Manager } from './support/game.js';
import { artifactPath, describeBrowser, launchChromium, phone, signIn, type PhonePage } from './support/browser.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

const UI_TIMEOUT = 10_000;

/** The commissioner's panel in the room: assign, adjust, undo, hand over — each in the feed with its reason. */
describeBrowser("the commissioner's panel, and the exports", () => {
  let api: TestApi;
  let browser: Browser;
  let a: PhonePage;
  let anna: Manager;
  let bruno: Manager;
  let carla: Manager;
  let league: { id: string; inviteCode: string };

  beforeAll(async () => {
    api = await startTestApi();
    anna = await registerUser(api, { displayName: 'Anna' });
    bruno = await registerUser(api, { displayName: 'Bruno' });
    league = (await api.http().post('/api/v1/leagues').set(auth(anna)).send({ name: 'Lega del Bar' }).expect(201)).body;
    await api.http().post('/api/v1/leagues/join').set(auth(bruno)).send({ inviteCode: league.inviteCode }).expect(201);
    carla = await registerUser(api, { displayName: 'Carla' });
    await api.http().post('/api/v1/leagues/join').set(auth(carla)).send({ inviteCode: league.inviteCode }).expect(201);
    browser = await launchChromium();
    a = await phone(browser, api.url);
    a.page.setDefaultTimeout(UI_TIMEOUT);
    await signIn(a.page, anna);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const feedRow = (text: string) => a.page.getByTestId('feed').locator('li').filter({ hasText: text });
  const brunoBudget = async () =>
    (await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(bruno))).body.managers.find(
      (m: { userId: string }) => m.userId === bruno.user.id,
    ).budget;

  it('the commissioner assigns a player, adjusts a budget and undoes a sale; the feed says what, to whom and why', async () => {
    await a.page.goto(`/leagues/${league.id}`);
    await a.page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    const panel = a.page.getByTestId('commissioner');
    await panel.getByRole('heading', { name: 'Commissioner' }).click();
    await panel.getByLabel('Manager').selectOption({ label: 'Bruno · €300,000,000' });

    // Refused without a reason, in plain words.
    await panel.getByLabel('Budget change').fill('5 mln');
    await panel.getByRole('button', { name: 'Add' }).click();
    await panel.getByTestId('commissioner-status').filter({ hasText: 'Say why first' }).waitFor();

    await panel.getByLabel('Why').fill('won the prediction game');
    await panel.getByRole('button', { name: 'Add' }).click();
    await feedRow('budget').filter({ hasText: '+€5,000,000' }).filter({ hasText: 'won the prediction game' }).waitFor();
    expect(await brunoBudget()).toBe(305_000_000);

    await panel.getByLabel('Why').fill('bid at the table');
    await panel.getByLabel('Price to pay').fill('4');
    await panel.getByLabel('Search the registry').fill('gabbia');
    await panel.getByRole('button', { name: 'Assign Matteo Gabbia' }).click();
    await feedRow('Matteo Gabbia assigned to Bruno for €4,000,000').waitFor();
    expect(await brunoBudget()).toBe(301_000_000);

    await panel.getByLabel('Why').fill('entered for the wrong manager');
    await panel.getByLabel('Sale to undo').selectOption({ label: 'Matteo Gabbia · Bruno · €4,000,000' });
    await panel.getByRole('button', { name: 'Undo the sale' }).click();
    await feedRow('Commissioner undid the sale of Matteo Gabbia to Bruno').waitFor();
    expect(await brunoBudget()).toBe(305_000_000);
    // The room re-reads the squads after each event: Bruno's money and squad are back.
    await a.page.getByRole('region', { name: 'Managers' }).getByText('€305,000,000').first().waitFor();
    const file = artifactPath('room-commissioner-390.png');
    await a.page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`screenshot: ${file}\n`);
  });

  it('removes a manager: his player returns to the pool, the feed says why, the room no longer lists him', async () => {
    const krunic = (await api.http().get('/api/v1/players').query({ q: 'Rade Krunić' })).body.items[0].id;
    await api
      .http()
      .post(`/api/v1/leagues/${league.id}/commissioner/assign`)
      .set(auth(anna))
      .send({ playerId: krunic, userId: carla.user.id, price: 5_000_000, reason: 'table' })
      .expect(201);
    const panel = a.page.getByTestId('commissioner');
    await panel.getByLabel('Manager').selectOption({ label: 'Carla · €295,000,000' });
    await panel.getByLabel('Why').fill('left the group chat');
    await panel.getByRole('button', { name: 'Remove Carla' }).click();
    await feedRow('Carla was removed from the league (1 player back in the pool)').filter({ hasText: 'left the group chat' }).waitFor();
    await a.page.getByRole('region', { name: 'Managers' }).getByText('Carla').waitFor({ state: 'detached' });
    const { body } = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(anna)).expect(200);
    expect(body.managers.map((m: { displayName: string }) => m.displayName)).toEqual(['Anna', 'Bruno']);
  });

  it('hands the role over: the panel goes, the feed says who is commissioner now', async () => {
    const panel = a.page.getByTestId('commissioner');
    await panel.getByLabel('Why').fill('away for the season');
    await panel.getByRole('button', { name: 'Make Bruno commissioner' }).click();
    await feedRow('Bruno is now the commissioner').waitFor();
    await panel.waitFor({ state: 'detached' });
    const { body } = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(anna)).expect(200);
    expect(body.commissionerId).toBe(bruno.user.id);
    expect(a.problems).toEqual([]);
  });

  it('any member downloads the log as CSV, the commissioner’s actions and reasons in it', async () => {
    const exportsPanel = a.page.getByTestId('exports');
    await exportsPanel.getByRole('heading', { name: 'Log and exports' }).click();
    const [file] = await Promise.all([a.page.waitForEvent('download'), exportsPanel.getByRole('button', { name: 'Log (CSV)' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^league-[0-9a-f]{8}-events\.csv$/);
    const text = readFileSync((await file.path())!, 'utf8');
    expect(text.split('\n')[0]).toBe('seq,type,at,data');
    for (const type of ['budget.adjusted', 'player.assigned', 'sale.undone', 'member.removed', 'commissioner.changed']) {
      expect(text).toContain(type);
    }
    expect(text).toContain('entered for the wrong manager');
    await exportsPanel.getByTestId('log-link').click();
    const actions = a.page.getByTestId('commissioner-actions').locator('tbody tr');
    await actions.first().waitFor();
    expect(await actions.count()).toBe(6); // budget, assign, undo, assign, remove, hand-over
    expect(await actions.nth(2).textContent()).toContain('Undid the sale of Matteo Gabbia to Bruno');
    expect(await actions.nth(2).textContent()).toContain('entered for the wrong manager');
    expect(a.problems).toEqual([]);
  });

  it('a manager releases one of his players from his squad: the refund is shown before the tap, then the feed says it', async () => {
    const castillejo = (await api.http().get('/api/v1/players').query({ q: 'Samu Castillejo' })).body.items[0].id;
    await api
      .http()
      .post(`/api/v1/leagues/${league.id}/commissioner/assign`)
      .set(auth(bruno)) // the commissioner since the hand-over
      .send({ playerId: castillejo, userId: anna.user.id, price: 5_000_000, reason: 'table' })
      .expect(201);
    await a.page.goto(`/leagues/${league.id}`);
    await a.page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    const managers = a.page.getByRole('region', { name: 'Managers' });
    await managers.locator('li.me summary').click();
    await managers.getByRole('button', { name: 'Release Samu Castillejo' }).click();
    await managers.getByRole('button', { name: 'Release Samu Castillejo: €2,500,000 back (half)' }).click();
    await feedRow('You released Samu Castillejo (€2,500,000 back)').waitFor();
    const { body } = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(anna)).expect(200);
    const mine = body.managers.find((m: { userId: string }) => m.userId === anna.user.id);
    expect(mine.roster).toEqual([]);
    expect(a.problems).toEqual([]);
  });
});
