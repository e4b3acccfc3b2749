/**
 * The per-sector per-day violation counts over the incident table: core's `evaluateViolations` over the
 * incidents and zones read here, the sectors' daily facts the ceasefire gate reads, and PostGIS's
 * answer to the same point-in-zone question, which a test holds to agreement.
 */
import type { Category } from '@guarantor/core/monitoring';
import { addDays, type IsoDate, type SectorDay } from '@guarantor/core/phases';
import {
  evaluateViolations,
  indexZones,
  toSectorDays,
  type ViolationResult,
  type ZoneIncident,
} from '@guarantor/core/zones';
import { countsOf, type IncidentCounts, type IncidentFilter, incidentFilter } from '../monitoring/index.ts';
import { covers, latOf, lngOf } from '../postgis.ts';
import type { Labelled } from '../schema.ts';
import { type Db, dayStart } from './common.ts';
import { activeViolationRules } from './rules.ts';
import { listZones } from './zones.ts';

/** An incident from the incident table as the evaluator needs it. */
export async function loadZoneIncidents(
  db: Db,
  from: IsoDate,
  to: IsoDate,
): Promise<readonly ZoneIncident[]> {
  const rows = await db
    .selectFrom('incident as i')
    .select([
      'i.id',
      'i.category',
      'i.state',
      lngOf('i.geom').as('lng'),
      latOf('i.geom').as('lat'),
      'i.start_at',
      'i.count_best',
    ])
    .where('i.merged_into', 'is', null)
    .where('i.start_at', '>=', dayStart(from))
    .where('i.start_at', '<', dayStart(addDays(to, 1)))
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    // Stored from core's validated observations, so a category core knows.
    category: r.category as Category,
    position: [Number(r.lng), Number(r.lat)] as const,
    timeMs: r.start_at.getTime(),
    verification: r.state,
    count: Number(r.count_best),
    // The incident table has no weapon class yet; rules treat an unknown class as their own.
    weaponClass: null,
  }));
}

/** Violations and per-sector per-day counts for UTC days `from` to `to`, as the reader sees them. */
export async function computeViolations(db: Db, from: IsoDate, to: IsoDate): Promise<ViolationResult> {
  // One after another: a transaction is one connection.
  const zones = await listZones(db, { kinds: ['buffer_zone', 'weapons_withdrawal', 'sector'] });
  const rules = await activeViolationRules(db);
  const incidents = await loadZoneIncidents(db, from, to);
  return evaluateViolations(incidents, indexZones(zones), rules);
}

/**
 * Area zones covering each live incident, by PostGIS (`ST_Covers`, boundary included), for
 * incidents starting on UTC days `from` to `to`: the database's answer to the question core
 * answers with turf. Incident id → zone ids sorted.
 */
export async function incidentZonesInDatabase(
  db: Db,
  from: IsoDate,
  to: IsoDate,
): Promise<ReadonlyMap<string, readonly string[]>> {
  const rows = await db
    .selectFrom('incident as i')
    .innerJoin('zone as z', (join) =>
      join
        .on('z.kind', '<>', 'line_of_contact')
        .on(covers('z.geom', 'i.geom'))
        .on((eb) => eb.or([eb('z.valid_from', 'is', null), eb('z.valid_from', '<=', eb.ref('i.start_at'))]))
        .on((eb) => eb.or([eb('z.valid_to', 'is', null), eb('i.start_at', '<', eb.ref('z.valid_to'))])),
    )
    .select(['i.id', 'z.id as zone_id'])
    .where('i.merged_into', 'is', null)
    .where('i.start_at', '>=', dayStart(from))
    .where('i.start_at', '<', dayStart(addDays(to, 1)))
    .orderBy('i.id')
    .orderBy('z.id')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), r.zone_id]);
  return out;
}

/**
 * Which rows sector facts are read through. `reader`: the transaction's own (a reader's, as
 * row-level security filters them; the owner sees all). `coalition`: only rows labelled PUBLIC
 * or COALITION, for a record the owner writes and every nation reads (the re-evaluation's
 * sector statuses): a sector zone, an observation or a source status one nation keeps to
 * itself must not make a shared sector exist, or count as watched, for everyone.
 */
export type FactsLens = 'reader' | 'coalition';

/** The labels every coalition reader may read: what the `coalition` lens admits. */
const COALITION_WIDE: Labelled['rel_kind'][] = ['PUBLIC', 'COALITION'];

