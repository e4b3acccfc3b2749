/**
 * Intake: observations stored idempotently by uid, in their submitter's nation's namespace,
 * each item atomically. The chunk insert stays SQL (typed at its edge): one JSON parameter per
 * chunk read by `jsonb_to_recordset`, PostGIS's bearing projection, and `xmax` to tell an insert
 * from an update are beyond the builder.
 */
import type { Releasability } from '@guarantor/core/access';
import type { Observation } from '@guarantor/core/monitoring';
import { sql, type Transaction } from 'kysely';
import { labelColumns } from '../access.ts';
import type { Database, Labelled } from '../schema.ts';
import { notify } from './changes.ts';
import type { FreshObservations } from './fresh.ts';

/** The channel intake wakes the fusion worker on, wherever it runs. */
export const OBSERVATIONS_CHANNEL = 'guarantor_observations';

// Timestamps PostgreSQL stores and every client reads back: years 1 to 9999.
const MIN_TIME_MS = -62_135_596_800_000;
const MAX_TIME_MS = 253_402_300_799_999;

/** One observation to store, with its label and who sent it. */
export interface ObservationToStore {
  readonly observation: Observation;
  readonly label: Releasability;
  readonly submittedBy: string | null;
  /**
   * The nation of who really sent it (from authentication, or the nation an import was run
   * for): the report lives in that nation's uid namespace (`observationKey`).
   */
  readonly submitterNation: string;
}

/**
 * The key a report is stored under: its uid in its submitter's nation's namespace,
 * `<uid>@<NATION>`. Another nation re-sending the same uid makes a new report of its own; it
 * can neither replace the first nor learn that it exists. (The last `@` and three capitals
 * always name the nation, so no uid a client chooses can land in another nation's namespace.)
 */
export function observationKey(uid: string, nation: string): string {
  return `${uid}@${nation}`;
}

/** What storing one item did: a new uid, a newer version, an older or equal copy, or refused. */
export type StoreOutcome =
  | { readonly status: 'stored' | 'replaced' | 'unchanged' }
  | { readonly status: 'rejected'; readonly code: string; readonly field: string; readonly message: string };

/** Rows per INSERT statement; measured in bench/ingest.ts (fewer, larger statements win up to here). */
export const STORE_CHUNK_ROWS = 2000;

/** Uids per lookup of the keys stored before uid namespaces (one round trip for a whole HTTP batch). */
const KEY_LOOKUP_UIDS = 20_000;

/**
 * A chunk's rows as `jsonb_to_recordset` reads them: the observation itself once (`o`, stored
 * as `raw`, its columns read out of it in SQL) and what the observation does not say. Sending
 * the columns beside `raw` doubled the JSON written, sent and parsed per row: ADR 0056.
 */
const RECORD_COLUMNS = sql.raw(
  'o jsonb, radius_m float8, submitted_by text, submitter_nation text, rel_kind text, rel_nations text[]',
);

/** A row the chunk insert wrote: `inserted` is false for a replaced one. */
interface StoredRow {
  uid: string;
  seq: number;
  inserted: boolean;
}

/**
 * One statement per chunk: new uids insert, a newer reported_at replaces (with a new seq, so
 * the fusion worker sees it again), an older or equal copy matches no row and is reported
 * as unchanged. A newer copy that says the same (the same report but for its reported time,
 * and the same label) is unchanged too: rerunning an import changes nothing. A row is only
 * ever replaced by its own nation. xmax = 0 tells an insert from an update.
 */
