/**
 * Runs and stores a sustainment plan (issue 19): the work of `POST /api/sustainment-plans`,
 * shared with `guarantor sustainment plan`. Reads what the reader may see (the database owner,
 * everything, when no reader is given), plans from the records releasable to the audience (if
 * one is named), stores the plan with the meet of its inputs' labels and its audit entry.
 */
import { formatReleasability, type Releasability } from '@guarantor/core/access';
import { planSustainment, planSustainmentGreedy } from '@guarantor/core/planning';
import {
  asReader,
  type Database,
  getSustainmentPlan,
  holdBackCommitted,
  insertSustainmentPlan,
  listRotations,
  listTimelines,
  meetAll,
  type PlanningActor,
  planInputOf,
  type ReaderContext,
  readPlanningWorld,
  type SustainmentPlanRecord,
} from '@guarantor/db';
import type { Kysely, Transaction } from 'kysely';
import { covers, forAudience } from '../routes/planning/views.ts';

/** A run's settings, defaults applied. */
export interface SustainmentRunSettings {
  readonly title: string;
  readonly method: 'optimal' | 'greedy';
  readonly horizonStart: string;
  readonly horizonMonths: number;
  readonly overlapDays: number;
  readonly assumeRenewal: boolean;
  readonly timeLimitS: number;
  readonly audience?: Releasability | undefined;
}

/** Computes a plan from what `reader` may see (everything when null) and stores it; returns it as stored. */
export async function runSustainmentPlan(
  db: Kysely<Database>,
  reader: ReaderContext | null,
  run: SustainmentRunSettings,
  by: PlanningActor,
): Promise<SustainmentPlanRecord> {
  const as = <T>(work: (trx: Transaction<Database>) => Promise<T>) =>
    reader ? asReader(db, reader, work) : db.transaction().execute(work);
  const read = await as(async (trx) => ({
    world: await readPlanningWorld(trx, by.at.getTime()),
    rotations: await listRotations(trx),
    timelines: await listTimelines(trx),
  }));
  const audience = run.audience;
  const { world, left } = forAudience(read.world, audience);
  const label =
    audience ??
    meetAll([
      ...world.snapshot.offers.map((o) => world.labels.get(`offer:${o.id}`)!),
      ...world.snapshot.requirements.map((x) => world.labels.get(`requirement:${x.id}`)!),
    ]);
  const held = holdBackCommitted(
    world.snapshot,
    world.commitments,
    (c) => covers(c.label, label),
    world.unseenCommitments,
  );
  const offerIds = new Set(held.snapshot.offers.map((o) => o.id));
  const input = {
    ...held.snapshot,
    horizon: { start: run.horizonStart, months: run.horizonMonths },
    rotations: Object.fromEntries(
      read.rotations
        .filter((x) => offerIds.has(x.offerId))
        .map(({ offerId, version: _v, updatedAt: _a, updatedBy: _b, ...rotation }) => [offerId, rotation]),
    ),
    timelines: Object.fromEntries(
      read.timelines.map(({ requirementId, version: _v, updatedAt: _a, updatedBy: _b, ...t }) => [
        requirementId,
        t,
      ]),
    ),
  };
  const options = {
    overlapDays: run.overlapDays,
    assumeRenewal: run.assumeRenewal,
    timeLimitS: run.timeLimitS,
    clock: () => performance.now(),
  };
  const sustainmentInput = {
    base: planInputOf(held.snapshot),
    horizon: input.horizon,
    rotations: input.rotations,
    timelines: input.timelines,
  };
  const result =
    run.method === 'greedy'
      ? planSustainmentGreedy(sustainmentInput, options)
      : await planSustainment(sustainmentInput, options);
  return as(async (trx) => {
    const summary = await insertSustainmentPlan(
      trx,
      {
        title: run.title,
        options: {
          audience: audience ? formatReleasability(audience) : null,
          overlapDays: run.overlapDays,
          assumeRenewal: run.assumeRenewal,
          timeLimitS: run.timeLimitS,
        },
        input,
        result: {
          ...result,
          notes: [
            ...result.notes,
            ...(left.length > 0
              ? [`not releasable to ${formatReleasability(label)}, left out: ${left.join(', ')}`]
              : []),
            ...held.notes,
          ],
        },
        label,
      },
      by,
    );
    return (await getSustainmentPlan(trx, summary.id))!;
  });
}
