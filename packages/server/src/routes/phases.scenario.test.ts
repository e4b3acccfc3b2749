/**
 * Thirty days of synthetic monitoring replayed end to end through the API, on the demo zones:
 *
 * - monitors POST observations (`/api/observations`): a US patrol and a French camera report the
 *   same explosions inside the 15 km buffer zone of a sector, so fusion corroborates them; the
 *   quiet sectors get a daily "nothing to report" patrol, so every sector is monitored;
 * - the fusion worker fuses them (`app.monitoring.worker.settled()`, what the monitoring tests
 *   wait on);
 * - an analyst lists the day's corroborated explosions (`GET /api/incidents`) and verifies them
 *   (`POST /api/incidents/:id/state`), except one left for review;
 * - the gate reads per-sector daily facts from the zones code (violation rules over incidents
 *   and sectors, `monitoringSectorFacts`), is re-evaluated (`POST /api/phases/reevaluate`, as the
 *   trigger would), and the cell tries the next phase and issues what it can.
 *
 * Fighting ends on 1 November (40 explosions in every sector), calm follows (1 to 3 verified
 * explosions a day in two sectors, below the limit of 5), Donetsk South flares up on 16 November
 * (9 verified explosions), then recovers. The test pins the day each gate opens and closes, and
 * which orders become issuable when.
 */
import { addDays } from '@guarantor/core/phases';
import { seedDemoZones } from '@guarantor/db';
import { seedPhases } from '@guarantor/db/phases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, openApiHarness } from '../../../../test/support/api.ts';
import { testEngines } from '../../../../test/support/databases.ts';

const FIRST = '2026-11-01';
const NORTH = 'sector-north-kharkiv';
const LDN = 'sector-luhansk-donetsk-north';
const SOUTH = 'sector-donetsk-south';
const ZAP = 'sector-zaporizhzhia';
const KHERSON = 'sector-kherson-dnipro';
const SECTORS = [NORTH, LDN, SOUTH, ZAP, KHERSON];

/** Inside each demo sector AND the 15 km buffer zone: an explosion here breaks 'fire-in-buffer'. */
const IN_BUFFER: Record<string, readonly [number, number]> = {
  [NORTH]: [37.534, 49.37],
  [LDN]: [37.986, 48.7],
  [SOUTH]: [37.2, 47.811],
  [ZAP]: [35.7, 47.588],
  [KHERSON]: [33.226, 46.875],
};
/** Inside each demo sector, outside every buffer and withdrawal zone: a patrol's presence. */
const AWAY: Record<string, readonly [number, number]> = {
  [NORTH]: [36.634, 49.72],
  [LDN]: [37.086, 48.95],
  [SOUTH]: [37.95, 47.711],
  [ZAP]: [35.65, 48.238],
  [KHERSON]: [32.976, 46.225],
};
const PATROL = { kind: 'patrol', id: 'usa-patrol-7', nation: 'USA' };
const CAMERA = { kind: 'camera', id: 'fra-camera-3', nation: 'FRA' };

type Seen = {
  uid: string;
  sector: string;
  hour: number;
  count: number;
  category?: string;
  sources: readonly (typeof PATROL)[];
  at?: readonly [number, number];
};

/** What monitors report on day `d` (0 = 1 November). */
function reportsOf(day: string, d: number): Seen[] {
  const out: Seen[] = [];
  const both = [PATROL, CAMERA];
  if (d === 0)
    for (const s of SECTORS)
      out.push({ uid: `${s} last shelling`, sector: s, hour: 4, count: 40, sources: both });
  // Calm: 1 to 3 explosions a day in two sectors, seen by both sources, below the limit of 5.
  if (d > 0) {
    out.push({ uid: `${LDN} ${day}`, sector: LDN, hour: 10, count: 1 + (d % 3), sources: both });
    out.push({ uid: `${SOUTH} ${day}`, sector: SOUTH, hour: 11, count: 1 + ((d + 1) % 3), sources: both });
  }
  // A single patrol's report of bursts, never corroborated nor verified: counts only at 'all'.
  if (d % 4 === 2)
    out.push({
      uid: `${SOUTH} ${day} rumour`,
      sector: SOUTH,
      hour: 20,
      count: 9,
      sources: [PATROL],
      category: 'burst_and_shots',
    });
  // Corroborated but left for review by the analyst: must not count against the verified rules.
  if (day === '2026-11-12')
    out.push({ uid: `${LDN} ${day} unreviewed`, sector: LDN, hour: 15, count: 7, sources: both });
  if (day === '2026-11-16')
    out.push({ uid: `${SOUTH} flare-up`, sector: SOUTH, hour: 14, count: 9, sources: both });
  // The sectors without explosions are patrolled every day all the same (coverage).
  for (const s of [NORTH, ZAP, KHERSON])
    out.push({
      uid: `${s} ${day} patrol`,
      sector: s,
      hour: 9,
      count: 1,
      sources: [PATROL],
      category: 'other',
      at: AWAY[s],
    });
  return out;
}

