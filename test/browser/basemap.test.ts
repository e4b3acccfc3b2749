/**
 * The PMTiles base map in Chromium (issue 20, ADR 0038): a server started with BASEMAP_PMTILES
 * on the test archive (test/fixtures/basemap/ukraine.pmtiles: countries and Ukraine's units as
 * vector tiles, z0–5). The lead map asks /api/basemap/… for its tiles, every answer is a tile
 * (200) or an empty one (404), MapLibre reports the source loaded and features of it drawn,
 * and the canvas shows the base map's land colour under the neighbours' tint. The control: with
 * the tiles refused, the same page draws none of it. Waits on the map's own idle state, never on
 * a fixed sleep. Screenshots: test-results/basemap-*.png.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKGROUND_COLOUR, NEIGHBOUR_FILL } from '../../packages/web/src/map/palette.ts';
import { HANG_MS } from '../support/patience.ts';
import type { TestServer } from '../support/server.ts';
import { countColours, decodePng } from './png.ts';
import { CHROMIUM, newTestPage, RESULTS, startBrowserRun } from './support.ts';

const required = process.env.GUARANTOR_REQUIRE_BROWSER === '1';
const missing = !existsSync(CHROMIUM);
const unbuilt = !existsSync(join(import.meta.dirname, '../../packages/web/dist/index.html'));

const BASEMAP = resolve(import.meta.dirname, '../fixtures/basemap/ukraine.pmtiles');
/** The base map's land fill (packages/web/src/map/style.ts) and the neighbours' tint over it. */
const BASEMAP_FILL = '#ece6d8';
const NEIGHBOUR_TINT = 0.35;

const rgb = (hex: string): [number, number, number] => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
];
/** `top` at `opacity` over `under`. */
const over = (top: string, opacity: number, under: string): [number, number, number] => {
  const [a, b] = [rgb(top), rgb(under)];
  return [0, 1, 2].map((i) => Math.round(a[i]! * opacity + b[i]! * (1 - opacity))) as [
    number,
    number,
    number,
  ];
};

describe.skipIf((missing || unbuilt) && !required)('the PMTiles base map in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ server, base, browser } = await startBrowserRun({ BASEMAP_PMTILES: BASEMAP }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * The lead map, signed in, once MapLibre is idle: its tile answers, what it says it drew, and
   * how many canvas pixels have the neighbours' tint over the base map's land (and over the
   * plain background).
   */
  const leadMap = async (page: Page, shot: string, expectDrawn: boolean) => {
    const tiles: number[] = [];
    page.on('response', (res) => {
      if (new URL(res.url()).pathname.startsWith('/api/basemap/')) tiles.push(res.status());
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(base);
    await page.fill('input[name=username]', server.admin.username);
    await page.fill('input[name=password]', server.admin.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=who]');
    await page.goto(`${base}#/map`);
    const map = page.locator('[data-testid=map]');
    await page.waitForSelector('[data-testid=map]:is([data-state=ready],[data-state=failed])', {
      timeout: HANG_MS,
    });
    const failure = await page.locator('.map-failure').allTextContents();
    expect(await map.getAttribute('data-state'), failure.join('; ')).toBe('ready');
    // Written by the map on each idle event (every source loaded, nothing left to draw): the base
    // map's source state and how many of its features were drawn.
    const drawn = async () => map.getAttribute('data-rendered-basemap');
    if (expectDrawn)
      await expect.poll(async () => Number(await drawn()), { timeout: HANG_MS }).toBeGreaterThan(0);
    else await expect.poll(drawn, { timeout: HANG_MS }).not.toBeNull();
    await page.screenshot({ path: join(RESULTS, shot) });
    const pixels = decodePng(await page.locator('canvas.maplibregl-canvas').screenshot());
    const [overLand, overBackground] = countColours(pixels, [
      over(NEIGHBOUR_FILL, NEIGHBOUR_TINT, BASEMAP_FILL),
      over(NEIGHBOUR_FILL, NEIGHBOUR_TINT, BACKGROUND_COLOUR),
    ]);
    return {
      tiles,
      errors,
      loaded: await map.getAttribute('data-basemap-loaded'),
      drawn: Number(await map.getAttribute('data-rendered-basemap')),
      overLand: overLand!,
      overBackground: overBackground!,
    };
  };

  it('draws the served base map under the lead map', async () => {
    const page = await newTestPage(browser);
    try {
      const seen = await leadMap(page, 'basemap-map.png', true);
      // Signed in now: the server describes the archive it serves.
      const tilejson = await (await page.request.get(`${base}api/basemap`)).json();
      expect(tilejson).toMatchObject({ configured: true, tileType: 'mvt' });
      expect(seen.loaded).toBe('true');
      const ok = seen.tiles.filter((s) => s === 200).length;
      console.info(
        `browser test: base-map tiles ${seen.tiles.length} (${ok} with a tile), features drawn ${seen.drawn}, tinted land pixels ${seen.overLand}`,
      );
      expect(ok, 'base-map tiles answered 200').toBeGreaterThan(0);
      // An empty tile inside the archive's bounds is 404; nothing else is an answer.
      expect(seen.tiles.filter((s) => s !== 200 && s !== 404)).toEqual([]);
      // The neighbours are tinted over the base map's land: its colour is on the canvas.
      expect(seen.overLand, 'pixels of the neighbours over the base map').toBeGreaterThan(1000);
      expect(seen.errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('draws none of it when its tiles are refused (the control)', async () => {
    const page = await newTestPage(browser);
    try {
      await page.route('**/api/basemap/*/*/*', (route) => route.fulfill({ status: 404, body: '' }));
      const seen = await leadMap(page, 'basemap-refused-map.png', false);
      expect(seen.drawn).toBe(0);
      // Without the base map's land the neighbours' tint lies over the plain background.
      expect(seen.overLand, 'pixels of the neighbours over the base map').toBeLessThan(100);
      expect(seen.overBackground, 'pixels of the neighbours over the background').toBeGreaterThan(1000);
    } finally {
      await page.close();
    }
  });
});