/** Sector zone ids (the sector names the ceasefire rules use), in id order. */
export async function listSectorIds(db: Db, lens: FactsLens = 'reader'): Promise<readonly string[]> {
  let q = db.selectFrom('zone').select('id').where('kind', '=', 'sector');
  if (lens === 'coalition') q = q.where('rel_kind', 'in', COALITION_WIDE);
  return (await q.orderBy('id').execute()).map((r) => r.id);
}

/**
 * Which (sector, day) pairs some source watched: an observation filed inside the sector that
 * day, or a source recorded active or degraded for the sector (or for all sectors) that day.
 */
export async function monitoredSectorDays(
  db: Db,
  from: IsoDate,
  to: IsoDate,
  lens: FactsLens = 'reader',
): Promise<ReadonlySet<string>> {
  const wide = lens === 'coalition';
  let observed = db
    .selectFrom('observation as o')
    .innerJoin('zone as z', (join) => join.on('z.kind', '=', 'sector').on(covers('z.geom', 'o.geom')))
    .select((eb) => [
      'z.id as sector',
      eb
        .fn<string>('to_char', [
          eb.fn('timezone', [eb.val('UTC'), eb.ref('o.start_at')]),
          eb.val('YYYY-MM-DD'),
        ])
        .as('day'),
    ])
    .distinct()
    .where('o.start_at', '>=', dayStart(from))
    .where('o.start_at', '<', dayStart(addDays(to, 1)));
  if (wide)
    observed = observed.where('o.rel_kind', 'in', COALITION_WIDE).where('z.rel_kind', 'in', COALITION_WIDE);
  let recorded = db
    .selectFrom('source_status')
    .select((eb) => ['sectors', eb.fn<string>('to_char', [eb.ref('day'), eb.val('YYYY-MM-DD')]).as('day')])
    .where('status', '<>', 'down')
    .where('day', '>=', from)
    .where('day', '<=', to);
  if (wide) recorded = recorded.where('rel_kind', 'in', COALITION_WIDE);
  const observedDays = await observed.execute();
  const recordedDays = await recorded.execute();
  const sectors = await listSectorIds(db, lens);
  const out = new Set<string>();
  for (const r of observedDays) out.add(`${r.sector}\u0000${r.day}`);
  for (const r of recordedDays) {
    for (const s of r.sectors.length > 0 ? r.sectors : sectors) out.add(`${s}\u0000${r.day}`);
  }
  return out;
}

/**
 * The ceasefire gate's input (phases' `SectorDay`) from monitoring: the same shape as
 * `SectorFacts` in db/src/phases/sectors.ts, so the gate can read it in place of its stand-in store.
 */
export const monitoringSectorFacts = {
  listSectors: (db: Db, lens: FactsLens = 'reader'): Promise<readonly string[]> => listSectorIds(db, lens),
  async loadSectorDays(
    db: Db,
    from: IsoDate,
    to: IsoDate,
    lens: FactsLens = 'reader',
  ): Promise<readonly SectorDay[]> {
    const sectors = await listSectorIds(db, lens);
    const result = await computeViolations(db, from, to);
    const monitored = await monitoredSectorDays(db, from, to, lens);
    const dates: IsoDate[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
    return toSectorDays(result.violations, sectors, dates, (s, d) => monitored.has(`${s}\u0000${d}`));
  },
};

// ---------------------------------------------------------------- incidents within a zone

/**
 * Incident counts inside one zone (a sector) under monitoring's filter, by category and state.
 * The predicate is monitoring's filter plus `ST_Covers(zone, incident)`; the map draws the
 * same incidents by clipping monitoring's tiles to the zone's polygon.
 */
export async function countIncidentsInZone(
  db: Db,
  zoneId: string,
  filter: IncidentFilter,
): Promise<IncidentCounts> {
  return countsOf(
    await db
      .selectFrom('incident as i')
      .select((eb) => ['i.category', 'i.state', eb.fn.countAll().as('n')])
      .where(incidentFilter(filter))
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('zone as z')
            .select(eb.lit(1).as('one'))
            .where('z.id', '=', zoneId)
            .where(covers('z.geom', 'i.geom')),
        ),
      )
      .groupBy(['i.category', 'i.state'])
      .execute(),
  );
}
