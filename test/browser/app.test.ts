/**
 * The web app end to end in Debian's Chromium: sign in through the form, see the lead map
 * drawn (read back from the canvas's pixels, not the DOM), the hub symbols, 35 nations,
 * a nation's offers and a plan's lead claims. Screenshots go to test-results/.
 *
 * The app served is packages/web/dist, built by the run's global setup (test/support/global-setup.ts).
 * Skips with a reason when /usr/bin/chromium is missing, unless GUARANTOR_REQUIRE_BROWSER=1.
 * The steps share one page and run in order: each starts where the previous one left off.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINES_OF_EFFORT, REGIONS } from '../../packages/core/src/coalition/index.ts';
import {
  assignColours,
  BACKGROUND_COLOUR,
  blend,
  hexToRgb,
  NO_LEAD_COLOUR,
  REGION_FILL_OPACITY,
} from '../../packages/web/src/map/palette.ts';
import { HANG_MS } from '../support/patience.ts';
import type { TestServer } from '../support/server.ts';
import { countColours, decodePng } from './png.ts';
import { CHROMIUM, newTestPage, RESULTS, startBrowserRun } from './support.ts';

const required = process.env.GUARANTOR_REQUIRE_BROWSER === '1';
const missing = !existsSync(CHROMIUM);
if (missing && !required) {
  console.warn(
    `browser test skipped: ${CHROMIUM} is missing (apt-get install chromium); ` +
      'set GUARANTOR_REQUIRE_BROWSER=1 to make this a failure',
  );
}

interface RegionFeature {
  properties: { code: string; nameEn: string; leadNation: string | null; leadState: string };
  geometry: { type: string; coordinates: number[][][] | number[][][][] };
}

describe.skipIf(missing && !required)('web app in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    if (missing) throw new Error(`GUARANTOR_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing`);
    ({ server, base, browser } = await startBrowserRun());
    page = await newTestPage(browser);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Offline: the map's style, fonts and data come from the app itself, never another origin.
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:'))
        foreignRequests.push(url);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("refuses a wrong password and shows the server's message", async () => {
    await page.goto(base);
    await page.fill('input[name=username]', server.admin.username);
    await page.fill('input[name=password]', `${server.admin.password}-wrong`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
      page.click('button[type=submit]'),
    ]);
    expect(response.status()).toBe(401);
    const body = (await response.json()) as { error: { message: string } };
    await expect.poll(() => page.locator('.form-error').textContent()).toBe(body.error.message);
  });

  it('signs in and draws the lead map with every unit, lead colours and hub symbols', async () => {
    await page.fill('input[name=password]', server.admin.password);
    await page.click('button[type=submit]');
    // The page marks the map 'ready' after its first idle frame, or 'failed' on a map error
    // (a missing worker, a bad style): wait for either and say which.
    const map = page.locator('[data-testid=map]');
    await page.waitForSelector('[data-testid=map]:is([data-state=ready],[data-state=failed])', {
      timeout: HANG_MS,
    });
    const failure = await page.locator('.map-failure').allTextContents();
    expect(await map.getAttribute('data-state'), failure.join('; ')).toBe('ready');

    // Taken before the checks so a failing run still leaves the picture behind.
    await page.screenshot({ path: join(RESULTS, 'map.png') });

    const header = await page.locator('[data-testid=who]').textContent();
    expect(header).toContain(server.admin.username);
    expect(header).toContain('Log out');

    const regions = (await (await page.request.get(`${base}api/map/regions`)).json()) as {
      features: RegionFeature[];
    };
    const hubs = (await (await page.request.get(`${base}api/hubs`)).json()) as { features: unknown[] };
    expect(regions.features).toHaveLength(27);
    const led = regions.features.filter((f) => f.properties.leadNation).length;
    await expect
      .poll(() => page.locator('[data-testid=map-status]').textContent())
      .toBe(`27 units, ${led} led, ${hubs.features.length} hub${hubs.features.length === 1 ? '' : 's'}`);

    // Hub symbols: one Marker per hub, each an SVG from milsymbol with a title.
    expect(hubs.features.length).toBeGreaterThan(0);
    const markers = page.locator('.maplibregl-marker.hub-marker');
    await expect.poll(() => markers.count()).toBe(hubs.features.length);
    for (const marker of await markers.all()) {
      expect(await marker.getAttribute('title')).toBeTruthy();
      expect(await marker.locator('svg').count()).toBe(1);
    }

    // Pixels: the canvas must show the background and each lead nation's fill as the
    // palette predicts it (colour at the fill opacity over the background).
    const canvas = page.locator('canvas.maplibregl-canvas');
    const pixels = decodePng(await canvas.screenshot());
    const nations = [
      ...new Set(regions.features.map((f) => f.properties.leadNation).filter((n): n is string => !!n)),
    ];
    // The page's own assignment: each nation its palette colour, moved only to stay apart.
    const colours = assignColours(
      regions.features.map((f) => ({
        code: f.properties.code,
        lead: f.properties.leadNation,
        rings: (f.geometry.type === 'Polygon'
          ? f.geometry.coordinates
          : (f.geometry.coordinates as number[][][][]).flat()) as number[][][],
      })),
    );
    const expected = [
      hexToRgb(BACKGROUND_COLOUR),
      ...nations.map((iso3) => blend(colours.get(iso3)!, REGION_FILL_OPACITY)),
    ];
    if (led < 27) expected.push(blend(NO_LEAD_COLOUR, REGION_FILL_OPACITY));
    const counts = countColours(pixels, expected);
    const report = ['background', ...nations, ...(led < 27 ? ['no lead'] : [])]
      .map((name, i) => `${name}=${counts[i]}`)
      .join(' ');
    console.info(`browser test: map pixels ${pixels.width}x${pixels.height}: ${report}`);
    expect(counts[0], 'background pixels').toBeGreaterThan(1000);
    // A small region (Kyiv city, Sevastopol) may be hidden under a hub symbol, so ask for
    // most nations rather than all of them, and for at least three distinct fills.
    const visibleNations = counts.slice(1, 1 + nations.length).filter((n) => n > 30).length;
    expect(visibleNations).toBeGreaterThanOrEqual(Math.min(3, nations.length));
    expect(visibleNations).toBeGreaterThanOrEqual(Math.ceil(nations.length * 0.75));

    // Names drawn on the map from the bundled font (no glyph server): the oblasts, the capital
    // and the neighbours, and not one request left the app's origin.
    const labels = await map.getAttribute('data-rendered-labels');
    const placed = labels?.split('|') ?? [];
    for (const name of ['Kyiv', 'Kharkiv', 'Kharkiv Oblast', 'Lviv Oblast'])
      expect(placed, `label ${name}`).toContain(name);
    const countries = ['POLAND', 'BELARUS', 'RUSSIA', 'ROMANIA', 'MOLDOVA', 'HUNGARY', 'SLOVAKIA'];
    expect(placed.filter((name) => countries.includes(name)).length, placed.join('|')).toBeGreaterThanOrEqual(
      3,
    );
    expect(foreignRequests).toEqual([]);
    // Contested units and leads the caveats forbid are striped and count as not led.
    const problems = regions.features.filter((f) =>
      ['contested', 'forbidden'].includes(f.properties.leadState),
    );
    expect(problems.length).toBeGreaterThan(0);
    for (const f of problems) expect(f.properties.leadNation).toBeNull();
    await expect
      .poll(() => page.locator('[data-testid=legend]').textContent())
      .toContain(`Contested, or the lead’s caveats forbid it${problems.length}`);

    // Hovering the middle of Ukraine opens a popup naming the unit in English and Ukrainian.
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const title = page.locator('.maplibregl-popup .popup-title');
    await title.waitFor();
    const names = regions.features.map((f) => (f.properties as { nameEn?: string }).nameEn);
    expect(names).toContain(await title.textContent());
    expect(await page.locator('.maplibregl-popup .popup-sub').textContent()).toMatch(/UA-\d\d/);
    await page.mouse.move(box.x + 5, box.y + 5);
  });

  it('recolours the map for another line of effort', async () => {
    const truce = (await (
      await page.request.get(`${base}api/map/regions?lineOfEffort=truce_monitoring`)
    ).json()) as {
      features: RegionFeature[];
    };
    const led = truce.features.filter((f) => f.properties.leadNation).length;
    await page.selectOption('main select', 'truce_monitoring');
    await expect
      .poll(() => page.locator('[data-testid=map-status]').textContent())
      .toMatch(`27 units, ${led} led,`);
    await page.waitForSelector('[data-testid=map][data-state=ready]');
    // The map itself, not only the status line: every unit is drawn for its new lead nation.
    // "ready" may still be the last line's until the new data reaches the map, so wait for the
    // drawing itself, as long as a busy machine needs.
    const expected = truce.features
      .map((f) => `${f.properties.code}=${f.properties.leadNation ?? ''}`)
      .sort()
      .join(' ');
    await expect
      .poll(() => page.locator('[data-testid=map]').getAttribute('data-rendered-leads'), { timeout: HANG_MS })
      .toBe(expected);
  });

  it('lists the 35 coalition nations with their delegation levels', async () => {
    await page.click('nav a[href="#/nations"]');
    await page.waitForSelector('[data-testid=nations-table]');
    await expect.poll(() => page.locator('[data-testid=nations-table] tbody tr').count()).toBe(35);
    const summary = await page.locator('[data-testid=nations-summary]').textContent();
    expect(summary).toContain('27 of 35 led by heads of state or government');
    const table = await page.locator('[data-testid=nations-table]').textContent();
    expect(table).toContain('Head of state or government');
    expect(table).toContain('Minister');
    await page.screenshot({ path: join(RESULTS, 'nations.png') });
  });

  it("opens a nation's page with its offers, each labelled for releasability", async () => {
    await page.click('[data-testid=nations-table] a[href="#/nations/FRA"]');
    await page.waitForSelector('[data-testid=offers-table]');
    const rows = page.locator('[data-testid=offers-table] tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    for (const row of await rows.all()) {
      expect(await row.locator('.releasability').textContent()).toMatch(
        /^(PUBLIC|COALITION|REL TO |NATIONAL )/,
      );
    }
    await page.screenshot({ path: join(RESULTS, 'nation.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('runs a plan and reads what became of each lead claim, grouped by outcome', async () => {
    await page.click('nav a[href="#/plans"]');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/plans') && r.request().method() === 'POST'),
      page.click('button:has-text("Run greedy plan")'),
    ]);
    expect(response.status()).toBe(201);
    const plan = (await response.json()) as {
      id: string;
      claims: { region: string; lineOfEffort: string; nation: string; outcome: string; message: string }[];
    };
    expect(plan.claims.length).toBeGreaterThan(0);
    const table = page.locator('[data-testid=plan-claims]');
    await table.waitFor();
    // The plan says what its status proves: a greedy plan, nothing.
    expect(await page.locator('[data-testid=plan-proof]').textContent()).toContain(
      'Greedy allocation, for comparison: nothing in it is proven optimal.',
    );
    await page.screenshot({ path: join(RESULTS, 'plan.png') });
    // An unmet requirement's explanation is read from the server only when the reader opens it.
    const disclosure = page.locator('[data-testid^=explanation-]').first();
    const [why] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/explanation')),
      disclosure.locator('summary').click(),
    ]);
    expect(why.status()).toBe(200);
    await disclosure.locator('li.reason').first().waitFor();
    expect(await disclosure.locator('li.reason').count()).toBe(
      ((await why.json()) as { candidates: unknown[] }).candidates.length,
    );
    // One row group per outcome present, each with a heading row and one row per claim.
    const outcomes = [...new Set(plan.claims.map((c) => c.outcome))];
    await expect.poll(() => table.locator('tbody').count()).toBe(outcomes.length);
    for (const outcome of outcomes) {
      const group = table.locator(`[data-testid=claims-${outcome}]`);
      expect(await group.locator('tr').count()).toBe(
        1 + plan.claims.filter((c) => c.outcome === outcome).length,
      );
    }
    // Regions and lines of effort by the names the rest of the UI uses, and each claim's sentence.
    const text = (await table.textContent()) ?? '';
    // (The catalogue's names, as the lead matrix and the requirements show them.)
    const first = plan.claims[0]!;
    expect(text).toContain(REGIONS.find((r) => r.code === first.region)!.name);
    expect(text).toContain(first.message);
    const line = LINES_OF_EFFORT.find((l) => l.id === first.lineOfEffort)!.name;
    expect(text.toLowerCase()).toContain(line.toLowerCase());
    // The page scrolls inside its own container, so a full-page shot would stop at the fold.
    await page
      .locator('h2:has-text("Lead claims")')
      .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(RESULTS, 'plan-claims.png') });
    expect(pageErrors).toEqual([]);
  });

  it('a conflict resolved by cell staff shows the losing claim as declined, and its liaison re-asserts it', async () => {
    // Two users made by the signed-in admin: a French cell staff officer and Romania's liaison.
    const password = 'correct horse battery staple';
    for (const [username, nation, role] of [
      ['fra-staff-officer', 'FRA', 'cell_staff'],
      ['rou-liaison', 'ROU', 'liaison'],
    ] as const) {
      const status = await page.evaluate(
        async ({ username, nation, role, password }) => {
          const me = (await (await fetch('/api/session')).json()) as { csrfToken: string };
          const res = await fetch('/api/users', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
            body: JSON.stringify({ username, displayName: username, password, nation, roles: [role] }),
          });
          return res.status;
        },
        { username, nation, role, password },
      );
      expect(status).toBe(201);
    }
    const signIn = async (username: string) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const other = await context.newPage();
      other.setDefaultTimeout(HANG_MS);
      other.on('pageerror', (error) => pageErrors.push(error.message));
      await other.goto(base);
      await other.fill('input[name=username]', username);
      await other.fill('input[name=password]', password);
      await other.click('button[type=submit]');
      await other.waitForSelector(`.app-header:has-text("${username}")`);
      await other.goto(new URL('#/lead-matrix', base).toString());
      await other.click('[data-testid=cell-UA-51-maritime_security]');
      await other.waitForSelector('[data-testid=cell-detail]');
      return { context, page: other, detail: other.locator('[data-testid=cell-detail]') };
    };

    // Turkey and Romania both claim the maritime lead off Odesa; the staff officer chooses Turkey.
    const staff = await signIn('fra-staff-officer');
    let asked = '';
    staff.page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept('Turkey holds the Straits and its MCM group');
    });
    await Promise.all([
      staff.page.waitForResponse((r) => r.url().endsWith('/api/lead-matrix/resolve')),
      staff.detail.locator('button:has-text("Choose Türkiye to lead")').click(),
    ]);
    await expect
      .poll(() => staff.detail.locator('[data-testid=claim-status]').allTextContents())
      .toEqual([' declined']);
    // Turkey's only offer is limited to the Black Sea: the question says so before it is answered.
    expect(asked).toContain(
      'Türkiye claims the lead of maritime security in Odesa Oblast, but its caveats forbid every offer it made there',
    );
    expect(asked).toContain('Why does Türkiye lead maritime security in Odesa Oblast?');
    const declined = (await staff.detail.textContent()) ?? '';
    expect(declined).toContain('declined by fra-staff-officer');
    expect(declined).toContain('Turkey holds the Straits and its MCM group');
    // With one active claim left there is nothing to choose between.
    expect(await staff.detail.locator('button:has-text("to lead")').count()).toBe(0);
    await staff.page.screenshot({ path: join(RESULTS, 'lead-claim-declined.png') });
    await staff.context.close();

    // Romania's liaison re-asserts the claim: it is active again and the cell contested again.
    const liaison = await signIn('rou-liaison');
    await Promise.all([
      liaison.page.waitForResponse((r) => r.url().includes('/reassert')),
      liaison.detail.locator('button:has-text("Re-assert Romania\'s claim")').click(),
    ]);
    await expect.poll(() => liaison.detail.locator('[data-testid=claim-status]').count()).toBe(0);
    await expect
      .poll(() => liaison.page.locator('[data-testid=cell-UA-51-maritime_security]').getAttribute('class'))
      .toContain('conflict');
    await liaison.page.screenshot({ path: join(RESULTS, 'lead-claim-reasserted.png') });
    await liaison.context.close();
    expect(pageErrors).toEqual([]);
  });

  /** GET through the signed-in page's session, as the app itself reads. */
  const apiGet = async <T>(path: string): Promise<T> =>
    (await (await page.request.get(new URL(path, base).toString())).json()) as T;
  const renderedIncidents = async () =>
    Number(await page.locator('[data-testid=monitoring-map]').getAttribute('data-rendered-incidents'));
  const shownTotal = async () =>
    Number(
      /^(\d+) incidents? shown/.exec(
        (await page.locator('[data-testid=monitoring-total]').textContent()) ?? '',
      )?.[1],
    );

  it('the monitoring map draws as many incidents as it counts, under filters, and a new report appears live', async () => {
    await page.goto(new URL('#/monitoring', base).toString());
    await page.waitForSelector('[data-testid=monitoring-map]:is([data-state=ready],[data-state=failed])', {
      timeout: HANG_MS,
    });
    const failure = await page.locator('.map-failure').allTextContents();
    expect(
      await page.locator('[data-testid=monitoring-map]').getAttribute('data-state'),
      failure.join('; '),
    ).toBe('ready');
    // The demo history's last 7 days: the map draws (queryRenderedFeatures) what the counts say.
    await expect.poll(shownTotal, { timeout: HANG_MS }).toBeGreaterThan(0);
    const all = await shownTotal();
    await expect.poll(renderedIncidents, { timeout: HANG_MS }).toBe(all);
    await page.screenshot({ path: join(RESULTS, 'monitoring.png') });

    // Unticking "reported" takes those incidents off the map and out of the count.
    const counts = await apiGet<{ byState: Record<string, number> }>(
      `api/incidents/counts?from=${new Date(Date.now() - 7 * 86_400_000).toISOString()}`,
    );
    const reported = counts.byState['reported'] ?? 0;
    expect(reported).toBeGreaterThan(0);
    const reportedBox = page.locator('fieldset:has(legend:text("State")) label:has-text("reported") input');
    await reportedBox.uncheck();
    await expect.poll(shownTotal, { timeout: HANG_MS }).toBe(all - reported);
    await expect.poll(renderedIncidents, { timeout: HANG_MS }).toBe(all - reported);
    console.info(`browser test: monitoring map ${all} incidents drawn, ${all - reported} without "reported"`);
    await reportedBox.check();
    await expect.poll(renderedIncidents, { timeout: HANG_MS }).toBe(all);

    // A report posted through the API appears on the open page without a reload.
    await page.evaluate(() => {
      (globalThis as unknown as { beforeLive: boolean }).beforeLive = true;
    });
    const now = Date.now();
    const posted = await page.evaluate(async (now) => {
      const me = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const res = await fetch('/api/observations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          observations: [
            {
              uid: 'browser-live-1',
              source: { kind: 'patrol', id: 'browser-patrol', nation: 'FRA' },
              time: { startMs: now - 3_600_000, endMs: now - 3_590_000 },
              category: 'explosion_impact',
              count: 1,
              // South of Kyiv, far from every demo sector, so it fuses with nothing.
              location: { kind: 'point', position: [31.2, 49.2], radiusM: 100 },
              reportedAtMs: now - 3_000_000,
            },
          ],
        }),
      });
      return (await res.json()) as { accepted: number };
    }, now);
    expect(posted.accepted).toBe(1);
    await expect.poll(shownTotal, { timeout: HANG_MS }).toBe(all + 1);
    await expect.poll(renderedIncidents, { timeout: HANG_MS }).toBe(all + 1);
    expect(await page.evaluate(() => (globalThis as unknown as { beforeLive?: boolean }).beforeLive)).toBe(
      true,
    );
    await page.screenshot({ path: join(RESULTS, 'monitoring-live.png') });
    expect(pageErrors).toEqual([]);
  });

  it('the phases page lists every phase of the timeline and names the current one', async () => {
    const phases = await apiGet<{ phase: string; timeline: unknown[] }>('api/phases');
    await page.goto(new URL('#/phases', base).toString());
    await page.waitForSelector('[data-testid=phase-timeline]');
    await expect
      .poll(() => page.locator('[data-testid=phase-timeline] > li').count())
      .toBe(phases.timeline.length);
    expect(phases.timeline.length).toBeGreaterThan(0);
    const summary = (await page.locator('.page-head .summary').textContent()) ?? '';
    expect(summary.toLowerCase()).toContain(phases.phase.replaceAll('_', ' ').split(' ')[0]);
    expect(pageErrors).toEqual([]);
  });

  it('the orders page shows one row per order the user may see, with its gate status', async () => {
    // The demo has no orders: draft one through the API in the first monitored sector.
    const sectors = await apiGet<{ sectors: { sector: string }[] }>('api/phases/sectors?days=30');
    const drafted = await page.evaluate(async (sector) => {
      const me = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const res = await fetch('/api/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          offerId: 'USA-1',
          quantity: 1,
          regionCode: 'UA-14',
          lineOfEffort: 'truce_monitoring',
          sector,
        }),
      });
      return { status: res.status, body: await res.text() };
    }, sectors.sectors[0]!.sector);
    expect(drafted.status, drafted.body).toBe(201);
    const orders = await apiGet<{
      orders: { id: string; state: string; gate: string; live?: { status: string } | null }[];
    }>('api/orders');
    await page.goto(new URL('#/orders', base).toString());
    await page.waitForSelector('[data-testid=orders-table]');
    await expect
      .poll(() => page.locator('[data-testid=orders-table] tbody tr').count())
      .toBe(orders.orders.length);
    const text = (await page.locator('[data-testid=orders-table]').textContent()) ?? '';
    expect(orders.orders.length).toBeGreaterThan(0);
    for (const o of orders.orders) {
      expect(text).toContain(o.id);
      // The gate status the server gives, in the words of the page's pill ("Ready on gate").
      const status = o.state === 'issued' ? 'issued' : (o.live?.status ?? o.gate);
      const row = page.locator('[data-testid=orders-table] tbody tr', { hasText: o.id });
      expect((await row.locator('.status-pill').textContent())?.toLowerCase()).toBe(
        status.replaceAll('_', ' '),
      );
    }
    expect(pageErrors).toEqual([]);
  });

  /** What the test reads of the report's iframe (the DOM types are not in the test's lib). */
  type ReportFrame = {
    style: { height: string };
    getBoundingClientRect(): { height: number };
    contentDocument: { documentElement: { scrollHeight: number } } | null;
  };

  it('the daily report page shows the report in the page, as tall as the report', async () => {
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await page.goto(new URL(`#/reports/daily/${day}`, base).toString());
    const frame = page.locator('[data-testid=daily-report]');
    await frame.waitFor();
    // The report loads inside (it is framed by its own origin), and the frame takes its height.
    await expect.poll(() => frame.evaluate((f: ReportFrame) => f.style.height)).not.toBe('');
    const inner = page.frameLocator('[data-testid=daily-report]');
    expect(await inner.locator('h1').textContent()).toContain('Daily report');
    const heights = await frame.evaluate((f: ReportFrame) => ({
      frame: f.getBoundingClientRect().height,
      report: f.contentDocument!.documentElement.scrollHeight,
    }));
    expect(heights.frame).toBeGreaterThanOrEqual(heights.report);
    await page.screenshot({ path: join(RESULTS, 'daily-report.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('the gate page shows each step with its passing and failing rules', async () => {
    const gate = await apiGet<{
      open: boolean;
      steps: { phase: string; rules: { id: string; pass: boolean }[] }[];
    }>('api/phases/deployment-gate');
    await page.goto(new URL('#/phases/gate', base).toString());
    await page.waitForSelector('.phases-page h1');
    expect(await page.locator('.page-head .summary').textContent()).toContain(
      gate.open ? 'the gate is open' : 'the gate is shut',
    );
    expect(gate.steps.length).toBeGreaterThan(0);
    expect(gate.steps.some((step) => step.rules.some((r) => !r.pass))).toBe(!gate.open);
    for (const step of gate.steps) {
      const section = page.locator(`[data-testid=gate-step-${step.phase}]`);
      await expect
        .poll(() => section.locator('.rule-results li.fail').count())
        .toBe(step.rules.filter((r) => !r.pass).length);
      expect(await section.locator('.rule-results li.pass').count()).toBe(
        step.rules.filter((r) => r.pass).length,
      );
      for (const r of step.rules) expect(await section.textContent()).toContain(r.id);
    }
    await page.screenshot({ path: join(RESULTS, 'gate.png') });
    expect(pageErrors).toEqual([]);
  });

  it('logs out back to the sign-in form, and the session is gone on the server', async () => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/logout')),
      page.click('button:has-text("Log out")'),
    ]);
    expect(response.status()).toBe(204);
    await page.waitForSelector('input[name=password]');
    await page.reload();
    await page.waitForSelector('input[name=password]');
  });
});