function insertObservations(records: string) {
  return sql<StoredRow>`
with input as (
  select o, o -> 'location' as l, radius_m, submitted_by, submitter_nation, rel_kind, rel_nations
  from jsonb_to_recordset(${records}::jsonb) as r(${RECORD_COLUMNS}))
insert into observation (uid, source_kind, source_id, source_nation, start_at, end_at, category, count,
  location_kind, geom, radius_m, observer, bearing_deg, spread_deg, min_distance_m, max_distance_m,
  reported_at, remarks, raw, submitted_by, submitter_nation, rel_kind, rel_nations)
select o ->> 'uid', o -> 'source' ->> 'kind', o -> 'source' ->> 'id', o -> 'source' ->> 'nation',
  to_timestamp((o -> 'time' ->> 'startMs')::float8 / 1000.0), to_timestamp((o -> 'time' ->> 'endMs')::float8 / 1000.0),
  o ->> 'category', (o ->> 'count')::bigint, l ->> 'kind',
  case when l ->> 'kind' = 'point'
    then st_setsrid(st_makepoint((l -> 'position' ->> 0)::float8, (l -> 'position' ->> 1)::float8), 4326)
    else st_project(st_setsrid(st_makepoint((l -> 'observer' ->> 0)::float8, (l -> 'observer' ->> 1)::float8), 4326)::geography,
                    ((l ->> 'minDistanceM')::float8 + (l ->> 'maxDistanceM')::float8) / 2,
                    radians((l ->> 'bearingDeg')::float8))::geometry end,
  radius_m,
  case when l ->> 'kind' = 'bearing'
    then st_setsrid(st_makepoint((l -> 'observer' ->> 0)::float8, (l -> 'observer' ->> 1)::float8), 4326) end,
  (l ->> 'bearingDeg')::float8, (l ->> 'spreadDeg')::float8, (l ->> 'minDistanceM')::float8,
  (l ->> 'maxDistanceM')::float8, to_timestamp((o ->> 'reportedAtMs')::float8 / 1000.0), o ->> 'remarks', o,
  submitted_by, submitter_nation, rel_kind, rel_nations
from input
on conflict (uid) do update set
  seq = nextval('observation_seq_seq'), source_kind = excluded.source_kind, source_id = excluded.source_id,
  source_nation = excluded.source_nation, start_at = excluded.start_at, end_at = excluded.end_at,
  category = excluded.category, count = excluded.count, location_kind = excluded.location_kind,
  geom = excluded.geom, radius_m = excluded.radius_m, observer = excluded.observer,
  bearing_deg = excluded.bearing_deg, spread_deg = excluded.spread_deg,
  min_distance_m = excluded.min_distance_m, max_distance_m = excluded.max_distance_m,
  reported_at = excluded.reported_at, remarks = excluded.remarks, raw = excluded.raw,
  submitted_by = excluded.submitted_by, received_at = now(), rel_kind = excluded.rel_kind,
  rel_nations = excluded.rel_nations
where excluded.reported_at > observation.reported_at
  and observation.submitter_nation is not distinct from excluded.submitter_nation
  and ((observation.raw - 'reportedAtMs') is distinct from (excluded.raw - 'reportedAtMs')
    or observation.rel_kind is distinct from excluded.rel_kind
    or observation.rel_nations is distinct from excluded.rel_nations)
returning uid, seq, (xmax = 0) as inserted`;
}

/** The radius around a bearing sector's middle point that holds the whole sector, metres. */
function sectorReachM(spreadDeg: number, minM: number, maxM: number): number {
  const half = (maxM - minM) / 2;
  const lateral = maxM * Math.sin((spreadDeg * Math.PI) / 180);
  return Math.hypot(half, lateral);
}

/** A chunk row: the observation stored under its key, and what it does not say itself. */
function recordOf(
  item: ObservationToStore,
  key: string,
): { o: Observation } & Labelled & Record<string, unknown> {
  const o = item.observation;
  const loc = o.location;
  const label = labelColumns(item.label);
  return {
    o: o.uid === key ? o : { ...o, uid: key },
    radius_m:
      loc.kind === 'point' ? loc.radiusM : sectorReachM(loc.spreadDeg, loc.minDistanceM, loc.maxDistanceM),
    submitted_by: item.submittedBy,
    submitter_nation: item.submitterNation,
    rel_kind: label.rel_kind,
    rel_nations: label.rel_nations,
  };
}

function outsideYears(field: string, ms: number): StoreOutcome | undefined {
  return ms < MIN_TIME_MS || ms > MAX_TIME_MS
    ? {
        status: 'rejected',
        code: 'observation.out_of_range',
        field,
        message: `${field}: ${ms} is outside the years 1 to 9999; give epoch milliseconds`,
      }
    : undefined;
}

// NUL cannot be stored in PostgreSQL text.
function nulIn(field: string, text: string | undefined): StoreOutcome | undefined {
  return text?.includes('\u0000')
    ? {
        status: 'rejected',
        code: 'observation.invalid_type',
        field,
        message: `${field} contains a NUL character; remove it`,
      }
    : undefined;
}

/** What the database would refuse for a whole statement, found per item before it is sent. */
function precheck(o: Observation): StoreOutcome | undefined {
  return (
    outsideYears('time.startMs', o.time.startMs) ??
    outsideYears('time.endMs', o.time.endMs) ??
    outsideYears('reportedAtMs', o.reportedAtMs) ??
    nulIn('uid', o.uid) ??
    nulIn('source.id', o.source.id) ??
    nulIn('remarks', o.remarks)
  );
}

function rejectionOf(error: unknown): StoreOutcome {
  const code = (error as { code?: string }).code;
  if (code === '42501') {
    // Only a row stored before uid namespaces (0009) can collide across nations now; say no
    // more than for any refusal, so the reader learns nothing about it.
    return {
      status: 'rejected',
      code: 'observation.refused',
      field: 'uid',
      message: 'the database refused to store this observation; send it again with another uid',
    };
  }
  return {
    status: 'rejected',
    code: 'observation.refused',
    field: 'observation',
    message: `the database refused this observation: ${(error as Error).message}`,
  };
}

