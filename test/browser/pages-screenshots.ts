/**
 * Every page of the app at 1440×900 and at 1024×768, as an admin who is also cell staff sees
 * them (run by hand: `npx tsx test/browser/pages-screenshots.ts [--lang=uk,fr] [page…]`; PNGs go to
 * test-results/page-<name>-{1440,1024}.png, or page-<name>-<lang>-<width>.png in another language
 * than English, chosen as the picker does, in localStorage). For each it prints what a reader would notice:
 * a page wider than the window (a horizontal scroll bar), text cut off inside its box, a
 * console error. Records a page needs (a plan, an incident, a zone) are made first.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { insertFixtureIncidents } from '../support/zones.ts';
import { launchChromium, RESULTS, startScreenshotServer } from './support.ts';

/** Run in the page (as source: this file has no DOM types): what a reader would see cut off. */
const LAYOUT_CHECK = `(() => {
  const found = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth + 1)
    found.push('page is ' + doc.scrollWidth + 'px wide in a ' + window.innerWidth + 'px window');
  for (const el of document.querySelectorAll('button, th, td, label, h1, h2, .badge, a')) {
    const style = getComputedStyle(el);
    if (style.overflow === 'visible' && style.textOverflow !== 'ellipsis') continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
      found.push('cut off: ' + el.tagName.toLowerCase() + ' "' + el.innerText.slice(0, 40) + '"');
  }
  // Inside a box that scrolls (the lead matrix), wider content is reached by scrolling it.
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement)
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
    return false;
  };
  for (const el of document.querySelectorAll('main *')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > window.innerWidth + 1 && getComputedStyle(el).position !== 'fixed' && !scrolls(el)) {
      found.push('sticks out of the window: ' + el.tagName.toLowerCase() + '.' + el.className);
      break;
    }
  }
  return found.slice(0, 8);
})()`;

