import { seedDemoZones } from '@guarantor/db';
import { seedPhases } from '@guarantor/db/phases';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

// Issue 21: a breach's proposed rung makes an action for each nation committed to it. The gate's
// re-evaluation runs as the owner (no row-level security), so the action must carry the
// breach's label, and a committed nation that label does not admit gets none.

const DAY = '2026-11-20';
const IN_BUFFER = [37.2, 47.811] as const;

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`breach responses make actions on ${engine.name}`, () => {
    let h: ApiHarness;

    beforeAll(async () => {
      const now = new Date(`${DAY}T12:00:00Z`);
      h = await openApiHarness(engine, {
        now,
        env: { MAIL_POLL_SECONDS: '0' },
        users: [
          ['deu-monitor', 'DEU', ['monitor']],
          ['deu-analyst', 'DEU', ['analyst']],
          ['deu-staff', 'DEU', ['cell_staff']],
          ['fra-staff', 'FRA', ['cell_staff']],
          ['usa-staff', 'USA', ['cell_staff']],
          ['gbr-liaison', 'GBR', ['liaison']],
        ],
      });
      await seedDemoZones(h.database.db, now);
      await seedPhases(h.database.db, now);
      expect((await h.post('fra-staff', '/api/phases/reevaluate')).statusCode).toBe(200);
    });
    afterAll(async () => {
      await h?.close();
    });

    it('gives each committed nation the label admits an action labelled as the breach, once', async () => {
      const start = Date.parse(`${DAY}T10:00:00Z`);
      const observations = ['deu-patrol-1', 'deu-camera-2'].map((id, i) => ({
        uid: `flare-up by ${id}`,
        source: { kind: i === 0 ? 'patrol' : 'camera', id, nation: 'DEU' },
        time: { startMs: start + i * 60_000, endMs: start + i * 60_000 + 120_000 },
        category: 'explosion_impact',
        count: 9,
        location: { kind: 'point', position: IN_BUFFER, radiusM: 200 },
        reportedAtMs: start + 600_000,
      }));
      const posted = await h.post('deu-monitor', '/api/observations', {
        releasability: 'REL TO DEU, FRA',
        observations,
      });
      expect(posted.json().accepted, posted.body).toBe(2);
      await h.app.monitoring.worker.settled();
      const incident = (await h.get('deu-analyst', '/api/incidents?limit=50'))
        .json()
        .incidents.find((i: { releasability: string }) => i.releasability === 'REL TO DEU, FRA');
      const verified = await h.post(
        'deu-analyst',
        `/api/incidents/${encodeURIComponent(incident.id)}/state`,
        {
          action: 'verify',
          reason: 'patrol and camera agree',
        },
      );
      expect(verified.statusCode, verified.body).toBe(200);
      expect((await h.post('deu-staff', '/api/phases/reevaluate')).statusCode).toBe(200);

      const breaches = (await h.get('fra-staff', '/api/phases/breaches')).json().breaches as {
        id: string;
        releasability: string;
        proposedRung: { nations: string[]; respondWithinHours: number } | null;
      }[];
      expect(breaches.length).toBeGreaterThan(0);
      const rungNations = new Set(breaches.flatMap((b) => b.proposedRung?.nations ?? []));
      expect(rungNations.has('FRA'), 'a rung France is committed to answers the breach').toBe(true);

      // France reads its actions, labelled as the breach; the USA and Britain are committed to
      // the rung too but may not read the breach, so they get none and see none.
      const fra = (await h.get('fra-staff', '/api/actions')).json().actions as {
        id: string;
        ownerNation: string;
        breachId: string;
        origin: string;
        releasability: string;
        dueAt: string;
        createdFrom: string;
      }[];
      const fromBreach = fra.filter((a) => a.origin === 'breach');
      expect(fromBreach.length).toBeGreaterThan(0);
      for (const a of fromBreach) {
        expect(a.releasability).toBe('REL TO DEU, FRA');
        expect(['DEU', 'FRA']).toContain(a.ownerNation);
        expect(a.createdFrom).toContain(a.breachId);
        const breach = breaches.find((b) => b.id === a.breachId)!;
        expect(Date.parse(a.dueAt)).toBe(
          Date.parse(`${DAY}T12:00:00Z`) + breach.proposedRung!.respondWithinHours * 3_600_000,
        );
      }
      // In the reader's words: the title from its parts, the detail from the breach's conditions.
      const english = fromBreach[0] as unknown as { id: string; title: string; detail: string };
      expect(english.title).toMatch(/: respond to the breach of rule \S+ in \S+ \(\d{4}-\d\d-\d\d\)$/);
      const uk = (
        await h.app.inject({
          method: 'GET',
          url: `/api/actions/${english.id}`,
          headers: { cookie: h.session('fra-staff').cookie, 'accept-language': 'uk' },
        })
      ).json() as { title: string; detail: string };
      expect(uk.title).toMatch(
        /: відреагувати на порушення правила \S+ у секторі \S+ \(\d+ [а-яі]+\.? \d{4}/,
      );
      expect(uk.detail).not.toMatch(/violations|limit|monitored/);
      expect(uk.detail).not.toBe(english.detail);
      for (const user of ['usa-staff', 'gbr-liaison']) {
        const res = await h.get(user, '/api/actions');
        expect(res.json().actions, user).toEqual([]);
        expect((await h.get(user, `/api/actions/${fromBreach[0]!.id}`)).statusCode).toBe(404);
        expect((await h.get(user, '/api/cell/notifications')).body).not.toContain(fromBreach[0]!.id);
      }
      const stored = await sql<{ owner_nation: string; rel_kind: string; rel_nations: string[] }>`
        select owner_nation, rel_kind, rel_nations from cell_action where origin = 'breach'`.execute(
        h.database.db,
      );
      expect(stored.rows.every((r) => r.rel_kind === 'REL' && r.rel_nations.join() === 'DEU,FRA')).toBe(true);
      expect(stored.rows.some((r) => r.owner_nation === 'USA' || r.owner_nation === 'GBR')).toBe(false);
      const audit = await sql<{ rel_kind: string }>`
        select rel_kind from audit_log where action = 'action.create' and entity = 'cell_action'`.execute(
        h.database.db,
      );
      expect(audit.rows.every((r) => r.rel_kind === 'REL')).toBe(true);

      // Re-evaluating again makes no second action.
      const before = stored.rows.length;
      expect((await h.post('deu-staff', '/api/phases/reevaluate')).statusCode).toBe(200);
      const after = await sql<{
        n: number;
      }>`select count(*)::int as n from cell_action where origin = 'breach'`.execute(h.database.db);
      expect(after.rows[0]?.n).toBe(before);
    });
  });
}
