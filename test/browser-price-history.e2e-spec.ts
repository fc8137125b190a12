import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Locator } from 'playwright-core';
import { auth, playerId, SEED_ARTICLE, type Manager } from './support/game.js';
import { artifactPath, describeBrowser, launchChromium, phone, signIn, type PhonePage } from './support/browser.js';
import { registerAdmin, registerUser, startTestApi, type TestApi } from './support/test-api.js';

const UI_TIMEOUT = 10_000;
const SEED = { url: 'https://example.com/kalulu-real-madrid', title: 'Kalulu, il Real Madrid ci pensa' };
const AGREED = { url: 'https://example.com/kalulu-accordo', title: 'Kalulu al Real, è fatta' };

/** What the chart's dots are: their links, labels and where they sit. */
async function dotsOf(chart: Locator) {
  const points = chart.getByTestId('price-point');
  await points.first().waitFor({ timeout: UI_TIMEOUT });
  return Promise.all(
    (await points.all()).map(async (point) => ({
      href: await point.getAttribute('href'),
      target: await point.getAttribute('target'),
      rel: await point.getAttribute('rel'),
      label: await point.getAttribute('aria-label'),
      y: (await point.locator('circle.dot').boundingBox())!.y,
    })),
  );
}

/** The price history as a chart: on the Players page and in the room, each price a dot linking to the article that made it. */
describeBrowser('the price history chart', () => {
  let api: TestApi;
  let browser: Browser;
  let p: PhonePage;
  let anna: Manager;

  beforeAll(async () => {
    api = await startTestApi();
    const admin = await registerAdmin(api);
    const ingest = (body: object) => api.http().post('/api/v1/news').set(auth(admin)).send(body).expect(201);
    await ingest({ text: SEED_ARTICLE, ...SEED, publishedAt: '2022-05-16T08:00:00.000Z' });
    await ingest({
      text: "Il Real Madrid ha raggiunto l'accordo con il Milan per Pierre Kalulu: operazione da 30 milioni di euro.",
      ...AGREED,
      publishedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    anna = await registerUser(api, { displayName: 'Anna' });
    browser = await launchChromium();
    p = await phone(browser, api.url);
    p.page.setDefaultTimeout(UI_TIMEOUT);
    await signIn(p.page, anna);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const whyPrice = async (name: string, search: string) => {
    await p.page.getByRole('link', { name: 'Players' }).click();
    await p.page.getByLabel('Search by name').fill(search);
    const row = p.page.locator('.player-row').filter({ hasText: name });
    await row.getByRole('button', { name: 'Why this price?' }).click();
    return row;
  };

  it('the Players page draws Kalulu’s two prices in order, each a link to its source with its price, date and title', async () => {
    const row = await whyPrice('Pierre Kalulu', 'pierre kalulu');
    const chart = row.getByTestId('price-chart');
    const dots = await dotsOf(chart);
    expect(dots.map((d) => d.href)).toEqual([SEED.url, AGREED.url]);
    for (const dot of dots) {
      expect(dot.target).toBe('_blank');
      expect(dot.rel?.split(' ')).toContain('noopener');
    }
    expect(dots[0]!.label).toMatch(new RegExp(`^€25,000,000 on .*\\d{4} — ${SEED.title} \\((16 May 2022|May 16, 2022)\\)$`));
    expect(dots[1]!.label).toMatch(new RegExp(`^€30,000,000 on .*\\d{4} — ${AGREED.title}( \\(.+\\))?$`));
    // A higher price sits higher; the step line joins them.
    expect(dots[1]!.y).toBeLessThan(dots[0]!.y);
    expect(await chart.locator('path.step').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+ H[\d.]+ V[\d.]+ H[\d.]+$/);
    expect(await chart.locator('figcaption').textContent()).toContain('€25,000,000 on');
    expect(await chart.locator('figcaption').textContent()).toContain('€30,000,000 now, 2 prices');
    // The chart fits the phone, and the reports are still listed under it.
    const box = (await chart.locator('svg').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.height).toBeGreaterThan(60);
    await row.getByTestId('price-reports').waitFor({ timeout: UI_TIMEOUT });
    const width = await p.page.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
    await row.scrollIntoViewIfNeeded();
    const file = artifactPath('price-chart-390.png');
    await p.page.screenshot({ path: file });
    process.stdout.write(`screenshot: ${file}\n`);
  });

  it('one price is a dot and a sentence; none, a sentence', async () => {
    // Theo Hernández is priced by one starter fact; Matteo Gabbia by nothing.
    const theo = (
      await api
        .http()
        .get(`/api/v1/players/${await playerId(api, 'Theo Hernandez')}/prices`)
        .expect(200)
    ).body;
    expect(theo.items).toHaveLength(1);
    const row = await whyPrice('Theo Hernández', 'theo hernandez');
    const chart = row.getByTestId('price-chart');
    const dots = await dotsOf(chart);
    expect(dots).toHaveLength(1);
    expect(dots[0]!.href).toBe(theo.items[0].report.source.url);
    expect(await chart.locator('path.step').count()).toBe(0);
    expect(await chart.locator('figcaption').textContent()).toMatch(/^€[\d,]+ since .+, from .+\.$/);

    const gabbia = await whyPrice('Matteo Gabbia', 'matteo gabbia');
    await gabbia.getByTestId('price-chart-empty').waitFor({ timeout: UI_TIMEOUT });
    expect(await gabbia.getByTestId('price-chart').count()).toBe(0);
  });

  it('the room’s "why this price?" shows the same chart, linked to the sources', async () => {
    const { body: league } = await api.http().post('/api/v1/leagues').set(auth(anna)).send({ name: 'Lega dei grafici' }).expect(201);
    await api
      .http()
      .post(`/api/v1/leagues/${league.id}/auctions`)
      .set(auth(anna))
      .send({ playerId: await playerId(api, 'Pierre Kalulu') })
      .expect(201);
    await p.page.goto(`/leagues/${league.id}`);
    await p.page.getByTestId('why-price').click();
    const dots = await dotsOf(p.page.locator('.why-price').getByTestId('price-chart'));
    expect(dots.map((d) => d.href)).toEqual([SEED.url, AGREED.url]);
    expect(dots.map((d) => d.label?.split(' on ')[0])).toEqual(['€25,000,000', '€30,000,000']);
    // No CSP violation or other console error on any of these pages.
    expect(p.problems).toEqual([]);
  });
});
