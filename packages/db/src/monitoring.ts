import { meetLabels, type Releasability } from '@guarantor/core/access';
import type { TeamTrack } from '@guarantor/core/cot';
import type { Incident, IncidentStateName, Observation } from '@guarantor/core/monitoring';
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { PoolClient } from 'pg';
import { labelColumns, labelOf, labelText } from './access.ts';
import { encodePointTile } from './mvt.ts';
import type { Database, Labelled } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A connection held from the PostgreSQL pool (LISTEN, the fusion lock). */
export type DatabaseClient = PoolClient;

// The states an incident goes through are core's (one list for the server and the browser).
export { INCIDENT_STATES, type IncidentStateName } from '@guarantor/core/monitoring';

/** The channel incident changes are published on (pg_notify), for every server instance. */
export const INCIDENTS_CHANNEL = 'guarantor_incidents';
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

const RECORD_COLUMNS = `uid text, source_kind text, source_id text, source_nation text, start_ms float8,
  end_ms float8, category text, count bigint, location_kind text, lng float8, lat float8, radius_m float8,
  obs_lng float8, obs_lat float8, bearing_deg float8, spread_deg float8, min_distance_m float8,
  max_distance_m float8, reported_ms float8, remarks text, raw jsonb, submitted_by text, submitter_nation text,
  rel_kind text, rel_nations text[]`;

// One statement per chunk: new uids insert, a newer reported_at replaces (with a new seq, so
// the fusion worker sees it again), an older or equal copy matches no row and is reported
// as unchanged. A newer copy that says the same (the same report but for its reported time,
// and the same label) is unchanged too: rerunning an import changes nothing. A row is only
// ever replaced by its own nation. xmax = 0 tells an insert from an update.
const INSERT_SQL = `
with input as (select * from jsonb_to_recordset($1::jsonb) as r(${RECORD_COLUMNS}))
insert into observation (uid, source_kind, source_id, source_nation, start_at, end_at, category, count,
  location_kind, geom, radius_m, observer, bearing_deg, spread_deg, min_distance_m, max_distance_m,
  reported_at, remarks, raw, submitted_by, submitter_nation, rel_kind, rel_nations)
select uid, source_kind, source_id, source_nation, to_timestamp(start_ms / 1000.0), to_timestamp(end_ms / 1000.0),
  category, count, location_kind,
  case when location_kind = 'point' then st_setsrid(st_makepoint(lng, lat), 4326)
    else st_project(st_setsrid(st_makepoint(obs_lng, obs_lat), 4326)::geography,
                    (min_distance_m + max_distance_m) / 2, radians(bearing_deg))::geometry end,
  radius_m,
  case when location_kind = 'bearing' then st_setsrid(st_makepoint(obs_lng, obs_lat), 4326) end,
  bearing_deg, spread_deg, min_distance_m, max_distance_m, to_timestamp(reported_ms / 1000.0), remarks, raw,
  submitted_by, submitter_nation, rel_kind, rel_nations
from input
on conflict (uid) do update set
  seq = nextval('observation_seq_seq'), fused = false, source_kind = excluded.source_kind, source_id = excluded.source_id,
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
returning uid, (xmax = 0) as inserted`;

/** The radius around a bearing sector's middle point that holds the whole sector, metres. */
function sectorReachM(spreadDeg: number, minM: number, maxM: number): number {
  const half = (maxM - minM) / 2;
  const lateral = maxM * Math.sin((spreadDeg * Math.PI) / 180);
  return Math.hypot(half, lateral);
}

function recordOf(item: ObservationToStore): Record<string, unknown> {
  const o = item.observation;
  const loc = o.location;
  const label = labelColumns(item.label);
  return {
    uid: o.uid,
    source_kind: o.source.kind,
    source_id: o.source.id,
    source_nation: o.source.nation,
    start_ms: o.time.startMs,
    end_ms: o.time.endMs,
    category: o.category,
    count: o.count,
    location_kind: loc.kind,
    ...(loc.kind === 'point'
      ? { lng: loc.position[0], lat: loc.position[1], radius_m: loc.radiusM }
      : {
          obs_lng: loc.observer[0],
          obs_lat: loc.observer[1],
          bearing_deg: loc.bearingDeg,
          spread_deg: loc.spreadDeg,
          min_distance_m: loc.minDistanceM,
          max_distance_m: loc.maxDistanceM,
          radius_m: sectorReachM(loc.spreadDeg, loc.minDistanceM, loc.maxDistanceM),
        }),
    reported_ms: o.reportedAtMs,
    remarks: o.remarks ?? null,
    raw: o,
    submitted_by: item.submittedBy,
    submitter_nation: item.submitterNation,
    rel_kind: label.rel_kind,
    rel_nations: label.rel_nations,
  };
}

