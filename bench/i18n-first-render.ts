/**
 * What translations cost the web app (issue 21, ADR 0039): the JavaScript a first visit loads,
 * each language's chunk, and the time from navigation to the signed-in header, before and after.
 * Run by hand:
 *
 *   git worktree add /tmp/wt-before <commit before i18n> && (cd /tmp/wt-before/packages/web && vite build)
 *   (cd packages/web && vite build)
 *   npx tsx bench/i18n-first-render.ts --before /tmp/wt-before/packages/web/dist [--runs 15]
 *
 * Starts the real server on a fresh embedded database with the demo (test/browser/support.ts). Both apps are served to Chromium from their dist folders by
 * the same route handler (so serving costs the same), against the same API. Each run is a fresh
 * browser context (cold cache), signed in by the API, then `goto('/')` until `.app-header` is
 * visible; the figure is the page's own `performance.now()` then (ms since navigation start).
 * Prints figures; asserts nothing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchChromium, startScreenshotServer } from '../test/browser/support.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const beforeDir = option('--before');
/** This tree's app as `vite build` in packages/web leaves it (build it first). */
const afterDir = option('--after') ?? join(import.meta.dirname, '../packages/web/dist');
const runs = Number(option('--runs') ?? 15);

const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The JS a first visit loads (index.html's script and its modulepreloads), and every other chunk. */
function sizes(dist: string) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const eager = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  const row = (f: string) => {
    const b = readFileSync(join(dist, 'assets', f));
    return { file: f, raw: b.length, gzip: gz(b) };
  };
  const eagerRows = eager.map(row);
  return {
    eager: eagerRows,
    eagerRaw: eagerRows.reduce((s, r) => s + r.raw, 0),
    eagerGzip: eagerRows.reduce((s, r) => s + r.gzip, 0),
    lazy: all.filter((f) => !eager.includes(f)).map(row),
  };
}

function printSizes(name: string, dist: string) {
  const s = sizes(dist);
  console.log(`\n${name} (${dist})`);
  console.log(`  first visit JS: ${kB(s.eagerRaw)} raw, ${kB(s.eagerGzip)} gzip (level 9)`);
  for (const r of s.eager) console.log(`    ${r.file}: ${kB(r.raw)} / ${kB(r.gzip)}`);
  for (const r of s.lazy.filter((r) => /^(uk|fr)-/.test(r.file)))
    console.log(`  language chunk ${r.file}: ${kB(r.raw)} raw, ${kB(r.gzip)} gzip`);
}

const types: Readonly<Record<string, string>> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.woff2': 'font/woff2',
  '.mjs': 'text/javascript',
  '.map': 'application/json',
};

type StorageState = Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>>;

/** One sign-in for every run (the server limits sign-ins per minute): its cookie, reused. */
async function signedIn(browser: Browser, base: string, admin: object): Promise<StorageState> {
  const context = await browser.newContext();
  const res = await context.request.post(`${base}api/auth/login`, { data: admin });
  if (!res.ok()) throw new Error(`sign-in: ${res.status()} ${await res.text()}`);
  const state = await context.storageState();
  await context.close();
  return state;
}

async function firstRender(
  browser: Browser,
  base: string,
  dist: string,
  session: StorageState,
  lang: string,
  count: number,
) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      storageState: session,
    });
    // The app's files from `dist`; the API from the server.
    await context.route(
      (url) => !url.pathname.startsWith('/api/'),
      async (route) => {
        const path = new URL(route.request().url()).pathname;
        const file = join(dist, path === '/' ? 'index.html' : path);
        let body: Buffer;
        try {
          if (!statSync(file).isFile()) throw new Error('not a file');
          body = readFileSync(file);
        } catch {
          return route.fulfill({ status: 404, body: '' });
        }
        const ext = file.slice(file.lastIndexOf('.'));
        return route.fulfill({ status: 200, body, contentType: types[ext] ?? 'application/octet-stream' });
      },
    );
    const page = await context.newPage();
    if (lang !== 'browser')
      await page.addInitScript(`localStorage.setItem('guarantor.language', ${JSON.stringify(lang)})`);
    await page.goto(base);
    await page.locator('.app-header').waitFor({ state: 'visible' });
    times.push((await page.evaluate('performance.now()')) as number);
    await context.close();
  }
  return times;
}

const { server, admin, close } = await startScreenshotServer('i18n-bench');
try {
  if (beforeDir) printSizes('before', beforeDir);
  printSizes('after', afterDir);
  const browser = await launchChromium();
  const base = `${server.url}/`;
  const session = await signedIn(browser, base, admin);
  // A throw-away run, so the server's first-request costs are not in the figures; then the
  // variants in turn, run after run, so a busy moment of the machine hits them alike.
  await firstRender(browser, base, afterDir, session, 'en', 1);
  const variants: [string, string, string][] = [
    ...(beforeDir ? [['before (no i18n)', beforeDir, 'browser'] as [string, string, string]] : []),
    ['after, English', afterDir, 'en'],
    ['after, Ukrainian (its chunk loaded before the first render)', afterDir, 'uk'],
    ['after, French', afterDir, 'fr'],
  ];
  const times = new Map<string, number[]>(variants.map(([name]) => [name, []]));
  for (let i = 0; i < runs; i++)
    for (const [name, dist, lang] of variants)
      times.get(name)!.push(...(await firstRender(browser, base, dist, session, lang, 1)));
  console.log(`\ntime to the signed-in header, ${runs} runs, cold cache each (ms since navigation start)`);
  for (const [name, xs] of times)
    console.log(`  ${name}: median ${median(xs).toFixed(0)} ms  [${xs.map((x) => x.toFixed(0)).join(', ')}]`);
  await browser.close();
} finally {
  await close();
}
