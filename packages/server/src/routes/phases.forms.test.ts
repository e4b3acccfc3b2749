/**
 * What the ceasefire screens call besides the records themselves: an order's region must lie in
 * its sector, a phase decision and a rule text can be previewed without recording anything, and
 * each recorded action can be read back from the audit log by the nation that may read it.
 * Runs over the demo zones, whose sectors have outlines (phases.test.ts uses facts only).
 */
import { seedDemoZones } from '@guarantor/db';
import { insertNotification, seedPhases } from '@guarantor/db/phases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`the ceasefire forms' routes on ${engine.name}`, () => {
    let h: ApiHarness;

    beforeAll(async () => {
      const now = new Date('2026-11-10T08:00:00Z');
      h = await openApiHarness(engine, {
        now,
        users: [
          ['fra-staff', 'FRA', ['cell_staff']],
          ['usa-analyst', 'USA', ['analyst']],
          ['usa-liaison', 'USA', ['liaison']],
          ['deu-liaison', 'DEU', ['liaison']],
        ],
      });
      await seedDemoZones(h.database.db, now);
      await seedPhases(h.database.db, now);
    });
    afterAll(async () => {
      await h?.close();
    });

    const order = (regionCode: string, sector: string) =>
      h.post('usa-liaison', '/api/orders', {
        offerId: 'USA-1',
        quantity: 1,
        regionCode,
        lineOfEffort: 'truce_monitoring',
        sector,
      });

    it('refuses an order for a region outside its sector, naming the field, both places and the way out', async () => {
      const kyiv = await order('UA-30', 'sector-north-kharkiv');
      expect(kyiv.statusCode, kyiv.body).toBe(400);
      const error = kyiv.json().error;
      expect(error.code).toBe('order.region_outside_sector');
      expect(error.field).toBe('body.regionCode');
      expect(error.message).toContain('region Kyiv (UA-30) does not lie in sector North / Kharkiv');
      expect(error.message).toMatch(/choose a region in that sector \(.*\(UA-63\)/);
      // Nothing was drafted.
      expect((await h.get('usa-liaison', '/api/orders')).json().orders).toEqual([]);

      const kharkiv = await order('UA-63', 'sector-north-kharkiv');
      expect(kharkiv.statusCode, kharkiv.body).toBe(201);
      expect(kharkiv.json()).toMatchObject({ regionCode: 'UA-63', sector: 'sector-north-kharkiv' });
    });

    it('previews a phase decision without recording it; only cell staff may ask', async () => {
      const before = (await h.get('fra-staff', '/api/phases')).json().timeline.length;
      const holding = await h.post('fra-staff', '/api/phases/transitions/preview', {
        target: 'ceasefire_holding',
      });
      expect(holding.statusCode, holding.body).toBe(200);
      expect(holding.json()).toMatchObject({ from: 'ceasefire_agreed', target: 'ceasefire_holding' });
      // The guard of ceasefire_holding is quiet-7: its evaluation is what the decision would carry.
      expect(holding.json().evaluations.map((e: { rule: string }) => e.rule)).toEqual(['quiet-7']);
      expect(['allowed', 'needs_override']).toContain(holding.json().outcome);

      const skip = await h.post('fra-staff', '/api/phases/transitions/preview', { target: 'sustainment' });
      expect(skip.json()).toMatchObject({ outcome: 'refused', evaluations: [] });
      expect(skip.json().reasons[0]).toContain('ceasefire_agreed cannot move to sustainment');

      const future = await h.post('fra-staff', '/api/phases/transitions/preview', {
        target: 'ceasefire_holding',
        date: '2026-12-01',
      });
      expect(future.json().outcome).toBe('refused');
      expect(future.json().reasons).toEqual([
        'the decision date 2026-12-01 is in the future (today is 2026-11-10)',
      ]);

      expect(
        (await h.post('usa-liaison', '/api/phases/transitions/preview', { target: 'hostilities' }))
          .statusCode,
      ).toBe(403);
      expect((await h.get('fra-staff', '/api/phases')).json().timeline.length).toBe(before);
    });

    it('previews a rule: per-sector results, or the error at its line and column', async () => {
      const good = await h.post('usa-analyst', '/api/phases/rules/preview', {
        id: 'fom-7',
        text: 'no fom_restriction for 3 days',
      });
      expect(good.statusCode, good.body).toBe(200);
      expect(good.json().asOf).toBe('2026-11-10');
      expect(good.json().sectors.map((s: { sector: string }) => s.sector)).toContain('sector-zaporizhzhia');
      expect(good.json().current).toMatchObject({ version: 1 });

      const bad = await h.post('usa-analyst', '/api/phases/rules/preview', {
        text: 'no fom_restriction\nin atlantis_zone for 3 days',
      });
      expect(bad.statusCode).toBe(400);
      const error = bad.json().error;
      expect(error.code).toBe('rule.invalid');
      expect(error.field).toBe('body.text');
      expect(error.details).toMatchObject({ line: 2 });
      expect(error.details.column).toBeGreaterThan(1);
      expect(error.message).toContain('atlantis_zone');

      expect(
        (await h.post('fra-staff', '/api/phases/rules/preview', { text: 'no fom_restriction for 3 days' }))
          .statusCode,
      ).toBe(403);
      // Nothing was saved.
      expect((await h.get('usa-analyst', '/api/phases/rules/fom-7')).json().versions).toHaveLength(1);
    });

    it("reads back each action's audit entry, newest first, and not another nation's", async () => {
      const recorded = await h.post('fra-staff', '/api/phases/transitions', {
        target: 'ceasefire_holding',
        authority: 'Coordination Cell decision 2026/14',
        override: { reason: 'the cell judged the ceasefire holding' },
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const phases = await h.get('fra-staff', '/api/audit?entity=campaign_phase&limit=5');
      expect(phases.statusCode, phases.body).toBe(200);
      const newest = phases.json().entries[0];
      expect(newest).toMatchObject({
        actor: 'fra-staff',
        nation: 'FRA',
        entity: 'campaign_phase',
        entityId: String(recorded.json().seq),
      });
      expect(['phase.transition', 'phase.override']).toContain(newest.action);
      expect(newest.after).toMatchObject({ authority: 'Coordination Cell decision 2026/14' });
      expect(Object.keys(newest)).not.toContain('seq');

      const drafted = await h.post('deu-liaison', '/api/orders', {
        offerId: 'DEU-1',
        quantity: 1,
        regionCode: 'UA-63',
        lineOfEffort: 'truce_monitoring',
        sector: 'sector-north-kharkiv',
        releasability: 'NATIONAL DEU',
      });
      expect(drafted.statusCode, drafted.body).toBe(201);
      const id = drafted.json().id as string;
      const own = await h.get('deu-liaison', `/api/audit?entity=deployment_order&entityId=${id}`);
      expect(own.json().entries.map((e: { action: string }) => e.action)).toContain('order.draft');
      // A national record's audit entry is as national as the record.
      const other = await h.get('usa-liaison', `/api/audit?entity=deployment_order&entityId=${id}`);
      expect(other.json().entries).toEqual([]);
    });

    it('pages notifications newest first by cursor, each reader through what they may read', async () => {
      await h.database.db.transaction().execute(async (trx) => {
        for (let n = 0; n < 7; n += 1)
          await insertNotification(
            trx,
            {
              at: new Date(Date.UTC(2026, 10, 10, 9, n)),
              kind: 'phase_changed',
              message: `paging notice ${n}`,
              orderId: null,
              breachId: null,
              reasons: [],
            },
            n % 3 === 2
              ? { rel_kind: 'NATIONAL', rel_nations: ['USA'] }
              : { rel_kind: 'COALITION', rel_nations: [] },
          );
      });
      const all = async (user: string) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await h.get(user, `/api/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
          expect(res.statusCode, res.body).toBe(200);
          expect(res.json().notifications.length).toBeLessThanOrEqual(2);
          seen.push(...res.json().notifications.map((x: { message: string }) => x.message));
          cursor = res.json().next;
        } while (cursor);
        return seen.filter((m) => m.startsWith('paging notice'));
      };
      expect(await all('usa-analyst')).toEqual([6, 5, 4, 3, 2, 1, 0].map((n) => `paging notice ${n}`));
      expect(await all('fra-staff')).toEqual([6, 4, 3, 1, 0].map((n) => `paging notice ${n}`));
      const bad = await h.get('fra-staff', '/api/notifications?cursor=WyJpbmNpZGVudHMiLDFd');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toMatchObject({ code: 'request.cursor_invalid', field: 'query.cursor' });
    });
  });
}
