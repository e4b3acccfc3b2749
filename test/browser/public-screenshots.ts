/**
 * The public transparency page (/public, no login) at 390×844 (a phone), at 1280×900, and as
 * printed (run by hand: `npx tsx test/browser/public-screenshots.ts`; PNGs and a PDF go to
 * test-results/public-*). Released finance records come from the IATI fixture, imported as
 * PUBLIC. Prints what a reader would notice: a page wider than the window, a console error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, RESULTS, startScreenshotServer } from './support.ts';

const FIXTURE = readFileSync(new URL('../fixtures/iati/ukraine-reconstruction.xml', import.meta.url), 'utf8');
const WIDE = `(() => document.documentElement.scrollWidth > window.innerWidth + 1
  ? 'page is ' + document.documentElement.scrollWidth + 'px wide in a ' + window.innerWidth + 'px window' : '')()`;

const { server, admin, close } = await startScreenshotServer('public');
try {
  const browser = await launchChromium();
  const base = `${server.url}/`;
  const staff = await browser.newContext();
  const login = await staff.request.post(`${base}api/auth/login`, { data: admin });
  const csrf = (await login.json()).csrfToken as string;
  const imported = await staff.request.post(
    `${base}api/finance/import/iati?source=example&releasability=PUBLIC`,
    {
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/xml' },
      data: FIXTURE,
    },
  );
  console.log('IATI import:', imported.status(), (await imported.text()).slice(0, 200));
  for (const [name, width, height] of [
    ['phone', 390, 844],
    ['desktop', 1280, 900],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && console.log(`${name}: console error: ${m.text()}`));
    await page.goto(`${base}public`);
    const wide = (await page.evaluate(WIDE)) as string;
    if (wide) console.log(`${name}: ${wide}`);
    await page.screenshot({ path: join(RESULTS, `public-${name}.png`), fullPage: true });
    if (name === 'desktop') {
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(RESULTS, 'public-print.png'), fullPage: true });
      await page.pdf({ path: join(RESULTS, 'public-print.pdf'), format: 'A4' });
    }
    await context.close();
  }
  await browser.close();
  console.log(`screenshots in ${RESULTS}/public-*.png`);
} finally {
  await close();
}
