/**
 * Which monitoring sources were active, degraded or down each day.
 */
import { addDays, type IsoDate } from '@guarantor/core/phases';
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit.ts';
import type { Database, Labelled } from '../schema.ts';
import { type Db, dayStart, type ZoneActor } from './common.ts';

/** A source's state on a day, from a status record or from its observations. */
export interface SourceDayStatus {
  readonly sourceId: string;
  readonly sourceKind: string;
  readonly status: 'active' | 'degraded' | 'down';
  /** Sectors the status applies to; empty = all the source covers. */
  readonly sectors: readonly string[];
  readonly note: string | null;
  /** Observations it filed that day that the reader may see. */
  readonly observations: number;
}

/** Records a source's state on a day (replacing an earlier record for that source and day). */
export async function recordSourceStatus(
  trx: Transaction<Database>,
  entry: Omit<SourceDayStatus, 'observations'> & { readonly day: IsoDate },
  options: { readonly actor: ZoneActor; readonly at: Date; readonly label?: Labelled },
): Promise<void> {
  const label = options.label ?? { rel_kind: 'COALITION' as const, rel_nations: [] };
  const row = {
    day: entry.day,
    source_id: entry.sourceId,
    source_kind: entry.sourceKind,
    status: entry.status,
    sectors: [...entry.sectors],
    note: entry.note,
    recorded_by: options.actor.username,
    recorded_at: options.at,
    ...label,
  };
  await trx
    .insertInto('source_status')
    .values(row)
    .onConflict((oc) => oc.columns(['day', 'source_id']).doUpdateSet(row))
    .execute();
  await appendAudit(trx, {
    actor: options.actor.username,
    nation: options.actor.nation,
    action: 'source_status.record',
    entity: 'source_status',
    entityId: `${entry.day}/${entry.sourceId}`,
    before: null,
    after: entry,
    label,
    at: options.at,
  });
}

/**
 * Every source known for a day: recorded statuses, and sources that filed observations that day
 * (active). A source recorded as down that still filed observations keeps its recorded status:
 * the record is the operator's word, the observations show it was partly working.
 */
export async function sourcesForDay(db: Db, day: IsoDate): Promise<readonly SourceDayStatus[]> {
  const recorded = await db.selectFrom('source_status').selectAll().where('day', '=', day).execute();
  const filed = await db
    .selectFrom('observation')
    .select((eb) => ['source_id', eb.fn.min('source_kind').as('source_kind'), eb.fn.countAll().as('n')])
    .where('start_at', '>=', dayStart(day))
    .where('start_at', '<', dayStart(addDays(day, 1)))
    .groupBy('source_id')
    .execute();
  const byId = new Map<string, SourceDayStatus>();
  for (const r of filed) {
    byId.set(r.source_id, {
      sourceId: r.source_id,
      sourceKind: r.source_kind,
      status: 'active',
      sectors: [],
      note: null,
      observations: Number(r.n),
    });
  }
  for (const r of recorded) {
    byId.set(r.source_id, {
      sourceId: r.source_id,
      sourceKind: r.source_kind,
      status: r.status,
      sectors: r.sectors,
      note: r.note,
      observations: byId.get(r.source_id)?.observations ?? 0,
    });
  }
  return [...byId.values()].sort((a, b) => a.sourceId.localeCompare(b.sourceId));
}
