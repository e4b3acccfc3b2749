/**
 * The header as users with long nation names and every role see it (run by hand:
 * `npx tsx test/browser/header-screenshots.ts`; PNGs go to test-results/header-<nation>-<width>.png),
 * at 1440, 1280 and 1024 px. Prints, for each, whether the header wraps onto a second line,
 * whether any of its parts is cut off, and whether the navigation and the log-out button overlap.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, RESULTS, startScreenshotServer } from './support.ts';

/** Run in the page (as source: this file has no DOM types). */
const HEADER_CHECK = `(() => {
  const header = document.querySelector('.app-header');
  const found = [];
  if (!header) return ['no header'];
  const box = header.getBoundingClientRect();
  if (box.height > 72) found.push('header is ' + Math.round(box.height) + ' px tall');
  for (const el of header.querySelectorAll('a, button, span')) {
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible')
      found.push('cut off: ' + el.innerText.slice(0, 30));
  }
  const nav = header.querySelector('.main-nav')?.getBoundingClientRect();
  const who = header.querySelector('.who')?.getBoundingClientRect();
  if (nav && who && nav.right > who.left + 1) found.push('navigation runs under the user box');
  if (box.right > window.innerWidth + 1) found.push('header wider than the window');
  for (const el of header.querySelectorAll('.who > *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > window.innerWidth + 1) found.push('beyond the window: ' + el.innerText.slice(0, 30));
  }
  return found;
})()`;

const { server, admin, close } = await startScreenshotServer('header');
try {
  mkdirSync(RESULTS, { recursive: true });
  const browser = await launchChromium();
  const base = `${server.url}/`;
  const setup = await browser.newContext();
  const login = await setup.request.post(`${base}api/auth/login`, { data: admin });
  const csrf = (await login.json()).csrfToken as string;
  const users = [
    { username: 'usa.everything', nation: 'USA' },
    { username: 'gbr.everything', nation: 'GBR' },
    { username: 'bih.everything', nation: 'BIH' },
  ];
  for (const u of users) {
    const res = await setup.request.post(`${base}api/users`, {
      data: {
        username: u.username,
        password: 'a long enough password',
        displayName: `${u.nation} officer with every role`,
        nation: u.nation,
        roles: ['admin', 'cell_staff', 'liaison', 'analyst', 'monitor', 'finance'],
      },
      headers: { 'x-csrf-token': csrf },
    });
    if (!res.ok()) console.log(`${u.username}: ${res.status()} ${await res.text()}`);
  }
  await setup.close();
  for (const u of users) {
    const context = await browser.newContext();
    await context.request.post(`${base}api/auth/login`, {
      data: { username: u.username, password: 'a long enough password' },
    });
    for (const width of [1440, 1280, 1024]) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 400 });
      await page.goto(`${base}#/nations`);
      await page.waitForSelector('.app-header .who');
      await page.screenshot({
        path: join(RESULTS, `header-${u.nation}-${width}.png`),
        clip: { x: 0, y: 0, width, height: 120 },
      });
      const problems = (await page.evaluate(HEADER_CHECK)) as string[];
      console.log(`${u.nation} ${width}: ${problems.join('; ') || 'ok'}`);
      await page.close();
    }
    await context.close();
  }
  await browser.close();
} finally {
  await close();
}
