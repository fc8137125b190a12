import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { artifactPath, describeBrowser, launchChromium, phone, signIn, type PhonePage } from './support/browser.js';
import { startFeedServer, type FeedServer } from './support/feed-server.js';
import { registerAdmin, startTestApi, TEST_ADMIN_EMAIL, type TestApi } from './support/test-api.js';

const UI_TIMEOUT = 15_000;

/** An admin follows a feed from the web; the servers poll it by themselves and the page shows what it brought. */
describeBrowser('the Feeds page', () => {
  let api: TestApi;
  let server: FeedServer;
  let browser: Browser;
  let p: PhonePage;

  beforeAll(async () => {
    server = await startFeedServer({
      '/rss.xml': { fixture: 'calciomercato.rss.xml', etag: '"b1"' },
      '/articoli/krunic': { fixture: 'krunic.html', type: 'text/html' },
      '/down.xml': { status: 503 },
    });
    api = await startTestApi({ FEED_ALLOW_PRIVATE: 'true', FEED_POLLING: 'true' });
    await registerAdmin(api);
    browser = await launchChromium();
    p = await phone(browser, api.url);
    p.page.setDefaultTimeout(UI_TIMEOUT);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await server?.close();
  });

  it('follow a feed: it is polled by itself and shows its items, articles and fees; a failing one shows why; stop following', async () => {
    await signIn(p.page, { email: TEST_ADMIN_EMAIL, password: 'admin horse battery' });
    await p.page.getByRole('link', { name: 'Feeds' }).click();
    await p.page.getByLabel('Feed address').fill(`${server.base}/rss.xml`);
    await p.page.getByLabel('Every').fill('60');
    await p.page.getByRole('button', { name: 'Follow this feed' }).click();
    await p.page
      .getByRole('status')
      .getByText(/^Following /)
      .waitFor();
    const item = p.page.locator(`li[data-feed]`, { hasText: '/rss.xml' });
    // The background poller takes it within a second or two; the list refreshes by itself.
    await item.getByTestId('feed-counts').getByText('3 item(s) seen · 2 article(s) stored').waitFor();
    expect(server.hits('/articoli/krunic')).toBe(1);

    await item.getByRole('button', { name: 'Poll now' }).click();
    await p.page.getByRole('status').getByText('Unchanged since the last poll (304)').waitFor();

    await p.page.getByLabel('Feed address').fill(`${server.base}/down.xml`);
    await p.page.getByRole('button', { name: 'Follow this feed' }).click();
    const down = p.page.locator(`li[data-feed]`, { hasText: '/down.xml' });
    await down.getByTestId('feed-error').getByText('The feed answered HTTP 503.').waitFor();
    await down.getByText('failing ×1').waitFor();

    const width = await p.page.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
    const file = artifactPath('feeds-390.png');
    await p.page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`screenshot: ${file}\n`);

    await down.getByRole('button', { name: 'Stop following' }).click();
    await p.page
      .getByRole('status')
      .getByText(/^No longer following /)
      .waitFor();
    await down.waitFor({ state: 'detached' });
    const { body } = await api
      .http()
      .get('/api/v1/feeds')
      .set('Authorization', `Bearer ${(await registerAdmin(api)).token}`);
    expect(body.items.map((f: { url: string }) => f.url)).toEqual([`${server.base}/rss.xml`]);
    expect(p.problems).toEqual([]);
  });
});
