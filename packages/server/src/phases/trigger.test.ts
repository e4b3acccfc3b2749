import { seedDemoZones } from '@guarantor/db';
import { seedPhases } from '@guarantor/db/phases';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';
import { waitFor as poll } from '../../../../test/support/patience.ts';
import { msUntilDaily, PhaseReevaluationTrigger } from './trigger.ts';

const DAY = '2026-11-20';
const SOUTH = 'sector-donetsk-south';
/** Inside Donetsk South and the 15 km buffer zone. */
const IN_BUFFER = [37.2, 47.811] as const;
const DEBOUNCE_MS = 150;

describe('msUntilDaily', () => {
  it('waits for the next 00:05 UTC, never 0', () => {
    expect(msUntilDaily(new Date('2026-11-20T12:00:00Z'))).toBe((12 * 60 + 5) * 60_000);
    expect(msUntilDaily(new Date('2026-11-20T00:04:59Z'))).toBe(1000);
    expect(msUntilDaily(new Date('2026-11-20T00:05:00Z'))).toBe(86_400_000);
    expect(msUntilDaily(new Date('2026-12-31T23:59:00Z'))).toBe(6 * 60_000);
  });
});

const waitFor = (what: string, ok: () => boolean | Promise<boolean>) => poll(what, ok, 25);

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`the phase re-evaluation trigger on ${engine.name}`, () => {
    let h: ApiHarness;
    let trigger: PhaseReevaluationTrigger;
    let other: PhaseReevaluationTrigger;

    beforeAll(async () => {
      const now = new Date(`${DAY}T12:00:00Z`);
      h = await openApiHarness(engine, {
        now,
        users: [
          ['usa-monitor', 'USA', ['monitor']],
          ['fra-monitor', 'FRA', ['monitor']],
          ['fra-analyst', 'FRA', ['analyst']],
          ['fra-staff', 'FRA', ['cell_staff']],
        ],
      });
      await seedDemoZones(h.database.db, now);
      await seedPhases(h.database.db, now);
      // The baseline: every sector evaluated once, before monitoring reports anything.
      expect((await h.post('fra-staff', '/api/phases/reevaluate')).statusCode).toBe(200);
      await h.app.ready();
      const clock = { now: () => h.now() };
      trigger = new PhaseReevaluationTrigger(h.database, clock, h.app.log, { debounceMs: DEBOUNCE_MS });
      other = new PhaseReevaluationTrigger(h.database, clock, h.app.log, { debounceMs: DEBOUNCE_MS });
      await trigger.start();
      await other.start();
    });
    afterAll(async () => {
      await trigger?.stop();
      await other?.stop();
      await h?.close();
    });

    const breaches = async () =>
      ((await h.get('fra-staff', '/api/phases/breaches')).json().breaches as { id: string }[]).map(
        (b) => b.id,
      );

    it('coalesces a burst of changes into one run', async () => {
      const before = trigger.status.runs;
      for (let i = 0; i < 10; i++) trigger.changed();
      await waitFor('the debounced run', () => trigger.status.runs > before);
      await trigger.idle();
      await new Promise((r) => setTimeout(r, DEBOUNCE_MS * 2));
      expect(trigger.status.runs).toBe(before + 1);
      expect(trigger.status.lastError).toBeNull();
    });

    it('re-evaluates when fusion and then an analyst change incidents, and records the breach unasked', async () => {
      const runs = trigger.status.runs;
      const start = Date.parse(`${DAY}T10:00:00Z`);
      const observations = [
        { kind: 'patrol', id: 'usa-patrol-7', nation: 'USA' },
        { kind: 'camera', id: 'fra-camera-3', nation: 'FRA' },
      ].map((source, i) => ({
        uid: `flare-up by ${source.id}`,
        source,
        time: { startMs: start + i * 60_000, endMs: start + i * 60_000 + 120_000 },
        category: 'explosion_impact',
        count: 9,
        location: { kind: 'point', position: IN_BUFFER, radiusM: 200 },
        reportedAtMs: start + 600_000,
      }));
      // Each nation's monitor files its own source's report.
      for (const [i, monitor] of ['usa-monitor', 'fra-monitor'].entries()) {
        const posted = await h.post(monitor, '/api/observations', { observations: [observations[i]] });
        expect(posted.json().accepted, posted.body).toBe(1);
      }
      await h.app.monitoring.worker.settled();
      // Fusion's notification: corroborated, not yet verified, so the verified rules still hold.
      await waitFor('the run after fusion', () => trigger.status.runs > runs);
      await trigger.idle();
      expect(await breaches()).toEqual([]);

      const incidentId = 'inc-flare-up by fra-camera-3@FRA';
      const verified = await h.post('fra-analyst', `/api/incidents/${encodeURIComponent(incidentId)}/state`, {
        action: 'verify',
        reason: 'patrol and camera agree',
      });
      expect(verified.statusCode, verified.body).toBe(200);
      // The analyst's state change notifies too; nobody calls /api/phases/reevaluate.
      const expected = [`quiet-14@1:${SOUTH}:${DAY}`, `quiet-7@1:${SOUTH}:${DAY}`];
      await waitFor('the breach', async () => (await breaches()).length === 2);
      expect((await breaches()).sort()).toEqual(expected);
      const board = (await h.get('fra-staff', '/api/phases/sectors')).json();
      expect(board.sectors.find((s: { sector: string }) => s.sector === SOUTH).status).toBe('broken');
      await trigger.idle();
      await other.idle();
      expect(trigger.status.lastError).toBeNull();
      expect(other.status.lastError).toBeNull();
    });

    it('lets two instances run on the same data without writing anything twice', async () => {
      const count = async () =>
        (
          await sql<{ notices: number; statuses: number; breaches: number }>`
            select (select count(*)::int from phase_notification) as notices,
                   (select count(*)::int from sector_status) as statuses,
                   (select count(*)::int from breach) as breaches`.execute(h.database.db)
        ).rows[0];
      const before = await count();
      const runs = [trigger.status.runs, other.status.runs];
      trigger.changed();
      other.changed();
      await waitFor('both runs', () => trigger.status.runs > runs[0]! && other.status.runs > runs[1]!);
      await trigger.idle();
      await other.idle();
      expect(await count()).toEqual(before);
      expect(before?.breaches).toBe(2);
    });
  });
}
