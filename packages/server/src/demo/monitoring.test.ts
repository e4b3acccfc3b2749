import { addDays } from '@guarantor/core/phases';
import {
  asReader,
  type GuarantorDatabase,
  monitoringSectorFacts,
  seedDemoZones,
  verifyAudit,
} from '@guarantor/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../../test/support/databases.ts';
import { DEMO_ANALYST, loadDemoMonitoring } from './monitoring.ts';

const NOW = new Date('2026-11-27T08:00:00Z');
const TODAY = '2026-11-27';
const clock = { now: () => NOW };

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`demo monitoring history on ${engine.name}`, () => {
    let database: GuarantorDatabase;
    const count = async (query: string) =>
      Number((await sql<{ n: number }>`${sql.raw(query)}`.execute(database.db)).rows[0]!.n);
    const snapshot = async () => ({
      observations: await count('select count(*)::int as n from observation'),
      incidents: await count('select count(*)::int as n from incident'),
      changes: await count('select count(*)::int as n from incident_state_change'),
      claims: await count('select count(*)::int as n from incident_claim'),
      sourceStatus: await count('select count(*)::int as n from source_status'),
      audit: await count('select count(*)::int as n from audit_log'),
      users: await count('select count(*)::int as n from app_user'),
    });

    beforeAll(async () => {
      database = await engine.open();
      await seedDemoZones(database.db, NOW);
    });
    afterAll(() => database?.close());

    it('loads through intake and fusion, and the demo analyst works the incidents', async () => {
      const result = await loadDemoMonitoring(database, clock);
      expect(result.skipped).toBeUndefined();
      expect(result.rejected).toEqual([]);
      expect(result.observations).toBeGreaterThan(300);
      expect(result).toMatchObject({ attributed: 3, dismissed: 1, claims: 2 });
      const after = await snapshot();
      expect(after.observations).toBe(result.observations);
      expect(after.incidents).toBe(result.incidents);
      const states = await sql<{ state: string; n: number }>`
        select state, count(*)::int as n from incident where merged_into is null group by state`.execute(
        database.db,
      );
      const by = Object.fromEntries(states.rows.map((r) => [r.state, Number(r.n)]));
      expect(by['verified']).toBe(result.verified - result.attributed);
      expect(by['verified']! / after.incidents).toBeGreaterThan(0.4);
      expect(by['corroborated']).toBeGreaterThan(0); // the last two days, and what the analyst left
      expect(by['reported']).toBeGreaterThan(0);
      // Every analyst change is in the history and in the audit log, under the analyst's name.
      const audited = await count(
        `select count(*)::int as n from audit_log where actor = '${DEMO_ANALYST}' and action like 'incident.%'`,
      );
      expect(audited).toBe(result.verified + result.attributed + result.dismissed + result.claims);
      expect(after.changes).toBeGreaterThanOrEqual(result.verified + result.attributed + result.dismissed);
      expect((await verifyAudit(database.db)).ok).toBe(true);
    });

    it('shows the flare-up in the ceasefire facts, calm elsewhere, and the blind spots', async () => {
      const from = addDays(TODAY, -14);
      const days = await asReader(database.db, { nation: 'FRA', coalitionMember: true }, (trx) =>
        monitoringSectorFacts.loadSectorDays(trx, from, addDays(TODAY, -1)),
      );
      const verified = (d: (typeof days)[number]) =>
        d.incidents
          .filter((i) => i.verification === 'verified' || i.verification === 'attributed')
          .reduce((n, i) => n + i.count, 0);
      const over = days.filter((d) => verified(d) > 5);
      expect(over.length).toBeGreaterThan(0);
      expect(new Set(over.map((d) => d.sector))).toEqual(new Set(['sector-donetsk-south']));
      expect(over.map((d) => d.date)).toContain(addDays(TODAY, -10));
      const calm = days.filter((d) => d.sector !== 'sector-donetsk-south' && d.monitored && verified(d) <= 5);
      expect(calm.length).toBeGreaterThan(40);
      const blind = days.filter((d) => !d.monitored).map((d) => `${d.sector} ${d.date}`);
      expect(blind).toContain(`sector-kherson-dnipro ${addDays(TODAY, -1)}`);
    });

    it('adds nothing the second time', async () => {
      const before = await snapshot();
      const again = await loadDemoMonitoring(database, clock);
      expect(again.skipped).toMatch(/already holds observations/);
      expect(await snapshot()).toEqual(before);
    });
  });
}