/**
 * Stores observations idempotently by uid, each item atomically: one INSERT … ON CONFLICT per
 * chunk inside a savepoint; when a chunk fails as a whole, its items are retried one by one
 * (each in its own savepoint) so the valid ones are kept and the bad one is named. Run it inside
 * asReader, so row-level security checks each label against the writer. Within one call a uid
 * given twice keeps its newest version; the others are `unchanged`. What it stores is also left
 * in `fresh`, when given, for the fusion worker of this process.
 */
export async function storeObservations(
  trx: Transaction<Database>,
  items: readonly ObservationToStore[],
  fresh?: FreshObservations,
): Promise<StoreOutcome[]> {
  const keys = await keysOf(trx, items);
  const outcomes: (StoreOutcome | undefined)[] = new Array(items.length);
  const newestOfKey = new Map<string, number>();
  items.forEach((item, index) => {
    const refused = precheck(item.observation);
    if (refused) {
      outcomes[index] = refused;
      return;
    }
    const key = keys[index]!;
    const other = newestOfKey.get(key);
    if (other === undefined) {
      newestOfKey.set(key, index);
    } else if (item.observation.reportedAtMs > items[other]!.observation.reportedAtMs) {
      outcomes[other] = { status: 'unchanged' };
      newestOfKey.set(key, index);
    } else {
      outcomes[index] = { status: 'unchanged' };
    }
  });
  const indices = [...newestOfKey.values()].sort((a, b) => a - b);
  const insert = (chunk: readonly number[]) =>
    inSavepoint(trx, () => insertChunk(trx, chunk, items, keys, fresh));
  let stored = 0;
  for (let at = 0; at < indices.length; at += STORE_CHUNK_ROWS) {
    const chunk = indices.slice(at, at + STORE_CHUNK_ROWS);
    try {
      const result = await insert(chunk);
      for (const index of chunk) outcomes[index] = result.get(keys[index]!) ?? { status: 'unchanged' };
    } catch {
      for (const index of chunk) {
        try {
          const result = await insert([index]);
          outcomes[index] = result.get(keys[index]!) ?? { status: 'unchanged' };
        } catch (error) {
          outcomes[index] = rejectionOf(error);
        }
      }
    }
    stored += chunk.length;
  }
  if (stored > 0) await notify(trx, OBSERVATIONS_CHANNEL, '');
  return outcomes.map((o) => o ?? { status: 'unchanged' });
}

/**
 * Each item's storage key (`observationKey`). A report stored before uid namespaces under its
 * bare uid by the same nation keeps that key, so its resends still replace it. The lookup runs
 * as the writer and reads only the writer's own rows; one round trip serves an HTTP batch.
 */
async function keysOf(trx: Transaction<Database>, items: readonly ObservationToStore[]): Promise<string[]> {
  // NUL cannot be sent as text; precheck refuses such a uid later, item by item.
  const uids = [...new Set(items.map((i) => i.observation.uid))].filter((u) => !u.includes('\u0000'));
  const legacy = new Set<string>();
  for (let at = 0; at < uids.length; at += KEY_LOOKUP_UIDS) {
    const rows = await trx
      .selectFrom('observation')
      .select(['uid', 'submitter_nation'])
      .where((eb) => eb('uid', '=', eb.fn.any(eb.val(uids.slice(at, at + KEY_LOOKUP_UIDS)))))
      .execute();
    for (const r of rows) legacy.add(`${r.uid}\u0000${r.submitter_nation}`);
  }
  return items.map(({ observation: { uid }, submitterNation }) =>
    legacy.has(`${uid}\u0000${submitterNation}`) ? uid : observationKey(uid, submitterNation),
  );
}

async function insertChunk(
  trx: Transaction<Database>,
  indices: readonly number[],
  items: readonly ObservationToStore[],
  keys: readonly string[],
  fresh: FreshObservations | undefined,
): Promise<Map<string, StoreOutcome>> {
  const records = indices.map((i) => recordOf(items[i]!, keys[i]!));
  const rows = await insertObservations(JSON.stringify(records)).execute(trx);
  if (fresh) {
    const stored = new Map(records.map((r) => [r.o.uid, r]));
    for (const r of rows.rows) {
      const { o, rel_kind, rel_nations } = stored.get(r.uid)!;
      fresh.remember(r.uid, Number(r.seq), { raw: o, label: { rel_kind, rel_nations } });
    }
  }
  return new Map(
    rows.rows.map((r) => [r.uid, { status: r.inserted ? 'stored' : 'replaced' } satisfies StoreOutcome]),
  );
}

// Kysely's savepoints belong to a controlled transaction; these run inside the caller's.
let savepoints = 0;
async function inSavepoint<T>(trx: Transaction<Database>, work: () => Promise<T>): Promise<T> {
  const name = sql.raw(`store_${++savepoints}`);
  await sql`savepoint ${name}`.execute(trx);
  try {
    const result = await work();
    await sql`release savepoint ${name}`.execute(trx);
    return result;
  } catch (error) {
    await sql`rollback to savepoint ${name}`.execute(trx);
    throw error;
  }
}
