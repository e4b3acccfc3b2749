/**
 * The Finance page as a finance officer uses it: the empty state says what to import; after
 * an import, promise and delivery per donor and category in words, and the records behind a
 * figure with their source. The file is a small made-up one in the Kiel layout (the real
 * tracker is TEST ONLY and read by the API and store tests). Screenshot: test-results/finance.png.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { CHROMIUM, newTestPage, RESULTS, startBrowserRun } from './support.ts';

const required = process.env.GUARANTOR_REQUIRE_BROWSER === '1';
const missing = !existsSync(CHROMIUM);
const unbuilt = !existsSync(join(import.meta.dirname, '../../packages/web/dist/index.html'));

const KIEL_LAYOUT = [
  'country,iso,year,month,total,financial,humanitarian,military,commitments,to_be_allocated',
  'France,FRA,2023,5,0.3,0.1,0.05,0.15,0.5,0.2',
].join('\n');

describe.skipIf((missing || unbuilt) && !required)('the Finance page', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let base: string;
  const pageErrors: string[] = [];

  const csrf = async () =>
    ((await (await page.request.get(`${base}api/session`)).json()) as { csrfToken: string }).csrfToken;

  beforeAll(async () => {
    ({ server, base, browser } = await startBrowserRun());
    page = await newTestPage(browser);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // The admin adds a finance officer, who signs in.
    await page.request.post(`${base}api/auth/login`, { data: server.admin });
    const added = await page.request.post(`${base}api/users`, {
      data: {
        username: 'fra.finance',
        displayName: 'Finance officer',
        password: 'a long enough password',
        nation: 'FRA',
        roles: ['finance'],
      },
      headers: { 'x-csrf-token': await csrf() },
    });
    expect(added.status(), await added.text()).toBeLessThan(300);
    await page.request.post(`${base}api/auth/logout`, { headers: { 'x-csrf-token': await csrf() } });
    await page.goto(base);
    await page.fill('input[name=username]', 'fra.finance');
    await page.fill('input[name=password]', 'a long enough password');
    await page.click('button[type=submit]');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says what to import when empty, then shows promise and delivery in words with the records behind them', async () => {
    await page.goto(`${base}#/finance`);
    await expect
      .poll(() => page.locator('[data-testid=finance-empty]').textContent())
      .toContain('No money flows are recorded yet');
    const imported = await page.request.post(
      `${base}api/finance/import/kiel?source=fixture&document=Fixture%20file`,
      {
        data: KIEL_LAYOUT,
        headers: { 'x-csrf-token': await csrf(), 'content-type': 'text/csv' },
      },
    );
    expect(imported.status(), await imported.text()).toBe(200);
    await page.reload();
    const table = page.locator('[data-testid=finance-summary]');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(5);
    const rows = await table.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      ['France', 'All categories', '€500.0m', '€300.0m', '60.0%', '4 records'],
      ['', 'Military', '—', '€150.0m', '—', '1 record'],
      ['', 'Financial', '—', '€100.0m', '—', '1 record'],
      ['', 'Humanitarian', '—', '€50.0m', '—', '1 record'],
      ['', 'Not split by category', '€500.0m', '—', '—', '1 record'],
    ]);
    await table.getByRole('button', { name: '4 records' }).click();
    const flows = page.locator('[data-testid=finance-flows] tbody tr');
    await expect.poll(() => flows.count()).toBe(4);
    expect(await flows.first().textContent()).toContain('Fixture file');
    await page.screenshot({ path: join(RESULTS, 'finance.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