const args = process.argv.slice(2);
const only = new Set(args.filter((a) => !a.startsWith('--')));
const languages = (args.find((a) => a.startsWith('--lang='))?.slice(7) ?? 'en').split(',');
/** "Loading" in each language: the page is not ready while its text says so. */
const LOADING = ['Loading', 'Завантаження', 'Chargement'];
const { server, admin, close } = await startScreenshotServer('pages');
try {
  mkdirSync(RESULTS, { recursive: true });
  await insertFixtureIncidents(server.database.db, [
    {
      id: 'inc-shot-uav',
      category: 'uav_overflight',
      state: 'corroborated',
      position: [35.9, 47.6],
      start: new Date(Date.now() - 86_400_000),
      explanation: ['two reports of a drone over the buffer zone (illustrative)'],
    },
  ]);
  const browser = await launchChromium();
  const base = `${server.url}/`;
  const context = await browser.newContext();
  const login = await context.request.post(`${base}api/auth/login`, { data: admin });
  const csrf = (await login.json()).csrfToken as string;
  const headers = { 'x-csrf-token': csrf };
  const plan = await (
    await context.request.post(`${base}api/plans`, { data: { title: 'Screenshot plan' }, headers })
  ).json();
  const splan = await (
    await context.request.post(`${base}api/sustainment-plans`, {
      data: { title: 'Screenshot: three years', horizonStart: '2027-01', horizonMonths: 36, timeLimitS: 5 },
      headers,
    })
  ).json();
  // Orders drafted for a future month of the sustainment plan, waiting on the gate and the month.
  await context.request.post(`${base}api/sustainment-plans/${encodeURIComponent(splan.id)}/orders`, {
    data: { month: '2027-06' },
    headers,
  });
  // The cell's own work: a meeting, a decision resting on the plan, an action it raised.
  const meeting = await (
    await context.request.post(`${base}api/meetings`, {
      data: {
        title: 'Coordination cell, weekly',
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        place: 'Paris',
        agenda: ['Sector reports', 'Responses to breaches'],
        releasability: 'COALITION',
      },
      headers,
    })
  ).json();
  await context.request.post(`${base}api/meetings/${meeting.id}/attendance`, {
    data: { nation: 'UKR', delegationLevel: 'minister', person: 'Minister of Defence' },
    headers,
  });
  const decision = await (
    await context.request.post(`${base}api/decisions`, {
      data: {
        title: 'Adopt the screenshot plan for the east',
        decidedOn: new Date().toISOString().slice(0, 10),
        nation: 'FRA',
        delegationLevel: 'minister',
        decidedBy: 'Minister of the Armed Forces',
        authority: 'Paris declaration',
        meetingId: meeting.id,
        links: [{ kind: 'plan', id: plan.id }],
        releasability: 'COALITION',
      },
      headers,
    })
  ).json();
  await context.request.post(`${base}api/actions`, {
    data: {
      title: 'Send the sector map to the cell',
      ownerNation: 'FRA',
      ownerPerson: 'Colonel Martin',
      dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      decisionId: decision.id,
      releasability: 'COALITION',
    },
    headers,
  });
  const zones = await (await context.request.get(`${base}api/zones`)).json();
  // Two land options to compare: along 35°E and along 36°E (illustrative lines, not proposals).
  for (const [key, lng] of [
    ['meridian-35', 35],
    ['meridian-36', 36.2],
  ] as const) {
    await context.request.post(`${base}api/territory/land-options`, {
      data: {
        key,
        name: `Along ${lng}° East (illustrative)`,
        occupiedSide: 'left',
        releasability: 'COALITION',
        geometry: {
          type: 'LineString',
          coordinates: [
            [lng, 53],
            [lng, 44],
          ],
        },
      },
      headers,
    });
  }
  // Two dates of a made-up occupied area (boxes near Donetsk, illustrative), so Territory shows a change.
  for (const [asOf, [w, south, e, n]] of [
    ['2025-01-01', [37.6, 47.9, 38.0, 48.2]],
    ['2025-02-01', [37.3, 47.9, 38.0, 48.3]],
  ] as const) {
    const ring = [
      [w, south],
      [e, south],
      [e, n],
      [w, n],
      [w, south],
    ];
    await context.request.post(`${base}api/territory/control-areas/import?asOf=${asOf}&source=staff-map`, {
      data: {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }],
      },
      headers,
    });
  }
  const zoneId = (zones.features ?? zones.zones ?? zones)[0]?.id ?? (zones.features ?? [])[0]?.properties?.id;
  /** A page, and what to do on it before the screenshot (open a cell, a panel). */
  const pages: [string, string, string?][] = [
    ['map', '#/'],
    ['territory', '#/territory'],
    ['land-options', '#/land-options'],
    ['nations', '#/nations'],
    ['nation', '#/nations/FRA'],
    ['requirements', '#/requirements'],
    ['lead-matrix', '#/lead-matrix'],
    ['lead-matrix-cell', '#/lead-matrix', '[data-testid=cell-UA-51-maritime_security]'],
    ['plans', '#/plans'],
    ['plan', `#/plans/${encodeURIComponent(plan.id)}`],
    ['plan-explanation', `#/plans/${encodeURIComponent(plan.id)}`, '[data-testid^=explanation-] summary'],
    ['sustainment', '#/sustainment'],
    ['sustainment-plan', `#/sustainment/${encodeURIComponent(splan.id)}`],
    [
      'sustainment-explanation',
      `#/sustainment/${encodeURIComponent(splan.id)}`,
      '[data-testid=uncovered] [data-testid^=explanation-] summary',
    ],
    ['sustainment-cell', `#/sustainment/${encodeURIComponent(splan.id)}`, 'button.cell-button'],
    [
      'sustainment-orders',
      `#/sustainment/${encodeURIComponent(splan.id)}`,
      '[data-testid=month-orders] button.primary',
    ],
    ['phases', '#/phases'],
    ['compliance', '#/phases/sectors'],
    ['orders', '#/orders'],
    ['deployment-gate', '#/phases/gate'],
    ['rules', '#/phases/rules'],
    ['breaches', '#/phases/breaches'],
    ['truces', '#/phases/truces'],
    ['monitoring', '#/monitoring'],
    ['incident', '#/incidents/inc-shot-uav'],
    ['daily-report', '#/reports/daily'],
    ['zones', '#/zones'],
    ['zone', `#/zones/${encodeURIComponent(String(zoneId))}`],
    ['violation-rules', '#/violation-rules'],
    ['accounts', '#/accounts'],
    ['decisions', '#/cell/decisions'],
    ['decision', `#/cell/decisions/${decision.id}`],
    ['actions', '#/cell/actions'],
    ['meetings', '#/cell/meetings'],
    ['meeting', `#/cell/meetings/${meeting.id}`],
    ['finance', '#/finance'],
  ];
  for (const lang of languages)
    for (const [name, hash, click] of pages) {
      if (only.size > 0 && !only.has(name)) continue;
      for (const [width, height] of [
        [1440, 900],
        [1024, 768],
      ] as const) {
        const page = await context.newPage();
        await page.addInitScript(`localStorage.setItem('guarantor.language', ${JSON.stringify(lang)})`);
        // The browser's own language too, so the sentences the server writes (ADR 0052) follow.
        if (lang !== 'en') await page.setExtraHTTPHeaders({ 'accept-language': lang });
        await page.setViewportSize({ width, height });
        await page.bringToFront();
        const errors: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
        });
        await page.goto(`${base}${hash}`);
        await page.waitForLoadState('networkidle');
        await page
          .waitForFunction(
            `!${JSON.stringify(LOADING)}.some((w) => document.body.innerText.includes(w))`,
            undefined,
            {
              timeout: 20_000,
            },
          )
          .catch(() => errors.push('still "Loading" after 20 s'));
        // Maps mark themselves data-state=ready once drawn (or failed).
        await page
          .waitForFunction("!document.querySelector('[data-state=loading]')", undefined, { timeout: 30_000 })
          .catch(() => errors.push('a map still loading after 30 s'));
        if (click) await page.click(click);
        await page.waitForTimeout(300);
        const suffix = lang === 'en' ? '' : `-${lang}`;
        await page.screenshot({ path: join(RESULTS, `page-${name}${suffix}-${width}.png`) });
        const problems = (await page.evaluate(LAYOUT_CHECK)) as string[];
        console.log(`${name}${suffix} ${width}: ${[...problems, ...errors].join('; ') || 'ok'}`);
        await page.close();
      }
    }
  await browser.close();
} finally {
  await close();
}
