/**
 * Storage for zones, violation rules and source status (issue 4), and the per-sector per-day
 * violation counts over the incident table. The counts come from one place: core's
 * `evaluateViolations` over the incidents and zones read here. PostGIS answers the same
 * point-in-zone question in `incidentZonesInDatabase`, and a test holds the two to agreement.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Releasability } from '@guarantor/core/access';
import type { Category } from '@guarantor/core/monitoring';
import { addDays, type IsoDate, type SectorDay } from '@guarantor/core/phases';
import {
  DEFAULT_VIOLATION_RULES,
  evaluateViolations,
  type ImportedZone,
  indexZones,
  readZoneCollection,
  toSectorDays,
  type ViolationResult,
  type ViolationRule,
  validateViolationRule,
  type WeaponClass,
  type Zone,
  type ZoneGeometry,
  ZoneImportError,
  type ZoneIncident,
  type ZoneKind,
  type ZoneProblem,
  type ZoneReadOptions,
  zoneIdNation,
} from '@guarantor/core/zones';
import { type ColumnType, type Kysely, sql, type Transaction } from 'kysely';
import { labelColumns, labelColumnsFromText, labelText } from './access.ts';
import { appendAudit } from './audit.ts';
import { type IncidentFilter, incidentFilterSql } from './monitoring.ts';
import { DATA_DIR } from './reference.ts';
import type { Database, Labelled } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

type ZoneTable = Labelled & {
  id: string;
  kind: ZoneKind;
  name: string;
  weapon_classes: string[];
  geom: ColumnType<unknown, string, string>;
  version: number;
  valid_from: Date | null;
  valid_to: Date | null;
  illustrative: boolean;
  created_at: Date;
  updated_at: Date;
};

type ViolationRuleTable = Labelled & {
  id: string;
  version: number;
  definition: ColumnType<unknown, string, string>;
  active: boolean;
  created_by: string;
  created_at: Date;
};

type SourceStatusTable = Labelled & {
  day: ColumnType<Date | string, string, string>;
  source_id: string;
  source_kind: string;
  status: 'active' | 'degraded' | 'down';
  sectors: string[];
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
};

/** The tables of migration 0003, for `withTables`. */
export type ZoneTables = {
  zone: ZoneTable;
  violation_rule: ViolationRuleTable;
  source_status: SourceStatusTable;
};

const t = (db: Db) => (db as Kysely<Database>).withTables<ZoneTables>();

/** Who makes a change, for the audit log. */
export interface ZoneActor {
  readonly username: string;
  readonly nation: string | null;
}

/** A zone as stored: core's zone plus version, label and times. */
export interface ZoneRecord extends Zone {
  readonly version: number;
  readonly releasability: string;
  readonly label: Labelled;
  readonly updatedAt: Date;
}

/** What an import did. */
export interface ZoneImportSummary {
  readonly read: number;
  readonly created: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: readonly string[];
  /** Features left out on request (a geometry the kind does not take), with why. */
  readonly skipped: readonly ZoneProblem[];
}

const geomText = (g: ZoneGeometry) => JSON.stringify(g);

/**
 * Stores a whole zone file in the caller's transaction, or nothing: any rejected feature
 * throws ZoneImportError before a row is written. Zones are upserted by id; a changed zone
 * gets the next version, and every change is audited with its geometry.
 */
export async function importZones(
  trx: Transaction<Database>,
  input: unknown,
  options: {
    readonly actor: ZoneActor;
    readonly defaultLabel: Releasability;
    readonly at: Date;
    /** How to read a file laid out by others (a default kind, the name and id properties). */
    readonly read?: ZoneReadOptions;
  },
): Promise<ZoneImportSummary> {
  const result = readZoneCollection(input, options.read);
  if (result.rejected.length > 0) throw new ZoneImportError(result.rejected);
  const keys = await zoneKeys(trx, result.accepted, options.actor.nation);
  const created: string[] = [];
  const updated: string[] = [];
  const unchanged: string[] = [];
  for (const [i, zone] of result.accepted.entries()) {
    const stored = { ...zone, id: keys[i]! };
    const outcome = await upsertZone(trx, stored, options);
    (outcome === 'created' ? created : outcome === 'updated' ? updated : unchanged).push(stored.id);
  }
  return { read: result.read, created, updated, unchanged, skipped: result.skipped };
}

