/**
 * Test fixtures for zones and reports: incidents written straight into the incident table (as
 * the owner, the way the fusion worker writes them), so zone and report tests do not depend
 * on fusing observations first.
 */

import type { StoredAccountLine } from '@guarantor/core/monitoring';
import type { Database } from '@guarantor/db/schema';
import { type Kysely, sql } from 'kysely';

/** An incident to write; defaults fill what the zone rules do not read. */
export interface FixtureIncident {
  readonly id: string;
  readonly category: string;
  readonly state?: 'reported' | 'corroborated' | 'verified' | 'attributed' | 'dismissed';
  readonly position: readonly [number, number];
  readonly start: Date;
  readonly count?: number;
  /** `PUBLIC`, `COALITION`, or `REL`/`NATIONAL` with nations. */
  readonly relKind?: 'PUBLIC' | 'COALITION' | 'REL' | 'NATIONAL';
  readonly relNations?: readonly string[];
  /** The engine's account: lines as data, or English sentences as older incidents stored. */
  readonly explanation?: readonly StoredAccountLine[];
}

/** Writes incidents in one statement per 500 rows. */
export async function insertFixtureIncidents(db: Kysely<Database>, incidents: readonly FixtureIncident[]) {
  for (let i = 0; i < incidents.length; i += 500) {
    const rows = incidents.slice(i, i + 500).map((x) => {
      const state = x.state ?? 'reported';
      const count = x.count ?? 1;
      return sql`(${x.id}, ${x.category}, ${[x.category]}, ${state === 'reported' ? 'reported' : 'corroborated'}, ${state},
        st_setsrid(st_makepoint(${x.position[0]}, ${x.position[1]}), 4326), 250, 'point', ${x.start}, ${new Date(x.start.getTime() + 60_000)},
        ${count}, ${count}, ${count}, 0.8, ${state === 'reported' ? 1 : 2}, 1, ${JSON.stringify(x.explanation ?? [])}::jsonb,
        ${x.relKind ?? 'COALITION'}, ${[...(x.relNations ?? [])]}::text[])`;
    });
    await sql`insert into incident (id, category, categories, fusion_state, state, geom, radius_m, location_method,
      start_at, end_at, count_low, count_best, count_high, confidence, independent_sources, observation_count, explanation,
      rel_kind, rel_nations) values ${sql.join(rows)}`.execute(db);
  }
}

/** Writes one observation per source so the source counts as active that day. */
export async function insertFixtureObservations(
  db: Kysely<Database>,
  observations: readonly {
    readonly uid: string;
    readonly sourceId: string;
    readonly sourceKind: string;
    readonly position: readonly [number, number];
    readonly start: Date;
    readonly category?: string;
  }[],
) {
  for (const o of observations) {
    const raw = { uid: o.uid };
    await sql`insert into observation (uid, source_kind, source_id, source_nation, start_at, end_at, category, count,
      location_kind, geom, radius_m, reported_at, raw, rel_kind, rel_nations)
      values (${o.uid}, ${o.sourceKind}, ${o.sourceId}, 'USA', ${o.start}, ${o.start}, ${o.category ?? 'other'}, 1, 'point',
        st_setsrid(st_makepoint(${o.position[0]}, ${o.position[1]}), 4326), 100, ${o.start}, ${JSON.stringify(raw)}::jsonb,
        'COALITION', '{}')`.execute(db);
  }
}
