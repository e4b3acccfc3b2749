/**
 * Territory: control areas over time (migration 0017, docs/adr/0028-control-areas.md). Each
 * import stores one version of the area a side held on a date, whole or not at all; versions
 * are never updated. Areas and changes are measured by PostGIS on the WGS 84 spheroid
 * (`geography`), per first-level unit from the `region` table's 27 Ukrainian units.
 */
import type { Releasability } from '@guarantor/core/access';
import {
  type ControlAreaNote,
  type ControlSide,
  readControlAreas,
  type ShareOfUkraine,
  shareOfUkraine,
} from '@guarantor/core/territory';
import { type Kysely, sql, type Transaction } from 'kysely';
import { labelColumns, labelText } from './access.ts';
import { appendAudit } from './audit.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** One stored version, without its geometry. */
export interface ControlAreaVersionSummary {
  /** `ca-12`. */
  readonly id: string;
  readonly side: ControlSide;
  /** The date the area was held, YYYY-MM-DD. */
  readonly asOf: string;
  /** 1 for the first import of this source, side and date; a re-import is the next. */
  readonly version: number;
  /** In the importer's namespace: `deepstatemap@FRA`. */
  readonly source: string;
  readonly fileName: string | null;
  /** Geodesic, km² (PostGIS geography on the WGS 84 spheroid). */
  readonly areaKm2: number;
  readonly featuresRead: number;
  readonly featuresTaken: number;
  readonly skipped: readonly ControlAreaNote[];
  readonly repaired: readonly ControlAreaNote[];
  readonly importedBy: string;
  readonly importedAt: Date;
  readonly releasability: string;
}

/** What an import did: the stored version, or why nothing was stored; and every note. */
export interface ControlAreaImportResult {
  readonly stored: ControlAreaVersionSummary | null;
  /** Why nothing was stored (no area in the file, or a file that is not GeoJSON). */
  readonly refused?: string;
  readonly read: number;
  readonly skipped: readonly ControlAreaNote[];
  readonly repaired: readonly ControlAreaNote[];
}

/** How one import is stored. */
export interface ControlAreaImportOptions {
  readonly side: ControlSide;
  /** YYYY-MM-DD. */
  readonly asOf: string;
  /** A short name of the map (`deepstatemap`); stored in the importer's namespace. */
  readonly source: string;
  readonly fileName?: string | null;
  readonly actor: { readonly username: string; readonly nation: string | null };
  readonly label: Releasability;
  readonly at: Date;
}

interface VersionRow {
  id: number | string;
  side: ControlSide;
  as_of: Date | string;
  version: number;
  source: string;
  file_name: string | null;
  area_km2: number;
  features_read: number;
  features_taken: number;
  report: unknown;
  imported_by: string;
  imported_at: Date;
  rel_kind: Database['control_area_version']['rel_kind'];
  rel_nations: string[];
}

