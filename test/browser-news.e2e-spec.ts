import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { artifactPath, describeBrowser, launchChromium, phone, signIn, type PhonePage } from './support/browser.js';
import { registerAdmin, registerUser, startTestApi, TEST_ADMIN_EMAIL, type TestApi } from './support/test-api.js';
import { SEED_ARTICLE } from './support/game.js';

const UI_TIMEOUT = 10_000;

/** An admin adds news from the web: paste, see the fees with their evidence, store, and the price moves with its source. */
describeBrowser('the News page', () => {
  let api: TestApi;
  let browser: Browser;
  let p: PhonePage;

  beforeAll(async () => {
    api = await startTestApi();
    await registerAdmin(api);
    browser = await launchChromium();
    p = await phone(browser, api.url);
    p.page.setDefaultTimeout(UI_TIMEOUT);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('is an admin page: a manager has no News link', async () => {
    const manager = await registerUser(api);
    await signIn(p.page, manager);
    await p.page.getByRole('link', { name: 'Players' }).waitFor({ timeout: UI_TIMEOUT });
    expect(await p.page.getByRole('link', { name: 'News' }).count()).toBe(0);
    await p.page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('paste the seed article, read the fee and why, store it: Kalulu is priced at €25M with the article as source', async () => {
    await signIn(p.page, { email: TEST_ADMIN_EMAIL, password: 'admin horse battery' });
    await p.page.getByRole('link', { name: 'News' }).click();
    await p.page.getByLabel('Article text').fill(SEED_ARTICLE);
    await p.page.getByRole('button', { name: 'Find the fees' }).click();
    const found = p.page.getByTestId('news-found');
    await found.waitFor({ timeout: UI_TIMEOUT });
    const text = await found.textContent();
    expect(text).toContain('1 fee found');
    expect(text).toContain('Pierre Kalulu');
    expect(text).toContain('€25,000,000');
    expect(text).toContain('asking price');
    expect(text).toContain('25 milioni');
    await found.getByText('Why this reading').click();
    await found.getByText(/^person: /).waitFor({ timeout: UI_TIMEOUT });
    // Nothing is stored by looking.
    const before = (await api.http().get('/api/v1/players').query({ q: 'Pierre Kalulu' })).body.items[0];
    expect(before.price.basis).toBe('default');

    await p.page.getByLabel('Link to the article').fill('https://example.com/kalulu-real-madrid');
    await p.page.getByLabel('Title').fill('Kalulu, il Real Madrid ci pensa');
    await p.page.getByLabel('Published').fill('2022-05-16');
    await p.page.getByRole('button', { name: 'Store and reprice' }).click();
    await p.page.getByTestId('news-stored').getByText('Now prices Pierre Kalulu.').waitFor({ timeout: UI_TIMEOUT });

    const { body } = await api.http().get(`/api/v1/players/${before.id}`).expect(200);
    expect(body.price).toMatchObject({ eur: 25_000_000, basis: 'reported' });
    expect(body.reports[0]).toMatchObject({
      publishedAt: '2022-05-16T12:00:00.000Z',
      source: { url: 'https://example.com/kalulu-real-madrid', title: 'Kalulu, il Real Madrid ci pensa', origin: 'news' },
    });
    // The page fits a phone: nothing wider than the screen, even with an admin's five links.
    const width = await p.page.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
    const file = artifactPath('news-390.png');
    await p.page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`screenshot: ${file}\n`);
    expect(p.problems).toEqual([]);
  });
});
