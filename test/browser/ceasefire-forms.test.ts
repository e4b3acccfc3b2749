/**
 * The ceasefire's actions in the browser, each by the role that does it: a cell staff officer
 * records a phase decision, an analyst edits a trigger rule, a liaison officer drafts a
 * deployment order, cell staff record a truce window and issue an issuable order, an analyst
 * adds a violation rule, cell staff respond to a breach. Each form first shows every problem at once, then a confirmation in words;
 * afterwards the page shows what was recorded and its audit entry, which the test also reads
 * from the audit API. Screenshots at 1440×900 and 1024×768 go to test-results/ceasefire-*.png.
 *
 * The app served is packages/web/dist, built by the run's global setup (test/support/global-setup.ts).
 * Skips with a reason when /usr/bin/chromium is missing, unless GUARANTOR_REQUIRE_BROWSER=1.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANG_MS } from '../support/patience.ts';
import type { TestServer } from '../support/server.ts';
import { CHROMIUM, RESULTS, startBrowserRun } from './support.ts';

const required = process.env.GUARANTOR_REQUIRE_BROWSER === '1';
const missing = !existsSync(CHROMIUM);
const PASSWORD = 'correct horse battery staple';

interface AuditEntry {
  readonly actor: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
}

describe.skipIf(missing && !required)('ceasefire actions in Chromium, each by its role', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (missing) throw new Error(`GUARANTOR_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing`);
    ({ server, base, browser } = await startBrowserRun());
    // The admin makes the three officers through the API.
    const admin = await browser.newContext();
    const login = await admin.request.post(`${base}api/auth/login`, { data: server.admin });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    for (const [username, nation, role] of [
      ['fra-cell', 'FRA', 'cell_staff'],
      ['usa-analyst', 'USA', 'analyst'],
      ['usa-liaison', 'USA', 'liaison'],
    ] as const) {
      const res = await admin.request.post(`${base}api/users`, {
        data: { username, displayName: username, password: PASSWORD, nation, roles: [role] },
        headers: { 'x-csrf-token': csrfToken },
      });
      expect(res.status(), await res.text()).toBe(201);
    }
    await admin.close();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A signed-in page of its own for one officer. */
  async function signIn(
    username: string,
    width = 1440,
    height = 900,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${username}: ${error.message}`));
    await page.goto(base);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector(`.app-header:has-text("${username}")`);
    return { context, page };
  }

  /** The audit entries the officer's own session may read. */
  async function audit(page: Page, query: string): Promise<readonly AuditEntry[]> {
    const res = await page.request.get(`${base}api/audit?${query}`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { entries: AuditEntry[] }).entries;
  }

  /** Screenshots of the page at both sizes, from the top and scrolled to `anchor`. */
  async function photograph(page: Page, name: string, anchor?: string) {
    for (const [width, height] of [
      [1440, 900],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.locator('main.page').evaluate((main) => main.scrollTo(0, 0));
      await page.screenshot({ path: join(RESULTS, `ceasefire-${name}-${width}.png`) });
      if (anchor) {
        await page
          .locator(anchor)
          .first()
          .evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: join(RESULTS, `ceasefire-${name}-${width}-detail.png`) });
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  }

  it('a cell staff officer records a phase decision, sees it on the timeline and in the audit log', async () => {
    const { context, page } = await signIn('fra-cell');
    await page.goto(`${base}#/phases`);
    const form = page.locator('[data-testid=decision-form]');
    await form.waitFor();
    await form.locator('select[name=target]').selectOption('ceasefire_holding');
    const preview = form.locator('[data-testid=decision-preview]');
    await preview.waitFor();
    const outcome = await preview.getAttribute('data-outcome');
    expect(['allowed', 'needs_override']).toContain(outcome);
    expect(await preview.textContent()).toContain('quiet-7');

    // Nothing filled: every problem at once, by the field's name.
    await form.locator('input[name=authority]').fill('');
    await form.locator('button:has-text("Review the decision")').click();
    const problems = form.locator('[data-testid=form-problems]');
    await problems.waitFor();
    const listed = (await problems.textContent()) ?? '';
    expect(listed).toContain('Authority');
    if (outcome === 'needs_override') {
      expect(listed).toContain('Reason for the override');
      expect(listed).toContain('2 things to fix');
    }
    expect(await form.locator('[data-testid=confirm-panel]').count()).toBe(0);

    await form.locator('input[name=authority]').fill('Coordination Cell decision 2026/14');
    if (outcome === 'needs_override')
      await form
        .locator('textarea[name=override-reason]')
        .fill("the cell judged one unit's fire unauthorised and the ceasefire holding");
    await form.locator('button:has-text("Review the decision")').click();
    const confirm = form.locator('[data-testid=confirm-panel]');
    await confirm.waitFor();
    const said = (await confirm.textContent()) ?? '';
    expect(said).toContain('The campaign moves from Ceasefire agreed to Ceasefire holding');
    expect(said).toContain('on the authority of Coordination Cell decision 2026/14');
    await photograph(page, 'decision-confirm', '[data-testid=confirm-panel]');

    await confirm.locator('button.primary').click();
    const recorded = page.locator('[data-testid=recorded]');
    await recorded.waitFor();
    expect(await recorded.locator('h3').textContent()).toBe(
      'Recorded: the campaign is now in Ceasefire holding',
    );
    // The form starts afresh from the new phase.
    await expect
      .poll(() => form.locator('select[name=target] option').allTextContents())
      .toEqual(['Force deploying', 'Suspended']);
    const trail = recorded.locator('[data-testid=audit-entry]');
    await expect.poll(() => trail.count()).toBeGreaterThan(0);
    expect(await trail.first().textContent()).toMatch(
      /Phase decision recorded( by override)? by fra-cell \(FRA\)/,
    );
    // The summary and the timeline say the same.
    await expect
      .poll(() => page.locator('.page-head .summary').textContent())
      .toContain('Now: Ceasefire holding');
    expect(await page.locator('[data-testid=phase-timeline] > li').first().textContent()).toContain(
      'Coordination Cell decision 2026/14',
    );
    const entries = await audit(page, 'entity=campaign_phase&limit=1');
    expect(entries[0]).toMatchObject({ actor: 'fra-cell', entity: 'campaign_phase' });
    expect(entries[0]!.action).toBe(outcome === 'needs_override' ? 'phase.override' : 'phase.transition');
    await photograph(page, 'decision-recorded', '[data-testid=recorded]');

    for (const [name, hash] of [
      ['breaches', '#/phases/breaches'],
      ['truces', '#/phases/truces'],
      ['compliance', '#/phases/sectors'],
      ['gate', '#/phases/gate'],
    ] as const) {
      await page.goto(`${base}${hash}`);
      await page.waitForSelector('main.page h1');
      await page.waitForLoadState('networkidle');
      await photograph(page, name);
    }
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('an analyst edits a rule: the error shown at its position, a preview, a new version in the audit log', async () => {
    const { context, page } = await signIn('usa-analyst');
    await page.goto(`${base}#/phases/rules`);
    await page.locator('[data-testid=rule-list] button[title^="fom-7,"]').click();
    const editor = page.locator('[data-testid=rule-editor]');
    await expect
      .poll(() => editor.locator('h2').textContent())
      .toBe('No freedom-of-movement restriction on monitors for 7 days');
    const text = editor.locator('textarea[name=text]');

    // A zone the language does not know: the error at line 2, under the word.
    await text.fill('no fom_restriction\nin atlantis_zone for 5 days');
    const error = editor.locator('[data-testid=rule-error]');
    await error.waitFor();
    expect(await error.locator('strong').textContent()).toMatch(/^Line 2, column 4: .*atlantis_zone/);
    expect(await error.locator('[data-testid=rule-error-caret]').textContent()).toBe('   ^ here\n');
    await editor.locator('input[name=title]').fill('x'.repeat(201));
    await editor.locator('button:has-text("Review before saving")').click();
    const problems = (await editor.locator('[data-testid=form-problems]').textContent()) ?? '';
    expect(problems).toContain('2 things to fix');
    expect(problems).toContain('Title: at most 200 characters');
    expect(problems).toContain('Rule text: line 2, column 4');
    await photograph(page, 'rule-error', '[data-testid=rule-error]');

    await editor
      .locator('input[name=title]')
      .fill('No freedom-of-movement restriction on monitors for 5 days');
    await text.fill('no fom_restriction for 5 days');
    const preview = editor.locator('[data-testid=rule-preview]');
    await preview.waitFor();
    expect(await preview.textContent()).toMatch(/Preview as of .+: (passes in every sector|fails in)/);
    // Sector names, not zone ids.
    expect(await preview.textContent()).not.toContain('sector-');
    await editor.locator('button:has-text("Review before saving")').click();
    const confirm = editor.locator('[data-testid=confirm-panel]');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(
      'Rule fom-7 gets version 2; version 1 stays in the history.',
    );
    await photograph(page, 'rule-confirm', '[data-testid=confirm-panel]');
    await confirm.locator('button:has-text("Save version 2")').click();

    const recorded = page.locator('[data-testid=recorded]');
    await recorded.waitFor();
    expect(await recorded.locator('h3').textContent()).toBe(
      'Saved: No freedom-of-movement restriction on monitors for 5 days, version 2',
    );
    const trail = recorded.locator('[data-testid=audit-entry]');
    await expect.poll(() => trail.count()).toBe(1);
    expect(await trail.textContent()).toContain('Rule version added by usa-analyst (USA) fom-7@2');
    expect(await audit(page, 'entity=phase_rule&entityId=fom-7@2')).toEqual([
      expect.objectContaining({ actor: 'usa-analyst', action: 'rule.version' }),
    ]);
    await photograph(page, 'rule-saved', '[data-testid=recorded]');
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('a liaison officer drafts an order: refused for a region outside its sector, then drafted and held or refused with reasons', async () => {
    const { context, page } = await signIn('usa-liaison');
    await page.goto(`${base}#/orders`);
    const form = page.locator('[data-testid=order-form]');
    await form.waitFor();
    await expect
      .poll(() => page.locator('[data-testid=no-orders]').textContent())
      .toBe('No orders yet. Draft one from an offer or a plan.');

    await form.locator('button:has-text("Review the order")').click();
    const problems = (await form.locator('[data-testid=form-problems]').textContent()) ?? '';
    for (const field of ['Offer', 'Region', 'Line of effort', 'Sector'])
      expect(problems).toContain(`${field}:`);
    expect(problems).toContain('4 things to fix');

    // Kyiv with the Kharkiv sector: the server refuses it and the form names the field.
    await expect.poll(() => form.locator('select[name=offerId] option[value="USA-1"]').count()).toBe(1);
    await form.locator('select[name=offerId]').selectOption('USA-1');
    await form.locator('input[name=quantity]').fill('1');
    await form.locator('select[name=lineOfEffort]').selectOption('truce_monitoring');
    await form.locator('select[name=regionCode]').selectOption('UA-30');
    await expect
      .poll(() => form.locator('select[name=sector] option[value="sector-north-kharkiv"]').count())
      .toBe(1);
    await form.locator('select[name=sector]').selectOption('sector-north-kharkiv');
    await form.locator('button:has-text("Review the order")').click();
    const confirm = form.locator('[data-testid=confirm-panel]');
    await confirm.waitFor();
    expect(await confirm.textContent()).toMatch(
      /Monitoring team, \d+ teams? \(USA\): 1 to deploy to Kyiv in sector North/,
    );
    await confirm.locator('button:has-text("Draft the order")').click();
    const refusal = form.locator('[data-testid=server-refusal]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('The server refused it (Region):');
    expect(await refusal.textContent()).toContain(
      'region Kyiv (UA-30) does not lie in sector North / Kharkiv',
    );
    await photograph(page, 'order-refused-region', '[data-testid=server-refusal]');

    await form.locator('select[name=regionCode]').selectOption('UA-63');
    await form.locator('button:has-text("Review the order")').click();
    await confirm.waitFor();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/orders') && r.request().method() === 'POST'),
      confirm.locator('button:has-text("Draft the order")').click(),
    ]);
    expect(response.status()).toBe(201);
    const order = (await response.json()) as { id: string; state: string; live: { status: string } | null };
    const recorded = form.locator('[data-testid=recorded]');
    await recorded.waitFor();
    const words = { issuable: 'Issuable', ready_on_gate: 'Ready on gate', refused: 'Refused' } as const;
    const status = (order.live?.status ?? order.state) as keyof typeof words;
    expect(await recorded.locator('h3').textContent()).toBe(`Drafted order ${order.id}: ${words[status]}`);
    const trail = recorded.locator('[data-testid=audit-entry]');
    await expect.poll(() => trail.count()).toBeGreaterThan(0);
    expect(await trail.last().textContent()).toContain(`Order drafted by usa-liaison (USA) ${order.id}`);
    expect(
      (await audit(page, `entity=deployment_order&entityId=${order.id}`)).map((e) => e.action),
    ).toContain('order.draft');

    // The table in words: the status, the sector's name and the offer's title; ids in tooltips.
    const row = page.locator(`[data-testid="order-${order.id}"]`);
    await row.waitFor();
    expect(await row.locator('.status-pill').textContent()).toBe(words[status]);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Kharkiv Oblast');
    expect(text).toContain('North / Kharkiv');
    expect(text).not.toContain('sector-north-kharkiv');
    expect(text).not.toMatch(/force_deploying|ceasefire_holding|ready_on_gate/);
    expect(await row.locator('[title="sector-north-kharkiv"]').count()).toBe(1);
    await photograph(page, 'order-drafted', '[data-testid=recorded]');
    await photograph(page, 'orders-table', '[data-testid=orders-table]');
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('a cell staff officer records a truce window: every problem at once, a confirmation in words, the row and the audit entry', async () => {
    const { context, page } = await signIn('fra-cell');
    await page.goto(`${base}#/phases/truces`);
    const form = page.locator('[data-testid=truce-form]');
    await form.waitFor();
    await form.locator('button:has-text("Review the truce window")').click();
    const problems = (await form.locator('[data-testid=form-problems]').textContent()) ?? '';
    for (const field of ['Site', 'Latitude and longitude', 'Starts (UTC)', 'Ends (UTC)', 'Purpose'])
      expect(problems).toContain(`${field}:`);

    await form.locator('input[name=site]').fill('Pumping station 3');
    await form.locator('input[name=purpose]').fill('repair crew');
    await form.locator('input[name=lat]').fill('47.8113');
    await form.locator('input[name=lng]').fill('35.1902');
    await form.locator('input[name=start]').fill('2026-11-26T06:00');
    await form.locator('input[name=end]').fill('2026-11-26T18:00');
    await form.locator('button:has-text("Review the truce window")').click();
    const confirm = form.locator('[data-testid=confirm-panel]');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(
      'A truce at Pumping station 3 for repair crew: within 2,000 m',
    );
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/phases/truces') && r.request().method() === 'POST'),
      confirm.locator('button:has-text("Record the truce window")').click(),
    ]);
    expect(response.status(), await response.text()).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const recorded = form.locator('[data-testid=recorded]');
    await recorded.waitFor();
    expect(await recorded.locator('h3').textContent()).toBe(
      `Recorded: truce window ${id} at Pumping station 3`,
    );
    await expect
      .poll(() => page.locator('[data-testid=truces-table]').textContent())
      .toContain('Pumping station 3');
    expect(
      (await audit(page, `entity=truce_window&entityId=${id}`)).map((e) => `${e.action} ${e.actor}`),
    ).toContain('truce.create fra-cell');
    await photograph(page, 'truce-recorded', '[data-testid=recorded]');
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('an analyst changes a violation rule: problems listed at once, a preview of what it will count, the new version and its audit entry', async () => {
    const { context, page } = await signIn('usa-analyst');
    await page.goto(`${base}#/violation-rules`);
    await page.locator('button:has-text("Add a rule")').click();
    const form = page.locator('[data-testid=rule-form]');
    await form.waitFor();
    await form.locator('button:has-text("Review the rule")').click();
    const problems = (await form.locator('[data-testid=form-problems]').textContent()) ?? '';
    expect(problems).toContain('3 things to fix');
    for (const field of ['Rule id', 'Name', 'What it counts']) expect(problems).toContain(`${field}:`);

    await form.locator('input[name=id]').fill('uav-over-buffer');
    await form.locator('input[name=name]').fill('Drone over the buffer zone');
    await form.getByLabel('UAV overflight').check();
    await form.locator('button:has-text("Review the rule")').click();
    const preview = form.locator('[data-testid=rule-preview]');
    await preview.waitFor();
    expect(await preview.textContent()).toContain(
      '“Drone over the buffer zone” will count UAV overflight inside a buffer zone.',
    );
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/api/violation-rules') && r.request().method() === 'POST',
      ),
      form.locator('button:has-text("Add the rule")').click(),
    ]);
    expect(response.status(), await response.text()).toBe(201);
    const recorded = page.locator('[data-testid=recorded]');
    await recorded.waitFor();
    expect(await recorded.locator('h3').textContent()).toBe('Version 1 of rule uav-over-buffer recorded');
    await expect
      .poll(() => page.locator('[data-testid=violation-rules]').textContent())
      .toContain('Drone over the buffer zone');
    expect(
      (await audit(page, 'entity=violation_rule&entityId=uav-over-buffer')).map((e) => e.action),
    ).toEqual(['violation_rule.version']);
    await photograph(page, 'violation-rule-added', '[data-testid=recorded]');
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  // Last: it moves the campaign to force deploying (by recorded override), which the earlier
  // tests' orders and forms must not see.
  it('a cell staff officer issues an issuable order after a confirmation naming it; the audit log records it', async () => {
    const { context, page } = await signIn('fra-cell');
    const { csrfToken } = (await (await page.request.get(`${base}api/session`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'x-csrf-token': csrfToken };
    // The decision test above may have moved it already: take only the steps still to go.
    const now = ((await (await page.request.get(`${base}api/phases`)).json()) as { phase: string }).phase;
    const steps = ['ceasefire_holding', 'force_deploying'];
    for (const target of steps.slice(steps.indexOf(now) + 1)) {
      const moved = await page.request.post(`${base}api/phases/transitions`, {
        data: {
          target,
          authority: 'Coordination Cell',
          override: { reason: 'browser test: issuing an order' },
        },
        headers,
      });
      expect(moved.status(), await moved.text()).toBe(201);
    }
    // The liaison's order in a holding sector, drafted now the phase allows deployment.
    const liaison = await signIn('usa-liaison');
    const liaisonCsrf = (
      (await (await liaison.page.request.get(`${base}api/session`)).json()) as { csrfToken: string }
    ).csrfToken;
    const drafted = await liaison.page.request.post(`${base}api/orders`, {
      data: {
        offerId: 'USA-1',
        quantity: 1,
        lineOfEffort: 'truce_monitoring',
        regionCode: 'UA-63',
        sector: 'sector-north-kharkiv',
      },
      headers: { 'x-csrf-token': liaisonCsrf },
    });
    expect(drafted.status(), await drafted.text()).toBe(201);
    const order = (await drafted.json()) as { id: string; gate: string };
    expect(order.gate).toBe('issuable');
    await liaison.context.close();

    await page.goto(`${base}#/orders`);
    const row = page.locator(`[data-testid="order-${order.id}"]`);
    await row.waitFor();
    expect(await row.locator('.status-pill').textContent()).toBe('Issuable');
    await row.locator('button:has-text("Issue this order")').click();
    const panel = page.locator('[data-testid=issue-panel]');
    await panel.waitFor();
    expect(await panel.textContent()).toContain(`Issue order ${order.id}?`);
    expect(await panel.textContent()).toContain('deploy to Kharkiv Oblast in North / Kharkiv');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/orders/${order.id}/issue`)),
      panel.locator('button:has-text("Issue the order")').click(),
    ]);
    expect(response.status(), await response.text()).toBe(200);
    await expect
      .poll(() => panel.locator('[data-testid=recorded] h3').textContent())
      .toBe(`Issued: order ${order.id}`);
    expect(await panel.textContent()).toContain('Issued by fra-cell');
    expect(
      (await audit(page, `entity=deployment_order&entityId=${order.id}`)).map((e) => e.action),
    ).toContain('order.issued');
    await photograph(page, 'order-issued', '[data-testid=issue-panel]');
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  // After the order test: the campaign is past "ceasefire holding", so a holding sector that
  // breaks a rule is a breach. A verified restriction of movement in North / Kharkiv breaks fom-7.
  it('a cell staff officer records the response to a breach on the ladder; the page and the audit log say so', async () => {
    const admin = await browser.newContext();
    const login = await admin.request.post(`${base}api/auth/login`, { data: server.admin });
    const headers = { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
    // An hour ago, but never before today's UTC midnight: the gate counts incidents by UTC day,
    // and a breach is a rule that held yesterday and fails today, so a restriction dated
    // yesterday (this test run between 00:00 and 01:00 UTC) fails yesterday too and is no breach.
    const now = Date.now();
    const at = Math.max(now - 3_600_000, now - (now % 86_400_000));
    const posted = await admin.request.post(`${base}api/observations`, {
      data: {
        observations: [
          {
            uid: 'bt-fom-1',
            source: { kind: 'patrol', id: 'patrol-9', nation: 'FRA' },
            time: { startMs: at, endMs: at + 60_000 },
            category: 'fom_restriction',
            count: 1,
            location: { kind: 'point', position: [37.0, 49.6], radiusM: 300 },
            reportedAtMs: at + 120_000,
          },
        ],
      },
      headers,
    });
    expect(posted.status(), await posted.text()).toBeLessThan(300);
    const incident = 'inc-bt-fom-1@FRA';
    await expect
      .poll(
        async () =>
          (await admin.request.get(`${base}api/incidents/${encodeURIComponent(incident)}`)).status(),
        {
          timeout: HANG_MS,
        },
      )
      .toBe(200);
    const { version } = (
      (await (await admin.request.get(`${base}api/incidents/${encodeURIComponent(incident)}`)).json()) as {
        incident: { version: number };
      }
    ).incident;
    const verified = await admin.request.post(`${base}api/incidents/${encodeURIComponent(incident)}/state`, {
      data: { action: 'verify', reason: 'patrol report confirmed', version },
      headers,
    });
    expect(verified.status(), await verified.text()).toBe(200);
    expect((await admin.request.post(`${base}api/phases/reevaluate`, { data: {}, headers })).status()).toBe(
      200,
    );
    await admin.close();

    const { context, page } = await signIn('fra-cell');
    await page.goto(`${base}#/phases/breaches`);
    const row = page.locator('[data-testid^="breach-fom-7"]').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('North / Kharkiv');
    await row.locator('button:has-text("Record a response")').click();
    const form = page.locator('[data-testid=response-form]');
    await form.waitFor();
    await form.locator('button:has-text("Review the response")').click();
    const confirm = form.locator('[data-testid=confirm-panel]');
    await confirm.waitFor();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/responses') && r.request().method() === 'POST'),
      confirm.locator('button:has-text("Record the response")').click(),
    ]);
    expect(response.status(), await response.text()).toBe(201);
    const recorded = page.locator('[data-testid=recorded]');
    await recorded.waitFor();
    expect(await recorded.locator('h3').textContent()).toMatch(
      /^Recorded: .+ in response to the breach in North \/ Kharkiv/,
    );
    const breachId = decodeURIComponent(
      response.url().split('/api/phases/breaches/')[1]!.split('/responses')[0]!,
    );
    expect(
      (await audit(page, `entity=breach&entityId=${encodeURIComponent(breachId)}`)).map((e) => e.action),
    ).toContain('breach.respond');
    await photograph(page, 'breach-response', '[data-testid=recorded]');
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
