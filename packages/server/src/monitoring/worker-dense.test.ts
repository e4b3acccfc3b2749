/**
 * A dense burst (hundreds of reports of one place) fused over several steps: the worker
 * writes only the new members' rows of an incident above JOIN_TREE_LIMIT (docs/adr/0023), so
 * every observation must still end in one membership row of the one incident, with no join
 * recorded, and a restarted worker (rebuilding from the tables) must find nothing to repair.
 */
import {
  type AccountLine,
  accountInWords,
  JOIN_TREE_LIMIT,
  type Observation,
} from '@guarantor/core/monitoring';
import { asReader, storeObservations } from '@guarantor/db';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testEngines } from '../../../../test/support/databases.ts';
import { FusionWorker } from './worker.ts';

const T = Date.parse('2026-11-26T06:00:00Z');

function report(i: number): Observation {
  return {
    uid: `dense-${String(i).padStart(4, '0')}`,
    source: { kind: 'patrol', id: `patrol-${i % 7}`, nation: 'USA' },
    time: { startMs: T + (i % 30) * 1000, endMs: T + (i % 30) * 1000 + 60_000 },
    category: 'explosion_impact',
    count: 1,
    location: { kind: 'point', position: [38 + (i % 10) * 0.0003, 48.6 + (i % 13) * 0.0002], radiusM: 100 },
    reportedAtMs: T + 120_000,
  } as Observation;
}

const store = (database: Awaited<ReturnType<(typeof engines)[number]['open']>>, from: number, to: number) =>
  asReader(database.db, { nation: 'USA', coalitionMember: true }, (trx) =>
    storeObservations(
      trx,
      Array.from({ length: to - from }, (_, k) => ({
        observation: report(from + k),
        label: { kind: 'COALITION' } as const,
        submittedBy: 'test',
        submitterNation: 'USA',
      })),
    ),
  );

const engines = await testEngines();
for (const engine of engines) {
  describe.skipIf(engine.skip)(`the fusion worker on a dense burst on ${engine.name}`, () => {
    it('writes every member of a huge incident once, across steps, and a restart repairs nothing', async () => {
      const database = await engine.open();
      const clock = { now: () => new Date(T + 3_600_000) };
      const total = JOIN_TREE_LIMIT + 300;
      let worker = new FusionWorker(database, clock, Fastify().log, 50);
      try {
        worker.start();
        // Three batches, each fused before the next: the incident grows past the limit.
        for (const [from, to] of [
          [0, 200],
          [200, JOIN_TREE_LIMIT + 100],
          [JOIN_TREE_LIMIT + 100, total],
        ] as const) {
          await store(database, from, to);
          worker.wake();
          await worker.settled();
        }
        const members = await sql<{ incident_id: string; n: number; via: number }>`
          select incident_id, count(*)::int as n, count(via_uid)::int as via
          from incident_observation group by incident_id`.execute(database.db);
        expect(members.rows).toEqual([{ incident_id: 'inc-dense-0000@USA', n: total, via: 0 }]);
        const incident = await sql<{ observation_count: number; explanation: AccountLine[] }>`
          select observation_count, explanation from incident where merged_into is null`.execute(database.db);
        expect(incident.rows).toHaveLength(1);
        expect(incident.rows[0]!.observation_count).toBe(total);
        expect(accountInWords(incident.rows[0]!.explanation).join('\n')).toContain(
          `listed only up to ${JOIN_TREE_LIMIT}`,
        );
        expect(worker.status.lagMs).toBe(0);

        await worker.stop();
        const before = await sql<{
          version: number;
        }>`select version from incident where id = 'inc-dense-0000@USA'`.execute(database.db);
        worker = new FusionWorker(database, clock, Fastify().log, 50);
        worker.start();
        await worker.settled();
        const after = await sql<{
          version: number;
        }>`select version from incident where id = 'inc-dense-0000@USA'`.execute(database.db);
        expect(after.rows).toEqual(before.rows);
      } finally {
        await worker.stop();
        await database.close();
      }
    });
  });
}
