/**
 * Every workflow of issue 14 driven end to end in Chromium, as the role that does it, each
 * checked on screen and in the audit log: an admin adds a user and issues an API token (shown
 * once); that user, an analyst and cell staff officer, imports a zone file with problems,
 * downloads the list, fixes the file and imports it, then edits a zone and sees its versions;
 * and verifies an incident, after which the page says what was recorded and offers verify no
 * more. Needs packages/web/dist (app.test.ts or `npm run build:web` builds it).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type RunningServer, startServer } from '@guarantor/server';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANG_MS } from '../support/patience.ts';
import { insertFixtureIncidents } from '../support/zones.ts';
import { CHROMIUM, launchChromium, RESULTS } from './support.ts';

const required = process.env.GUARANTOR_REQUIRE_BROWSER === '1';
const missing = !existsSync(CHROMIUM);
const unbuilt = !existsSync(join(import.meta.dirname, '../../packages/web/dist/index.html'));

const square = (x: number, y: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 0.1, y],
      [x + 0.1, y + 0.1],
      [x, y + 0.1],
      [x, y],
    ],
  ],
});

/** Districts as a publisher lays them out: NAME_EN and CODE, no kind; a checkpoint point mixed in. */
function districts(broken: boolean) {
  return {
    type: 'FeatureCollection',
    features: [
      ...['Kupiansk', 'Izium', 'Bakhmut'].map((name, i) => ({
        type: 'Feature',
        properties: { NAME_EN: `${name} district`, CODE: `UA-T${i}` },
        geometry:
          broken && i === 1
            ? {
                type: 'Polygon',
                coordinates: [
                  [
                    [37, 95],
                    [37.1, 95],
                    [37, 95.1],
                    [37, 95],
                  ],
                ],
              }
            : square(37 + i * 0.2, 48.5),
      })),
      {
        type: 'Feature',
        properties: { NAME_EN: 'Checkpoint', CODE: 'CP-1' },
        geometry: { type: 'Point', coordinates: [37.5, 48.6] },
      },
    ],
  };
}

