/**
 * Screenshots of issue 20's base map and download links (run by hand:
 * `npx tsx test/browser/basemap-screenshots.ts`; PNGs go to test-results/basemap-*.png): the lead
 * map over the test PMTiles base map (test/fixtures/basemap, BASEMAP_PMTILES), and a list page
 * and the monitoring map (also over the base map) with their download links. It fails when the browser fetched no base-map tile or a tile failed.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium, RESULTS, startScreenshotServer } from './support.ts';

const BASEMAP = resolve(import.meta.dirname, '../fixtures/basemap/ukraine.pmtiles');
const { server, admin, close } = await startScreenshotServer('basemap', { BASEMAP_PMTILES: BASEMAP });
try {
  mkdirSync(RESULTS, { recursive: true });
  const browser = await launchChromium();
  const base = `${server.url}/`;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const tiles: { url: string; status: number }[] = [];
  // Routed (which also turns the browser's cache off), so every map asks again.
  await page.route('**/api/basemap/**', async (route) => {
    const res = await route.fetch();
    tiles.push({ url: route.request().url(), status: res.status() });
    await route.fulfill({ response: res });
  });
  await page.goto(base);
  await page.fill('input[name=username]', admin.username);
  await page.fill('input[name=password]', admin.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=who]');
  await page.goto(`${base}#/map`);
  await page.waitForSelector('canvas.maplibregl-canvas');
  await page.waitForTimeout(3000);
  await page.screenshot({ path: join(RESULTS, 'basemap-map-1440.png') });
  const drawn = tiles.filter((t) => t.status === 200);
  console.log(`base-map tiles fetched: ${drawn.length} (${tiles.length - drawn.length} not 200)`);
  if (drawn.length === 0) throw new Error('the map fetched no base-map tile');
  if (tiles.some((t) => t.status >= 500)) throw new Error(`a base-map tile failed: ${JSON.stringify(tiles)}`);
  await page.goto(`${base}#/requirements`);
  await page.waitForSelector('[data-testid=downloads]');
  await page.screenshot({ path: join(RESULTS, 'basemap-requirements-downloads-1440.png') });
  await page.goto(`${base}#/monitoring`);
  await page.waitForSelector('[data-testid=monitoring-export]');
  const before = tiles.length;
  await page.waitForSelector('canvas.maplibregl-canvas');
  await page.waitForTimeout(3000);
  if (tiles.length === before) throw new Error('the monitoring map fetched no base-map tile');
  await page.screenshot({ path: join(RESULTS, 'basemap-monitoring-downloads-1440.png') });
  await browser.close();
  console.log(`screenshots in ${RESULTS}/basemap-*.png`);
} finally {
  await close();
}
