import { seedDemoZones } from '@guarantor/db';
import { seedPhases } from '@guarantor/db/phases';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

// Issue 12, finding 1: the re-evaluation runs as the owner (it must see every incident) and used
// to label every breach, sector status and notification COALITION, so a NATIONAL DEU incident
// appeared with its id and count in every coalition nation's breaches and notifications.

const DAY = '2026-11-20';
const SOUTH = 'sector-donetsk-south';
/** Inside Donetsk South and the 15 km buffer zone. */
const IN_BUFFER = [37.2, 47.811] as const;

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`records derived from labelled incidents on ${engine.name}`, () => {
    let h: ApiHarness;

    beforeAll(async () => {
      const now = new Date(`${DAY}T12:00:00Z`);
      h = await openApiHarness(engine, {
        now,
        users: [
          ['deu-monitor', 'DEU', ['monitor']],
          ['deu-analyst', 'DEU', ['analyst']],
          ['deu-staff', 'DEU', ['cell_staff']],
          ['fra-staff', 'FRA', ['cell_staff']],
          ['pol-analyst', 'POL', ['analyst']],
        ],
      });
      await seedDemoZones(h.database.db, now);
      await seedPhases(h.database.db, now);
      expect((await h.post('fra-staff', '/api/phases/reevaluate')).statusCode).toBe(200);
    });
    afterAll(async () => {
      await h?.close();
    });

    /** Files two reports of one flare-up from two German sources and verifies the incident. */
    async function germanFlareUp(): Promise<string> {
      const start = Date.parse(`${DAY}T10:00:00Z`);
      const observations = ['deu-patrol-1', 'deu-camera-2'].map((id, i) => ({
        uid: `national flare-up by ${id}`,
        source: { kind: i === 0 ? 'patrol' : 'camera', id, nation: 'DEU' },
        time: { startMs: start + i * 60_000, endMs: start + i * 60_000 + 120_000 },
        category: 'explosion_impact',
        count: 9,
        location: { kind: 'point', position: IN_BUFFER, radiusM: 200 },
        reportedAtMs: start + 600_000,
      }));
      const posted = await h.post('deu-monitor', '/api/observations', {
        releasability: 'NATIONAL DEU',
        observations,
      });
      expect(posted.json().accepted, posted.body).toBe(2);
      await h.app.monitoring.worker.settled();
      const list = (await h.get('deu-analyst', '/api/incidents?limit=50')).json();
      const incident = (list.incidents as { id: string; releasability: string }[]).find(
        (i) => i.releasability === 'NATIONAL DEU',
      );
      expect(incident, 'the German incident').toBeDefined();
      const verified = await h.post(
        'deu-analyst',
        `/api/incidents/${encodeURIComponent(incident!.id)}/state`,
        {
          action: 'verify',
          reason: 'patrol and camera agree',
        },
      );
      expect(verified.statusCode, verified.body).toBe(200);
      return incident!.id;
    }

    it('gives a breach, its notification and the sector status the incident label, so only Germany reads them', async () => {
      const incidentId = await germanFlareUp();
      expect((await h.post('deu-staff', '/api/phases/reevaluate')).statusCode).toBe(200);

      // Germany reads the breach it caused, labelled as its evidence.
      const deu = (await h.get('deu-staff', '/api/phases/breaches')).json().breaches as {
        id: string;
        incidentIds: string[];
        releasability: string;
      }[];
      const german = deu.filter((b) => b.incidentIds.includes(incidentId));
      expect(german.map((b) => b.id).sort()).toEqual([
        `quiet-14@1:${SOUTH}:${DAY}`,
        `quiet-7@1:${SOUTH}:${DAY}`,
      ]);
      expect(german.every((b) => b.releasability === 'NATIONAL DEU')).toBe(true);
      const deuNotices = JSON.stringify((await h.get('deu-staff', '/api/notifications')).json());
      expect(deuNotices).toContain(incidentId);

      // France and Poland see neither the breach, nor the incident id, nor its count anywhere.
      for (const reader of ['fra-staff', 'pol-analyst']) {
        const breaches = await h.get(reader, '/api/phases/breaches');
        expect(breaches.statusCode).toBe(200);
        expect(breaches.json().breaches).toEqual([]);
        for (const url of ['/api/notifications', '/api/phases/sectors', '/api/phases/deployment-gate']) {
          const res = await h.get(reader, url);
          expect(res.statusCode, `${reader} ${url}`).toBe(200);
          expect(res.body, `${reader} ${url}`).not.toContain(incidentId);
          expect(res.body, `${reader} ${url}`).not.toContain(`quiet-7@1:${SOUTH}`);
        }
      }

      // What the owner wrote carries the label, audit entries included.
      const stored = await sql<{ table: string; rel_kind: string; rel_nations: string[] }>`
        select 'breach' as table, rel_kind, rel_nations from breach where ${incidentId} = any(incident_ids)
        union all select 'notification', rel_kind, rel_nations from phase_notification where kind = 'breach'
        union all select 'audit', rel_kind, rel_nations from audit_log where action = 'breach.detect'`.execute(
        h.database.db,
      );
      expect(stored.rows.length).toBeGreaterThanOrEqual(6);
      for (const row of stored.rows)
        expect([row.table, row.rel_kind, row.rel_nations]).toEqual([row.table, 'NATIONAL', ['DEU']]);
      const status = await sql<{ rel_kind: string; rel_nations: string[] }>`
        select rel_kind, rel_nations from sector_status where sector = ${SOUTH} and status = 'broken'`.execute(
        h.database.db,
      );
      expect(status.rows.length).toBeGreaterThan(0);
      for (const row of status.rows) expect(row).toEqual({ rel_kind: 'NATIONAL', rel_nations: ['DEU'] });
    });

    it('writes no status every nation reads for a sector only Germany may see', async () => {
      const square = [
        [36.0, 48.0],
        [36.2, 48.0],
        [36.2, 48.2],
        [36.0, 48.2],
        [36.0, 48.0],
      ];
      const imported = await h.post('deu-staff', '/api/zones/import?releasability=NATIONAL%20DEU', {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { id: 'hidden-sector', kind: 'sector', name: 'Hidden sector' },
            geometry: { type: 'Polygon', coordinates: [square] },
          },
        ],
      });
      expect(imported.json().created, imported.body).toEqual(['hidden-sector@DEU']);
      expect((await h.post('deu-staff', '/api/phases/reevaluate')).statusCode).toBe(200);
      const statuses = await sql<{ rel_kind: string }>`
        select rel_kind from sector_status where sector = 'hidden-sector@DEU'`.execute(h.database.db);
      expect(statuses.rows.filter((r) => r.rel_kind !== 'NATIONAL')).toEqual([]);
      for (const url of ['/api/notifications', '/api/phases/sectors', '/api/phases/deployment-gate']) {
        const res = await h.get('fra-staff', url);
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).not.toContain('hidden-sector');
      }
      // Germany's own view of the gate still has its sector.
      expect((await h.get('deu-staff', '/api/phases/sectors')).body).toContain('hidden-sector@DEU');
    });

    it("keeps the decider's national incidents off a phase decision every nation reads", async () => {
      const incidentId = (await h.get('deu-staff', '/api/phases/breaches')).json().breaches[0].incidentIds[0];
      // From Germany's view quiet-7 fails in Donetsk South: Germany overrides, with its reason.
      const refused = await h.post('deu-staff', '/api/phases/transitions', {
        target: 'ceasefire_holding',
        authority: 'Coordination Cell',
      });
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.body).toContain(incidentId);
      const moved = await h.post('deu-staff', '/api/phases/transitions', {
        target: 'ceasefire_holding',
        authority: 'Coordination Cell',
        override: { reason: 'the cell accepts the risk' },
      });
      expect(moved.statusCode, moved.body).toBe(201);
      // France reads the decision and its evaluation, with nothing of Germany's incident.
      for (const url of ['/api/phases', '/api/notifications', '/api/audit?limit=500']) {
        const res = await h.get('fra-staff', url);
        expect(res.statusCode, url).toBeLessThan(500);
        expect(res.body, url).not.toContain(incidentId);
        expect(res.body, url).not.toContain('had 9 verified');
      }
      expect((await h.get('fra-staff', '/api/phases')).body).toContain('ceasefire_holding');
    });

    it('labels a response to such a breach as the breach', async () => {
      const breach = `quiet-7@1:${SOUTH}:${DAY}`;
      const res = await h.post('deu-staff', `/api/phases/breaches/${encodeURIComponent(breach)}/responses`, {
        rungId: 'joint-inspection',
        note: 'German patrols inspect',
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
      const rows = await sql<{ rel_kind: string; rel_nations: string[] }>`
        select rel_kind, rel_nations from breach_response where breach_id = ${breach}`.execute(h.database.db);
      expect(rows.rows).toEqual([{ rel_kind: 'NATIONAL', rel_nations: ['DEU'] }]);
      // France cannot respond to a breach it cannot see, and is told as for an unknown one.
      const hidden = await h.post(
        'fra-staff',
        `/api/phases/breaches/${encodeURIComponent(breach)}/responses`,
        {
          rungId: 'joint-inspection',
          note: 'probe',
        },
      );
      const unknown = await h.post(
        'fra-staff',
        `/api/phases/breaches/${encodeURIComponent(`${breach}-x`)}/responses`,
        {
          rungId: 'joint-inspection',
          note: 'probe',
        },
      );
      expect(hidden.statusCode).toBe(unknown.statusCode);
      expect(hidden.json().error.code).toBe(unknown.json().error.code);
    });
  });
}