function isoDate(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** A version's public id (`ca-12`): the row's number, marked so it reads as no other record's. */
function publicId(rowId: number | string): string {
  return `ca-${rowId}`;
}

/** The row number of a public id, or undefined when it is not one. */
function rowIdOf(id: string): number | undefined {
  const m = /^ca-([0-9]{1,15})$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

function summary(row: VersionRow): ControlAreaVersionSummary {
  const report = (typeof row.report === 'string' ? JSON.parse(row.report) : row.report) as {
    skipped?: ControlAreaNote[];
    repaired?: ControlAreaNote[];
  };
  return {
    id: publicId(row.id),
    side: row.side,
    asOf: isoDate(row.as_of),
    version: row.version,
    source: row.source,
    fileName: row.file_name,
    areaKm2: Number(row.area_km2),
    featuresRead: row.features_read,
    featuresTaken: row.features_taken,
    skipped: report.skipped ?? [],
    repaired: report.repaired ?? [],
    importedBy: row.imported_by,
    importedAt: new Date(row.imported_at),
    releasability: labelText(row),
  };
}

const SUMMARY_COLUMNS = [
  'id',
  'side',
  'as_of',
  'version',
  'source',
  'file_name',
  'area_km2',
  'features_read',
  'features_taken',
  'report',
  'imported_by',
  'imported_at',
  'rel_kind',
  'rel_nations',
] as const;

/**
 * Imports one control-area file as a new version, in the caller's transaction: the file is read
 * in core (what is not an area is skipped, with why), each taken feature is checked by PostGIS
 * and repaired with `ST_MakeValid` where invalid (with PostGIS's reason), and the features'
 * union is stored as one MultiPolygon with its geodesic area, then audited. Nothing is stored
 * when no area is left; the result says why.
 */
export async function importControlAreas(
  trx: Transaction<Database>,
  input: unknown,
  options: ControlAreaImportOptions,
): Promise<ControlAreaImportResult> {
  const read = readControlAreas(input);
  const skipped = [...read.skipped];
  const repaired = [...read.repaired];
  const refuse = (why: string): ControlAreaImportResult => ({
    stored: null,
    refused: why,
    read: read.read,
    skipped,
    repaired,
  });
  if (read.refused) return refuse(read.refused);
  if (read.parts.length === 0) {
    return refuse(
      `no area in the file: ${read.read} features read, none a Polygon or MultiPolygon with an area`,
    );
  }
  const parts = JSON.stringify(read.parts.map((p) => ({ index: p.index, geometry: p.geometry })));
  const checked = await sql<{ idx: number; reason: string | null; km2: number }>`
    with part as (
      select (p->>'index')::int as idx, st_setsrid(st_geomfromgeojson(p->>'geometry'), 4326) as g
      from jsonb_array_elements(${parts}::jsonb) as p
    )
    select idx,
           case when st_isvalid(g) then null else st_isvalidreason(g) end as reason,
           st_area(st_collectionextract(st_makevalid(g), 3)::geography) / 1e6 as km2
    from part order by idx`.execute(trx);
  const taken: number[] = [];
  for (const row of checked.rows) {
    if (row.reason !== null) {
      repaired.push({
        index: row.idx,
        field: 'geometry',
        reason: `invalid (${row.reason}): repaired with ST_MakeValid`,
      });
    }
    if (!(Number(row.km2) > 0)) {
      skipped.push({
        index: row.idx,
        field: 'geometry',
        reason: 'no area left once made valid: nothing to take',
      });
    } else taken.push(row.idx);
  }
  skipped.sort((a, b) => a.index - b.index);
  repaired.sort((a, b) => a.index - b.index);
  if (taken.length === 0) return refuse('no area left once the features were made valid');

  const stored = options.actor.nation ? `${options.source}@${options.actor.nation}` : options.source;
  const label = labelColumns(options.label);
  const report = JSON.stringify({ skipped, repaired });
  const inserted = await sql<VersionRow & { geom_sha256: string }>`
    with part as (
      select st_collectionextract(st_makevalid(st_setsrid(st_geomfromgeojson(p->>'geometry'), 4326)), 3) as g
      from jsonb_array_elements(${parts}::jsonb) as p
      where (p->>'index')::int = any(${taken}::int[])
    ), area as (
      select st_multi(st_collectionextract(st_union(g), 3)) as geom from part
    )
    insert into control_area_version
      (side, as_of, version, source, file_name, geom, area_km2, features_read, features_taken, report,
       imported_by, imported_at, rel_kind, rel_nations)
    select ${options.side}, ${options.asOf}::date,
           (select coalesce(max(version), 0) + 1 from control_area_version
             where source = ${stored} and side = ${options.side} and as_of = ${options.asOf}::date),
           ${stored}, ${options.fileName ?? null}, area.geom, st_area(area.geom::geography) / 1e6,
           ${read.read}, ${taken.length}, ${report}::jsonb, ${options.actor.username}, ${options.at},
           ${label.rel_kind}, ${label.rel_nations}::text[]
    from area
    returning ${sql.join(SUMMARY_COLUMNS.map((c) => sql.ref(c)))},
              encode(sha256(st_asbinary(geom)), 'hex') as geom_sha256`.execute(trx);
  const row = inserted.rows[0]!;
  const version = summary(row);
  await appendAudit(trx, {
    actor: options.actor.username,
    nation: options.actor.nation,
    action: 'control_area.import',
    entity: 'control_area_version',
    entityId: version.id,
    before: null,
    after: {
      side: version.side,
      asOf: version.asOf,
      version: version.version,
      source: version.source,
      fileName: version.fileName,
      areaKm2: version.areaKm2,
      featuresRead: version.featuresRead,
      featuresTaken: version.featuresTaken,
      skipped,
      repaired,
      // The stored geometry's WKB, hashed: the audit log proves which area this version was.
      geometrySha256: row.geom_sha256,
    },
    label,
    at: options.at,
  });
  return { stored: version, read: read.read, skipped, repaired };
}

/** The versions the reader may see, newest date first; one side or both. */
export async function listControlAreaVersions(
  db: Db,
  filter: { readonly side?: ControlSide } = {},
): Promise<readonly ControlAreaVersionSummary[]> {
  let q = db.selectFrom('control_area_version').select(SUMMARY_COLUMNS);
  if (filter.side) q = q.where('side', '=', filter.side);
  const rows = await q
    .orderBy('as_of', 'desc')
    .orderBy('side')
    .orderBy('source')
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => summary(r as VersionRow));
}

/** One version with its geometry as GeoJSON text, or undefined when absent or not releasable to the reader. */
export async function controlAreaVersion(
  db: Db,
  id: string,
): Promise<(ControlAreaVersionSummary & { readonly geometry: string }) | undefined> {
  const rowId = rowIdOf(id);
  if (rowId === undefined) return undefined;
  const row = await db
    .selectFrom('control_area_version')
    .select(SUMMARY_COLUMNS)
    .select(sql<string>`st_asgeojson(geom, 6)`.as('geometry'))
    .where('id', '=', rowId)
    .executeTakeFirst();
  return row ? { ...summary(row as VersionRow), geometry: row.geometry } : undefined;
}

/**
 * The sum of the 27 first-level units' geodesic areas as stored (the shipped simplified ADM1
 * polygons, water included): the "boundaries" baseline of a share of Ukraine.
 */
export async function ukraineBoundariesKm2(db: Db): Promise<number> {
  const r = await sql<{ km2: number | null }>`
    select sum(st_area(geom::geography)) / 1e6 as km2 from region
    where kind = 'ukraine_unit' and geom is not null`.execute(db);
  return Number(r.rows[0]?.km2 ?? 0);
}

/** The version in force on a date: the newest `as_of` on or before it, then the latest import. */
export async function controlAreaVersionOn(
  db: Db,
  side: ControlSide,
  date: string,
): Promise<ControlAreaVersionSummary | undefined> {
  const row = await db
    .selectFrom('control_area_version')
    .select(SUMMARY_COLUMNS)
    .where('side', '=', side)
    .where('as_of', '<=', date)
    .orderBy('as_of', 'desc')
    .orderBy('imported_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? summary(row as VersionRow) : undefined;
}

/** One first-level unit's part in a change, km² geodesic. */
export interface UnitChange {
  readonly code: string;
  readonly name: string;
  readonly unitKm2: number;
  /** Held at the first version, within the unit. */
  readonly fromKm2: number;
  readonly toKm2: number;
  /** Held at the second version and not at the first. */
  readonly gainedKm2: number;
  /** Held at the first version and not at the second. */
  readonly lostKm2: number;
}

/** A change between two versions: per unit, in total, and the difference as GeoJSON. */
export interface ControlAreaChange {
  readonly from: ControlAreaVersionSummary;
  readonly to: ControlAreaVersionSummary;
  readonly units: readonly UnitChange[];
  readonly totals: {
    readonly fromKm2: number;
    readonly toKm2: number;
    readonly gainedKm2: number;
    readonly lostKm2: number;
  };
  readonly share: {
    readonly from: ShareOfUkraine;
    readonly to: ShareOfUkraine;
    readonly gained: ShareOfUkraine;
    readonly lost: ShareOfUkraine;
  };
  /** GeoJSON geometry texts: what was gained, and what was lost. */
  readonly gainedGeometry: string;
  readonly lostGeometry: string;
}

/**
 * The change from one version to another, measured by PostGIS on the spheroid: gained is held at
 * `to` and not at `from`, lost the reverse, each cut by the 27 first-level units. Totals are of the
 * whole geometries, so an area outside every unit's simplified outline still counts in them.
 */
export async function controlAreaChange(
  db: Db,
  from: ControlAreaVersionSummary,
  to: ControlAreaVersionSummary,
): Promise<ControlAreaChange> {
  const ids = [rowIdOf(from.id)!, rowIdOf(to.id)!];
  const diff = await sql<{ gained: string; lost: string; gained_km2: number; lost_km2: number }>`
    with a as (select geom from control_area_version where id = ${ids[0]}),
         b as (select geom from control_area_version where id = ${ids[1]}),
         d as (select st_difference(b.geom, a.geom) as gained, st_difference(a.geom, b.geom) as lost from a, b)
    select st_asgeojson(gained, 6) as gained, st_asgeojson(lost, 6) as lost,
           st_area(gained::geography) / 1e6 as gained_km2, st_area(lost::geography) / 1e6 as lost_km2
    from d`.execute(db);
  const units = await sql<{
    code: string;
    name: string;
    unit_km2: number;
    from_km2: number;
    to_km2: number;
    gained_km2: number;
    lost_km2: number;
  }>`
    with a as (select geom from control_area_version where id = ${ids[0]}),
         b as (select geom from control_area_version where id = ${ids[1]}),
         d as (select a.geom as ga, b.geom as gb,
                      st_difference(b.geom, a.geom) as gained, st_difference(a.geom, b.geom) as lost from a, b)
    select r.code, r.name_en as name,
           st_area(r.geom::geography) / 1e6 as unit_km2,
           case when st_intersects(r.geom, d.ga) then st_area(st_intersection(r.geom, d.ga)::geography) / 1e6 else 0 end as from_km2,
           case when st_intersects(r.geom, d.gb) then st_area(st_intersection(r.geom, d.gb)::geography) / 1e6 else 0 end as to_km2,
           case when st_intersects(r.geom, d.gained) then st_area(st_intersection(r.geom, d.gained)::geography) / 1e6 else 0 end as gained_km2,
           case when st_intersects(r.geom, d.lost) then st_area(st_intersection(r.geom, d.lost)::geography) / 1e6 else 0 end as lost_km2
    from region r, d
    where r.kind = 'ukraine_unit' and r.geom is not null
    order by r.code`.execute(db);
  const d = diff.rows[0]!;
  const boundariesKm2 = units.rows.reduce((s, u) => s + Number(u.unit_km2), 0);
  const totals = {
    fromKm2: from.areaKm2,
    toKm2: to.areaKm2,
    gainedKm2: Number(d.gained_km2),
    lostKm2: Number(d.lost_km2),
  };
  return {
    from,
    to,
    units: units.rows.map((u) => ({
      code: u.code,
      name: u.name,
      unitKm2: Number(u.unit_km2),
      fromKm2: Number(u.from_km2),
      toKm2: Number(u.to_km2),
      gainedKm2: Number(u.gained_km2),
      lostKm2: Number(u.lost_km2),
    })),
    totals,
    share: {
      from: shareOfUkraine(totals.fromKm2, boundariesKm2),
      to: shareOfUkraine(totals.toKm2, boundariesKm2),
      gained: shareOfUkraine(totals.gainedKm2, boundariesKm2),
      lost: shareOfUkraine(totals.lostKm2, boundariesKm2),
    },
    gainedGeometry: d.gained,
    lostGeometry: d.lost,
  };
}
