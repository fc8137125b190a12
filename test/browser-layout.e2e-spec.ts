import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { auth } from './support/game.js';
import { describeBrowser, launchChromium, phone, type PhonePage } from './support/browser.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

const UI_TIMEOUT = 10_000;

/** Whether an element shows all of its content: no clipping, no ellipsis, no hidden overflow. */
function fullyShown(page: Page, selector: string) {
  return page.$$eval(selector, (elements) =>
    elements.map((el) => {
      const e = el as unknown as {
        scrollWidth: number;
        clientWidth: number;
        scrollHeight: number;
        clientHeight: number;
        textContent: string | null;
      };
      return { text: e.textContent ?? '', fits: e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1 };
    }),
  );
}

/** A league made from the web with its own squad quotas, and a phone room where no message is cut. */
describeBrowser('league rules from the web, and a room that never cuts a message', () => {
  let api: TestApi;
  let browser: Browser;
  let a: PhonePage;
  let leagueId = '';

  beforeAll(async () => {
    api = await startTestApi();
    browser = await launchChromium();
    a = await phone(browser, api.url);
    a.page.setDefaultTimeout(UI_TIMEOUT);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('creating a league sets the squad quotas and the budget as people say it; the room shows them', async () => {
    await a.page.goto('/');
    await a.page.getByLabel('Your name in the league').fill('Dora');
    await a.page.getByLabel('Email').fill(`dora.${Date.now()}@example.com`);
    await a.page.getByLabel('Password').fill('correct horse battery');
    await a.page.getByRole('button', { name: 'Create account' }).click();
    await a.page.getByRole('link', { name: 'Create a league' }).click();
    await a.page.getByLabel('League name').fill('Lega a 20');
    await a.page.getByLabel('Budget per manager').fill('250 mln');
    await a.page.getByText('= €250,000,000').waitFor();
    await a.page.getByLabel('Auction length (seconds)').fill('5');
    await a.page.getByLabel('Extension per late bid (seconds)').fill('0');
    await a.page.getByLabel('Players per squad').fill('20');
    for (const [label, min, max] of [
      ['Goalkeepers', 2, 2],
      ['Defenders', 5, 7],
      ['Midfielders', 5, 7],
      ['Forwards', 3, 5],
    ] as const) {
      await a.page.getByLabel(`${label}: at least`).fill(String(min));
      await a.page.getByLabel(`${label}: at most`).fill(String(max));
    }
    // Quiet hours a few hours from now (never now, whenever this runs: the next test's auction must close).
    const rome = (inHours: number) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
        new Date(Date.now() + inHours * 3_600_000),
      );
    const quiet = { from: rome(3), to: rome(4), timeZone: 'Europe/Rome' };
    const hours = a.page.getByTestId('quiet-hours');
    await hours.getByLabel('From').fill(quiet.from);
    await hours.getByLabel('to', { exact: true }).fill(quiet.to);
    await hours.getByLabel('Time zone').fill('Europe/Rome');
    await a.page.getByRole('button', { name: 'Create league' }).click();
    await a.page.waitForURL(/\/leagues\/[0-9a-f-]{36}$/);
    leagueId = a.page.url().split('/').pop()!;
    await a.page.getByRole('heading', { name: 'Rules' }).click();
    expect(await a.page.getByTestId('rules').textContent()).toContain(
      'Squads of 20: GK 2, DEF 5–7, MID 5–7, FWD 3–5. Budget €250,000,000 each.',
    );
    const token = await a.page.evaluate(
      () =>
        JSON.parse((globalThis as unknown as { localStorage: { getItem(k: string): string } }).localStorage.getItem('fantamercato.session'))
          .accessToken,
    );
    const { body } = await api.http().get(`/api/v1/leagues/${leagueId}`).set(auth({ token })).expect(200);
    expect(await a.page.getByTestId('quiet-rule').textContent()).toContain(`Quiet hours ${quiet.from}–${quiet.to} (Europe/Rome)`);
    expect(body).toMatchObject({
      quietHours: quiet,
      budget: 250_000_000,
      roster: { size: 20, GK: [2, 2], DEF: [5, 7], MID: [5, 7], FWD: [3, 5] },
      auction: { durationSeconds: 5, extendSeconds: 0 },
    });
  });

  it('a long refusal and a sale in the feed are shown whole on a 390 px phone', async () => {
    await a.page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    await a.page.getByText('Open an auction').click();
    await a.page.getByLabel('Player').fill('gabbia');
    await a.page.getByRole('button', { name: 'Open auction on Matteo Gabbia' }).click();
    await a.page.getByTestId('auction-player').filter({ hasText: 'Matteo Gabbia' }).waitFor();
    await a.page.getByLabel('Amount').fill('240');
    await a.page.getByRole('button', { name: 'Bid this' }).click();
    const refusal =
      'Not enough budget: the most you can bid now is €231,000,000 (your leading bids and the empty places in your squad count).';
    await a.page.getByTestId('bid-status').filter({ hasText: refusal }).waitFor();
    expect(await fullyShown(a.page, '[data-testid=bid-status]')).toEqual([{ text: refusal, fits: true }]);

    await a.page.getByTestId('bid-min').click();
    const sold = a.page.locator('[data-testid=feed] li[data-type="auction.closed"]');
    await sold.waitFor({ timeout: 15_000 });
    const rows = await fullyShown(a.page, '[data-testid=feed] li .what');
    expect(rows.find((r) => r.text.includes('sold to you'))).toEqual({ text: 'Matteo Gabbia sold to you for €4,000,000', fits: true });
    expect(rows.every((r) => r.fits)).toBe(true);
    expect(a.problems).toEqual([]);
  });
});
