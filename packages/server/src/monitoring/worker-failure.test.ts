/**
 * A fusion step whose incident write fails (as it does when the database restarts mid-step)
 * must not leave the worker's in-memory engine ahead of the tables: once the database
 * accepts writes again, every observation is in a written incident. The first step reads two
 * of the three observations, a backlog: on PostgreSQL the second step reads and fuses while
 * the first one's write is still committing, and learns of its failure before writing its own
 * (docs/adr/0054-fusion-queue-and-pipelined-writes.md). While the writes fail, the worker
 * says how far behind fusion is.
 */
import type { Observation } from '@guarantor/core/monitoring';
import { asReader, storeObservations } from '@guarantor/db';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testEngines } from '../../../../test/support/databases.ts';
import { waitFor } from '../../../../test/support/patience.ts';
import { FusionWorker } from './worker.ts';

const T = Date.parse('2026-11-26T06:00:00Z');

function observation(uid: string, kind: 'patrol' | 'camera', dx: number): Observation {
  return {
    uid,
    source: { kind, id: `${kind}-1`, nation: 'USA' },
    time: { startMs: T, endMs: T + 60_000 },
    category: 'explosion_impact',
    count: 1,
    location: { kind: 'point', position: [38 + dx, 48.6], radiusM: 300 },
    reportedAtMs: T + 120_000,
  } as Observation;
}

for (const engine of await testEngines()) {
  describe.skipIf(engine.skip)(`the fusion worker after a failed write on ${engine.name}`, () => {
    it('writes the incidents of the failed step once the database accepts writes again', async () => {
      const database = await engine.open();
      const worker = new FusionWorker(database, { now: () => new Date(T + 3_600_000) }, Fastify().log, 50, 2);
      try {
        const items = [
          observation('wf-a1', 'patrol', 0),
          observation('wf-a2', 'camera', 0.0005),
          observation('wf-b1', 'patrol', 0.5),
        ].map((o) => ({
          observation: o,
          label: { kind: 'COALITION' } as const,
          submittedBy: 'test',
          submitterNation: 'USA',
        }));
        await asReader(database.db, { nation: 'USA', coalitionMember: true }, (trx) =>
          storeObservations(trx, items),
        );
        // Every incident write fails until the trigger is dropped.
        await sql`create function wf_refuse() returns trigger language plpgsql as
                    $$ begin raise exception 'injected: incident writes refused'; end $$`.execute(
          database.db,
        );
        await sql`create trigger wf_refuse before insert or update on incident
                    for each row execute function wf_refuse()`.execute(database.db);
        worker.start();
        await waitFor('a failed step', () => worker.status.lastError?.includes('injected') === true);
        // Intake goes on while fusion fails: /readyz and the header say how far behind it is,
        // between attempts too (the worker stands by, then leads again).
        worker.wake();
        await waitFor('fusion said to be behind', () => worker.status.lagMs > 0);
        await sql`drop trigger wf_refuse on incident`.execute(database.db);
        await waitFor('every observation fused', async () => {
          const r = await sql<{
            n: number;
          }>`select count(*)::int as n from observation_unfused`.execute(database.db);
          return r.rows[0]!.n === 0;
        });
        await worker.settled();
        expect(worker.status.lagMs).toBe(0);
        const members = await sql<{ observation_uid: string; incident_id: string }>`
          select observation_uid, incident_id from incident_observation order by observation_uid`.execute(
          database.db,
        );
        expect(members.rows).toEqual([
          { observation_uid: 'wf-a1@USA', incident_id: 'inc-wf-a1@USA' },
          { observation_uid: 'wf-a2@USA', incident_id: 'inc-wf-a1@USA' },
          { observation_uid: 'wf-b1@USA', incident_id: 'inc-wf-b1@USA' },
        ]);
      } finally {
        await worker.stop();
        await database.close();
      }
    });
  });
}
