/**
 * The fusion worker's reads and writes. They run as the connecting role: fusion must see every
 * observation whatever its label, and it labels each incident with the meet of its members'.
 *
 * The bulk writes stay SQL, typed at their edge: each chunk is one JSON parameter read by
 * `jsonb_to_recordset(…) as r(<column definitions>)`, which the builder cannot say, in place of
 * tens of thousands of bind parameters.
 */
import type { Releasability } from '@guarantor/core/access';
import type { AccountLine, Incident, IncidentStateName } from '@guarantor/core/monitoring';
import { type Kysely, sql, type Transaction } from 'kysely';
import { labelColumns } from '../access.ts';
import type { Database, Labelled } from '../schema.ts';
import { type IncidentChange, publish } from './changes.ts';
import type { FreshObservations } from './fresh.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Why fusion changed an incident's state, as stored (English); the incident route words them
 * per reader by these keys (`fusion.stateReason.*`), and shows any other reason as written.
 */
export const FUSION_STATE_REASONS = {
  opened: 'opened by fusion',
  split: 'split off again by fusion',
  agree: 'independent sources agree',
  fewer: 'fewer than two independent sources remain',
} as const;

/** An observation as the fusion worker reads it. */
export interface FusionInputRow {
  readonly seq: number;
  readonly uid: string;
  readonly raw: unknown;
  readonly label: Labelled;
}

const FUSION_INPUT = ['o.seq', 'o.uid', 'o.raw', 'o.rel_kind', 'o.rel_nations'] as const;

/**
 * Observations fusion has not seen in their current version (observation_unfused, 0034), in
 * seq order; `exceptSeqs` are left out (a write in flight fuses them). A version `fresh` holds
 * (this process stored it) is taken from there; only the others' `raw` is read.
 */
export async function readUnfusedObservations(
  db: Db,
  limit: number,
  exceptSeqs: readonly number[] = [],
  fresh?: FreshObservations,
): Promise<FusionInputRow[]> {
  // The queue names each waiting version; what this process stored is at hand in `fresh`.
  const queued = await db
    .selectFrom('observation_unfused as q')
    .select(['q.seq', 'q.uid'])
    .$if(exceptSeqs.length > 0, (qb) =>
      qb.where(sql<boolean>`q.seq <> all(${sql.val(exceptSeqs)}::bigint[])`),
    )
    .orderBy('q.seq')
    .limit(limit)
    .execute();
  const found = queued.map((q) => {
    const seq = Number(q.seq);
    return { uid: q.uid, seq, stored: fresh?.take(q.uid, seq) };
  });
  const missing = found.filter((r) => r.stored === undefined).map((r) => r.seq);
  const read = new Map<number, FusionInputRow>();
  for (let at = 0; at < missing.length; at += 20_000) {
    const rows = await db
      .selectFrom('observation as o')
      .select(FUSION_INPUT)
      .where((eb) => eb('o.seq', '=', eb.fn.any(eb.val(missing.slice(at, at + 20_000)))))
      .execute();
    for (const row of rows) read.set(Number(row.seq), fusionRow(row));
  }
  // A version replaced since the queue was read is no longer under its seq: it waits in the
  // queue under its new one, for the next step.
  return found.flatMap(({ uid, seq, stored }) => {
    if (!stored) return read.has(seq) ? [read.get(seq)!] : [];
    return [{ seq, uid, raw: stored.raw, label: stored.label }];
  });
}

/** Observations already fused, in seq order from `afterSeq` (for rebuilding the engine at start). */
export async function readFusedObservations(
  db: Db,
  afterSeq: number,
  limit: number,
): Promise<FusionInputRow[]> {
  const rows = await db
    .selectFrom('observation as o')
    .select(FUSION_INPUT)
    .where('o.seq', '>', afterSeq)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('observation_unfused as q').select('q.uid').whereRef('q.uid', '=', 'o.uid'))),
    )
    .orderBy('o.seq')
    .limit(limit)
    .execute();
  return rows.map(fusionRow);
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
  const rows = await db
    .selectFrom('incident_observation')
    .select(['observation_uid', 'incident_id'])
    .execute();
  return new Map(rows.map((r) => [r.observation_uid, r.incident_id]));
}

