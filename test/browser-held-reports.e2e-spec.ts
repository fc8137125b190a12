import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { auth, SEED_ARTICLE } from './support/game.js';
import { describeBrowser, launchChromium, phone, type PhonePage } from './support/browser.js';
import { registerAdmin, registerUser, startTestApi, TEST_ADMIN_EMAIL, type TestApi } from './support/test-api.js';

const UI_TIMEOUT = 10_000;

/** An admin decides a held report from the web: it prices the player only once accepted. */
describeBrowser('held reports in the browser', () => {
  let api: TestApi;
  let browser: Browser;
  let p: PhonePage;
  const kalulu = async () => (await api.http().get('/api/v1/players').query({ q: 'Pierre Kalulu' })).body.items[0];

  beforeAll(async () => {
    api = await startTestApi();
    const admin = await registerAdmin(api);
    await api.http().post('/api/v1/news').set(auth(admin)).send({ text: SEED_ARTICLE, publishedAt: '2022-05-16T08:00:00Z' }).expect(201);
    const held = await api
      .http()
      .post('/api/v1/news')
      .set(auth(admin))
      .send({ text: 'Il Real Madrid offre 100 mila euro al Milan per Pierre Kalulu.', url: 'https://example.com/kalulu-lowball' })
      .expect(201);
    expect(held.body.reports[0].status).toBe('held');
    // "Rafa" is not the registry's Rafael Leão: the report is stored unlinked, with him as a candidate.
    const unlinked = await api
      .http()
      .post('/api/v1/news')
      .set(auth(admin))
      .send({ text: 'Il Chelsea offre 80 milioni per Rafa Leão.' })
      .expect(201);
    expect(unlinked.body.reports[0]).toMatchObject({ linked: false, player: { name: 'Rafa Leão' } });
    browser = await launchChromium();
    p = await phone(browser, api.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('a manager who is not an admin has no Review link', async () => {
    const manager = await registerUser(api);
    await p.page.goto('/');
    await p.page.getByRole('button', { name: 'Sign in' }).click();
    await p.page.getByLabel('Email').fill(manager.email);
    await p.page.getByLabel('Password').fill(manager.password);
    await p.page.getByRole('button', { name: 'Sign in' }).click();
    await p.page.getByRole('navigation', { name: 'Main' }).getByText('Players').waitFor({ timeout: UI_TIMEOUT });
    expect(await p.page.getByRole('link', { name: 'Review' }).count()).toBe(0);
    await p.page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('the admin reads why it was held and where it came from, accepts it, and the price moves', async () => {
    expect((await kalulu()).price.eur).toBe(25_000_000);
    await p.page.getByRole('button', { name: 'Sign in' }).first().click();
    await p.page.getByLabel('Email').fill(TEST_ADMIN_EMAIL);
    await p.page.getByLabel('Password').fill('admin horse battery');
    await p.page.getByRole('button', { name: 'Sign in' }).click();
    await p.page.getByRole('link', { name: 'Review' }).click();
    const report = p.page.getByTestId('held-reports').locator('li').first();
    await report.waitFor({ timeout: UI_TIMEOUT });
    const text = await report.textContent();
    expect(text).toContain('Pierre Kalulu');
    expect(text).toContain('€100,000');
    expect(text).toMatch(/Held because the figure .* is more than 3× away/);
    expect(text).toContain('100 mila euro');
    await report.getByRole('button', { name: 'Accept' }).click();
    await report.getByRole('status').filter({ hasText: 'now prices Pierre Kalulu' }).waitFor({ timeout: UI_TIMEOUT });
    expect((await kalulu()).price.eur).toBe(100_000);
    expect(p.problems).toEqual([]);
  });

  it('the admin reads why a report is unlinked, links it to the candidate, and the player is priced', async () => {
    const leao = async () => (await api.http().get('/api/v1/players').query({ q: 'Rafael Leao' })).body.items[0];
    expect((await leao()).price.eur).not.toBe(80_000_000); // his starter report's figure until the news prices him
    await p.page.reload();
    const report = p.page.getByTestId('unlinked-reports').locator('li').first();
    await report.waitFor({ timeout: UI_TIMEOUT });
    expect(await report.textContent()).toContain('Rafa Leão');
    await report.getByText('Why this reading').click();
    await report.getByText('not in the registry (unlinked)').waitFor({ timeout: UI_TIMEOUT });
    expect(await report.textContent()).toContain('"for <player>" right after the figure');
    await report.getByRole('button', { name: /^Link to Rafael Leão/ }).click();
    await report
      .getByRole('status')
      .filter({ hasText: /now prices Rafael Leão/ })
      .waitFor({ timeout: UI_TIMEOUT });
    expect((await leao()).price).toMatchObject({ basis: 'reported', eur: 80_000_000 });
    expect(p.problems).toEqual([]);
  });
});
