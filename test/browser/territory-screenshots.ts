/**
 * The Territory page at 1440×900 (run by hand: `npx tsx test/browser/territory-screenshots.ts`;
 * PNGs go to test-results/territory-{empty,change}.png): first empty, then with the two
 * DeepStateMap files of ../shared/data imported (TEST ONLY data, never shipped), showing the
 * change between their dates. Prints what the page and the map drew.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedData } from '../support/shared-data.ts';
import { launchChromium, RESULTS, startScreenshotServer } from './support.ts';

const files = [
  ['2025-01-02', sharedData('frontline/deepstatemap_occupied_20250102.geojson', 'the territory screenshot')],
  ['2026-08-22', sharedData('frontline/deepstatemap_occupied_20260822.geojson', 'the territory screenshot')],
] as const;

const { server, admin, close } = await startScreenshotServer('territory');
try {
  const browser = await launchChromium();
  const base = `${server.url}/`;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const login = await context.request.post(`${base}api/auth/login`, { data: admin });
  const csrf = (await login.json()).csrfToken as string;
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`console error: ${m.text()}`);
  });
  await page.goto(`${base}#/territory`);
  await page.getByTestId('territory-empty').waitFor();
  await page.screenshot({ path: join(RESULTS, 'territory-empty.png') });
  console.log(`empty: ${((await page.getByTestId('territory-empty').textContent()) ?? '').slice(0, 200)}`);
  for (const [asOf, file] of files) {
    if (file.skip) throw new Error(file.skip);
    const res = await context.request.post(
      `${base}api/territory/control-areas/import?asOf=${asOf}&source=deepstatemap&fileName=${asOf}.geojson`,
      {
        data: readFileSync(file.path, 'utf8'),
        headers: { 'x-csrf-token': csrf, 'content-type': 'application/geo+json' },
      },
    );
    console.log(`import ${asOf}: ${res.status()} ${(await res.text()).slice(0, 160)}`);
  }
  await page.reload();
  await page.getByTestId('territory-change').waitFor();
  const map = page.getByTestId('territory-map');
  await page.locator('[data-testid="territory-map"][data-drawn*="difference-fill"]').waitFor();
  await page.screenshot({ path: join(RESULTS, 'territory-change.png') });
  console.log(`map drew: ${await map.getAttribute('data-drawn')}`);
  console.log(`summary: ${await page.getByTestId('territory-change-summary').textContent()}`);
  console.log((await page.getByTestId('territory-change').locator('tr').allTextContents()).join('\n'));
  await browser.close();
} finally {
  await close();
}