/** One incident as fusion now sees it, with its label and explanation. */
export interface FusedIncident {
  readonly incident: Incident;
  readonly label: Releasability;
  /** The engine's account as data (core's account.ts), put in words when read. */
  readonly explanation: readonly AccountLine[];
  /**
   * The members whose membership rows to write; all of them when absent. The caller may leave
   * out rows it knows are written already, unchanged (docs/adr/0023-fusion-keeps-pace.md).
   */
  readonly memberUids?: readonly string[];
}

/** What writeFusion did. */
export interface FusionWriteResult {
  readonly changes: readonly IncidentChange[];
  readonly stateChanges: number;
}

/** An incident row an upsert or a merge returned, as published. */
interface ChangedIncidentRow {
  id: string;
  state: IncidentStateName;
  category: string;
  version: number;
  rel_kind: Labelled['rel_kind'];
  rel_nations: string[];
}

/** An incident fusion joined into another, with the analyst's state it may hand on. */
interface MergedIncidentRow extends ChangedIncidentRow {
  merged_into: string;
  attributed_party: string | null;
}

const INCIDENT_COLUMNS =
  sql.raw(`id text, category text, categories text[], fusion_state text, lng float8, lat float8,
  radius_m float8, location_method text, start_ms float8, end_ms float8, count_low bigint, count_best bigint,
  count_high bigint, confidence float8, independent_sources int, party_claim_nations text[],
  observation_count int, explanation jsonb, rel_kind text, rel_nations text[]`);

/**
 * Writes fusion's view of the changed incidents in one transaction: incident rows (keeping an
 * analyst's state), membership with join reasons, automatic state changes, merged incidents,
 * the observations taken off the fusion queue, and the changes published (pg_notify) so every
 * instance can push them.
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
  const at = sql.lit(input.at.toISOString());
  return db.transaction().execute(async (trx) => {
    const ids = input.incidents.map((f) => f.incident.id);
    const before = new Map(
      (
        await trx
          .selectFrom('incident')
          .select(['id', 'state', 'merged_into'])
          .where((eb) => eb('id', '=', eb.fn.any(eb.val(ids))))
          .forUpdate()
          .execute()
      ).map((r) => [r.id, r]),
    );
    const changes: IncidentChange[] = [];
    let stateChanges = 0;
    for (let start = 0; start < input.incidents.length; start += 2000) {
      const chunk = input.incidents.slice(start, start + 2000);
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
      const rows = await sql<ChangedIncidentRow>`
        with input as (select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${INCIDENT_COLUMNS}))
        insert into incident as i (id, category, categories, fusion_state, state, geom, radius_m, location_method,
          start_at, end_at, count_low, count_best, count_high, confidence, independent_sources,
          party_claim_nations, observation_count, explanation, rel_kind, rel_nations, created_at, updated_at)
        select id, category, categories, fusion_state, fusion_state, st_setsrid(st_makepoint(lng, lat), 4326),
          radius_m, location_method, to_timestamp(start_ms / 1000.0), to_timestamp(end_ms / 1000.0), count_low,
          count_best, count_high, confidence, independent_sources, party_claim_nations, observation_count,
          explanation, rel_kind, rel_nations, ${at}, ${at}
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
        returning id, state, category, version, rel_kind, rel_nations`.execute(trx);
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
              FUSION_STATE_REASONS[
                from === null ? (old ? 'split' : 'opened') : r.state === 'corroborated' ? 'agree' : 'fewer'
              ],
            rel_kind: r.rel_kind,
            rel_nations: r.rel_nations,
          });
        }
      }
      if (history.length > 0) {
        stateChanges += history.length;
        await sql`
          insert into incident_state_change (incident_id, from_state, to_state, by_user, at, reason, rel_kind, rel_nations)
          select incident_id, from_state, to_state, 'fusion', ${at}, reason, rel_kind, rel_nations
          from jsonb_to_recordset(${JSON.stringify(history)}::jsonb) as r(incident_id text, from_state text, to_state text,
            reason text, rel_kind text, rel_nations text[])`.execute(trx);
      }
      const members = chunk.flatMap(({ incident: i, label, memberUids }) => {
        const via = new Map(i.joins.map((j) => [j.uid, j]));
        const columns = labelColumns(label);
        return (memberUids ?? i.observationUids).map((uid) => {
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
        await sql`
          insert into incident_observation (observation_uid, incident_id, via_uid, rule, geometry, distance_m, gap_ms, rel_kind, rel_nations)
          select uid, incident_id, via_uid, rule, geometry, distance_m, gap_ms, rel_kind, rel_nations
          from jsonb_to_recordset(${JSON.stringify(members.slice(m, m + 5000))}::jsonb) as r(uid text, incident_id text,
            via_uid text, rule text, geometry text, distance_m float8, gap_ms float8, rel_kind text, rel_nations text[])
          on conflict (observation_uid) do update set incident_id = excluded.incident_id, via_uid = excluded.via_uid,
            rule = excluded.rule, geometry = excluded.geometry, distance_m = excluded.distance_m,
            gap_ms = excluded.gap_ms, rel_kind = excluded.rel_kind, rel_nations = excluded.rel_nations`.execute(
          trx,
        );
      }
    }
    if (input.merged.length > 0) {
      const merges = JSON.stringify(input.merged.map((m) => ({ id: m.id, survivor: m.into })));
      const merged = await sql<MergedIncidentRow>`
        update incident i set merged_into = m.survivor, version = i.version + 1, updated_at = ${at}
        from jsonb_to_recordset(${merges}::jsonb) as m(id text, survivor text)
        where i.id = m.id
        returning i.id, i.state, i.category, i.version, i.merged_into, i.attributed_party, i.rel_kind, i.rel_nations`.execute(
        trx,
      );
      for (const { merged_into, attributed_party: _party, ...r } of merged.rows)
        changes.push({ ...r, version: Number(r.version), mergedInto: merged_into });
      stateChanges += await inheritAnalystStates(trx, merged.rows, changes, input.at);
    }
    // Fused: off the queue (0034). A version replaced meanwhile is queued under its new seq and stays.
    for (let f = 0; f < input.fused.length; f += 10_000) {
      const slice = input.fused.slice(f, f + 10_000);
      await sql`
        delete from observation_unfused q
        using unnest(${slice.map((o) => o.uid)}::text[], ${slice.map((o) => o.seq)}::bigint[]) as f(uid, seq)
        where q.uid = f.uid and q.seq = f.seq`.execute(trx);
    }
    await publish(trx, changes);
    return { changes, stateChanges };
  });
}

/** How far an analyst's state goes: a surviving incident takes the furthest of those joined into it. */
const ANALYST_RANK: Partial<Record<IncidentStateName, number>> = { verified: 1, attributed: 2 };

