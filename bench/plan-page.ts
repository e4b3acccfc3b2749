/**
 * The stress plan in the browser (issue 19): how big GET /api/plans/:id is, how long reading it
 * takes, and how long the plan page takes to open, for the HiGHS plan of the 2,500 + 2,500 stress
 * instance stored as any plan is. Run by hand: `npx tsx bench/plan-page.ts` (builds the web app,
 * starts the real server on a fresh embedded database, solves for about 15 s). Prints figures;
 * asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { planOptimal } from '../packages/core/src/planning/index.ts';
import { insertPlan } from '../packages/db/src/index.ts';
import { launchChromium, startScreenshotServer } from '../test/browser/support.ts';
import { stressInstance } from './planning-instances.ts';

const fmt = (x: number, digits = 0) => x.toFixed(digits);
const { server, admin, close } = await startScreenshotServer('plan-page');
try {
  const input = stressInstance({ offers: 2500, requirements: 2500 });
  let t = performance.now();
  const plan = await planOptimal(input, { timeLimitS: 5, clock: () => performance.now() });
  console.log(
    `solved: ${plan.status} in ${fmt(performance.now() - t)} ms, ${plan.shortfalls.length} shortfalls`,
  );
  t = performance.now();
  const { id } = await server.database.db.transaction().execute((trx) =>
    insertPlan(
      trx,
      {
        title: 'Stress plan (2,500 offers, 2,500 requirements)',
        method: 'optimal',
        options: { timeLimitS: 5, mipRelGap: 0, audience: null },
        input: {
          atMs: input.atMs,
          offers: input.offers,
          requirements: input.requirements,
          leadClaims: input.leadClaims,
          facts: { ...input.facts, participatingNations: [...input.facts.participatingNations] },
        } as never,
        result: plan,
        basedOn: null,
        label: { kind: 'COALITION' },
      },
      { username: 'admin', nation: 'FRA', at: new Date() },
    ),
  );
  console.log(`stored ${id} in ${fmt(performance.now() - t)} ms`);

  const browser = await launchChromium();
  const base = `${server.url}/`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.request.post(`${base}api/auth/login`, { data: admin });
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const res = await context.request.get(`${base}api/plans/${id}`);
    const body = await res.body();
    console.log(
      `GET /api/plans/${id}: ${res.status()} ${fmt(body.length / 1e6, 2)} MB in ${fmt(performance.now() - t)} ms`,
    );
  }
  const first = plan.shortfalls[0]?.requirementId;
  if (first) {
    t = performance.now();
    const res = await context.request.get(`${base}api/plans/${id}/requirements/${first}/explanation`);
    const body = await res.body();
    console.log(
      `GET /api/plans/${id}/requirements/${first}/explanation: ${res.status()} ${fmt(body.length / 1e3, 1)} kB in ${fmt(performance.now() - t)} ms`,
    );
  }
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await page.goto(`${base}#/plans`);
  await page.locator('h1').first().waitFor();
  for (let i = 0; i < 3; i++) {
    await page.goto(`${base}#/plans`);
    await page.locator('h1').first().waitFor();
    t = performance.now();
    await page.goto(`${base}#/plans/${id}`);
    await page.locator('[data-testid=shortfalls] article').first().waitFor();
    await page.locator('[data-testid=coverage]').waitFor();
    // Until the page has laid out and painted once.
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    console.log(`open #/plans/${id} in Chromium: ${fmt(performance.now() - t)} ms`);
  }
  await browser.close();
} finally {
  await close();
}
process.exit(0);
