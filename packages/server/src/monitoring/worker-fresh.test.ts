/**
 * Fusion takes what intake in its own process stored from memory (FreshObservations,
 * docs/adr/0060-fusion-takes-what-intake-stored.md) and reads the rest from the database. The
 * incidents must be the same either way: a database fused from memory is compared row by row
 * with one fused from the tables, over reports stored with and without the hand-over, a report
 * replaced by a newer version before fusion ran, and a store whose transaction rolled back.
 */
import type { Observation } from '@guarantor/core/monitoring';
import { asReader, FreshObservations, type GuarantorDatabase, storeObservations } from '@guarantor/db';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testEngines } from '../../../../test/support/databases.ts';
import { FusionWorker } from './worker.ts';

const T = Date.parse('2026-11-26T06:00:00Z');

function report(i: number, overrides: Partial<Observation> = {}): Observation {
  const event = Math.floor(i / 3);
  return {
    uid: `fresh-${String(i).padStart(3, '0')}`,
    source: { kind: (['patrol', 'camera', 'acoustic'] as const)[i % 3]!, id: `src-${i % 3}`, nation: 'USA' },
    time: { startMs: T + event * 600_000, endMs: T + event * 600_000 + 60_000 },
    category: 'explosion_impact',
    count: 1 + (i % 4),
    location: { kind: 'point', position: [37.5 + event * 0.05, 48.1 + (i % 3) * 0.0004], radiusM: 150 },
    reportedAtMs: T + 3_600_000,
    ...overrides,
  } as Observation;
}

const store = (database: GuarantorDatabase, reports: readonly Observation[], fresh?: FreshObservations) =>
  asReader(database.db, { nation: 'USA', coalitionMember: true }, (trx) =>
    storeObservations(
      trx,
      reports.map((observation) => ({
        observation,
        label: { kind: 'COALITION' } as const,
        submittedBy: 'test',
        submitterNation: 'USA',
      })),
      fresh,
    ),
  );

/** Everything fusion wrote that a reader sees, in a stable order. */
async function written(database: GuarantorDatabase) {
  const incidents = await sql`
    select id, category, fusion_state, state, observation_count, count_best, confidence, independent_sources,
      explanation, rel_kind, rel_nations, merged_into, st_astext(geom) as geom
    from incident order by id`.execute(database.db);
  const members = await sql<{ observation_uid: string }>`
    select observation_uid, incident_id, via_uid, rule from incident_observation order by observation_uid`.execute(
    database.db,
  );
  return { incidents: incidents.rows, members: members.rows };
}

describe('FreshObservations', () => {
  it('gives a version once, and forgets the oldest when too many or too old', () => {
    let now = 0;
    const fresh = new FreshObservations(() => now);
    const label = { rel_kind: 'COALITION' as const, rel_nations: [] };
    // Held only while asked to (the worker leads).
    fresh.remember('a@USA', 1, { raw: report(0), label });
    expect(fresh.size).toBe(0);
    fresh.hold(true);
    fresh.remember('a@USA', 1, { raw: report(0), label });
    expect(fresh.take('a@USA', 2)).toBeUndefined();
    expect(fresh.take('a@USA', 1)?.raw.uid).toBe('fresh-000');
    expect(fresh.take('a@USA', 1)).toBeUndefined();
    fresh.remember('b@USA', 2, { raw: report(1), label });
    now = 61_000;
    fresh.remember('c@USA', 3, { raw: report(2), label });
    expect(fresh.take('b@USA', 2)).toBeUndefined();
    expect(fresh.size).toBe(1);
    for (let i = 0; i < 100_005; i++) fresh.remember(`d${i}@USA`, 10 + i, { raw: report(3), label });
    expect(fresh.size).toBe(100_000);
    expect(fresh.take('c@USA', 3)).toBeUndefined();
    expect(fresh.take('d4@USA', 14)).toBeUndefined();
    expect(fresh.take('d5@USA', 15)).toBeDefined();
    fresh.hold(false);
    expect(fresh.size).toBe(0);
  });
});

const engines = await testEngines();
for (const engine of engines) {
  describe.skipIf(engine.skip)(`fusion from what intake stored, on ${engine.name}`, () => {
    it('writes the same incidents as fusion that reads every report from the tables', async () => {
      const clock = { now: () => new Date(T + 7_200_000) };
      const results = [];
      for (const handOver of [true, false]) {
        const database = await engine.open();
        const worker = new FusionWorker(database, clock, Fastify().log, 50);
        const fresh = handOver ? worker.fresh : undefined;
        try {
          // The worker leads (it holds what intake stores only then) before anything is stored.
          worker.start();
          await worker.settled();
          expect(worker.fresh.size).toBe(0);
          // Stored by this process (in memory), and by "another instance" (only in the tables).
          await store(
            database,
            Array.from({ length: 30 }, (_, i) => report(i)),
            fresh,
          );
          await store(
            database,
            Array.from({ length: 15 }, (_, i) => report(30 + i)),
          );
          // Replaced before fusion ran: the first version must not be fused, wherever it sits.
          await store(database, [report(45)], fresh);
          await store(
            database,
            [report(45, { reportedAtMs: T + 3_700_000, category: 'explosion_airburst' })],
            fresh,
          );
          // A store that rolled back leaves entries in memory that no queued version names.
          await database.db
            .transaction()
            .execute(async (trx) => {
              await storeObservations(
                trx,
                [
                  {
                    observation: report(46),
                    label: { kind: 'COALITION' },
                    submittedBy: 'test',
                    submitterNation: 'USA',
                  },
                ],
                fresh,
              );
              throw new Error('rolled back');
            })
            .catch(() => undefined);
          worker.wake();
          await worker.settled();
          if (handOver) {
            // Left: the rolled-back store's entry, which no queued row names, and the replaced
            // first version unless fusion took it before its replacement came (the worker runs
            // while the reports are stored). The other 31 were taken.
            expect(worker.fresh.size).toBeGreaterThanOrEqual(1);
            expect(worker.fresh.size).toBeLessThanOrEqual(2);
          }
          const unfused = await sql<{
            n: number;
          }>`select count(*)::int as n from observation_unfused`.execute(database.db);
          expect(unfused.rows[0]!.n).toBe(0);
          results.push(await written(database));
        } finally {
          await worker.stop();
          await database.close();
        }
      }
      const [fromMemory, fromTables] = results;
      expect(fromMemory!.incidents.length).toBeGreaterThan(10);
      expect(fromMemory!.members).toHaveLength(46);
      expect(fromMemory!.members.find((m) => m.observation_uid === 'fresh-045@USA')).toBeDefined();
      expect(fromMemory).toEqual(fromTables);
    });
  });
}
