/**
 * Screenshots of the phases pages over a synthetic month of monitoring (run by hand:
 * `npx tsx test/browser/phases-screenshots.ts`; PNGs go to test-results/phases-*.png).
 * Builds the web app into a private folder, starts the real server on a fresh embedded
 * database with the demo, feeds 30 days of illustrative sector-days into the gate's stand-in
 * store, drives a few decisions through the API, and photographs each page in Chromium.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, type DayIncident, type SectorDay } from '@guarantor/core/phases';
import { putSectorDays } from '@guarantor/db/phases';
import { launchChromium, RESULTS, startScreenshotServer } from './support.ts';

const { server, admin, close } = await startScreenshotServer('phases');
try {
  const today = new Date().toISOString().slice(0, 10);
  const sectors = [
    'sector-north-kharkiv',
    'sector-luhansk-donetsk-north',
    'sector-donetsk-south',
    'sector-zaporizhzhia',
    'sector-kherson-dnipro',
  ];
  const v = (id: string, count: number, extra: Partial<DayIncident> = {}): DayIncident => ({
    id,
    category: 'explosion_impact',
    verification: 'verified',
    count,
    zones: [],
    ...extra,
  });
  const days: SectorDay[] = [];
  for (let k = 29; k >= 0; k--) {
    const date = addDays(today, -k);
    sectors.forEach((sector, s) => {
      const calm = (k + s) % 4;
      const incidents: DayIncident[] = calm > 0 ? [v(`${sector} ${date}`, calm)] : [];
      if (sector === 'sector-donetsk-south' && (k === 5 || k === 4))
        incidents.push(v(`${sector} flare ${date}`, k === 5 ? 9 : 7));
      if (sector === 'sector-kherson-dnipro' && k === 10)
        incidents.push(v(`${sector} checkpoint`, 1, { category: 'fom_restriction' }));
      if (k === 29) incidents.push(v(`${sector} last shelling`, 30));
      const blind = sector === 'sector-zaporizhzhia' && (k === 12 || k === 13 || k === 14);
      days.push({ sector, date, monitored: !blind, incidents: blind ? [] : incidents });
    });
  }
  await putSectorDays(server.database.db, days);

  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const login = await context.request.post(`${server.url}/api/auth/login`, { data: admin });
  const csrf = (await login.json()).csrfToken as string;
  const post = async (path: string, data: unknown) => {
    const res = await context.request.post(`${server.url}${path}`, {
      data,
      headers: { 'x-csrf-token': csrf },
    });
    console.log(path, res.status(), (await res.text()).slice(0, 160));
  };
  await post('/api/phases/reevaluate', { asOf: addDays(today, -26) });
  await post('/api/phases/reevaluate', {});
  await post('/api/phases/transitions', {
    target: 'ceasefire_holding',
    authority: 'Coordination Cell decision 2026/14 (illustrative)',
  });
  await post('/api/phases/transitions', {
    target: 'ceasefire_holding',
    authority: 'Coordination Cell decision 2026/15 (illustrative)',
    override: {
      reason:
        "the Donetsk south flare of 22-23 November was verified as one unit's unauthorised fire; the cell judged the ceasefire holding (illustrative)",
    },
  });
  await post('/api/phases/reevaluate', {});
  await post('/api/orders', {
    offerId: 'USA-1',
    quantity: 4,
    regionCode: 'UA-14',
    lineOfEffort: 'truce_monitoring',
    sector: 'sector-luhansk-donetsk-north',
  });
  await post('/api/orders', {
    offerId: 'FRA-1',
    quantity: 2,
    // An order's region must lie in its sector: Kharkiv oblast, not Kyiv oblast.
    regionCode: 'UA-63',
    lineOfEffort: 'reassurance_force',
    sector: 'sector-north-kharkiv',
  });
  await post('/api/orders', {
    offerId: 'DEU-1',
    quantity: 2,
    regionCode: 'UA-14',
    lineOfEffort: 'truce_monitoring',
    sector: 'sector-donetsk-south',
  });
  await post('/api/orders', {
    offerId: 'POL-2',
    quantity: 1,
    regionCode: 'UA-12',
    lineOfEffort: 'demining',
    sector: 'sector-zaporizhzhia',
  });

  mkdirSync(RESULTS, { recursive: true });
  const page = await context.newPage();
  for (const [name, hash] of [
    ['timeline', '#/phases'],
    ['compliance', '#/phases/sectors'],
    ['orders', '#/orders'],
    ['gate', '#/phases/gate'],
  ] as const) {
    await page.goto(`${server.url}/${hash}`);
    await page.waitForSelector('main.page', { timeout: 15_000 });
    await page.waitForTimeout(400);
    const path = join(RESULTS, `phases-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log('wrote', path);
    if (name === 'compliance') {
      // The app scrolls inside its own frame; photograph the card with blind days on its own.
      const card = join(RESULTS, 'phases-compliance-zaporizhzhia.png');
      await page.locator('[data-testid="sector-sector-zaporizhzhia"]').screenshot({ path: card });
      console.log('wrote', card);
    }
  }
  await browser.close();
} finally {
  await close();
}
