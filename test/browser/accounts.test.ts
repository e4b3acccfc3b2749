/**
 * The web app under its Content-Security-Policy, and the admin's accounts screen: sign in,
 * open the map and the incident map (MapLibre's worker, canvases, live stream) with no CSP
 * violation reported; disable a user and revoke a token, each after a confirmation naming them;
 * switch the app to Ukrainian from the header's picker (a lazily loaded chunk) and keep it on reload.
 * Screenshots go to test-results/.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANG_MS } from '../support/patience.ts';
import type { TestServer } from '../support/server.ts';
import { CHROMIUM, newTestPage, RESULTS, startBrowserRun } from './support.ts';

const required = process.env.GUARANTOR_REQUIRE_BROWSER === '1';
const missing = !existsSync(CHROMIUM);
// app.test.ts builds packages/web/dist when stale; this file needs it built.
const unbuilt = !existsSync(join(import.meta.dirname, '../../packages/web/dist/index.html'));

describe.skipIf((missing || unbuilt) && !required)(
  'the web app under its CSP, and the accounts screen',
  () => {
    let server: TestServer;
    let browser: Browser;
    let page: Page;
    let base: string;
    const violations: string[] = [];
    const pageErrors: string[] = [];

    const write = async (path: string, body: unknown) => {
      const { csrfToken } = (await (await page.request.get(`${base}api/session`)).json()) as {
        csrfToken: string;
      };
      const res = await page.request.post(`${base}${path}`, {
        data: body,
        headers: { 'x-csrf-token': csrfToken },
      });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return res.json();
    };

    beforeAll(async () => {
      ({ server, base, browser } = await startBrowserRun());
      page = await newTestPage(browser);
      // Runs in the page, where `document` exists; the test's own types have no DOM.
      await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
      console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI))`);
      page.on('console', (m) => {
        if (/CSP violation|Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      page.on('pageerror', (error) => pageErrors.push(error.message));
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('draws both maps and streams live updates with no CSP violation', async () => {
      await page.goto(base);
      await page.fill('input[name=username]', server.admin.username);
      await page.fill('input[name=password]', server.admin.password);
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=map][data-state=ready]', { timeout: HANG_MS });
      await page.goto(`${base}#/monitoring`);
      await expect.poll(() => page.locator('canvas.maplibregl-canvas').count(), { timeout: HANG_MS }).toBe(1);
      await expect.poll(() => page.locator('.live.on').count(), { timeout: HANG_MS }).toBe(1);
      await page.screenshot({ path: join(RESULTS, 'csp-monitoring.png') });
      expect(violations).toEqual([]);
      expect(pageErrors).toEqual([]);
    });

    it('disables a user and revokes a token after confirmations that name them', async () => {
      await write('api/users', {
        username: 'fra.liaison',
        displayName: 'Claire Martin',
        password: 'a long enough password',
        nation: 'FRA',
        roles: ['liaison'],
      });
      await write('api/tokens', { username: 'fra.liaison', name: 'camera-7' });
      await page.goto(`${base}#/accounts`);
      const row = page.locator('[data-testid=users-table] tr', { hasText: 'Claire Martin' });
      await row.getByRole('button', { name: 'Disable…' }).click();
      await expect
        .poll(() => page.locator('[data-testid=confirm]').textContent())
        .toContain('Disable Claire Martin (fra.liaison, France)?');
      await page.getByRole('button', { name: 'Disable Claire Martin' }).click();
      await expect.poll(() => row.textContent()).toContain('disabled since');

      const token = page.locator('[data-testid=tokens-table] tr', { hasText: 'camera-7' });
      await token.getByRole('button', { name: 'Revoke…' }).click();
      await expect
        .poll(() => page.locator('[data-testid=confirm]').textContent())
        .toContain('Revoke the token "camera-7" of Claire Martin?');
      await page.getByRole('button', { name: 'Revoke "camera-7"' }).click();
      await expect.poll(() => token.textContent()).toContain('revoked');
      await page.screenshot({ path: join(RESULTS, 'accounts.png'), fullPage: true });

      const users = (await (await page.request.get(`${base}api/users`)).json()) as {
        users: { username: string; disabledAt: string | null }[];
      };
      expect(users.users.find((u) => u.username === 'fra.liaison')?.disabledAt).not.toBeNull();
      expect(violations).toEqual([]);
    });

    it('switches to Ukrainian from the header picker, keeps it across a reload, and sets <html lang>', async () => {
      await page.goto(`${base}#/accounts`);
      await page.waitForSelector('[data-testid=users-table]');
      // The Ukrainian chunk loads under the CSP like the rest of the app.
      await page.selectOption('[data-testid=language-picker]', 'uk');
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('uk');
      expect(await page.locator('.who .link-button').textContent()).toBe('Вийти');
      expect(await page.locator('main h1').textContent()).toBe('Облікові записи');
      await page.reload();
      await page.waitForSelector('[data-testid=users-table]');
      expect(await page.getAttribute('html', 'lang')).toBe('uk');
      expect(await page.locator('main h1').textContent()).toBe('Облікові записи');
      expect(await page.locator('.main-nav').textContent()).toContain('Припинення вогню');
      await page.screenshot({ path: join(RESULTS, 'accounts-uk.png') });
      // Back to English for whatever runs next in this browser.
      await page.selectOption('[data-testid=language-picker]', 'en');
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
      expect(violations).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  },
);
