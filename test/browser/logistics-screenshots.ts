/**
 * The Logistics page at 1440×900 (run by hand: `npx tsx test/browser/logistics-screenshots.ts`;
 * PNGs go to test-results/logistics-{network,plan,risk,lists,wait}.png): builds the illustrative demo network,
 * waits for the demo's monitoring history, plans a convoy from Lviv to Kharkiv and photographs
 * the map, the planner, the risk board and the lists. Prints what the map drew.
 */
import { join } from 'node:path';
import { launchChromium, RESULTS, startScreenshotServer } from './support.ts';

const { server, admin, close } = await startScreenshotServer('logistics');
try {
  await server.demoMonitoring;
  const browser = await launchChromium();
  const base = `${server.url}/`;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const login = await context.request.post(`${base}api/auth/login`, { data: admin });
  const csrf = (await login.json()).csrfToken as string;
  const demo = await context.request.post(`${base}api/logistics/demo`, {
    data: {},
    headers: { 'x-csrf-token': csrf },
  });
  const network = (await demo.json()).network;
  console.log(
    `demo: ${demo.status()} ${network.segments} segments, ${network.nodes} nodes; ${network.report.join(' ')}`,
  );
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`console error: ${m.text()}`);
  });
  await page.goto(`${base}#/logistics`);
  await page.getByTestId('illustrative-banner').waitFor();
  await page.locator('[data-testid="logistics-map"][data-drawn*="crossings-circle"]').waitFor();
  await page.screenshot({ path: join(RESULTS, 'logistics-network.png') });
  console.log(`map drew: ${await page.getByTestId('logistics-map').getAttribute('data-drawn')}`);
  await page.getByTestId('convoy-planner').getByRole('button', { name: 'Plan' }).click();
  await page.getByTestId('convoy-plan').waitFor();
  await page.locator('[data-testid="logistics-map"][data-drawn*="route-line"]').waitFor();
  await page.screenshot({ path: join(RESULTS, 'logistics-plan.png') });
  console.log(`plan: ${(await page.getByTestId('convoy-plan').textContent())?.slice(0, 400)}`);
  await page.getByTestId('risk-board').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(RESULTS, 'logistics-risk.png') });
  console.log(`risk board: ${(await page.getByTestId('risk-board').textContent())?.slice(0, 400)}`);
  await page.getByTestId('corridors').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(RESULTS, 'logistics-lists.png') });
  // Departing at 15:00 the convoy reaches Zhytomyr's checkpoint after its last shift: allowed to
  // wait up to 10 hours, it waits there until 06:00 and the plan says so.
  const planner = page.getByTestId('convoy-planner');
  const departInput = planner.locator('input[type="datetime-local"]');
  await departInput.fill(`${(await departInput.inputValue()).slice(0, 11)}15:00`);
  await planner.locator('input[type="number"]').last().fill('600');
  await planner.getByRole('button', { name: 'Plan' }).click();
  await page.getByTestId('convoy-waits').waitFor();
  await planner.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(RESULTS, 'logistics-wait.png') });
  console.log(`waits: ${await page.getByTestId('convoy-waits').textContent()}`);
  await browser.close();
} finally {
  await close();
}