/** The states ranked at or above `rank`: a survivor in one of them keeps its own. */
const rankedFrom = (rank: number) =>
  (Object.entries(ANALYST_RANK) as [IncidentStateName, number][])
    .filter(([, r]) => r >= rank)
    .map(([s]) => s);

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
    const row = await trx
      .updateTable('incident as i')
      .set((eb) => ({
        state: from.state,
        attributed_party: from.attributed_party,
        version: eb('i.version', '+', 1),
        updated_at: at,
      }))
      .from((eb) =>
        eb.selectFrom('incident').select(['id', 'state']).where('id', '=', survivor).forUpdate().as('old'),
      )
      .whereRef('i.id', '=', 'old.id')
      .where('i.merged_into', 'is', null)
      .where('i.state', 'not in', rankedFrom(ANALYST_RANK[from.state]!))
      .returning([
        'i.id',
        'i.state',
        'i.category',
        'i.version',
        'old.state as previous',
        'i.rel_kind',
        'i.rel_nations',
      ])
      .executeTakeFirst();
    if (!row) continue;
    changed += 1;
    await trx
      .insertInto('incident_state_change')
      .values({
        incident_id: row.id,
        from_state: row.previous,
        to_state: row.state,
        by_user: 'fusion',
        at,
        reason: `took over the analyst state of ${from.id}, which fusion joined into it`,
        attributed_party: from.attributed_party,
        rel_kind: row.rel_kind,
        rel_nations: row.rel_nations,
      })
      .execute();
    const { previous: _previous, ...change } = row;
    const entry = { ...change, version: Number(change.version) };
    const index = changes.findIndex((c) => c.id === row.id && !c.mergedInto);
    if (index >= 0) changes[index] = entry;
    else changes.push(entry);
  }
  return changed;
}