/**
 * Where each zone of a file is stored (ADR 0013). A nation's zones live in its namespace: a
 * file's `sector-east` from France is `sector-east@FRA`, unless the reader can see a zone whose
 * id is exactly what the file says (a shared zone of the demo, or `sector-east@DEU` typed in
 * full), which is then edited. A zone the reader cannot see is never looked at, so a hidden
 * id is answered as a free one: a bare id lands in the reader's namespace either way, and an
 * id in another nation's namespace is refused either way. The seed (no nation) keeps ids as
 * written. Runs in the reader's transaction, so "can see" is row-level security's answer.
 */
async function zoneKeys(
  trx: Transaction<Database>,
  zones: readonly ImportedZone[],
  nation: string | null,
): Promise<readonly string[]> {
  if (nation === null) return zones.map((z) => z.id);
  // Ids only: the geometries listZones would also read are not needed here.
  const ids = zones.map((z) => z.id);
  const visible = new Set(
    ids.length === 0
      ? []
      : (await t(trx).selectFrom('zone').select('id').where('id', 'in', ids).execute()).map((r) => r.id),
  );
  const problems: ZoneProblem[] = [];
  const keys = zones.map((zone, index) => {
    if (visible.has(zone.id)) return zone.id;
    const owner = zoneIdNation(zone.id);
    if (owner === null) return `${zone.id}@${nation}`;
    if (owner === nation) return zone.id;
    problems.push({
      index,
      field: 'properties.id',
      code: 'zone.not_yours',
      message: `'${zone.id}' names a zone in ${owner}'s namespace that you cannot edit; to create a zone of your own, leave out '@${owner}'`,
    });
    return zone.id;
  });
  const first = new Map<string, number>();
  for (const [index, key] of keys.entries()) {
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else {
      problems.push({
        index,
        field: 'properties.id',
        code: 'zone.duplicate_id',
        message: `is stored as '${key}', as feature ${earlier} is; give each zone its own id`,
      });
    }
  }
  if (problems.length > 0) throw new ZoneImportError(problems);
  return keys;
}

async function upsertZone(
  trx: Transaction<Database>,
  zone: ImportedZone,
  options: { readonly actor: ZoneActor; readonly defaultLabel: Releasability; readonly at: Date },
): Promise<'created' | 'updated' | 'unchanged'> {
  const label = zone.releasability
    ? labelColumnsFromText(zone.releasability)
    : labelColumns(options.defaultLabel);
  const before = (await listZones(trx, { ids: [zone.id] }))[0];
  const after = {
    kind: zone.kind,
    name: zone.name,
    weapon_classes: [...zone.weaponClasses],
    valid_from: zone.validFromMs === null ? null : new Date(zone.validFromMs),
    valid_to: zone.validToMs === null ? null : new Date(zone.validToMs),
    illustrative: zone.illustrative,
    ...label,
  };
  const audited = (version: number) => ({
    id: zone.id,
    version,
    kind: zone.kind,
    name: zone.name,
    weaponClasses: zone.weaponClasses,
    validFrom: after.valid_from?.toISOString() ?? null,
    validTo: after.valid_to?.toISOString() ?? null,
    illustrative: zone.illustrative,
    geometry: zone.geometry,
    releasability: labelText(label),
  });
  if (before) {
    const same =
      before.kind === zone.kind &&
      before.name === zone.name &&
      before.weaponClasses.join() === zone.weaponClasses.join() &&
      before.validFromMs === zone.validFromMs &&
      before.validToMs === zone.validToMs &&
      before.illustrative === zone.illustrative &&
      before.releasability === labelText(label) &&
      (await sameGeometry(trx, zone.id, zone.geometry));
    if (same) return 'unchanged';
    await t(trx)
      .updateTable('zone')
      .set({
        ...after,
        geom: sql`st_setsrid(st_geomfromgeojson(${geomText(zone.geometry)}), 4326)` as unknown as string,
        version: before.version + 1,
        updated_at: options.at,
      })
      .where('id', '=', zone.id)
      .execute();
    await appendAudit(trx, {
      actor: options.actor.username,
      nation: options.actor.nation,
      action: 'zone.update',
      entity: 'zone',
      entityId: zone.id,
      before: {
        id: before.id,
        version: before.version,
        kind: before.kind,
        name: before.name,
        geometry: before.geometry,
      },
      after: audited(before.version + 1),
      label,
      at: options.at,
    });
    return 'updated';
  }
  await t(trx)
    .insertInto('zone')
    .values({
      id: zone.id,
      ...after,
      geom: sql`st_setsrid(st_geomfromgeojson(${geomText(zone.geometry)}), 4326)` as unknown as string,
      version: 1,
      created_at: options.at,
      updated_at: options.at,
    })
    .execute();
  await appendAudit(trx, {
    actor: options.actor.username,
    nation: options.actor.nation,
    action: 'zone.create',
    entity: 'zone',
    entityId: zone.id,
    before: null,
    after: audited(1),
    label,
    at: options.at,
  });
  return 'created';
}

