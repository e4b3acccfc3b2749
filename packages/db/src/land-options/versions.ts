/**
 * Land option versions (migration 0020): saved whole or not at all, never updated. Each save is
 * read in core (`readLandOption`), checked by PostGIS against Ukraine's land outline, stored and
 * audited in the caller's transaction.
 */
import type { Releasability } from '@guarantor/core/access';
import { type ControlAreaNote, readLandOption } from '@guarantor/core/territory';
import { type Kysely, sql, type Transaction } from 'kysely';
import { labelColumns, labelText } from '../access.ts';
import { appendAudit } from '../audit.ts';
import type { Database } from '../schema.ts';
import { OPTION_AREAS } from './geometry.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Which side of a line the occupying side would hold, walking it from first to last position. */
export type OccupiedSide = 'left' | 'right';

/** One saved version of a land option, without its geometry. */
export interface LandOptionVersionSummary {
  /** `lo-12`: this version. */
  readonly id: string;
  /** The option in its drafter's namespace: `north-line@FRA`. */
  readonly option: string;
  readonly version: number;
  readonly name: string;
  readonly description: string;
  readonly kind: 'line' | 'area';
  readonly occupiedSide: OccupiedSide | null;
  readonly repaired: readonly ControlAreaNote[];
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly releasability: string;
}

/** What a save did: the stored version, or the one problem that refused it. */
export type LandOptionSaveResult =
  | { readonly stored: LandOptionVersionSummary; readonly repaired: readonly ControlAreaNote[] }
  | { readonly stored: null; readonly problem: ControlAreaNote };

/** How one version is saved. */
export interface LandOptionSaveOptions {
  /** A short name of the option (`north-line`); stored in the drafter's namespace. */
  readonly key: string;
  readonly name: string;
  readonly description: string;
  /** Required for a line, refused for an area. */
  readonly occupiedSide: OccupiedSide | null;
  readonly actor: { readonly username: string; readonly nation: string | null };
  readonly label: Releasability;
  readonly at: Date;
}

interface Row {
  id: number | string;
  option_key: string;
  version: number;
  name: string;
  description: string;
  kind: 'line' | 'area';
  occupied_side: OccupiedSide | null;
  report: unknown;
  created_by: string;
  created_at: Date;
  rel_kind: Database['land_option_version']['rel_kind'];
  rel_nations: string[];
}

const COLUMNS = [
  'id',
  'option_key',
  'version',
  'name',
  'description',
  'kind',
  'occupied_side',
  'report',
  'created_by',
  'created_at',
  'rel_kind',
  'rel_nations',
] as const;

