/**
 * The main pages in Ukrainian and in French, as a reader who picked the language sees them (the
 * picker's choice in localStorage and the browser's Accept-Language, so the server's sentences
 * follow too): no English left on the page beyond proper names and the records' own text.
 *
 * "English" is a word of the app's English catalogues (the web's, and core's server sentences,
 * refusals and words) that the language's own catalogues never use: a label the page forgot to
 * translate, a fallback to English, or a sentence the server wrote in English. Names, ids, codes
 * and what users typed (titles, remarks, in English in the demo) are not catalogue words, or are
 * listed below as the demo's own text.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUES } from '@guarantor/core/i18n';
import { REFUSALS } from '@guarantor/core/i18n/refusals';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANG_MS } from '../support/patience.ts';
import type { TestServer } from '../support/server.ts';
import { CHROMIUM, startBrowserRun } from './support.ts';

const required = process.env.GUARANTOR_REQUIRE_BROWSER === '1';
const missing = !existsSync(CHROMIUM);

/** Every string leaf of a catalogue. */
function leaves(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (node && typeof node === 'object') for (const v of Object.values(node)) leaves(v, out);
  return out;
}

/** The words of a catalogue's texts: Latin letters, four or more, lower case, variables and tags left out. */
function words(texts: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const text of texts)
    for (const w of text.replace(/\{\{[^}]*\}\}|<[^>]*>|\$t\([^)]*\)/g, ' ').match(/[A-Za-z]{4,}/g) ?? [])
      found.add(w.toLowerCase());
  return found;
}

function catalogueTexts(language: 'en' | 'uk' | 'fr'): string[] {
  const dir = join(ROOT, 'packages/web/src/i18n/locales', language);
  const web = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => leaves(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
  return [...web, ...leaves(CATALOGUES[language]), ...leaves(REFUSALS[language])];
}

const ROOT = join(import.meta.dirname, '../..');

/**
 * The texts of the demo's records (offers, requirements, rules, zones, the ladder's rungs, the
 * seeded decisions, the demo users' names): typed in English, as a cell's staff would type them
 * in theirs. A record's own text is data, shown as written; the string literals of the files the
 * demo is seeded from are left out of the check (and only those: a file's code is not).
 */
const DEMO_SOURCES = [
  'data/demo/paris-coalition.json',
  'data/zones/demo-zones.geojson',
  'packages/db/src/phases/demo.ts',
  'packages/core/src/zones/rules.ts',
  'packages/server/src/demo/monitoring.ts',
  'packages/server/src/boot.ts',
];
const DEMO_TEXT = words(
  DEMO_SOURCES.flatMap((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    if (file.endsWith('.json') || file.endsWith('.geojson')) return leaves(JSON.parse(text));
    return [...text.matchAll(/'((?:[^'\\\n]|\\.)*)'|`([^`]*)`|"((?:[^"\\\n]|\\.)*)"/g)].map(
      (m) => m[1] ?? m[2] ?? m[3] ?? '',
    );
  }),
);

/** Proper names the pages show on purpose: the language picker names each language in itself. */
const PROPER_NAMES = new Set(['english']);

/** English catalogue words the language's catalogues never use. */
function englishOnly(language: 'uk' | 'fr'): Set<string> {
  const own = words(catalogueTexts(language));
  return new Set(
    [...words(catalogueTexts('en'))].filter((w) => !own.has(w) && !DEMO_TEXT.has(w) && !PROPER_NAMES.has(w)),
  );
}

/** The main pages, by their hash. */
const PAGES: readonly [string, string][] = [
  ['map', '#/'],
  ['nations', '#/nations'],
  ['nation', '#/nations/FRA'],
  ['requirements', '#/requirements'],
  ['lead matrix', '#/lead-matrix'],
  ['plans', '#/plans'],
  ['sustainment', '#/sustainment'],
  ['phases', '#/phases'],
  ['compliance', '#/phases/sectors'],
  ['orders', '#/orders'],
  ['gate', '#/phases/gate'],
  ['rules', '#/phases/rules'],
  ['breaches', '#/phases/breaches'],
  ['truces', '#/phases/truces'],
  ['monitoring', '#/monitoring'],
  ['daily report', '#/reports/daily'],
  ['zones', '#/zones'],
  ['violation rules', '#/violation-rules'],
  ['territory', '#/territory'],
  ['land options', '#/land-options'],
  ['logistics', '#/logistics'],
  ['finance', '#/finance'],
  ['decisions', '#/cell/decisions'],
  ['actions', '#/cell/actions'],
  ['meetings', '#/cell/meetings'],
  ['accounts', '#/accounts'],
];

/** "Loading" in each language: a page is not ready while its text says so. */
const LOADING = ['Loading', 'Завантаження', 'Chargement'];

describe.skipIf(missing && !required)('the main pages in Ukrainian and French', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    if (missing) throw new Error(`GUARANTOR_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing`);
    ({ server, base, browser } = await startBrowserRun());
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(language: 'uk' | 'fr'): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      extraHTTPHeaders: { 'accept-language': language },
    });
    await context.addInitScript(`localStorage.setItem('guarantor.language', ${JSON.stringify(language)})`);
    const login = await context.request.post(`${base}api/auth/login`, { data: server.admin });
    expect(login.status()).toBe(200);
    return context;
  }

  for (const language of ['uk', 'fr'] as const)
    it(`leaves no English on the main pages in ${language === 'uk' ? 'Ukrainian' : 'French'}`, async () => {
      const english = englishOnly(language);
      const context = await signedIn(language);
      const page = await context.newPage();
      const found: string[] = [];
      for (const [name, hash] of PAGES) {
        await page.goto(`${base}${hash}`);
        // Polled from here: the app's CSP forbids the string evaluation waitForFunction uses.
        await expect
          .poll(
            () =>
              page.evaluate(
                `!!document.querySelector('main') && !${JSON.stringify(LOADING)}.some((w) => document.body.innerText.includes(w))`,
              ),
            { timeout: HANG_MS, interval: 100 },
          )
          .toBe(true);
        expect(await page.getAttribute('html', 'lang'), name).toBe(language);
        const text = (await page.evaluate('document.body.innerText')) as string;
        // Codes (UA_AIRSPACE, coverage-80, fom_restriction) are shown beside names on purpose.
        const plain = text.replace(/[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)+/g, (code) =>
          /[\d_]/.test(code) ? ' ' : code,
        );
        const left = [
          ...new Set((plain.match(/[A-Za-z]{4,}/g) ?? []).filter((w) => english.has(w.toLowerCase()))),
        ];
        if (left.length > 0) {
          const lines = text
            .split('\n')
            .filter((line) => left.some((w) => new RegExp(`\\b${w}\\b`).test(line)))
            .slice(0, 6);
          found.push(`${name}: ${left.join(', ')}\n    ${lines.join('\n    ')}`);
        }
      }
      await context.close();
      expect(found, `English left on the ${language} pages:\n${found.join('\n')}`).toEqual([]);
    });
});