async function sameGeometry(db: Db, id: string, geometry: ZoneGeometry): Promise<boolean> {
  const r = await sql<{
    same: boolean;
  }>`select st_equals(geom, st_setsrid(st_geomfromgeojson(${geomText(geometry)}), 4326)) as same
    from zone where id = ${id}`.execute(db);
  return r.rows[0]?.same === true;
}

/** Zones the reader may see, by kind then id. */
export async function listZones(
  db: Db,
  filter: { readonly kinds?: readonly ZoneKind[]; readonly ids?: readonly string[] } = {},
): Promise<readonly ZoneRecord[]> {
  let q = t(db)
    .selectFrom('zone')
    .select([
      'id',
      'kind',
      'name',
      'weapon_classes',
      'version',
      'valid_from',
      'valid_to',
      'illustrative',
      'updated_at',
      'rel_kind',
      'rel_nations',
      sql<string>`st_asgeojson(geom, 6)`.as('geojson'),
    ]);
  if (filter.kinds && filter.kinds.length > 0) q = q.where('kind', 'in', [...filter.kinds]);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('id', 'in', [...filter.ids]);
  }
  const rows = await q.orderBy('kind').orderBy('id').execute();
  return rows.map((r) => {
    const label = { rel_kind: r.rel_kind, rel_nations: r.rel_nations };
    return {
      id: r.id,
      kind: r.kind,
      name: r.name,
      weaponClasses: r.weapon_classes as WeaponClass[],
      geometry: JSON.parse(r.geojson) as ZoneGeometry,
      validFromMs: r.valid_from ? r.valid_from.getTime() : null,
      validToMs: r.valid_to ? r.valid_to.getTime() : null,
      illustrative: r.illustrative,
      version: Number(r.version),
      releasability: labelText(label),
      label,
      updatedAt: r.updated_at,
    };
  });
}

/** One stored version of a zone, read back from its audit entry (each version's state is there). */
export interface ZoneVersionRecord {
  readonly version: number;
  readonly at: Date;
  readonly actor: string | null;
  readonly nation: string | null;
  readonly change: 'created' | 'updated';
  readonly kind: string;
  readonly name: string;
  readonly weaponClasses: readonly string[];
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly releasability: string;
}

/**
 * Every version of a zone the reader may see, oldest first, from the audit log (the zone table
 * holds only the current one). Run it inside `asReader`.
 */
export async function listZoneVersions(db: Db, id: string): Promise<readonly ZoneVersionRecord[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'actor', 'nation', 'action', 'after'])
    .where('entity', '=', 'zone')
    .where('entity_id', '=', id)
    .where('action', 'in', ['zone.create', 'zone.update'])
    .orderBy('seq')
    .execute();
  return rows.map((r) => {
    const a = (r.after ?? {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      version: Number(a.version),
      at: r.at,
      actor: r.actor,
      nation: r.nation,
      change: r.action === 'zone.create' ? 'created' : 'updated',
      kind: String(a.kind ?? ''),
      name: String(a.name ?? ''),
      weaponClasses: Array.isArray(a.weaponClasses) ? a.weaponClasses.map(String) : [],
      validFrom: text(a.validFrom),
      validTo: text(a.validTo),
      releasability: String(a.releasability ?? ''),
    };
  });
}

// ---------------------------------------------------------------- violation rules

/** A violation rule version as stored. */
export interface ViolationRuleRecord {
  readonly rule: ViolationRule;
  readonly version: number;
  readonly active: boolean;
  readonly createdBy: string;
  readonly createdAt: Date;
}

