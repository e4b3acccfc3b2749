/**
 * The Territory page in Chromium: the empty state says what to do; with the occupied area
 * imported on two dates, the map draws the area and the change, and the table names the
 * oblasts with the area gained. Screenshots go to test-results/territory-*.png.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { CHROMIUM, newTestPage, RESULTS, startBrowserRun } from './support.ts';

const required = process.env.GUARANTOR_REQUIRE_BROWSER === '1';
const missing = !existsSync(CHROMIUM);
const unbuilt = !existsSync(join(import.meta.dirname, '../../packages/web/dist/index.html'));

/** A box in Donetsk Oblast, [west, south, east, north]. */
const box = ([w, s, e, n]: readonly number[]) => ({
  type: 'Feature',
  properties: {},
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  },
});

describe.skipIf((missing || unbuilt) && !required)('the Territory page', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    ({ server, base, browser } = await startBrowserRun());
    page = await newTestPage(browser);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says what to do while empty, then shows the area and the change per oblast in names', async () => {
    await page.goto(base);
    await page.fill('input[name=username]', server.admin.username);
    await page.fill('input[name=password]', server.admin.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=map]');
    await page.goto(`${base}#/territory`);
    const empty = page.getByTestId('territory-empty');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('guarantor territory import');
    await page.screenshot({ path: join(RESULTS, 'territory-empty.png') });

    const { csrfToken } = (await (await page.request.get(`${base}api/session`)).json()) as {
      csrfToken: string;
    };
    for (const [asOf, area] of [
      ['2025-01-01', [37.6, 47.9, 38.0, 48.2]],
      ['2025-02-01', [37.3, 47.9, 38.0, 48.3]],
    ] as const) {
      const res = await page.request.post(
        `${base}api/territory/control-areas/import?asOf=${asOf}&source=staff-map`,
        {
          data: { type: 'FeatureCollection', features: [box(area)] },
          headers: { 'x-csrf-token': csrfToken },
        },
      );
      expect(res.status(), await res.text()).toBe(200);
    }
    await page.reload();
    const table = page.getByTestId('territory-change');
    await table.waitFor();
    expect(await page.getByTestId('territory-date').textContent()).toBe('1 Feb 2025'); // 2025-02-01, as the reader's language writes it
    const donetsk = table.locator('tbody tr', { hasText: 'Donetsk Oblast' });
    expect(await donetsk.count()).toBe(1);
    // Newly occupied: 0.7° × 0.4° less 0.4° × 0.3°, 0.16 square degrees at 48°N: about 1,330 km².
    const gained = Number((await donetsk.locator('td').nth(1).textContent())!.replace(/,/g, ''));
    expect(gained).toBeGreaterThan(1250);
    expect(gained).toBeLessThan(1400);
    expect(await page.getByTestId('territory-change-summary').textContent()).toContain('newly occupied');
    await page.locator('[data-testid="territory-map"][data-drawn*="difference-fill"]').waitFor();
    await page.screenshot({ path: join(RESULTS, 'territory-change.png') });
    expect(pageErrors).toEqual([]);
  });
});