function observationsOf(day: string, seen: readonly Seen[]): unknown[] {
  return seen.flatMap((x) =>
    x.sources.map((source, i) => {
      const start = Date.parse(`${day}T${String(x.hour).padStart(2, '0')}:00:00Z`) + i * 60_000;
      return {
        uid: `${x.uid} by ${source.id}`,
        source,
        time: { startMs: start, endMs: start + 120_000 },
        category: x.category ?? 'explosion_impact',
        count: x.count,
        location: { kind: 'point', position: x.at ?? IN_BUFFER[x.sector], radiusM: 200 },
        reportedAtMs: start + 300_000,
        ...(x.category === 'other' ? { remarks: 'routine patrol, nothing to report' } : {}),
      };
    }),
  );
}

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(
    `a 30-day ceasefire replayed through monitoring and the API, on ${engine.name}`,
    () => {
      let h: ApiHarness;

      beforeAll(async () => {
        const now = new Date(`${FIRST}T18:00:00Z`);
        h = await openApiHarness(engine, {
          now,
          users: [
            ['fra-staff', 'FRA', ['cell_staff', 'liaison']],
            ['usa-monitor', 'USA', ['monitor']],
            ['fra-monitor', 'FRA', ['monitor']],
            ['fra-analyst', 'FRA', ['analyst']],
          ],
          env: { SESSION_TTL_HOURS: '720' },
        });
        await seedDemoZones(h.database.db, now);
        await seedPhases(h.database.db, now);
      });
      afterAll(async () => {
        await h?.close();
      });

      // An order's region must lie in its sector: Donetsk oblast for the Donbas sectors, Kharkiv oblast in the north.
      const draft = async (sector: string) => {
        const res = await h.post('fra-staff', '/api/orders', {
          offerId: 'USA-1',
          quantity: 2,
          regionCode: sector === NORTH ? 'UA-63' : 'UA-14',
          lineOfEffort: 'truce_monitoring',
          sector,
        });
        expect(res.statusCode, res.body).toBe(201);
        return res.json() as { id: string; state: string };
      };

      // Thirty days of intake, fusion and re-evaluation: bounded by the work, not by a quiet machine.
      it('opens and closes the gates on the exact days, and tells the cell which orders became issuable', async () => {
        const started = Date.now();
        const entered: Record<string, string> = {};
        const gateOpen: string[] = [];
        const south: Record<string, string> = {};
        const issuable: { day: string; order: string; because: string[] }[] = [];
        const orders: Record<string, { id: string; state: string }> = {};
        let observations = 0;
        let verified = 0;
        for (let d = 0; d < 30; d++) {
          const day = addDays(FIRST, d);
          h.setNow(new Date(`${day}T18:00:00Z`));

          const batch = observationsOf(day, reportsOf(day, d));
          // Each nation's monitor files its own sources' reports.
          for (const nation of ['USA', 'FRA']) {
            const mine = batch.filter((o) => (o as { source: { nation: string } }).source.nation === nation);
            const posted = await h.post(`${nation.toLowerCase()}-monitor`, '/api/observations', {
              observations: mine,
            });
            expect(posted.statusCode, posted.body).toBe(200);
            expect(posted.json().rejected, posted.body).toBe(0);
          }
          observations += batch.length;
          await h.app.monitoring.worker.settled();

          const list = await h.get(
            'fra-analyst',
            `/api/incidents?state=corroborated&category=explosion_impact&from=${day}T00:00:00Z&to=${day}T23:59:59Z&limit=1000`,
          );
          expect(list.statusCode, list.body).toBe(200);
          for (const incident of list.json().incidents as { id: string; version: number }[]) {
            if (incident.id.includes('unreviewed')) continue;
            const res = await h.post(
              'fra-analyst',
              `/api/incidents/${encodeURIComponent(incident.id)}/state`,
              {
                action: 'verify',
                version: incident.version,
                reason: 'patrol and camera agree',
              },
            );
            expect(res.statusCode, res.body).toBe(200);
            verified++;
          }

          const re = await h.post('fra-staff', '/api/phases/reevaluate');
          expect(re.statusCode, re.body).toBe(200);
          for (const n of re.json().newlyIssuable)
            issuable.push({ day, order: n.orderId, because: n.because });
          if (d === 1) {
            orders.ldn = await draft(LDN);
            orders.south = await draft(SOUTH);
          }
          if (day === '2026-11-20') orders.north = await draft(NORTH);

          const phase = (await h.get('fra-staff', '/api/phases')).json().phase as string;
          const next =
            phase === 'ceasefire_agreed'
              ? 'ceasefire_holding'
              : phase === 'ceasefire_holding'
                ? 'force_deploying'
                : null;
          if (next) {
            const moved = await h.post('fra-staff', '/api/phases/transitions', {
              target: next,
              authority: 'Coordination Cell',
            });
            if (moved.statusCode === 201) {
              entered[next] = day;
              const notices = (await h.get('fra-staff', '/api/notifications')).json().notifications as {
                kind: string;
                orderId: string;
                reasons: string[];
                at: string;
              }[];
              for (const n of notices.filter(
                (x) =>
                  x.kind === 'order_issuable' &&
                  x.at.startsWith(day) &&
                  !issuable.some((i) => i.order === x.orderId && i.day === day),
              ))
                issuable.push({ day, order: n.orderId, because: n.reasons });
            } else {
              expect(moved.json().error.code, moved.body).toBe('phase.gate_closed');
            }
          }
          // The cell issues the Luhansk–Donetsk North order the day it can.
          if (orders.ldn && !orders.ldn.state.startsWith('issued')) {
            const res = await h.post('fra-staff', `/api/orders/${orders.ldn.id}/issue`);
            if (res.statusCode === 200) orders.ldn = { ...orders.ldn, state: `issued ${day}` };
          }
          const gate = (await h.get('fra-staff', '/api/phases/deployment-gate')).json();
          if (gate.open) gateOpen.push(day);
          const board = (await h.get('fra-staff', '/api/phases/sectors')).json();
          south[day] = board.sectors.find((s: { sector: string }) => s.sector === SOUTH).status;
        }
        console.info(
          `${engine.name}: 30 days, ${observations} observations, ${verified} incidents verified, ${Date.now() - started} ms`,
        );

        // quiet-7 first holds 7 days after the last shelling; quiet-14 (and coverage) 14 days after.
        expect(entered).toEqual({ ceasefire_holding: '2026-11-08', force_deploying: '2026-11-15' });
        // The deployment gate: open on 15 Nov, shut by the flare-up in Donetsk South on 16 Nov, open
        // again when the sector has had 14 quiet days (30 Nov).
        expect(gateOpen).toEqual(['2026-11-15', '2026-11-30']);
        expect(south['2026-11-15']).toBe('holding');
        expect(south['2026-11-16']).toBe('broken');
        expect(south['2026-11-22']).toBe('broken');
        expect(south['2026-11-23']).toBe('fragile');
        expect(south['2026-11-29']).toBe('fragile');
        expect(south['2026-11-30']).toBe('holding');

        expect(orders.ldn!.state).toBe('issued 2026-11-15');
        expect(issuable).toEqual([
          { day: '2026-11-15', order: orders.ldn!.id, because: ['phase is now force_deploying'] },
          { day: '2026-11-15', order: orders.south!.id, because: ['phase is now force_deploying'] },
          { day: '2026-11-30', order: orders.south!.id, because: [`sector ${SOUTH} is now holding`] },
        ]);
        // Drafted while its sector held and the phase allowed it: issuable at once, no notice needed.
        expect(orders.north!.state).toBe('draft');

        const breaches = (await h.get('fra-staff', '/api/phases/breaches')).json().breaches as {
          id: string;
          incidentIds: string[];
          proposedRung: { id: string } | null;
        }[];
        expect(breaches.map((b) => b.id).sort()).toEqual([
          `quiet-14@1:${SOUTH}:2026-11-16`,
          `quiet-7@1:${SOUTH}:2026-11-16`,
        ]);
        // The breach names the breaking day's verified incidents in the sector, as fusion made them
        // of the patrol's and the camera's reports: that day's calm report and the flare-up.
        expect([...breaches[0]!.incidentIds].sort()).toEqual([
          `inc-${SOUTH} 2026-11-16 by fra-camera-3@FRA`,
          `inc-${SOUTH} flare-up by fra-camera-3@FRA`,
        ]);
        expect(breaches.every((b) => b.proposedRung?.id === 'joint-inspection')).toBe(true);
      }, 900_000);
    },
  );
}
