import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { auth } from './support/game.js';
import { describeBrowser, launchChromium, phone, type PhonePage } from './support/browser.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

const UI_TIMEOUT = 10_000;

/** The hardening issue's new refusals reach the web room in plain words, with a way on. */
describeBrowser('league names and caps in the browser', () => {
  let api: TestApi;
  let browser: Browser;
  let p: PhonePage;
  let league: { id: string; inviteCode: string };

  beforeAll(async () => {
    api = await startTestApi({ LIMIT_LEAGUES_PER_DAY: '1' });
    const anna = await registerUser(api, { displayName: 'Anna' });
    league = (await api.http().post('/api/v1/leagues').set(auth(anna)).send({ name: 'Lega di Anna' }).expect(201)).body;
    browser = await launchChromium();
    p = await phone(browser, api.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('an invite link into a league where the name is taken asks for a league nickname, then joins with it', async () => {
    await p.page.goto(`/join/${league.inviteCode}`);
    await p.page.getByLabel('Your name in the league').fill('ANNA');
    await p.page.getByLabel('Email').fill(`other.anna.${Date.now()}@example.com`);
    await p.page.getByLabel('Password').fill('correct horse battery');
    await p.page.getByRole('button', { name: 'Create account' }).click();

    const alert = p.page.getByRole('alert').filter({ hasText: 'already called' });
    await alert.waitFor({ timeout: UI_TIMEOUT });
    expect(await alert.textContent()).toContain('Someone in this league is already called “ANNA”');
    await p.page.getByLabel('Your name in this league').fill('Anna la Seconda');
    await p.page.getByRole('button', { name: 'Join with this name' }).click();
    await p.page.waitForURL(`**/leagues/${league.id}`, { timeout: UI_TIMEOUT });
    const managers = p.page.getByRole('region', { name: 'Managers' });
    await managers.getByText('Anna la Seconda (you)').waitFor({ timeout: UI_TIMEOUT });
    expect(await managers.textContent()).toContain('Anna');
  });

  it('over LIMIT_LEAGUES_PER_DAY, creating a league says so in plain words', async () => {
    for (let i = 0; i < 2; i += 1) {
      await p.page.goto('/leagues/new');
      await p.page.getByLabel('League name').fill(`Lega ${i}`);
      await p.page.getByRole('button', { name: 'Create league' }).click();
      if (i === 0) await p.page.waitForURL(/\/leagues\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
    }
    const alert = p.page.getByRole('alert').filter({ hasText: 'most leagues allowed' });
    await alert.waitFor({ timeout: UI_TIMEOUT });
    expect(await alert.textContent()).toMatch(/try again in \d+ hours/);
    expect(p.problems.filter((problem) => !problem.includes('409') && !problem.includes('429'))).toEqual([]);
  });
});