/** What the database would refuse for a whole statement, found per item before it is sent. */
function precheck(o: Observation): StoreOutcome | undefined {
  for (const [field, ms] of [
    ['time.startMs', o.time.startMs],
    ['time.endMs', o.time.endMs],
    ['reportedAtMs', o.reportedAtMs],
  ] as const) {
    if (ms < MIN_TIME_MS || ms > MAX_TIME_MS) {
      return {
        status: 'rejected',
        code: 'observation.out_of_range',
        field,
        message: `${field}: ${ms} is outside the years 1 to 9999; give epoch milliseconds`,
      };
    }
  }
  // NUL cannot be stored in PostgreSQL text.
  for (const [field, text] of [
    ['uid', o.uid],
    ['source.id', o.source.id],
    ['remarks', o.remarks ?? ''],
  ] as const) {
    if (text.includes('\u0000')) {
      return {
        status: 'rejected',
        code: 'observation.invalid_type',
        field,
        message: `${field} contains a NUL character; remove it`,
      };
    }
  }
  return undefined;
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
 * given twice keeps its newest version; the others are `unchanged`.
 */
export async function storeObservations(
  trx: Transaction<Database>,
  given: readonly ObservationToStore[],
): Promise<StoreOutcome[]> {
  const items = await withKeys(trx, given);
  const outcomes: (StoreOutcome | undefined)[] = new Array(items.length);
  const newestOfUid = new Map<string, number>();
  items.forEach((item, index) => {
    const refused = precheck(item.observation);
    if (refused) {
      outcomes[index] = refused;
      return;
    }
    const uid = item.observation.uid;
    const other = newestOfUid.get(uid);
    if (other === undefined) {
      newestOfUid.set(uid, index);
    } else if (item.observation.reportedAtMs > items[other]!.observation.reportedAtMs) {
      outcomes[other] = { status: 'unchanged' };
      newestOfUid.set(uid, index);
    } else {
      outcomes[index] = { status: 'unchanged' };
    }
  });
  const indices = [...newestOfUid.values()].sort((a, b) => a - b);
  let stored = 0;
  for (let at = 0; at < indices.length; at += STORE_CHUNK_ROWS) {
    const chunk = indices.slice(at, at + STORE_CHUNK_ROWS);
    try {
      const result = await inSavepoint(trx, () => insertChunk(trx, chunk, items));
      for (const index of chunk)
        outcomes[index] = result.get(items[index]!.observation.uid) ?? { status: 'unchanged' };
    } catch {
      for (const index of chunk) {
        try {
          const result = await inSavepoint(trx, () => insertChunk(trx, [index], items));
          outcomes[index] = result.get(items[index]!.observation.uid) ?? { status: 'unchanged' };
        } catch (error) {
          outcomes[index] = rejectionOf(error);
        }
      }
    }
    stored += chunk.length;
  }
  if (stored > 0) await sql`select pg_notify(${OBSERVATIONS_CHANNEL}, '')`.execute(trx);
  return outcomes.map((o) => o ?? { status: 'unchanged' });
}

/**
 * The items with their uids replaced by their storage keys (`observationKey`). A report stored
 * before uid namespaces under its bare uid by the same nation keeps that key, so its resends
 * still replace it. The lookup runs as the writer and reads only the writer's own rows.
 */
async function withKeys(
  trx: Transaction<Database>,
  items: readonly ObservationToStore[],
): Promise<readonly ObservationToStore[]> {
  // NUL cannot be sent as text; precheck refuses such a uid later, item by item.
  const uids = [...new Set(items.map((i) => i.observation.uid))].filter((u) => !u.includes('\u0000'));
  const legacy = new Set<string>();
  for (let at = 0; at < uids.length; at += STORE_CHUNK_ROWS) {
    const rows = await sql<{ uid: string; submitter_nation: string | null }>`
      select uid, submitter_nation from observation where uid = any(${uids.slice(at, at + STORE_CHUNK_ROWS)}::text[])`.execute(
      trx,
    );
    for (const r of rows.rows) legacy.add(`${r.uid}\u0000${r.submitter_nation}`);
  }
  return items.map((item) => {
    const { uid } = item.observation;
    const key = legacy.has(`${uid}\u0000${item.submitterNation}`)
      ? uid
      : observationKey(uid, item.submitterNation);
    return { ...item, observation: { ...item.observation, uid: key } };
  });
}

async function insertChunk(
  trx: Transaction<Database>,
  indices: readonly number[],
  items: readonly ObservationToStore[],
): Promise<Map<string, StoreOutcome>> {
  const records = JSON.stringify(indices.map((i) => recordOf(items[i]!)));
  const rows = await sql<{ uid: string; inserted: boolean }>`${rawWithParam(INSERT_SQL, records)}`.execute(
    trx,
  );
  return new Map(
    rows.rows.map((r) => [r.uid, { status: r.inserted ? 'stored' : 'replaced' } satisfies StoreOutcome]),
  );
}

/** A raw statement whose only parameter is `$1`. */
function rawWithParam(text: string, value: unknown): RawBuilder<unknown> {
  const [before, after] = text.split('$1');
  return sql`${sql.raw(before!)}${value}${sql.raw(after!)}`;
}

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

/**
 * The meet of the labels of the incidents with these ids: the label a record derived from them
 * (a breach, a sector status, a notification) may carry. Ids with no incident (imported sector
 * facts) add nothing; no ids gives COALITION. Read as the owner, it sees every incident.
 */
export async function incidentsLabel(db: Db, ids: readonly string[]): Promise<Releasability> {
  let label: Releasability = { kind: 'COALITION' };
  if (ids.length === 0) return label;
  const rows = await sql<Labelled>`
    select distinct rel_kind, rel_nations from incident where id = any(${[...new Set(ids)]}::text[])`.execute(
    db,
  );
  for (const row of rows.rows) label = meetLabels(label, labelOf(row));
  return label;
}

/**
 * Stores a monitor team's position report in its nation's uid namespace (as observations: no
 * other nation can move or hide it); an older report than the one kept changes nothing.
 */
export async function storeTeamTrack(
  trx: Transaction<Database>,
  track: TeamTrack,
  context: { readonly nation: string; readonly label: Releasability; readonly submittedBy: string | null },
): Promise<'stored' | 'unchanged'> {
  const label = labelColumns(context.label);
  const point = track.position
    ? sql`st_setsrid(st_makepoint(${track.position[0]}, ${track.position[1]}), 4326)`
    : sql`null`;
  const rows = await sql<{ uid: string }>`
    insert into team_track (uid, type, callsign, team, role, geom, radius_m, course_deg, speed_mps,
      time_at, stale_at, source_nation, submitted_by, rel_kind, rel_nations)
    values (${observationKey(track.uid, context.nation)}, ${track.type}, ${track.callsign ?? null}, ${track.team ?? null}, ${track.role ?? null},
      ${point}, ${track.radiusM ?? null}, ${track.courseDeg ?? null}, ${track.speedMps ?? null},
      ${new Date(track.timeMs)}, ${new Date(track.staleMs)}, ${context.nation}, ${context.submittedBy},
      ${label.rel_kind}, ${label.rel_nations})
    on conflict (uid) do update set type = excluded.type, callsign = excluded.callsign, team = excluded.team,
      role = excluded.role, geom = excluded.geom, radius_m = excluded.radius_m, course_deg = excluded.course_deg,
      speed_mps = excluded.speed_mps, time_at = excluded.time_at, stale_at = excluded.stale_at,
      source_nation = excluded.source_nation, submitted_by = excluded.submitted_by, received_at = now(),
      rel_kind = excluded.rel_kind, rel_nations = excluded.rel_nations
    where excluded.time_at > team_track.time_at and team_track.source_nation = excluded.source_nation
    returning uid`.execute(trx);
  return rows.rows.length > 0 ? 'stored' : 'unchanged';
}

/** A monitor team's last known position. */
export interface TeamTrackRecord {
  readonly uid: string;
  readonly type: string;
  readonly callsign: string | null;
  readonly team: string | null;
  readonly role: string | null;
  readonly position: readonly [number, number] | null;
  readonly radiusM: number | null;
  readonly courseDeg: number | null;
  readonly speedMps: number | null;
  readonly time: Date;
  readonly stale: Date;
  readonly nation: string;
  readonly releasability: string;
}

/** Team tracks reported since `since`, newest first. */
export async function listTeamTracks(db: Db, since: Date): Promise<TeamTrackRecord[]> {
  const rows = await sql<{
    uid: string;
    type: string;
    callsign: string | null;
    team: string | null;
    role: string | null;
    lng: number | null;
    lat: number | null;
    radius_m: number | null;
    course_deg: number | null;
    speed_mps: number | null;
    time_at: Date;
    stale_at: Date;
    source_nation: string;
    rel_kind: Labelled['rel_kind'];
    rel_nations: string[];
  }>`select uid, type, callsign, team, role, st_x(geom) as lng, st_y(geom) as lat, radius_m, course_deg,
       speed_mps, time_at, stale_at, source_nation, rel_kind, rel_nations
     from team_track where time_at >= ${since} order by time_at desc, uid`.execute(db);
  return rows.rows.map((r) => ({
    uid: r.uid,
    type: r.type,
    callsign: r.callsign,
    team: r.team,
    role: r.role,
    position: r.lng === null || r.lat === null ? null : [r.lng, r.lat],
    radiusM: r.radius_m,
    courseDeg: r.course_deg,
    speedMps: r.speed_mps,
    time: r.time_at,
    stale: r.stale_at,
    nation: r.source_nation,
    releasability: labelText(r),
  }));
}

// ---------------------------------------------------------------------------------------------
// The fusion worker's reads and writes. They run as the connecting role: fusion must see every
// observation whatever its label, and it labels each incident with the meet of its members'.

/** An observation as the fusion worker reads it. */
export interface FusionInputRow {
  readonly seq: number;
  readonly uid: string;
  readonly raw: unknown;
  readonly label: Labelled;
}

/** Observations fusion has not seen in their current version, in seq order. */
export async function readUnfusedObservations(db: Db, limit: number): Promise<FusionInputRow[]> {
  const rows = await sql<{
    seq: number;
    uid: string;
    raw: unknown;
    rel_kind: Labelled['rel_kind'];
    rel_nations: string[];
  }>`
    select seq, uid, raw, rel_kind, rel_nations from observation where not fused order by seq limit ${limit}`.execute(
    db,
  );
  return rows.rows.map(fusionRow);
}

/** Observations already fused, in seq order from `afterSeq` (for rebuilding the engine at start). */
export async function readFusedObservations(
  db: Db,
  afterSeq: number,
  limit: number,
): Promise<FusionInputRow[]> {
  const rows = await sql<{
    seq: number;
    uid: string;
    raw: unknown;
    rel_kind: Labelled['rel_kind'];
    rel_nations: string[];
  }>`
    select seq, uid, raw, rel_kind, rel_nations from observation where fused and seq > ${afterSeq}
    order by seq limit ${limit}`.execute(db);
  return rows.rows.map(fusionRow);
}

function fusionRow(r: {
  seq: number;
  uid: string;
  raw: unknown;
  rel_kind: Labelled['rel_kind'];
  rel_nations: string[];
}): FusionInputRow {
  return {
    seq: Number(r.seq),
    uid: r.uid,
    raw: r.raw,
    label: { rel_kind: r.rel_kind, rel_nations: r.rel_nations },
  };
}

/** Which incident holds each observation, as last written. */
export async function readMembership(db: Db): Promise<Map<string, string>> {
  const rows = await sql<{ observation_uid: string; incident_id: string }>`
    select observation_uid, incident_id from incident_observation`.execute(db);
  return new Map(rows.rows.map((r) => [r.observation_uid, r.incident_id]));
}

/** One incident as fusion now sees it, with its label and explanation. */
export interface FusedIncident {
  readonly incident: Incident;
  readonly label: Releasability;
  readonly explanation: readonly string[];
}

/** One change published on INCIDENTS_CHANNEL. */
export interface IncidentChange {
  readonly id: string;
  readonly state: IncidentStateName;
  readonly category: string;
  readonly version: number;
  readonly rel_kind: Labelled['rel_kind'];
  readonly rel_nations: readonly string[];
  /** Set when the incident was joined into another and is gone from lists and maps. */
  readonly mergedInto?: string;
}

/** What writeFusion did. */
export interface FusionWriteResult {
  readonly changes: readonly IncidentChange[];
  readonly stateChanges: number;
}

const INCIDENT_COLUMNS = `id text, category text, categories text[], fusion_state text, lng float8, lat float8,
  radius_m float8, location_method text, start_ms float8, end_ms float8, count_low bigint, count_best bigint,
  count_high bigint, confidence float8, independent_sources int, party_claim_nations text[],
  observation_count int, explanation jsonb, rel_kind text, rel_nations text[]`;

/**
 * Writes fusion's view of the changed incidents in one transaction: incident rows (keeping an
 * analyst's state), membership with join reasons, automatic state changes, merged incidents,
 * the observations marked fused, and one pg_notify per ~60 changes so every instance can push them.
 */
export async function writeFusion(
  db: Kysely<Database>,
  input: {
    readonly incidents: readonly FusedIncident[];
    readonly merged: readonly { readonly id: string; readonly into: string }[];
    /** The observation versions (uid, seq) now fused; a version replaced meanwhile stays unfused. */
    readonly fused: readonly { readonly uid: string; readonly seq: number }[];
    readonly at: Date;
  },
): Promise<FusionWriteResult> {
  return db.transaction().execute(async (trx) => {
    const ids = input.incidents.map((f) => f.incident.id);
    const before = new Map(
      (
        await sql<{ id: string; state: IncidentStateName; merged_into: string | null }>`
          select id, state, merged_into from incident where id = any(${ids}) for update`.execute(trx)
      ).rows.map((r) => [r.id, r]),
    );
    const changes: IncidentChange[] = [];
    let stateChanges = 0;
    for (let at = 0; at < input.incidents.length; at += 2000) {
      const chunk = input.incidents.slice(at, at + 2000);
      const records = chunk.map(({ incident: i, label, explanation }) => ({
        id: i.id,
        category: i.category,
        categories: i.categories,
        fusion_state: i.state,
        lng: i.location.position[0],
        lat: i.location.position[1],
        radius_m: i.location.radiusM,
        location_method: i.location.method,
        start_ms: i.time.startMs,
        end_ms: i.time.endMs,
        count_low: i.count.low,
        count_best: i.count.best,
        count_high: i.count.high,
        confidence: i.confidence,
        independent_sources: i.independentSourceCount,
        party_claim_nations: i.partyClaimNations,
        observation_count: i.observationUids.length,
        explanation,
        ...labelColumns(label),
      }));
      const rows = await sql<{
        id: string;
        state: IncidentStateName;
        category: string;
        version: number;
        rel_kind: Labelled['rel_kind'];
        rel_nations: string[];
      }>`${rawWithParam(
        `with input as (select * from jsonb_to_recordset($1::jsonb) as r(${INCIDENT_COLUMNS}))
        insert into incident as i (id, category, categories, fusion_state, state, geom, radius_m, location_method,
          start_at, end_at, count_low, count_best, count_high, confidence, independent_sources,
          party_claim_nations, observation_count, explanation, rel_kind, rel_nations, created_at, updated_at)
        select id, category, categories, fusion_state, fusion_state, st_setsrid(st_makepoint(lng, lat), 4326),
          radius_m, location_method, to_timestamp(start_ms / 1000.0), to_timestamp(end_ms / 1000.0), count_low,
          count_best, count_high, confidence, independent_sources, party_claim_nations, observation_count,
          explanation, rel_kind, rel_nations, '${input.at.toISOString()}', '${input.at.toISOString()}'
        from input
        on conflict (id) do update set category = excluded.category, categories = excluded.categories,
          fusion_state = excluded.fusion_state,
          state = case when i.state in ('reported', 'corroborated') then excluded.fusion_state else i.state end,
          geom = excluded.geom, radius_m = excluded.radius_m, location_method = excluded.location_method,
          start_at = excluded.start_at, end_at = excluded.end_at, count_low = excluded.count_low,
          count_best = excluded.count_best, count_high = excluded.count_high, confidence = excluded.confidence,
          independent_sources = excluded.independent_sources, party_claim_nations = excluded.party_claim_nations,
          observation_count = excluded.observation_count, explanation = excluded.explanation,
          rel_kind = excluded.rel_kind, rel_nations = excluded.rel_nations, merged_into = null,
          version = i.version + 1, updated_at = excluded.updated_at
        returning id, state, category, version, rel_kind, rel_nations`,
        JSON.stringify(records),
      )}`.execute(trx);
      const history: Record<string, unknown>[] = [];
      for (const r of rows.rows) {
        changes.push({ ...r, version: Number(r.version) });
        const old = before.get(r.id);
        const from = old && old.merged_into === null ? old.state : null;
        if (from !== r.state) {
          history.push({
            incident_id: r.id,
            from_state: from,
            to_state: r.state,
            reason:
              from === null
                ? old
                  ? 'split off again by fusion'
                  : 'opened by fusion'
                : r.state === 'corroborated'
                  ? 'independent sources agree'
                  : 'fewer than two independent sources remain',
            rel_kind: r.rel_kind,
            rel_nations: r.rel_nations,
          });
        }
      }
      if (history.length > 0) {
        stateChanges += history.length;
        await sql`${rawWithParam(
          `insert into incident_state_change (incident_id, from_state, to_state, by_user, at, reason, rel_kind, rel_nations)
           select incident_id, from_state, to_state, 'fusion', '${input.at.toISOString()}', reason, rel_kind, rel_nations
           from jsonb_to_recordset($1::jsonb) as r(incident_id text, from_state text, to_state text, reason text,
             rel_kind text, rel_nations text[])`,
          JSON.stringify(history),
        )}`.execute(trx);
      }
      const members = chunk.flatMap(({ incident: i, label }) => {
        const via = new Map(i.joins.map((j) => [j.uid, j]));
        const columns = labelColumns(label);
        return i.observationUids.map((uid) => {
          const join = via.get(uid);
          return {
            uid,
            incident_id: i.id,
            via_uid: join?.via ?? null,
            rule: join?.edge.rule ?? null,
            geometry: join?.edge.geometry ?? null,
            distance_m: join?.edge.distanceM ?? null,
            gap_ms: join?.edge.gapMs ?? null,
            ...columns,
          };
        });
      });
      for (let m = 0; m < members.length; m += 5000) {
        await sql`${rawWithParam(
          `insert into incident_observation (observation_uid, incident_id, via_uid, rule, geometry, distance_m, gap_ms, rel_kind, rel_nations)
           select uid, incident_id, via_uid, rule, geometry, distance_m, gap_ms, rel_kind, rel_nations
           from jsonb_to_recordset($1::jsonb) as r(uid text, incident_id text, via_uid text, rule text, geometry text,
             distance_m float8, gap_ms float8, rel_kind text, rel_nations text[])
           on conflict (observation_uid) do update set incident_id = excluded.incident_id, via_uid = excluded.via_uid,
             rule = excluded.rule, geometry = excluded.geometry, distance_m = excluded.distance_m,
             gap_ms = excluded.gap_ms, rel_kind = excluded.rel_kind, rel_nations = excluded.rel_nations`,
          JSON.stringify(members.slice(m, m + 5000)),
        )}`.execute(trx);
      }
    }
    if (input.merged.length > 0) {
      const merged = await sql<{
        id: string;
        state: IncidentStateName;
        category: string;
        version: number;
        merged_into: string;
        attributed_party: string | null;
        rel_kind: Labelled['rel_kind'];
        rel_nations: string[];
      }>`${rawWithParam(
        `update incident i set merged_into = m.survivor, version = i.version + 1, updated_at = '${input.at.toISOString()}'
         from jsonb_to_recordset($1::jsonb) as m(id text, survivor text)
         where i.id = m.id
         returning i.id, i.state, i.category, i.version, i.merged_into, i.attributed_party, i.rel_kind, i.rel_nations`,
        JSON.stringify(input.merged.map((m) => ({ id: m.id, survivor: m.into }))),
      )}`.execute(trx);
      for (const { merged_into, attributed_party: _party, ...r } of merged.rows)
        changes.push({ ...r, version: Number(r.version), mergedInto: merged_into });
      stateChanges += await inheritAnalystStates(trx, merged.rows, changes, input.at);
    }
    for (let f = 0; f < input.fused.length; f += 10_000) {
      await sql`${rawWithParam(
        `update observation o set fused = true from jsonb_to_recordset($1::jsonb) as f(uid text, seq bigint)
         where o.uid = f.uid and o.seq = f.seq`,
        JSON.stringify(input.fused.slice(f, f + 10_000)),
      )}`.execute(trx);
    }
    await publish(trx, changes);
    return { changes, stateChanges };
  });
}

/** How far an analyst's state goes: a surviving incident takes the furthest of those joined into it. */
const ANALYST_RANK: Partial<Record<IncidentStateName, number>> = { verified: 1, attributed: 2 };

/**
 * An incident joined into another hands its analyst's verdict to the survivor: the survivor
 * takes the furthest of `verified` and `attributed` (with the attributed party) among itself
 * and the incidents joined into it, over fusion's `reported`/`corroborated` and over a
 * dismissal (an analyst vouched for part of this event; hiding it would drop a verified
 * incident from maps and counts). A dismissal is not handed on: it judged fewer observations
 * than the survivor now holds, and it stays in the history read with the survivor. Each
 * takeover is a `fusion` row in the state history naming the incident it came from. Returns
 * how many survivors changed; their entries in `changes` are updated in place.
 */
async function inheritAnalystStates(
  trx: Transaction<Database>,
  merged: readonly {
    readonly id: string;
    readonly state: IncidentStateName;
    readonly merged_into: string;
    readonly attributed_party: string | null;
  }[],
  changes: IncidentChange[],
  at: Date,
): Promise<number> {
  const best = new Map<string, (typeof merged)[number]>();
  for (const m of merged) {
    const rank = ANALYST_RANK[m.state] ?? 0;
    if (rank > 0 && rank > (ANALYST_RANK[best.get(m.merged_into)?.state ?? 'reported'] ?? 0))
      best.set(m.merged_into, m);
  }
  let changed = 0;
  for (const [survivor, from] of best) {
    const rows = await sql<{
      id: string;
      state: IncidentStateName;
      category: string;
      version: number;
      previous: IncidentStateName;
      rel_kind: Labelled['rel_kind'];
      rel_nations: string[];
    }>`update incident i set state = ${from.state}, attributed_party = ${from.attributed_party},
        version = i.version + 1, updated_at = ${at}
      from (select id, state from incident where id = ${survivor} for update) old
      where i.id = old.id and i.merged_into is null
        and coalesce((${JSON.stringify(ANALYST_RANK)}::jsonb ->> i.state)::int, 0) < ${ANALYST_RANK[from.state]!}
      returning i.id, i.state, i.category, i.version, old.state as previous, i.rel_kind, i.rel_nations`.execute(
      trx,
    );
    const row = rows.rows[0];
    if (!row) continue;
    changed += 1;
    await sql`insert into incident_state_change (incident_id, from_state, to_state, by_user, at, reason,
        attributed_party, rel_kind, rel_nations)
      values (${row.id}, ${row.previous}, ${row.state}, 'fusion', ${at},
        ${`took over the analyst state of ${from.id}, which fusion joined into it`}, ${from.attributed_party},
        ${row.rel_kind}, ${row.rel_nations})`.execute(trx);
    const { previous: _previous, ...change } = row;
    const entry = { ...change, version: Number(change.version) };
    const index = changes.findIndex((c) => c.id === row.id && !c.mergedInto);
    if (index >= 0) changes[index] = entry;
    else changes.push(entry);
  }
  return changed;
}

/** pg_notify payloads are limited to 8000 bytes: changes go out in groups well under that. */
async function publish(trx: Db, changes: readonly IncidentChange[]): Promise<void> {
  let group: IncidentChange[] = [];
  let bytes = 0;
  const flush = async () => {
    if (group.length === 0) return;
    await sql`select pg_notify(${INCIDENTS_CHANNEL}, ${JSON.stringify(group)})`.execute(trx);
    group = [];
    bytes = 0;
  };
  for (const change of changes) {
    const size = JSON.stringify(change).length + 1;
    if (bytes + size > 7000) await flush();
    group.push(change);
    bytes += size;
  }
  await flush();
}

// ---------------------------------------------------------------------------------------------
// Reading incidents. Every function here runs inside asReader: row-level security filters.

/** The filters the list, the counts and the tiles share. */
export interface IncidentFilter {
  readonly categories?: readonly string[];
  readonly states?: readonly IncidentStateName[];
  /** Incidents whose time window overlaps [from, to]. */
  readonly from?: Date;
  readonly to?: Date;
  /** [west, south, east, north] in degrees. */
  readonly bbox?: readonly [number, number, number, number];
  /** A sector zone's id (0003_zones.sql, kind 'sector'): incidents its polygon covers, boundary included. */
  readonly sector?: string;
}

/**
 * The one WHERE clause for incident lists, counts and tiles, so the counts a user reads agree
 * with the features the map draws under the same filters.
 */
export function incidentFilterSql(filter: IncidentFilter, alias = 'i'): RawBuilder<unknown> {
  const a = sql.raw(alias);
  const parts: RawBuilder<unknown>[] = [sql`${a}.merged_into is null`];
  if (filter.categories && filter.categories.length > 0)
    parts.push(sql`${a}.category = any(${[...filter.categories]})`);
  if (filter.states && filter.states.length > 0) parts.push(sql`${a}.state = any(${[...filter.states]})`);
  if (filter.from) parts.push(sql`${a}.end_at >= ${filter.from}`);
  if (filter.to) parts.push(sql`${a}.start_at <= ${filter.to}`);
  if (filter.bbox) {
    const [w, s, e, n] = filter.bbox;
    parts.push(sql`${a}.geom && st_makeenvelope(${w}, ${s}, ${e}, ${n}, 4326)`, lngLatWithin(a, filter.bbox));
  }
  if (filter.sector !== undefined) {
    parts.push(
      sql`exists (select 1 from zone z where z.id = ${filter.sector} and z.kind = 'sector' and st_covers(z.geom, ${a}.geom))`,
    );
  }
  return sql.join(parts, sql` and `);
}

// PostGIS compares points by their float4 bounding boxes: a margin of ~1 m keeps the column
// bounds a superset of what `geom &&` admits, so they narrow the scan and never decide.
const LNG_LAT_MARGIN_DEG = 1e-5;

/**
 * The incident's stored lng/lat columns within a box (0006_monitoring_perf.sql): comparisons
 * of float8 are leakproof, so row-level security lets this use an index where `geom &&`
 * cannot. Always paired with the exact `geom &&`.
 */
function lngLatWithin(
  alias: RawBuilder<unknown>,
  [w, s, e, n]: readonly [number, number, number, number],
): RawBuilder<unknown> {
  const m = LNG_LAT_MARGIN_DEG;
  return sql`${alias}.lng between ${w - m}::float8 and ${e + m}::float8 and ${alias}.lat between ${s - m}::float8 and ${n + m}::float8`;
}

/** A slippy-map tile's bounds as [west, south, east, north] degrees. */
export function tileBoundsDeg(tile: {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}): [number, number, number, number] {
  const n = 2 ** tile.z;
  const lat = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI;
  return [(tile.x / n) * 360 - 180, lat(tile.y + 1), ((tile.x + 1) / n) * 360 - 180, lat(tile.y)];
}

/** An incident as stored. */
export interface IncidentRecord {
  readonly id: string;
  readonly category: string;
  readonly categories: readonly string[];
  readonly fusionState: 'reported' | 'corroborated';
  readonly state: IncidentStateName;
  readonly attributedParty: string | null;
  readonly position: readonly [number, number];
  readonly radiusM: number;
  readonly locationMethod: string;
  readonly start: Date;
  readonly end: Date;
  readonly count: { readonly low: number; readonly best: number; readonly high: number };
  readonly confidence: number;
  readonly independentSources: number;
  readonly partyClaimNations: readonly string[];
  readonly observationCount: number;
  readonly explanation: readonly string[];
  readonly mergedInto: string | null;
  readonly version: number;
  readonly updatedAt: Date;
  readonly releasability: string;
  readonly label: Labelled;
}

const INCIDENT_SELECT = sql`select i.id, i.category, i.categories, i.fusion_state, i.state, i.attributed_party,
  st_x(i.geom) as lng, st_y(i.geom) as lat, i.radius_m, i.location_method, i.start_at, i.end_at, i.count_low,
  i.count_best, i.count_high, i.confidence, i.independent_sources, i.party_claim_nations, i.observation_count,
  i.explanation, i.merged_into, i.version, i.updated_at, i.rel_kind, i.rel_nations from incident i`;

interface IncidentRow {
  id: string;
  category: string;
  categories: string[];
  fusion_state: 'reported' | 'corroborated';
  state: IncidentStateName;
  attributed_party: string | null;
  lng: number;
  lat: number;
  radius_m: number;
  location_method: string;
  start_at: Date;
  end_at: Date;
  count_low: number;
  count_best: number;
  count_high: number;
  confidence: number;
  independent_sources: number;
  party_claim_nations: string[];
  observation_count: number;
  explanation: string[];
  merged_into: string | null;
  version: number;
  updated_at: Date;
  rel_kind: Labelled['rel_kind'];
  rel_nations: string[];
}

function incidentOfRow(r: IncidentRow): IncidentRecord {
  const label = { rel_kind: r.rel_kind, rel_nations: r.rel_nations };
  return {
    id: r.id,
    category: r.category,
    categories: r.categories,
    fusionState: r.fusion_state,
    state: r.state,
    attributedParty: r.attributed_party,
    position: [r.lng, r.lat],
    radiusM: r.radius_m,
    locationMethod: r.location_method,
    start: r.start_at,
    end: r.end_at,
    count: { low: Number(r.count_low), best: Number(r.count_best), high: Number(r.count_high) },
    confidence: r.confidence,
    independentSources: r.independent_sources,
    partyClaimNations: r.party_claim_nations,
    observationCount: r.observation_count,
    explanation: r.explanation,
    mergedInto: r.merged_into,
    version: Number(r.version),
    updatedAt: r.updated_at,
    releasability: labelText(label),
    label,
  };
}

/** Incidents matching the filter, most recent first. */
export async function listIncidents(
  db: Db,
  filter: IncidentFilter,
  page: { readonly limit: number; readonly offset: number },
): Promise<IncidentRecord[]> {
  const rows = await sql<IncidentRow>`${INCIDENT_SELECT} where ${incidentFilterSql(filter)}
    order by i.start_at desc, i.id limit ${page.limit} offset ${page.offset}`.execute(db);
  return rows.rows.map(incidentOfRow);
}

/** Incidents by id (merged ones included); those the reader may not see are absent. */
export async function getIncidents(db: Db, ids: readonly string[]): Promise<IncidentRecord[]> {
  const rows = await sql<IncidentRow>`${INCIDENT_SELECT} where i.id = any(${[...ids]}) order by i.id`.execute(
    db,
  );
  return rows.rows.map(incidentOfRow);
}

/** One incident, or undefined when it does not exist or the reader may not see it. */
export async function getIncident(db: Db, id: string): Promise<IncidentRecord | undefined> {
  return (await getIncidents(db, [id]))[0];
}

/** Counts under the same filter as the tiles: the total, by category and by state. */
export async function countIncidents(
  db: Db,
  filter: IncidentFilter,
): Promise<{ total: number; byCategory: Record<string, number>; byState: Record<string, number> }> {
  const rows = await sql<{ category: string; state: string; n: number }>`
    select i.category, i.state, count(*)::int as n from incident i where ${incidentFilterSql(filter)}
    group by i.category, i.state`.execute(db);
  const byCategory: Record<string, number> = {};
  const byState: Record<string, number> = {};
  let total = 0;
  for (const r of rows.rows) {
    const n = Number(r.n);
    total += n;
    byCategory[r.category] = (byCategory[r.category] ?? 0) + n;
    byState[r.state] = (byState[r.state] ?? 0) + n;
  }
  return { total, byCategory, byState };
}

/** The largest number of features in one tile: beyond it the map should zoom in or filter. */
export const MAX_TILE_FEATURES = 50_000;

/** How a tile is encoded: by PostGIS (ST_AsMVT), or from PostGIS tile coordinates in JS. */
export type TileEncoder = 'postgis' | 'js';

/** Whether this PostGIS can write vector tiles (PGlite's build has no protobuf-c). */
export async function tileEncoder(db: Db): Promise<TileEncoder> {
  const row = await sql<{ v: string | null }>`select postgis_libprotobuf_version() as v`.execute(db);
  return row.rows[0]?.v ? 'postgis' : 'js';
}

const TILE_EXTENT = 4096;

/**
 * Incidents as one Mapbox vector tile (layer `incidents`) under the same filter as the counts.
 * Features carry id, category, state, counts and times. PostGIS writes the tile with
 * ST_AsMVT(ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(z, x, y))); where its build
 * cannot, PostGIS computes the same tile coordinates and encodePointTile writes the protobuf.
 */
export async function incidentTile(
  db: Db,
  tile: { readonly z: number; readonly x: number; readonly y: number },
  filter: IncidentFilter,
  encoder: TileEncoder = 'postgis',
): Promise<Uint8Array> {
  const within = lngLatWithin(sql.raw('i'), tileBoundsDeg(tile));
  if (encoder === 'postgis') {
    const rows = await sql<{ mvt: Uint8Array | null }>`
      with bounds as (select st_tileenvelope(${tile.z}, ${tile.x}, ${tile.y}) as env),
      features as (
        select i.id, i.category, i.state, i.count_best, i.radius_m, i.confidence,
          extract(epoch from i.start_at) * 1000 as start_ms, extract(epoch from i.end_at) * 1000 as end_ms,
          st_asmvtgeom(st_transform(i.geom, 3857), bounds.env, ${TILE_EXTENT}) as geom
        from incident i, bounds
        where ${incidentFilterSql(filter)} and i.geom && st_transform(bounds.env, 4326) and ${within}
        limit ${MAX_TILE_FEATURES}
      )
      select st_asmvt(features.*, 'incidents', ${TILE_EXTENT}, 'geom') as mvt from features where geom is not null`.execute(
      db,
    );
    const mvt = rows.rows[0]?.mvt;
    return mvt ? new Uint8Array(mvt) : new Uint8Array();
  }
  const rows = await sql<{
    id: string;
    category: string;
    state: string;
    count_best: number;
    radius_m: number;
    confidence: number;
    start_ms: number;
    end_ms: number;
    tx: number;
    ty: number;
  }>`
    with bounds as (select st_tileenvelope(${tile.z}, ${tile.x}, ${tile.y}) as env)
    select i.id, i.category, i.state, i.count_best, i.radius_m, i.confidence,
      extract(epoch from i.start_at) * 1000 as start_ms, extract(epoch from i.end_at) * 1000 as end_ms,
      round((st_x(p.m) - st_xmin(bounds.env)) * ${TILE_EXTENT} / (st_xmax(bounds.env) - st_xmin(bounds.env))) as tx,
      round((st_ymax(bounds.env) - st_y(p.m)) * ${TILE_EXTENT} / (st_ymax(bounds.env) - st_ymin(bounds.env))) as ty
    from incident i cross join bounds cross join lateral (select st_transform(i.geom, 3857) as m) p
    where ${incidentFilterSql(filter)} and i.geom && st_transform(bounds.env, 4326) and ${within}
    limit ${MAX_TILE_FEATURES}`.execute(db);
  return encodePointTile(
    'incidents',
    rows.rows.map(({ tx, ty, ...properties }) => ({
      x: Number(tx),
      y: Number(ty),
      properties: {
        ...properties,
        count_best: Number(properties.count_best),
        start_ms: Number(properties.start_ms),
        end_ms: Number(properties.end_ms),
      },
    })),
    TILE_EXTENT,
  );
}

/** An observation as an incident page lists it. */
export interface IncidentObservationRecord {
  readonly uid: string;
  readonly sourceKind: string;
  readonly sourceId: string;
  readonly nation: string;
  readonly category: string;
  readonly count: number;
  readonly start: Date;
  readonly end: Date;
  readonly position: readonly [number, number];
  readonly radiusM: number;
  readonly locationKind: 'point' | 'bearing';
  readonly remarks: string | null;
  readonly reportedAt: Date;
  readonly join: {
    readonly via: string;
    readonly rule: string;
    readonly geometry: string;
    readonly distanceM: number;
    readonly gapMs: number;
  } | null;
  readonly releasability: string;
}

/** The observations of an incident the reader may see (the others stay hidden by row-level security). */
export async function incidentObservations(db: Db, incidentId: string): Promise<IncidentObservationRecord[]> {
  const rows = await sql<{
    uid: string;
    source_kind: string;
    source_id: string;
    source_nation: string;
    category: string;
    count: number;
    start_at: Date;
    end_at: Date;
    lng: number;
    lat: number;
    radius_m: number;
    location_kind: 'point' | 'bearing';
    remarks: string | null;
    reported_at: Date;
    via_uid: string | null;
    rule: string | null;
    geometry: string | null;
    distance_m: number | null;
    gap_ms: number | null;
    rel_kind: Labelled['rel_kind'];
    rel_nations: string[];
  }>`select o.uid, o.source_kind, o.source_id, o.source_nation, o.category, o.count, o.start_at, o.end_at,
       st_x(o.geom) as lng, st_y(o.geom) as lat, o.radius_m, o.location_kind, o.remarks, o.reported_at,
       m.via_uid, m.rule, m.geometry, m.distance_m, m.gap_ms, o.rel_kind, o.rel_nations
     from incident_observation m join observation o on o.uid = m.observation_uid
     where m.incident_id = ${incidentId} order by o.uid`.execute(db);
  return rows.rows.map((r) => ({
    uid: r.uid,
    sourceKind: r.source_kind,
    sourceId: r.source_id,
    nation: r.source_nation,
    category: r.category,
    count: Number(r.count),
    start: r.start_at,
    end: r.end_at,
    position: [r.lng, r.lat],
    radiusM: r.radius_m,
    locationKind: r.location_kind,
    remarks: r.remarks,
    reportedAt: r.reported_at,
    join:
      r.via_uid === null
        ? null
        : {
            via: r.via_uid,
            rule: r.rule ?? '',
            geometry: r.geometry ?? '',
            distanceM: r.distance_m ?? 0,
            gapMs: r.gap_ms ?? 0,
          },
    releasability: labelText(r),
  }));
}

/** One entry of an incident's state history. */
export interface StateChangeRecord {
  readonly incidentId: string;
  readonly from: string | null;
  readonly to: string;
  readonly by: string;
  readonly nation: string | null;
  readonly at: Date;
  readonly reason: string | null;
  readonly evidence: readonly string[];
  readonly attributedParty: string | null;
  readonly assessment: string | null;
}

/** The state history of an incident and of the incidents fusion joined into it, oldest first. */
export async function incidentStateChanges(db: Db, incidentId: string): Promise<StateChangeRecord[]> {
  const rows = await sql<{
    incident_id: string;
    from_state: string | null;
    to_state: string;
    by_user: string;
    by_nation: string | null;
    at: Date;
    reason: string | null;
    evidence: string[];
    attributed_party: string | null;
    assessment: string | null;
  }>`select incident_id, from_state, to_state, by_user, by_nation, at, reason, evidence, attributed_party, assessment
     from incident_state_change
     where incident_id = ${incidentId} or incident_id in (select id from incident where merged_into = ${incidentId})
     order by at, id`.execute(db);
  return rows.rows.map((r) => ({
    incidentId: r.incident_id,
    from: r.from_state,
    to: r.to_state,
    by: r.by_user,
    nation: r.by_nation,
    at: r.at,
    reason: r.reason,
    evidence: r.evidence,
    attributedParty: r.attributed_party,
    assessment: r.assessment,
  }));
}

/** An analyst's transition, applied by changeIncidentState. */
export interface StateChangeInput {
  readonly incidentId: string;
  readonly to: 'verified' | 'attributed' | 'dismissed';
  readonly expectedVersion?: number;
  readonly by: string;
  readonly nation: string;
  readonly at: Date;
  readonly reason: string | null;
  readonly evidence: readonly string[];
  readonly attributedParty: string | null;
  readonly assessment: string | null;
}

/**
 * Sets an incident's state and records the change, in the caller's transaction (asReader, so
 * an incident the analyst may not read cannot be changed). Returns the updated record, or
 * undefined when the incident is not visible or its version moved on.
 */
export async function changeIncidentState(
  trx: Transaction<Database>,
  change: StateChangeInput,
): Promise<IncidentRecord | undefined> {
  const updated = await sql<{ id: string }>`
    update incident set state = ${change.to}, attributed_party = ${change.attributedParty},
      version = version + 1, updated_at = ${change.at}
    where id = ${change.incidentId} and merged_into is null
      ${change.expectedVersion === undefined ? sql`` : sql`and version = ${change.expectedVersion}`}
    returning id`.execute(trx);
  if (updated.rows.length === 0) return undefined;
  const record = (await getIncident(trx, change.incidentId))!;
  return record;
}

/** Appends the state history row for an analyst's change (label: the incident's). */
export async function recordStateChange(
  trx: Transaction<Database>,
  change: StateChangeInput & { readonly from: string },
  label: Labelled,
): Promise<void> {
  await sql`insert into incident_state_change (incident_id, from_state, to_state, by_user, by_nation, at, reason,
      evidence, attributed_party, assessment, rel_kind, rel_nations)
    values (${change.incidentId}, ${change.from}, ${change.to}, ${change.by}, ${change.nation}, ${change.at},
      ${change.reason}, ${[...change.evidence]}, ${change.attributedParty}, ${change.assessment},
      ${label.rel_kind}, ${label.rel_nations})`.execute(trx);
}

/** Publishes analyst changes the same way fusion publishes its own. */
export async function publishIncidentChanges(trx: Db, records: readonly IncidentRecord[]): Promise<void> {
  await publish(
    trx,
    records.map((r) => ({
      id: r.id,
      state: r.state,
      category: r.category,
      version: r.version,
      ...r.label,
      ...(r.mergedInto ? { mergedInto: r.mergedInto } : {}),
    })),
  );
}

/** A party's claim about an incident and the monitors' assessment of it. */
export interface ClaimRecord {
  readonly id: number;
  readonly incidentId: string;
  readonly party: string;
  readonly claim: string;
  readonly evidence: readonly string[];
  readonly assessment: string | null;
  readonly by: string;
  readonly nation: string | null;
  readonly at: Date;
  readonly releasability: string;
}

/** Adds a claim to the dispute record (rows are only ever added). */
export async function addClaim(
  trx: Transaction<Database>,
  claim: {
    readonly incidentId: string;
    readonly party: string;
    readonly claim: string;
    readonly evidence: readonly string[];
    readonly assessment: string | null;
    readonly by: string;
    readonly nation: string;
    readonly at: Date;
    readonly label: Labelled;
  },
): Promise<ClaimRecord> {
  const row = await sql<{
    id: number;
  }>`insert into incident_claim (incident_id, party, claim, evidence, assessment,
      by_user, by_nation, at, rel_kind, rel_nations)
    values (${claim.incidentId}, ${claim.party}, ${claim.claim}, ${[...claim.evidence]}, ${claim.assessment},
      ${claim.by}, ${claim.nation}, ${claim.at}, ${claim.label.rel_kind}, ${claim.label.rel_nations})
    returning id`.execute(trx);
  return {
    id: Number(row.rows[0]!.id),
    incidentId: claim.incidentId,
    party: claim.party,
    claim: claim.claim,
    evidence: claim.evidence,
    assessment: claim.assessment,
    by: claim.by,
    nation: claim.nation,
    at: claim.at,
    releasability: labelText(claim.label),
  };
}

/** The dispute record of an incident (and of incidents joined into it), oldest first. */
export async function incidentClaims(db: Db, incidentId: string): Promise<ClaimRecord[]> {
  const rows = await sql<{
    id: number;
    incident_id: string;
    party: string;
    claim: string;
    evidence: string[];
    assessment: string | null;
    by_user: string;
    by_nation: string | null;
    at: Date;
    rel_kind: Labelled['rel_kind'];
    rel_nations: string[];
  }>`select id, incident_id, party, claim, evidence, assessment, by_user, by_nation, at, rel_kind, rel_nations
     from incident_claim
     where incident_id = ${incidentId} or incident_id in (select id from incident where merged_into = ${incidentId})
     order by at, id`.execute(db);
  return rows.rows.map((r) => ({
    id: Number(r.id),
    incidentId: r.incident_id,
    party: r.party,
    claim: r.claim,
    evidence: r.evidence,
    assessment: r.assessment,
    by: r.by_user,
    nation: r.by_nation,
    at: r.at,
    releasability: labelText(r),
  }));
}