/** The row number of a public id (`lo-12`), or undefined. */
export function landOptionRowId(id: string): number | undefined {
  const m = /^lo-([0-9]{1,15})$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

function summary(row: Row): LandOptionVersionSummary {
  const report = (typeof row.report === 'string' ? JSON.parse(row.report) : row.report) as ControlAreaNote[];
  return {
    id: `lo-${row.id}`,
    option: row.option_key,
    version: row.version,
    name: row.name,
    description: row.description,
    kind: row.kind,
    occupiedSide: row.occupied_side,
    repaired: report ?? [],
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    releasability: labelText(row),
  };
}

/**
 * Saves a land option as a new version of `options.key` in the drafter's namespace (version 1
 * when new). Refused, with the feature and the field, when the file is not one line or one
 * area, when a line crosses itself, misses Ukraine, or does not close an area against the
 * border or coast, or when an area is invalid or outside Ukraine. Nothing is stored then.
 */
export async function saveLandOption(
  trx: Transaction<Database>,
  input: unknown,
  options: LandOptionSaveOptions,
): Promise<LandOptionSaveResult> {
  const read = readLandOption(input);
  if (!read.ok) return { stored: null, problem: read.problem };
  const index = 0;
  const refuse = (field: string, reason: string): LandOptionSaveResult => ({
    stored: null,
    problem: { index, field, reason },
  });
  if (read.kind === 'line' && options.occupiedSide === null) {
    return refuse(
      'occupiedSide',
      'a line needs the side the occupying force would hold: left or right, walking the line from its first position to its last',
    );
  }
  if (read.kind === 'area' && options.occupiedSide !== null) {
    return refuse(
      'occupiedSide',
      'an area option is the area the occupying side would hold: leave occupiedSide out',
    );
  }
  const geometry = JSON.stringify(read.geometry);
  const optCte = sql`opt as (
      select st_setsrid(st_geomfromgeojson(${geometry}), 4326) as g, ${read.kind}::text as kind,
             ${options.occupiedSide}::text as side
    )`;
  // First the geometry alone (an invalid one cannot be cut), then the areas it gives.
  const shape = await sql<{
    simple: boolean;
    valid: boolean;
    reason: string | null;
    crosses: boolean;
    inside_km: number;
    start_inside: boolean;
    end_inside: boolean;
  }>`
    with ${optCte}, land as (select geom from territory_outline where name = 'ukraine_land')
    select st_issimple(opt.g) as simple, st_isvalid(opt.g) as valid,
           case when st_isvalid(opt.g) then null else st_isvalidreason(opt.g) end as reason,
           st_intersects(opt.g, land.geom) as crosses,
           case when opt.kind = 'line' then st_length(st_intersection(opt.g, land.geom)::geography) / 1000 else 0 end as inside_km,
           opt.kind = 'line' and st_within(st_startpoint(opt.g), land.geom) as start_inside,
           opt.kind = 'line' and st_within(st_endpoint(opt.g), land.geom) as end_inside
    from opt, land`.execute(trx);
  const c0 = shape.rows[0]!;
  if (read.kind === 'line') {
    if (!c0.simple) {
      return refuse(
        'geometry.coordinates',
        'the line crosses itself: a demarcation line has one left and one right; redraw it without crossing',
      );
    }
    if (!c0.crosses) {
      return refuse(
        'geometry.coordinates',
        "the line does not cross Ukraine: it lies wholly outside Ukraine's land outline",
      );
    }
    if (c0.start_inside || c0.end_inside) {
      const coords = (read.geometry as { coordinates: readonly (readonly [number, number])[] }).coordinates;
      const at = c0.start_inside ? 0 : coords.length - 1;
      return refuse(
        `geometry.coordinates[${at}]`,
        `the line does not close an area against the border: it ${c0.start_inside ? 'starts' : 'ends'} inside Ukraine at ${JSON.stringify(coords[at])}; extend it beyond the state border or the coast`,
      );
    }
  } else {
    if (!c0.valid) {
      return refuse(
        'geometry.coordinates',
        `the area is invalid (${c0.reason}): redraw it so its edge does not cross itself`,
      );
    }
    if (!c0.crosses)
      return refuse('geometry.coordinates', "the area does not overlap Ukraine's land outline");
  }
  const checked = await sql<{ pieces: number; occupied_km2: number | null; government_km2: number | null }>`
    with ${optCte}, ${OPTION_AREAS}
    select areas.pieces, st_area(areas.occupied::geography) / 1e6 as occupied_km2,
           st_area(areas.government::geography) / 1e6 as government_km2
    from areas`.execute(trx);
  const c = checked.rows[0]!;
  if (read.kind === 'line' && c.pieces < 2) {
    return refuse(
      'geometry.coordinates',
      `the line does not close an area against the border: it runs ${Number(c0.inside_km).toFixed(0)} km inside Ukraine but does not cut it in two; extend both ends beyond the state border or the coast`,
    );
  }
  if (!(Number(c.occupied_km2) > 0)) {
    return refuse(
      read.kind === 'line' ? 'occupiedSide' : 'geometry.coordinates',
      `the occupying side would hold no land of Ukraine${read.kind === 'line' ? ': is occupiedSide the right side?' : ''}`,
    );
  }
  if (!(Number(c.government_km2) > 0)) {
    return refuse(
      read.kind === 'line' ? 'occupiedSide' : 'geometry.coordinates',
      'the government would hold no land of Ukraine: the option gives all of it to the occupying side',
    );
  }

  const key = options.actor.nation ? `${options.key}@${options.actor.nation}` : options.key;
  const label = labelColumns(options.label);
  const inserted = await sql<Row & { geom_sha256: string }>`
    insert into land_option_version
      (option_key, version, name, description, kind, geom, occupied_side, report, created_by, created_at,
       rel_kind, rel_nations)
    values (${key},
            (select coalesce(max(version), 0) + 1 from land_option_version where option_key = ${key}),
            ${options.name}, ${options.description}, ${read.kind},
            st_setsrid(st_geomfromgeojson(${geometry}), 4326), ${options.occupiedSide},
            ${JSON.stringify(read.repaired)}::jsonb, ${options.actor.username}, ${options.at},
            ${label.rel_kind}, ${label.rel_nations}::text[])
    returning ${sql.join(COLUMNS.map((col) => sql.ref(col)))},
              encode(sha256(st_asbinary(geom)), 'hex') as geom_sha256`.execute(trx);
  const row = inserted.rows[0]!;
  const stored = summary(row);
  await appendAudit(trx, {
    actor: options.actor.username,
    nation: options.actor.nation,
    action: 'land_option.save',
    entity: 'land_option_version',
    entityId: stored.id,
    before: null,
    after: {
      option: stored.option,
      version: stored.version,
      name: stored.name,
      kind: stored.kind,
      occupiedSide: stored.occupiedSide,
      repaired: read.repaired,
      occupiedKm2: Number(c.occupied_km2),
      // The stored geometry's WKB, hashed: the audit log proves which line this version was.
      geometrySha256: row.geom_sha256,
    },
    label,
    at: options.at,
  });
  return { stored, repaired: read.repaired };
}

/** The latest version of every option the reader may see, or every version with `all`. */
export async function listLandOptions(
  db: Db,
  filter: { readonly allVersions?: boolean } = {},
): Promise<readonly LandOptionVersionSummary[]> {
  let q = db.selectFrom('land_option_version').select(COLUMNS);
  if (!filter.allVersions) {
    // The newest version the reader may see, per option.
    q = q.where(({ eb, selectFrom }) =>
      eb(
        'version',
        '=',
        selectFrom('land_option_version as v2')
          .select((e) => e.fn.max('v2.version').as('v'))
          .whereRef('v2.option_key', '=', 'land_option_version.option_key'),
      ),
    );
  }
  const rows = await q.orderBy('option_key').orderBy('version', 'desc').execute();
  return rows.map((r) => summary(r as Row));
}

/** One version with its geometry (GeoJSON text), or undefined when absent or not releasable to the reader. */
export async function landOptionVersion(
  db: Db,
  id: string,
): Promise<(LandOptionVersionSummary & { readonly geometry: string }) | undefined> {
  const rowId = landOptionRowId(id);
  if (rowId === undefined) return undefined;
  const row = await db
    .selectFrom('land_option_version')
    .select(COLUMNS)
    .select(sql<string>`st_asgeojson(geom, 6)`.as('geometry'))
    .where('id', '=', rowId)
    .executeTakeFirst();
  return row ? { ...summary(row as Row), geometry: row.geometry } : undefined;
}
