import { createApiToken } from '@guarantor/db';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

// Issue 12, findings 2-4: a report is credited to who really sent it. Another nation cannot
// replace, move or hide it by re-sending its uid (takeover), cannot learn that a hidden uid is
// taken (oracle), and one account cannot corroborate itself by naming several sources (spoofing).

const NOW = new Date('2026-11-27T08:00:00Z');
const T = Date.parse('2026-11-26T06:00:00Z');
const MONITORS = { USA: 'usa-monitor', GBR: 'gbr-monitor', DEU: 'deu-monitor' } as const;
type Nation = keyof typeof MONITORS;

function report(uid: string, nation: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uid,
    source: { kind: 'patrol', id: `${nation.toLowerCase()}-patrol-1`, nation },
    time: { startMs: T, endMs: T + 60_000 },
    category: 'explosion_impact',
    count: 1,
    location: { kind: 'point', position: [36.2, 49.9], radiusM: 300 },
    reportedAtMs: T + 120_000,
    ...over,
  };
}

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`who really submitted a report, on ${engine.name}`, () => {
    let h: ApiHarness;
    const tokens = new Map<string, string>();

    beforeAll(async () => {
      h = await openApiHarness(engine, {
        now: NOW,
        users: [
          ['usa-monitor', 'USA', ['monitor']],
          ['gbr-monitor', 'GBR', ['monitor']],
          ['deu-monitor', 'DEU', ['monitor']],
          ['usa-analyst', 'USA', ['analyst']],
          ['gbr-analyst', 'GBR', ['analyst']],
          ['deu-analyst', 'DEU', ['analyst']],
        ],
      });
      const { id } = await h.database.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'usa-monitor')
        .executeTakeFirstOrThrow();
      const by = { actor: 'test', nation: null, at: NOW };
      for (const [name, kind, sourceId] of [
        ['camera', 'camera', 'usa-camera-1'],
        ['uav', 'uav', 'usa-uav-2'],
      ] as const) {
        tokens.set(name, await createApiToken(h.database.db, id, name, by, { kind, id: sourceId }));
      }
    });
    afterAll(async () => {
      await h?.close();
    });

    const post = (user: string, observations: unknown[], releasability?: string) =>
      h.post(user, '/api/observations', { observations, ...(releasability ? { releasability } : {}) });
    const postWithToken = (token: string, observations: unknown[]) =>
      h.app.inject({
        method: 'POST',
        url: '/api/observations',
        headers: { authorization: `Bearer ${tokens.get(token)}` },
        payload: { observations },
      });
    const incidents = async (user: string) =>
      (await h.get(user, '/api/incidents?limit=1000')).json().incidents as {
        id: string;
        state: string;
        independentSources: number;
        position: [number, number];
        releasability: string;
      }[];

    it('lets no other nation replace, move or hide a report by re-sending its uid', async () => {
      const first = await post('usa-monitor', [report('takeover-1', 'USA')]);
      expect(first.json().results[0].status).toBe('stored');
      const attack = await post(
        'deu-monitor',
        [
          report('takeover-1', 'DEU', {
            reportedAtMs: T + 999_000,
            location: { kind: 'point', position: [30, 50], radiusM: 10 },
          }),
        ],
        'NATIONAL DEU',
      );
      // Stored as Germany's own report: to Germany it looks exactly like a free uid.
      expect(attack.json().results[0]).toEqual({ index: 0, uid: 'takeover-1', status: 'stored' });
      await h.app.monitoring.worker.settled();
      const usa = (await incidents('usa-analyst')).find((i) => i.id === 'inc-takeover-1@USA');
      expect(usa, 'the US report and its incident are still there').toBeDefined();
      expect(usa!.position).toEqual([36.2, 49.9]);
      expect(usa!.releasability).toBe('COALITION');
      const rows = await sql<{ uid: string; submitter_nation: string; rel_kind: string }>`
        select uid, submitter_nation, rel_kind from observation where uid like 'takeover-1%' order by uid`.execute(
        h.database.db,
      );
      expect(rows.rows).toEqual([
        { uid: 'takeover-1@DEU', submitter_nation: 'DEU', rel_kind: 'NATIONAL' },
        { uid: 'takeover-1@USA', submitter_nation: 'USA', rel_kind: 'COALITION' },
      ]);
      // A resend by the owner still replaces its own report.
      const resend = await post('usa-monitor', [
        report('takeover-1', 'USA', { count: 4, reportedAtMs: T + 500_000 }),
      ]);
      expect(resend.json().results[0].status).toBe('replaced');
    });

    it('answers a uid held by a record the sender may not read exactly as a free one', async () => {
      // Far apart, so that fusion keeps them as three incidents.
      const at = (lng: number) => ({ location: { kind: 'point', position: [lng, 51.0], radiusM: 100 } });
      await post('usa-monitor', [report('probe-hidden', 'USA', at(24.0))], 'NATIONAL USA');
      const probe = await post('gbr-monitor', [
        report('probe-hidden', 'GBR', at(25.0)),
        report('probe-free', 'GBR', at(26.0)),
      ]);
      expect(probe.statusCode).toBe(200);
      const [hidden, free] = probe.json().results;
      expect({ ...hidden, uid: 'x', index: 0 }).toEqual({ ...free, uid: 'x', index: 0 });
      expect(hidden.status).toBe('stored');
      await h.app.monitoring.worker.settled();
      const ids = (await incidents('gbr-analyst')).map((i) => i.id);
      // Both incident ids have the same shape: nothing tells Britain that the US holds the uid.
      expect(ids).toContain('inc-probe-hidden@GBR');
      expect(ids).toContain('inc-probe-free@GBR');
      expect(JSON.stringify(ids)).not.toContain('probe-hidden@USA');
    });

    it('refuses a source of another nation, and a bound token reporting as another source', async () => {
      const foreign = await post('usa-monitor', [
        report('spoof-gbr', 'USA', { source: { kind: 'uav', id: 'gbr-uav-2', nation: 'GBR' } }),
        report('party-claim', 'USA', { source: { kind: 'party_claim', id: 'mod-briefing', nation: 'RUS' } }),
      ]);
      const [spoofed, claim] = foreign.json().results;
      expect(spoofed).toMatchObject({
        status: 'rejected',
        code: 'observation.source_not_yours',
        field: 'source.nation',
      });
      expect(spoofed.message).toMatch(
        /you report for United States of America; source gbr-uav-2 of United Kingdom/,
      );
      // A party's claim names the party, whoever files it.
      expect(claim.status).toBe('stored');
      const bound = await postWithToken('camera', [
        report('bound-wrong', 'USA', { source: { kind: 'uav', id: 'usa-uav-2', nation: 'USA' } }),
      ]);
      expect(bound.json().results[0]).toMatchObject({
        status: 'rejected',
        code: 'observation.source_not_yours',
        field: 'source.id',
      });
      expect(bound.json().results[0].message).toBe(
        "this API token reports only as camera 'usa-camera-1'; the report names uav 'usa-uav-2'",
      );
    });

    it('judges independence on who submitted: one account naming two sources never corroborates', async () => {
      const at = (lng: number) => ({ kind: 'point', position: [lng, 48.0], radiusM: 200 });
      // One account, a camera and a UAV of its own nation: one source.
      await post('usa-monitor', [
        report('one-account-a', 'USA', {
          source: { kind: 'camera', id: 'usa-camera-9', nation: 'USA' },
          location: at(35.0),
        }),
        report('one-account-b', 'USA', {
          source: { kind: 'uav', id: 'usa-uav-9', nation: 'USA' },
          location: at(35.0),
        }),
      ]);
      // Two devices with their own bound tokens: two sources.
      await postWithToken('camera', [
        report('two-tokens-a', 'USA', {
          source: { kind: 'camera', id: 'usa-camera-1', nation: 'USA' },
          location: at(35.5),
        }),
      ]);
      await postWithToken('uav', [
        report('two-tokens-b', 'USA', {
          source: { kind: 'uav', id: 'usa-uav-2', nation: 'USA' },
          location: at(35.5),
        }),
      ]);
      await h.app.monitoring.worker.settled();
      const all = await incidents('usa-analyst');
      expect(all.find((i) => i.id === 'inc-one-account-a@USA')).toMatchObject({
        state: 'reported',
        independentSources: 1,
      });
      expect(all.find((i) => i.id === 'inc-two-tokens-a@USA')).toMatchObject({
        state: 'corroborated',
        independentSources: 2,
      });
      const detail = (
        await h.get('usa-analyst', `/api/incidents/${encodeURIComponent('inc-one-account-a@USA')}`)
      ).json();
      expect(detail.explanation.join('\n')).toMatch(/one submitter \(user:usa-monitor\)/);
    });

    it('lets no sequence of submissions by several nations replace, hide or corroborate another nation’s report', async () => {
      let run = 0;
      const submission = fc.record({
        nation: fc.constantFrom<Nation>('USA', 'GBR', 'DEU'),
        uid: fc.integer({ min: 0, max: 3 }),
        source: fc.integer({ min: 0, max: 2 }),
        label: fc.constantFrom('COALITION', 'NATIONAL', 'REL'),
        reportedAtS: fc.integer({ min: 0, max: 5 }),
        count: fc.integer({ min: 1, max: 9 }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(submission, { minLength: 2, maxLength: 8 }), async (sequence) => {
          const prefix = `prop-${++run}-`;
          // What each nation sent last (newest report time) per uid: what it must read back.
          const expected = new Map<string, number>();
          for (const [k, s] of sequence.entries()) {
            const label =
              s.label === 'NATIONAL'
                ? `NATIONAL ${s.nation}`
                : s.label === 'REL'
                  ? `REL TO ${s.nation}, UKR`
                  : 'COALITION';
            const res = await post(
              MONITORS[s.nation],
              [
                report(`${prefix}${s.uid}`, s.nation, {
                  // Everyone reports the same spot at the same time: fusion joins them all.
                  source: { kind: 'patrol', id: `${s.nation}-patrol-${s.source}`, nation: s.nation },
                  reportedAtMs: T + s.reportedAtS * 1000,
                  count: s.count,
                  location: { kind: 'point', position: [20 + run * 0.3, 44], radiusM: 100 },
                }),
              ],
              label,
            );
            expect(res.statusCode).toBe(200);
            expect(res.json().results[0].status).not.toBe('rejected');
            const key = `${s.uid}@${s.nation}`;
            const before = expected.get(key);
            if (before === undefined || s.reportedAtS > sequence[before]!.reportedAtS) expected.set(key, k);
          }
          // Each nation reads back exactly its own newest reports, whatever the others sent.
          const rows = await sql<{ uid: string; count: string; submitter_nation: string }>`
            select uid, count, submitter_nation from observation where uid like ${`${prefix}%`}`.execute(
            h.database.db,
          );
          const stored = new Map(rows.rows.map((r) => [r.uid, r]));
          expect(stored.size).toBe(expected.size);
          for (const [key, k] of expected) {
            const s = sequence[k]!;
            const row = stored.get(`${prefix}${key}`);
            expect(row?.submitter_nation).toBe(s.nation);
            expect(Number(row?.count)).toBe(s.count);
          }
          // Corroboration needs two nations here: each nation is one account.
          await h.app.monitoring.worker.settled();
          const nations = new Set(sequence.map((s) => s.nation));
          const incs = await sql<{ state: string; independent_sources: number }>`
            select i.state, i.independent_sources from incident i
            where i.merged_into is null and exists (
              select 1 from incident_observation io
              where io.observation_uid like ${`${prefix}%`} and io.incident_id = i.id)`.execute(
            h.database.db,
          );
          for (const i of incs.rows) expect(Number(i.independent_sources)).toBeLessThanOrEqual(nations.size);
        }),
        { numRuns: 25 },
      );
    });
  });
}