describe.skipIf((missing || unbuilt) && !required)('issue 14 workflows in the browser', () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: Browser;
  let admin: Page;
  let analyst: Page;
  let base: string;
  const pageErrors: string[] = [];
  const newUser = { username: 'fra.analyst', password: 'a long enough password' };

  const signIn = async (page: Page, username: string, password: string) => {
    await page.goto(base);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=who]', { timeout: 60_000 });
  };
  const auditText = (page: Page) => page.locator('[data-testid=audit-trail]').textContent();

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'guarantor-workflows-'));
    server = await startServer(loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }));
    base = new URL('/', server.url).toString();
    await insertFixtureIncidents(server.database.db, [
      {
        id: 'inc-wf-fom',
        category: 'fom_restriction',
        state: 'corroborated',
        position: [37.6, 48.6],
        start: new Date('2026-11-25T09:30:00Z'),
        explanation: ['a patrol was stopped at a checkpoint (test)'],
      },
    ]);
    browser = await launchChromium();
    admin = await (
      await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })
    ).newPage();
    analyst = await (
      await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })
    ).newPage();
    for (const page of [admin, analyst]) page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('an admin adds a user, after seeing every problem of the empty form at once', async () => {
    const first = server.prepared.firstAdmin!;
    await signIn(admin, first.username, first.password);
    await admin.goto(`${base}#/accounts`);
    await admin.getByRole('button', { name: 'Add a user…' }).click();
    await admin.getByRole('button', { name: 'Check and add…' }).click();
    const problems = admin.locator('[data-testid=form-problems]');
    await expect.poll(() => problems.textContent()).toContain('5 things to fix');
    const text = await problems.textContent();
    for (const field of ['Username', 'Display name', 'Nation', 'Roles', 'Password'])
      expect(text).toContain(`${field}:`);

    await admin.fill('input[name=username]', newUser.username);
    await admin.fill('input[name=displayName]', 'Camille Durand');
    await admin.selectOption('select[name=nation]', 'FRA');
    await admin.check('input[name=roles][value=analyst]');
    await admin.check('input[name=roles][value=cell_staff]');
    await admin.fill('input[name=password]', newUser.password);
    await admin.fill('input[name=repeat]', newUser.password);
    await admin.getByRole('button', { name: 'Check and add…' }).click();
    await expect
      .poll(() => admin.locator('[data-testid=confirm]').textContent())
      .toContain('Add Camille Durand (fra.analyst) of France as Analyst, Cell staff officer?');
    await admin.getByRole('button', { name: 'Add Camille Durand' }).click();
    await expect
      .poll(() => admin.locator('[data-testid=outcome]').textContent())
      .toContain('Added Camille Durand');
    const row = admin.locator('[data-testid=users-table] tr', { hasText: 'Camille Durand' });
    await expect.poll(() => row.textContent()).toContain('Analyst, Cell staff officer');
    await expect.poll(() => auditText(admin)).toContain('added the user fra.analyst');
    expect(await auditText(admin)).toContain(`${first.username} (`);
  });

  it('an admin issues an API token, shown once with a warning, that works and is audited', async () => {
    await admin.getByRole('button', { name: 'Issue an API token…' }).click();
    await admin.getByRole('button', { name: 'Check and issue…' }).click();
    await expect.poll(() => admin.locator('[data-testid=form-problems]').textContent()).toContain('Acts as:');
    expect(await admin.locator('[data-testid=form-problems]').textContent()).toContain('Token name:');
    await admin.selectOption('select[name=tokenUser]', newUser.username);
    await admin.fill('input[name=tokenName]', 'camera-7');
    await admin.getByRole('button', { name: 'Check and issue…' }).click();
    await expect
      .poll(() => admin.locator('[data-testid=confirm]').textContent())
      .toContain('Issue the API token camera-7 acting as Camille Durand');
    await admin.getByRole('button', { name: 'Issue "camera-7"' }).click();
    const panel = admin.locator('[data-testid=issued-token]');
    await expect.poll(() => panel.textContent()).toContain('you will not see it again');
    const token = await panel.locator('input').inputValue();
    expect(token).toMatch(/^gt_/);
    await admin.screenshot({ path: join(RESULTS, 'workflow-token-issued.png'), fullPage: true });
    const me = await admin.request.get(`${base}api/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status()).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe(newUser.username);
    await expect.poll(() => auditText(admin)).toContain('issued the API token camera-7');
    await admin.getByRole('button', { name: /I have copied it/ }).click();
    expect(await panel.count()).toBe(0);
    expect(await admin.content()).not.toContain(token);
  });

  it('a cell staff officer imports a zone file with problems, downloads the list, fixes it and imports it', async () => {
    await signIn(analyst, newUser.username, newUser.password);
    await analyst.goto(`${base}#/zones`);
    await analyst.setInputFiles('input[name=zoneFile]', {
      name: 'districts.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(districts(true))),
    });
    await expect.poll(() => analyst.locator('[data-testid=file-read]').textContent()).toContain('4 features');
    // No "name" property: the page proposes the publisher's NAME_EN.
    expect(await analyst.locator('select[name=nameField]').inputValue()).toBe('NAME_EN');
    await analyst.getByRole('button', { name: 'Check and import…' }).click();
    await analyst.getByRole('button', { name: 'Import the file' }).click();
    const table = analyst.locator('[data-testid=import-problems] tbody tr');
    // Every feature lacks a kind: each is listed by its name, none hidden behind a first five.
    await expect.poll(() => table.count()).toBe(4);
    const listed = await analyst.locator('[data-testid=import-problems]').textContent();
    for (const name of ['Kupiansk district', 'Izium district', 'Bakhmut district', 'Checkpoint'])
      expect(listed).toContain(name);
    expect(listed).toContain('kind');
    expect(await analyst.locator('[data-testid=outcome]').textContent()).toContain('nothing was stored');
    const rows = await table.count();
    const [download] = await Promise.all([
      analyst.waitForEvent('download'),
      analyst.getByRole('button', { name: 'Download the list (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('districts-problems.csv');
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split(/\r\n/);
    expect(csv[0]).toBe('feature_number,feature_name,field,code,problem');
    expect(csv).toHaveLength(rows + 1);
    await analyst.screenshot({ path: join(RESULTS, 'workflow-zone-problems.png'), fullPage: true });

    // The fix: the broken ring corrected in the file; a kind for all, ids from CODE, the point left out.
    await analyst.setInputFiles('input[name=zoneFile]', {
      name: 'districts.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(districts(false))),
    });
    await expect.poll(() => analyst.locator('[data-testid=file-read]').textContent()).toContain('4 features');
    await analyst.selectOption('select[name=kind]', 'sector');
    await analyst.selectOption('select[name=nameField]', 'NAME_EN');
    await analyst.selectOption('select[name=idField]', 'CODE');
    await analyst.check('input[name=skipWrongGeometry]');
    await analyst.getByRole('button', { name: 'Check and import…' }).click();
    await expect
      .poll(() => analyst.locator('[data-testid=confirm]').textContent())
      .toContain('as monitoring sectors');
    await analyst.getByRole('button', { name: 'Import the file' }).click();
    await expect
      .poll(() => analyst.locator('[data-testid=outcome]').textContent())
      .toContain('3 created, 0 changed, 0 unchanged, 1 left out');
    expect(await analyst.locator('[data-testid=import-skipped]').textContent()).toContain('Checkpoint');
    await expect
      .poll(() => analyst.locator('[data-testid=zones-table]').textContent())
      .toContain('Izium district');
    expect(await analyst.locator('[data-testid=zones-table]').textContent()).toContain('monitoring sector');
    await expect.poll(() => auditText(analyst)).toContain('created the zone Izium district');
  });

  it('a cell staff officer edits a zone and sees its versions and audit entries', async () => {
    await analyst.goto(`${base}#/zones/${encodeURIComponent('ua-t1@FRA')}`);
    await analyst.waitForSelector('[data-testid=zone-page]');
    await analyst.fill('input[name=name]', '');
    await analyst.fill('input[name=validFrom]', '2026-12-01');
    await analyst.fill('input[name=validTo]', '2026-11-01');
    await analyst.getByRole('button', { name: 'Check and save…' }).click();
    const problems = await analyst.locator('[data-testid=form-problems]').textContent();
    expect(problems).toContain('Name:');
    expect(problems).toContain('Valid until:');
    await analyst.fill('input[name=name]', 'Izium sector');
    await analyst.fill('input[name=validTo]', '');
    await analyst.getByRole('button', { name: 'Check and save…' }).click();
    await expect
      .poll(() => analyst.locator('[data-testid=confirm]').textContent())
      .toContain('Save version 2');
    await analyst.getByRole('button', { name: 'Save the new version' }).click();
    await expect.poll(() => analyst.locator('[data-testid=outcome]').textContent()).toContain('as version 2');
    await expect.poll(() => analyst.locator('[data-testid=zone-versions] tbody tr').count()).toBe(2);
    expect(await analyst.locator('[data-testid=zone-versions]').textContent()).toContain('Izium district');
    await expect.poll(() => auditText(analyst)).toContain('changed the zone Izium sector');
    await analyst.screenshot({ path: join(RESULTS, 'workflow-zone-edit.png'), fullPage: true });
  });

  it('an analyst downloads the TAK data package of one sector for a field team', async () => {
    await analyst.goto(`${base}#/zones`);
    const section = analyst.getByTestId('tak-package');
    await section.scrollIntoViewIfNeeded();
    const options = await analyst.locator('[data-testid=tak-sector] option').allTextContents();
    expect(options[0]).toBe('every sector');
    expect(options).toContain('Izium sector');
    await analyst.getByTestId('tak-sector').selectOption({ label: 'Izium sector' });
    await section.getByRole('checkbox').check();
    expect(await analyst.getByTestId('tak-download').textContent()).toBe(
      'Download the TAK data package for Izium sector',
    );
    const [download] = await Promise.all([
      analyst.waitForEvent('download'),
      analyst.getByTestId('tak-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^guarantor-ua-t1@FRA-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const manifest = strFromU8(entries['MANIFEST/manifest.xml']!);
    expect(manifest).toContain('<Parameter name="name" value="Guarantor: Izium sector"/>');
    const shape = strFromU8(entries['guarantor-zone-ua-t1@FRA/guarantor-zone-ua-t1@FRA.cot']!);
    expect(shape).toContain('type="u-d-f"');
    expect(shape).toContain('callsign="Izium sector"');
  });

  it('an analyst verifies an incident: the page says what was recorded and offers verify no more', async () => {
    await analyst.goto(`${base}#/incidents/inc-wf-fom`);
    await expect
      .poll(() => analyst.locator('[data-testid=incident-title]').textContent(), { timeout: 30_000 })
      .toContain('freedom-of-movement restriction');
    // Where it happened, in names, and on a small map that draws.
    expect(await analyst.locator('[data-testid=incident-where]').textContent()).toMatch(
      /^\d+ km [a-z-]+ of [A-Z][a-z]+, Donetsk Oblast; in sector /,
    );
    await expect
      .poll(() => analyst.locator('[data-testid=incident-minimap]').getAttribute('data-state'), {
        timeout: HANG_MS,
      })
      .toBe('ready');
    await analyst.getByRole('button', { name: 'Verify…' }).click();
    await analyst.getByRole('button', { name: 'Check…' }).click();
    await expect
      .poll(() => analyst.locator('[data-testid=confirm]').textContent())
      .toContain('Verify the freedom-of-movement restriction?');
    await analyst.getByRole('button', { name: 'Verify the incident' }).click();
    await expect
      .poll(() => analyst.locator('[data-testid=outcome]').textContent())
      .toContain('Recorded: you verified this incident. It is now verified by an analyst');
    await expect
      .poll(() => analyst.locator('[data-testid=incident-state]').textContent())
      .toBe('verified by an analyst');
    expect(await analyst.getByRole('button', { name: 'Verify…' }).count()).toBe(0);
    expect(await analyst.getByRole('button', { name: 'Attribute to a party…' }).count()).toBe(1);
    await expect.poll(() => auditText(analyst)).toContain('verified the incident');
    expect(await auditText(analyst)).toContain('fra.analyst (FRA)');
    await analyst.screenshot({ path: join(RESULTS, 'workflow-incident-verified.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('an analyst reads every short span of a three-year sustainment plan, 200 at a time', async () => {
    // The plan itself is made through the API (its own form has its own tests); the page is read.
    const { csrfToken } = await (
      await analyst.context().request.post(`${base}api/auth/login`, { data: newUser })
    ).json();
    const made = await analyst.context().request.post(`${base}api/sustainment-plans`, {
      data: { title: 'Workflow: three years', method: 'greedy', horizonStart: '2027-01', horizonMonths: 36 },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(made.status()).toBe(201);
    const plan = (await made.json()) as { id: string; uncoveredTotal: number };
    expect(plan.uncoveredTotal).toBeGreaterThan(200);
    await analyst.goto(`${base}#/sustainment/${encodeURIComponent(plan.id)}`);
    const count = analyst.getByTestId('uncovered-count');
    await expect
      .poll(() => count.textContent(), { timeout: 30_000 })
      .toBe(`200 of ${plan.uncoveredTotal} short spans shown.`);
    const spans = analyst.locator('[data-testid=uncovered] > li');
    expect(await spans.count()).toBe(200);
    const rest = Math.min(200, plan.uncoveredTotal - 200);
    await analyst.getByRole('button', { name: `Show ${rest} more` }).click();
    await expect.poll(() => spans.count()).toBe(200 + rest);
    expect(await count.textContent()).toBe(`${200 + rest} of ${plan.uncoveredTotal} short spans shown.`);
    expect(await analyst.getByRole('button', { name: /^Show \d+ more$/ }).count()).toBe(
      plan.uncoveredTotal > 400 ? 1 : 0,
    );
    expect(pageErrors).toEqual([]);
  });
});
