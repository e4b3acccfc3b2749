/**
 * The decision form's link picker in Chromium (issue 21), by keyboard: a German cell officer
 * chooses a kind, types words, moves with the arrows, picks with Enter; the chosen records show
 * by name; a French national record never appears; the decision is recorded resting on them and
 * its page names them. Then the same form in Ukrainian. Screenshots go to
 * test-results/decision-links-*.png.
 *
 * The app served is packages/web/dist, built by the run's global setup (test/support/global-setup.ts).
 * Skips with a reason when /usr/bin/chromium is missing, unless GUARANTOR_REQUIRE_BROWSER=1.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { CHROMIUM, RESULTS, startBrowserRun } from './support.ts';

const required = process.env.GUARANTOR_REQUIRE_BROWSER === '1';
const missing = !existsSync(CHROMIUM);
const PASSWORD = 'correct horse battery staple';

const option = (key: string, name: string, releasability: string) => ({
  key,
  name,
  occupiedSide: 'left',
  geometry: {
    type: 'LineString',
    coordinates: [
      [35, 53],
      [35, 44],
    ],
  },
  releasability,
});

describe.skipIf(missing && !required)('the decision form’s link picker in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (missing) throw new Error(`GUARANTOR_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing`);
    ({ server, base, browser } = await startBrowserRun());
    const admin = await browser.newContext();
    const login = await admin.request.post(`${base}api/auth/login`, { data: server.admin });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    for (const [username, nation] of [
      ['fra-cell', 'FRA'],
      ['deu-cell', 'DEU'],
    ] as const) {
      const res = await admin.request.post(`${base}api/users`, {
        data: {
          username,
          displayName: username,
          password: PASSWORD,
          nation,
          roles: ['cell_staff', 'analyst'],
        },
        headers: { 'x-csrf-token': csrfToken },
      });
      expect(res.status(), await res.text()).toBe(201);
    }
    await admin.close();
    // France draws two land options: one for the coalition, one for itself alone.
    const fra = await browser.newContext();
    const fraLogin = await fra.request.post(`${base}api/auth/login`, {
      data: { username: 'fra-cell', password: PASSWORD },
    });
    const fraCsrf = ((await fraLogin.json()) as { csrfToken: string }).csrfToken;
    for (const [key, name, label] of [
      ['meridian', 'Along 35° East', 'COALITION'],
      ['ours', 'Our own line', 'NATIONAL FRA'],
    ] as const) {
      const res = await fra.request.post(`${base}api/territory/land-options`, {
        data: option(key, name, label),
        headers: { 'x-csrf-token': fraCsrf },
      });
      expect(res.status(), await res.text()).toBe(200);
    }
    await fra.close();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(
    username: string,
    language?: string,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    if (language)
      await page.addInitScript(`localStorage.setItem('guarantor.language', ${JSON.stringify(language)})`);
    page.on('pageerror', (error) => pageErrors.push(`${username}: ${error.message}`));
    await page.goto(base);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector(`.app-header:has-text("${username}")`);
    return { context, page };
  }

  it('picks records by keyboard, shows them by name, and records the decision resting on them', async () => {
    const { context, page } = await signIn('deu-cell');
    await page.goto(`${base}#/cell/decisions`);
    const form = page.locator('[data-testid=decision-form]');
    await form.waitFor();
    await form.locator('input[name=title]').fill('The cell prefers the 35° line for the talks');
    await form.locator('select[name=nation]').selectOption('FRA');
    await form.locator('input[name=decidedBy]').fill('Head of the cell');
    await form.locator('input[name=authority]').fill('Cell standing orders');

    const picker = form.locator('[data-testid=link-picker]');
    expect(await picker.textContent()).toContain('No record chosen yet');
    await picker.locator('select[name=linkKind]').selectOption('land_option');
    const search = picker.locator('input[name=linkSearch]');
    await search.focus();
    const results = picker.locator('[data-testid=link-results] [role=option]');
    // Empty words list every option Germany may read: the French national one is not among them.
    await expect
      .poll(() => results.allTextContents())
      .toEqual([expect.stringContaining('Land option Along 35° East (meridian@FRA), version 1')]);
    await page.keyboard.type('own line');
    await expect
      .poll(() => picker.locator('.link-results').textContent())
      .toContain('No land option version that you may read matches.');
    await search.fill('');
    await page.keyboard.type('35');
    await expect.poll(() => results.count()).toBe(1);
    expect(await search.getAttribute('aria-activedescendant')).toBe(await results.first().getAttribute('id'));
    await page.screenshot({ path: join(RESULTS, 'decision-links-searching.png') });
    await page.keyboard.press('Enter');
    const chosen = picker.locator('[data-testid=link-chosen] li');
    await expect.poll(() => chosen.count()).toBe(1);
    expect(await chosen.first().textContent()).toContain('Along 35° East (meridian@FRA), version 1');

    // A daily report by the day typed, picked with the arrow and Enter.
    await picker.locator('select[name=linkKind]').selectOption('daily_report');
    await search.focus();
    await page.keyboard.type('2026-11-19');
    await expect.poll(() => results.first().textContent()).toBe('19 Nov 2026');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(() => chosen.count()).toBe(2);
    // Escape closes the list; Enter in the search box never submits the form.
    await search.focus();
    await page.keyboard.press('Escape');
    expect(await picker.locator('.link-results').count()).toBe(0);
    expect(await form.locator('[data-testid=confirm]').count()).toBe(0);
    await picker.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(RESULTS, 'decision-links-chosen.png') });

    // Removing one by its button, then picking it again.
    await picker.getByRole('button', { name: 'Remove Daily report: 19 Nov 2026' }).click();
    await expect.poll(() => chosen.count()).toBe(1);
    await search.focus();
    await page.keyboard.type('2026-11-19');
    await expect.poll(() => results.first().textContent()).toContain('19 Nov 2026');
    await page.keyboard.press('Enter');
    await expect.poll(() => chosen.count()).toBe(2);

    await form.locator('button:has-text("Review")').click();
    const confirm = form.locator('[data-testid=confirm]');
    await confirm.waitFor();
    const said = (await confirm.textContent()) ?? '';
    expect(said).toContain('land option version “Land option Along 35° East (meridian@FRA), version 1”');
    expect(said).toContain('daily report “19 Nov 2026”');
    expect(await chosen.nth(1).textContent()).toContain('Daily report: 19 Nov 2026');
    await confirm.locator('button.primary').click();
    const recorded = form.locator('a[href^="#/cell/decisions/"]');
    await recorded.waitFor();
    await recorded.click();
    await page.waitForSelector('main.page h1');
    await expect
      .poll(() => page.locator('main.page').textContent())
      .toContain('Land option Along 35° East (meridian@FRA), version 1');
    expect(await page.locator('main.page').textContent()).toContain('Daily report of 2026-11-19');
    await context.close();
  });

  it('speaks Ukrainian in the picker', async () => {
    const { context, page } = await signIn('deu-cell', 'uk');
    await page.goto(`${base}#/cell/decisions`);
    const picker = page.locator('[data-testid=link-picker]');
    await picker.waitFor();
    expect(await picker.locator('legend').textContent()).toBe('Записи, на які воно спирається');
    await picker.locator('select[name=linkKind]').selectOption('gate_evaluation');
    await picker.locator('input[name=linkSearch]').focus();
    await expect.poll(() => picker.locator('.link-results p').textContent()).toMatch(/запис|Немає/);
    await picker.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(RESULTS, 'decision-links-uk.png') });

    // The cell's notices in Ukrainian: the decision recorded above, put in the reader's words.
    await page.goto(`${base}#/cell/meetings`);
    const notices = page.locator('[data-testid=cell-notices]');
    await notices.waitFor();
    await expect
      .poll(() => notices.textContent())
      .toMatch(/Рішення DEC-DEU-\d+: The cell prefers the 35° line/);
    expect(await notices.textContent()).toContain('(Франція, Head of the cell,');
    expect(await notices.textContent()).not.toContain('Decision DEC-');

    // A meeting's page offers its record as PDF in the app's language.
    const csrf = ((await (await page.request.get(`${base}api/session`)).json()) as { csrfToken: string })
      .csrfToken;
    const made = await page.request.post(`${base}api/meetings`, {
      data: {
        title: 'Засідання осередку',
        startsAt: '2026-12-08T09:00:00Z',
        agenda: ['Лінія 35°'],
        releasability: 'COALITION',
      },
      headers: { 'x-csrf-token': csrf },
    });
    expect(made.status(), await made.text()).toBe(201);
    const meetingId = ((await made.json()) as { id: string }).id;
    await page.goto(`${base}#/cell/meetings/${meetingId}`);
    const link = page.locator('[data-testid=meeting-pdf]');
    await link.waitFor();
    expect(await link.textContent()).toBe('Протокол у PDF');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toBe(`/api/meetings/${meetingId}/record.pdf?lang=uk`);
    const pdf = await page.request.get(`${base}${href.slice(1)}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-language']).toBe('uk');
    await page.screenshot({ path: join(RESULTS, 'decision-links-meeting-uk.png') });
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
