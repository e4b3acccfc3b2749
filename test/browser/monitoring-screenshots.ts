/**
 * Screenshots of the monitoring pages and the daily report (run by hand:
 * `npx tsx test/browser/monitoring-screenshots.ts`; PNGs go to test-results/monitoring-*.png,
 * the report PDF to test-results/monitoring-daily.pdf). Builds the web app into a private
 * folder, starts the real server on a fresh embedded database with the demo and its
 * illustrative zones, writes two days of illustrative incidents along the line, marks some
 * sources, and photographs each page in Chromium; then checks that a live incident reaches the
 * open map's counts without a reload.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '@guarantor/core/phases';
import { type FixtureIncident, insertFixtureIncidents } from '../support/zones.ts';
import { launchChromium, RESULTS, startScreenshotServer } from './support.ts';

const { server, admin, close } = await startScreenshotServer('monitoring');
try {
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = addDays(today, -1);
  let seed = 11;
  const next = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const line: [number, number][] = [
    [37.65, 49.71],
    [38.08, 48.86],
    [37.85, 48.59],
    [37.2, 48.3],
    [37.25, 47.98],
    [36.25, 47.66],
    [35.8, 47.52],
    [34.62, 47.46],
    [33.36, 46.77],
    [32.6, 46.62],
  ];
  const categories = [
    'explosion_impact',
    'explosion_outgoing',
    'burst_and_shots',
    'heavy_weapon_sighting',
    'uav_overflight',
  ];
  const states = ['reported', 'corroborated', 'verified', 'attributed'] as const;
  const incidents: FixtureIncident[] = Array.from({ length: 140 }, (_, i) => {
    const p = line[Math.floor(next() * line.length)]!;
    const day = i < 60 ? addDays(today, -2) : yesterday;
    return {
      id: `inc-demo-${String(i).padStart(3, '0')}`,
      category: categories[Math.floor(next() * categories.length)]!,
      state: states[Math.floor(next() * states.length)]!,
      position: [p[0] + (next() - 0.5) * 0.4, p[1] + (next() - 0.5) * 0.25],
      start: new Date(`${day}T${String(Math.floor(next() * 24)).padStart(2, '0')}:10:00Z`),
      count: 1 + Math.floor(next() * 8),
      explanation: ['illustrative incident written for the screenshots'],
    };
  });
  incidents.push({
    id: 'inc-demo-fom',
    category: 'fom_restriction',
    state: 'verified',
    position: [35.9, 47.6],
    start: new Date(`${yesterday}T09:30:00Z`),
    explanation: ['a patrol was stopped at a checkpoint (illustrative)'],
  });
  await insertFixtureIncidents(server.database.db, incidents);

  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const login = await context.request.post(`${server.url}/api/auth/login`, { data: admin });
  const csrf = (await login.json()).csrfToken as string;
  for (const [sourceId, status, sectors, note] of [
    ['camera-12', 'down', ['sector-donetsk-south'], 'power cut since 04:00 (illustrative)'],
    ['patrol-3', 'active', ['sector-donetsk-south', 'sector-zaporizhzhia'], null],
    ['uav-7', 'active', ['sector-kherson-dnipro', 'sector-north-kharkiv'], null],
  ] as const) {
    const res = await context.request.post(`${server.url}/api/sources/status`, {
      data: { day: yesterday, sourceId, sourceKind: sourceId.split('-')[0], status, sectors, note },
      headers: { 'x-csrf-token': csrf },
    });
    console.log('source', sourceId, res.status());
  }

  const tile = await context.request.get(`${server.url}/tiles/incidents/5/19/11.mvt`);
  console.log(
    'tile 5/19/11',
    tile.status(),
    (await tile.body()).length,
    tile.status() >= 400 ? await tile.text() : '',
  );
  mkdirSync(RESULTS, { recursive: true });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') console.log('browser:', m.text(), m.args().length);
  });
  await page.goto(`${server.url}/#/monitoring`);
  await page.waitForSelector('[data-testid="monitoring-map"][data-state="ready"]', { timeout: 30_000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(RESULTS, 'monitoring-map.png') });
  console.log(
    'wrote monitoring-map.png',
    await page.locator('[data-testid="monitoring-total"]').textContent(),
  );

  // A sector filter: counts from the sector endpoint, points clipped to the sector.
  await page.selectOption('select >> nth=1', 'sector-donetsk-south');
  await page.waitForTimeout(2000);
  await page.screenshot({ path: join(RESULTS, 'monitoring-map-sector.png') });
  console.log('sector total', await page.locator('[data-testid="monitoring-total"]').textContent());

  // Live: dismiss an incident through the API; the open page's counts change without a reload.
  await page.selectOption('select >> nth=1', '');
  await page.waitForTimeout(1500);
  const before = await page.locator('[data-testid="monitoring-total"]').textContent();
  const res = await context.request.post(`${server.url}/api/incidents/inc-demo-100/state`, {
    data: { action: 'dismiss', reason: 'screenshot check of live updates' },
    headers: { 'x-csrf-token': csrf },
  });
  console.log('dismiss', res.status());
  await page.waitForTimeout(3500);
  console.log(
    'live: before',
    before,
    'after',
    await page.locator('[data-testid="monitoring-total"]').textContent(),
  );

  await page.goto(`${server.url}/#/incidents/inc-demo-fom`);
  await page.waitForSelector('[data-testid="incident-title"]', { timeout: 15_000 });
  await page.screenshot({ path: join(RESULTS, 'monitoring-incident.png'), fullPage: true });
  console.log('wrote monitoring-incident.png');

  await page.goto(`${server.url}/#/reports/daily/${yesterday}`);
  await page.waitForSelector('[data-testid="daily-report"]', { timeout: 15_000 });
  await page.waitForTimeout(2500);
  await page.screenshot({ path: join(RESULTS, 'monitoring-daily-page.png') });
  await page.goto(`${server.url}/api/reports/daily?date=${yesterday}&format=html`);
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(RESULTS, 'monitoring-daily-html.png'), fullPage: true });
  const pdf = await context.request.get(`${server.url}/api/reports/daily?date=${yesterday}&format=pdf`);
  writeFileSync(join(RESULTS, 'monitoring-daily.pdf'), await pdf.body());
  console.log('wrote monitoring-daily-*.png and monitoring-daily.pdf');
  await browser.close();
} finally {
  await close();
}