/** The current version of every rule the reader may see (retired ones included, marked inactive). */
export async function listViolationRules(db: Db): Promise<readonly ViolationRuleRecord[]> {
  const rows = await t(db)
    .selectFrom('violation_rule')
    .selectAll()
    .distinctOn('id')
    .orderBy('id')
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    rule: validateViolationRule(r.definition),
    version: Number(r.version),
    active: r.active,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

/** The rules in force: the current version of each active rule. */
export async function activeViolationRules(db: Db): Promise<readonly ViolationRule[]> {
  return (await listViolationRules(db)).filter((r) => r.active).map((r) => r.rule);
}

/** Adds a new version of a rule (validated in core); the old versions stay. Returns the version. */
export async function addViolationRuleVersion(
  trx: Transaction<Database>,
  definition: unknown,
  options: {
    readonly actor: ZoneActor;
    readonly active?: boolean;
    readonly at: Date;
    readonly label?: Labelled;
  },
): Promise<number> {
  const rule = validateViolationRule(definition);
  const label = options.label ?? { rel_kind: 'COALITION' as const, rel_nations: [] };
  const last = await t(trx)
    .selectFrom('violation_rule')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('id', '=', rule.id)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  const active = options.active ?? true;
  await t(trx)
    .insertInto('violation_rule')
    .values({
      id: rule.id,
      version,
      definition: JSON.stringify(rule),
      active,
      created_by: options.actor.username,
      created_at: options.at,
      ...label,
    })
    .execute();
  await appendAudit(trx, {
    actor: options.actor.username,
    nation: options.actor.nation,
    action: 'violation_rule.version',
    entity: 'violation_rule',
    entityId: rule.id,
    before: null,
    after: { ...rule, version, active },
    label,
    at: options.at,
  });
  return version;
}

// ---------------------------------------------------------------- source status

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
  await t(trx)
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

const dayStart = (d: IsoDate) => new Date(`${d}T00:00:00Z`);

/**
 * Every source known for a day: recorded statuses, and sources that filed observations that day
 * (active). A source recorded as down that still filed observations keeps its recorded status:
 * the record is the operator's word, the observations show it was partly working.
 */
export async function sourcesForDay(db: Db, day: IsoDate): Promise<readonly SourceDayStatus[]> {
  const recorded = await t(db).selectFrom('source_status').selectAll().where('day', '=', day).execute();
  const filed = await sql<{ source_id: string; source_kind: string; n: number }>`
    select source_id, min(source_kind) as source_kind, count(*)::int as n from observation
    where start_at >= ${dayStart(day)} and start_at < ${dayStart(addDays(day, 1))}
    group by source_id`.execute(db);
  const byId = new Map<string, SourceDayStatus>();
  for (const r of filed.rows) {
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

// ---------------------------------------------------------------- violations and counts

/** An incident from the incident table as the evaluator needs it. */
export async function loadZoneIncidents(
  db: Db,
  from: IsoDate,
  to: IsoDate,
): Promise<readonly ZoneIncident[]> {
  const rows = await sql<{
    id: string;
    category: Category;
    state: 'reported' | 'corroborated' | 'verified' | 'attributed' | 'dismissed';
    lng: number;
    lat: number;
    start_at: Date;
    count_best: number;
  }>`select i.id, i.category, i.state, st_x(i.geom) as lng, st_y(i.geom) as lat, i.start_at, i.count_best
     from incident i
     where i.merged_into is null and i.start_at >= ${dayStart(from)} and i.start_at < ${dayStart(addDays(to, 1))}
     order by i.id`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    category: r.category,
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
  const rows = await sql<{ id: string; zone_id: string }>`
    select i.id, z.id as zone_id from incident i
    join zone z on z.kind <> 'line_of_contact' and st_covers(z.geom, i.geom)
      and (z.valid_from is null or z.valid_from <= i.start_at) and (z.valid_to is null or i.start_at < z.valid_to)
    where i.merged_into is null and i.start_at >= ${dayStart(from)} and i.start_at < ${dayStart(addDays(to, 1))}
    order by i.id, z.id`.execute(db);
  const out = new Map<string, string[]>();
  for (const r of rows.rows) out.set(r.id, [...(out.get(r.id) ?? []), r.zone_id]);
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

const COALITION_WIDE = sql.raw(`in ('PUBLIC', 'COALITION')`);

/** Sector zone ids (the sector names the ceasefire rules use), in id order. */
export async function listSectorIds(db: Db, lens: FactsLens = 'reader'): Promise<readonly string[]> {
  let q = t(db).selectFrom('zone').select('id').where('kind', '=', 'sector');
  if (lens === 'coalition') q = q.where('rel_kind', 'in', ['PUBLIC', 'COALITION']);
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
  const observed = await sql<{ sector: string; day: string }>`
    select distinct z.id as sector, to_char(o.start_at at time zone 'UTC', 'YYYY-MM-DD') as day
    from observation o join zone z on z.kind = 'sector' and st_covers(z.geom, o.geom)
    where o.start_at >= ${dayStart(from)} and o.start_at < ${dayStart(addDays(to, 1))}
      ${wide ? sql`and o.rel_kind ${COALITION_WIDE} and z.rel_kind ${COALITION_WIDE}` : sql``}`.execute(db);
  const recorded = await sql<{ sectors: string[]; day: string }>`
    select sectors, to_char(day, 'YYYY-MM-DD') as day from source_status
    where status <> 'down' and day >= ${from}::date and day <= ${to}::date
      ${wide ? sql`and rel_kind ${COALITION_WIDE}` : sql``}`.execute(db);
  const sectors = await listSectorIds(db, lens);
  const out = new Set<string>();
  for (const r of observed.rows) out.add(`${r.sector}\u0000${r.day}`);
  for (const r of recorded.rows) {
    for (const s of r.sectors.length > 0 ? r.sectors : sectors) out.add(`${s}\u0000${r.day}`);
  }
  return out;
}

/**
 * The ceasefire gate's input (phases' `SectorDay`) from monitoring: the same shape as
 * `SectorFacts` in db/src/phases.ts, so the gate can read it in place of its stand-in store.
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

/** The incident filter plus "inside this zone". */
function inZoneSql(filter: IncidentFilter, zoneId: string) {
  return sql`${incidentFilterSql(filter)} and exists (select 1 from zone z where z.id = ${zoneId} and st_covers(z.geom, i.geom))`;
}

/**
 * Incident counts inside one zone (a sector) under monitoring's filter, by category and state.
 * The predicate is monitoring's filter plus `ST_Covers(zone, incident)`; the map draws the
 * same incidents by clipping monitoring's tiles to the zone's polygon.
 */
export async function countIncidentsInZone(
  db: Db,
  zoneId: string,
  filter: IncidentFilter,
): Promise<{ total: number; byCategory: Record<string, number>; byState: Record<string, number> }> {
  const rows = await sql<{ category: string; state: string; n: number }>`
    select i.category, i.state, count(*)::int as n from incident i where ${inZoneSql(filter, zoneId)}
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

// ---------------------------------------------------------------- demo

/** The shipped illustrative zones. */
export const DEMO_ZONES_FILE = resolve(DATA_DIR, 'zones/demo-zones.geojson');

/**
 * Loads the shipped demo zones and the default violation rules when none are stored (run as
 * the owner role, like the rest of the demo seed). Returns what it stored.
 */
export async function seedDemoZones(
  db: Kysely<Database>,
  at: Date,
): Promise<{ readonly zones: number; readonly rules: number }> {
  return db.transaction().execute(async (trx) => {
    const actor = { username: 'seed', nation: null };
    let zones = 0;
    let rules = 0;
    const zoneCount = await t(trx)
      .selectFrom('zone')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(zoneCount.n) === 0) {
      const input = JSON.parse(readFileSync(DEMO_ZONES_FILE, 'utf8'));
      const summary = await importZones(trx, input, { actor, defaultLabel: { kind: 'PUBLIC' }, at });
      zones = summary.created.length;
    }
    const ruleCount = await t(trx)
      .selectFrom('violation_rule')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(ruleCount.n) === 0) {
      for (const rule of DEFAULT_VIOLATION_RULES) {
        await addViolationRuleVersion(trx, rule, {
          actor,
          at,
          label: { rel_kind: 'PUBLIC', rel_nations: [] },
        });
        rules++;
      }
    }
    return { zones, rules };
  });
}
