import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { auth, type Manager } from './support/game.js';
import { artifactPath, describeBrowser, launchChromium, phone, signIn, type PhonePage } from './support/browser.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

const UI_TIMEOUT = 15_000;

/** The market page: the commissioner opens a sealed-bid window, two managers bid sealed, the close reveals all. */
describeBrowser('the market page: a sealed-bid window', () => {
  let api: TestApi;
  let browser: Browser;
  let a: PhonePage;
  let b: PhonePage;
  let anna: Manager;
  let bruno: Manager;
  let league: { id: string; inviteCode: string };

  beforeAll(async () => {
    api = await startTestApi();
    anna = await registerUser(api, { displayName: 'Anna' });
    bruno = await registerUser(api, { displayName: 'Bruno' });
    league = (await api.http().post('/api/v1/leagues').set(auth(anna)).send({ name: 'Lega del Bar' }).expect(201)).body;
    await api.http().post('/api/v1/leagues/join').set(auth(bruno)).send({ inviteCode: league.inviteCode }).expect(201);
    browser = await launchChromium();
    a = await phone(browser, api.url);
    b = await phone(browser, api.url);
    for (const [p, who] of [
      [a, anna],
      [b, bruno],
    ] as const) {
      p.page.setDefaultTimeout(UI_TIMEOUT);
      await signIn(p.page, who);
    }
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('bids stay sealed until the close, then every bid is revealed with who won; the winner releases him from his squad', async () => {
    // From the room to the market; the commissioner opens a window closing in 9 seconds.
    await a.page.goto(`/leagues/${league.id}`);
    await a.page.getByRole('link', { name: 'Market' }).click();
    await a.page.getByLabel('Closes in (minutes)').fill('0.15');
    await a.page.getByRole('button', { name: 'Open the window' }).click();
    await a.page.getByTestId('window').filter({ hasText: 'Sealed-bid window' }).waitFor();

    await b.page.goto(`/leagues/${league.id}/market`);
    await b.page.getByLabel('Sealed bid').fill('7,5 mln');
    await b.page.getByText('= €7,500,000').waitFor();
    await b.page.getByLabel('Player to bid on').fill('gabbia');
    await b.page.getByRole('button', { name: 'Bid on Matteo Gabbia' }).click();
    await b.page.getByTestId('my-sealed-bids').getByText('€7,500,000').waitFor();

    await a.page.getByLabel('Sealed bid').fill('6');
    await a.page.getByLabel('Player to bid on').fill('gabbia');
    await a.page.getByRole('button', { name: 'Bid on Matteo Gabbia' }).click();
    await a.page.getByTestId('my-sealed-bids').getByText('€6,000,000').waitFor();
    // Anna sees her own bid only.
    expect(await a.page.getByTestId('my-sealed-bids').textContent()).not.toContain('7,500,000');
    const sealed = artifactPath('market-sealed-390.png');
    await a.page.screenshot({ path: sealed, fullPage: true });
    process.stdout.write(`screenshot: ${sealed}\n`);

    // The close: both pages show every bid, Bruno's won.
    for (const p of [a, b]) {
      const revealed = p.page.locator('[data-testid=window][data-status=closed]');
      await revealed.waitFor({ timeout: 20_000 });
      await revealed.locator('tr[data-outcome=won]').filter({ hasText: 'Bruno' }).filter({ hasText: '€7,500,000' }).waitFor();
      await revealed.locator('tr[data-outcome=lost]').filter({ hasText: 'Anna' }).filter({ hasText: '€6,000,000' }).waitFor();
    }
    // Bruno's squad has him, the season's transactions say how; he releases him from here, the refund said first.
    const squad = b.page.getByTestId('my-squad');
    await squad.getByText('Matteo Gabbia').waitFor();
    const transactions = b.page.getByTestId('transactions');
    await transactions.getByText('Matteo Gabbia won in a sealed window by Bruno for €7,500,000').waitFor();
    await squad.getByRole('button', { name: 'Release Matteo Gabbia' }).click();
    await squad.getByRole('button', { name: 'Release Matteo Gabbia: €3,750,000 back (half)' }).click();
    await transactions.getByText('Bruno released Matteo Gabbia (€3,750,000 back)').waitFor();
    await squad.getByText('No players yet.').waitFor();
    const shot = artifactPath('market-revealed-390.png');
    await b.page.screenshot({ path: shot, fullPage: true });
    process.stdout.write(`screenshot: ${shot}\n`);
    expect([...a.problems, ...b.problems].filter((t) => !/status of 404/.test(t))).toEqual([]);
  }, 60_000);
});

/** The market page: a trade built from both squads, proposed by one manager, seen live and accepted by the other. */
describeBrowser('the market page: a trade between two managers', () => {
  let api: TestApi;
  let browser: Browser;
  let a: PhonePage;
  let b: PhonePage;
  let anna: Manager;
  let bruno: Manager;
  let league: { id: string; inviteCode: string };

  beforeAll(async () => {
    api = await startTestApi();
    anna = await registerUser(api, { displayName: 'Anna' });
    bruno = await registerUser(api, { displayName: 'Bruno' });
    league = (await api.http().post('/api/v1/leagues').set(auth(anna)).send({ name: 'Lega del Bar' }).expect(201)).body;
    await api.http().post('/api/v1/leagues/join').set(auth(bruno)).send({ inviteCode: league.inviteCode }).expect(201);
    for (const [q, who, price] of [
      ['Matteo Gabbia', anna, 7_000_000],
      ['Rade Krunić', bruno, 5_000_000],
    ] as const) {
      const playerId = (await api.http().get('/api/v1/players').query({ q })).body.items[0].id;
      await api
        .http()
        .post(`/api/v1/leagues/${league.id}/commissioner/assign`)
        .set(auth(anna))
        .send({ playerId, userId: who.user.id, price, reason: 'bought at the table' })
        .expect(201);
    }
    browser = await launchChromium();
    a = await phone(browser, api.url);
    b = await phone(browser, api.url);
    for (const [p, who] of [
      [a, anna],
      [b, bruno],
    ] as const) {
      p.page.setDefaultTimeout(UI_TIMEOUT);
      await signIn(p.page, who);
    }
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('Anna offers Gabbia and €2M for Krunić; Bruno sees it arrive and accepts; both squads change at once', async () => {
    await b.page.goto(`/leagues/${league.id}/market`);
    await b.page.getByTestId('trades').getByText('Proposed to you').waitFor();

    await a.page.goto(`/leagues/${league.id}/market`);
    const form = a.page.getByTestId('propose-trade');
    await form.getByLabel('With').selectOption({ label: 'Bruno' });
    await form.getByLabel('Give Matteo Gabbia').check();
    await form.getByLabel('Get Rade Krunić').check();
    await form.getByLabel('Who pays').selectOption('pay');
    await form.getByLabel('Amount').fill('2');
    await form.getByText('= €2,000,000').waitFor();
    await form.getByRole('button', { name: 'Propose the trade' }).click();
    await a.page.getByTestId('trades-out').getByText('Matteo Gabbia ⇄ Rade Krunić · €2,000,000 paid by you').waitFor();

    // Bruno's page, open all along, shows the proposal by itself.
    const incoming = b.page.getByTestId('trades-in');
    await incoming.getByText('Matteo Gabbia ⇄ Rade Krunić · €2,000,000 paid by Anna').waitFor();
    const shot = artifactPath('market-trade-390.png');
    await b.page.screenshot({ path: shot, fullPage: true });
    process.stdout.write(`screenshot: ${shot}\n`);
    await incoming.getByRole('button', { name: 'Accept' }).click();
    await b.page.getByTestId('trade-status').getByText('The trade is done.').waitFor();

    // Both pages: squads swapped, money moved, the trade in the season's transactions.
    await b.page.getByTestId('my-squad').getByText('Matteo Gabbia').waitFor();
    await b.page.getByTestId('my-squad').getByText('€297,000,000 left').waitFor();
    await a.page.getByTestId('my-squad').getByText('Rade Krunić').waitFor();
    await a.page.getByTestId('my-squad').getByText('€291,000,000 left').waitFor();
    await a.page.getByTestId('trades-past').locator('[data-status=executed]').waitFor();
    await a.page
      .getByTestId('transactions')
      .getByText('Trade between Anna and Bruno: Matteo Gabbia ⇄ Rade Krunić · €2,000,000 paid by Anna')
      .waitFor();
    expect([...a.problems, ...b.problems].filter((t) => !/status of 404/.test(t))).toEqual([]);
  }, 60_000);
});
