/**
 * The layers OGC API – Features serves from SQL (issue 20): control areas, land options, route
 * segments, checkpoints and corridors. One query per layer, filtered in the database by bbox,
 * date and the layer's queryables, keyset-paged by row id, so a large layer never leaves the
 * database whole. Run in the reader's transaction (`asReader`): row-level security decides
 * what each reader sees, as on every other route.
 */
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { labelText } from './access.ts';
import type { Database, Labelled } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export const OGC_SQL_LAYERS = [
  'control-areas',
  'land-options',
  'route-segments',
  'checkpoints',
  'corridors',
] as const;
export type OgcSqlLayer = (typeof OGC_SQL_LAYERS)[number];

/** Each layer's public id prefix: `ca-12`, `lo-12`, `seg-12`, `cp-12`, `cor-12`, as in the app's own API. */
export const OGC_LAYER_PREFIX: Readonly<Record<OgcSqlLayer, string>> = {
  'control-areas': 'ca',
  'land-options': 'lo',
  'route-segments': 'seg',
  checkpoints: 'cp',
  corridors: 'cor',
};

/** What a page of a layer is filtered by; every value is a bound parameter. */
export interface OgcLayerFilter {
  /** west, south, east, north in degrees (CRS84). */
  readonly bbox?: readonly [number, number, number, number];
  readonly from?: Date;
  readonly to?: Date;
  /** Queryable name → the values any of which a feature must have (checked by the caller). */
  readonly properties?: ReadonlyMap<string, readonly string[]>;
}

export interface OgcLayerFeature {
  /** The row id, for the next page's key. */
  readonly row: number;
  readonly id: string;
  readonly geometry: unknown;
  readonly properties: Record<string, unknown>;
}

const iso = (v: unknown): string | null =>
  v === null || v === undefined ? null : new Date(v as string).toISOString();
const day = (d: Date) => d.toISOString().slice(0, 10);
const textArray = (values: readonly string[]) => sql`cast(${sql.val([...values])} as text[])`;
const envelope = (b: readonly number[]) => sql`st_makeenvelope(${b[0]}, ${b[1]}, ${b[2]}, ${b[3]}, 4326)`;
const intersects = (geom: RawBuilder<unknown>, b: readonly number[]) =>
  sql`(${geom} && ${envelope(b)} and st_intersects(${geom}, ${envelope(b)}))`;

interface Query {
  readonly select: RawBuilder<unknown>;
  readonly conditions: RawBuilder<unknown>[];
  readonly id: RawBuilder<unknown>;
  readonly map: (row: Record<string, unknown>) => { geometry: unknown; properties: Record<string, unknown> };
}

const geometryOf = (text: unknown) => (text === null || text === undefined ? null : JSON.parse(String(text)));

function layerQuery(layer: OgcSqlLayer, filter: OgcLayerFilter): Query {
  const props = filter.properties ?? new Map<string, readonly string[]>();
  const conditions: RawBuilder<unknown>[] = [];
  const values = (name: string) => props.get(name);
  switch (layer) {
    case 'control-areas': {
      const geom = sql`t.geom`;
      if (filter.bbox) conditions.push(intersects(geom, filter.bbox));
      // The date the area was held, by the UTC day of the interval's ends.
      if (filter.from) conditions.push(sql`t.as_of >= cast(${day(filter.from)} as date)`);
      if (filter.to) conditions.push(sql`t.as_of <= cast(${day(filter.to)} as date)`);
      if (values('side')) conditions.push(sql`t.side = any(${textArray(values('side')!)})`);
      if (values('date')) conditions.push(sql`cast(t.as_of as text) = any(${textArray(values('date')!)})`);
      return {
        select: sql`select t.id, st_asgeojson(t.geom, 6) as geometry, t.side, cast(t.as_of as text) as as_of,
            t.version, t.source, t.file_name, t.area_km2, t.imported_by, t.imported_at, t.rel_kind, t.rel_nations
          from control_area_version t`,
        conditions,
        id: sql`t.id`,
        map: (r) => ({
          geometry: geometryOf(r['geometry']),
          properties: {
            side: r['side'],
            date: r['as_of'],
            version: Number(r['version']),
            source: r['source'],
            fileName: r['file_name'],
            areaKm2: Math.round(Number(r['area_km2']) * 10) / 10,
            importedBy: r['imported_by'],
            importedAt: iso(r['imported_at']),
            releasability: labelText(r as unknown as Labelled),
          },
        }),
      };
    }
    case 'land-options': {
      const geom = sql`t.geom`;
      // Each option's newest version the reader may see (row-level security applies inside too).
      conditions.push(
        sql`t.version = (select max(v2.version) from land_option_version v2 where v2.option_key = t.option_key)`,
      );
      if (filter.bbox) conditions.push(intersects(geom, filter.bbox));
      if (values('kind')) conditions.push(sql`t.kind = any(${textArray(values('kind')!)})`);
      return {
        select: sql`select t.id, st_asgeojson(t.geom, 6) as geometry, t.option_key, t.version, t.name, t.description,
            t.kind, t.occupied_side, t.created_by, t.created_at, t.rel_kind, t.rel_nations
          from land_option_version t`,
        conditions,
        id: sql`t.id`,
        map: (r) => ({
          geometry: geometryOf(r['geometry']),
          properties: {
            option: r['option_key'],
            version: Number(r['version']),
            name: r['name'],
            description: r['description'],
            kind: r['kind'],
            occupiedSide: r['occupied_side'],
            createdBy: r['created_by'],
            createdAt: iso(r['created_at']),
            releasability: labelText(r as unknown as Labelled),
          },
        }),
      };
    }
    case 'route-segments': {
      const geom = sql`t.geom`;
      if (filter.bbox) conditions.push(intersects(geom, filter.bbox));
      if (values('network')) {
        const rows = values('network')!.map((v) => /^net-([0-9]{1,15})$/.exec(v)?.[1] ?? '0');
        conditions.push(sql`cast(t.network_id as text) = any(${textArray(rows)})`);
      }
      return {
        select: sql`select t.id, st_asgeojson(t.geom, 6) as geometry, t.network_id, n.name as network_name, t.name,
            t.from_node, t.to_node, t.length_m, t.rel_kind, t.rel_nations
          from route_segment t join route_network n on n.id = t.network_id`,
        conditions,
        id: sql`t.id`,
        map: (r) => ({
          geometry: geometryOf(r['geometry']),
          properties: {
            network: `net-${r['network_id']}`,
            networkName: r['network_name'],
            name: r['name'],
            from: `node-${r['from_node']}`,
            to: `node-${r['to_node']}`,
            lengthM: Math.round(Number(r['length_m'])),
            releasability: labelText(r as unknown as Labelled),
          },
        }),
      };
    }
    case 'checkpoints': {
      const geom = sql`t.geom`;
      if (filter.bbox) conditions.push(intersects(geom, filter.bbox));
      if (values('status')) conditions.push(sql`t.status = any(${textArray(values('status')!)})`);
      if (values('nation')) conditions.push(sql`t.nations && ${textArray(values('nation')!)}`);
      return {
        select: sql`select t.id, st_asgeojson(t.geom, 6) as geometry, t.name, t.nations, t.shifts, t.status, t.note,
            t.node_id, t.updated_at, t.rel_kind, t.rel_nations
          from checkpoint t`,
        conditions,
        id: sql`t.id`,
        map: (r) => ({
          geometry: geometryOf(r['geometry']),
          properties: {
            name: r['name'],
            nations: r['nations'],
            status: r['status'],
            shifts: typeof r['shifts'] === 'string' ? JSON.parse(r['shifts']) : r['shifts'],
            note: r['note'],
            node: r['node_id'] === null ? null : `node-${r['node_id']}`,
            updatedAt: iso(r['updated_at']),
            releasability: labelText(r as unknown as Labelled),
          },
        }),
      };
    }
    case 'corridors': {
      const route = sql`(select st_collect(s.geom order by cs.ordinal) from corridor_segment cs
          join route_segment s on s.id = cs.segment_id where cs.corridor_id = t.id)`;
      if (filter.bbox)
        conditions.push(sql`exists (select 1 from corridor_segment cs join route_segment s on s.id = cs.segment_id
          where cs.corridor_id = t.id and ${intersects(sql`s.geom`, filter.bbox)})`);
      // A window in the interval (cancelled ones only when asked for by status), of the status asked for.
      const status = values('status');
      if (status || filter.from || filter.to) {
        const w: RawBuilder<unknown>[] = [sql`w.corridor_id = t.id`];
        if (status) w.push(sql`w.status = any(${textArray(status)})`);
        else w.push(sql`w.status <> 'cancelled'`);
        if (filter.from) w.push(sql`w.end_at >= ${filter.from}`);
        if (filter.to) w.push(sql`w.start_at <= ${filter.to}`);
        conditions.push(sql`exists (select 1 from corridor_window w where ${sql.join(w, sql` and `)})`);
      }
      return {
        select: sql`select t.id, st_asgeojson(${route}, 6) as geometry, t.name, t.purpose, t.network_id, t.guarantors,
            t.created_by, t.rel_kind, t.rel_nations,
            (select coalesce(json_agg(json_build_object('id', w.id, 'start', w.start_at, 'end', w.end_at,
                'status', w.status) order by w.start_at), '[]') from corridor_window w where w.corridor_id = t.id)
              as windows
          from corridor t`,
        conditions,
        id: sql`t.id`,
        map: (r) => {
          const windows = (typeof r['windows'] === 'string' ? JSON.parse(r['windows']) : r['windows']) as {
            id: number | string;
            start: string;
            end: string;
            status: string;
          }[];
          return {
            geometry: geometryOf(r['geometry']),
            properties: {
              name: r['name'],
              purpose: r['purpose'],
              network: `net-${r['network_id']}`,
              guarantors: r['guarantors'],
              windows: windows.map((w) => ({
                id: `cw-${w.id}`,
                start: iso(w.start),
                end: iso(w.end),
                status: w.status,
              })),
              createdBy: r['created_by'],
              releasability: labelText(r as unknown as Labelled),
            },
          };
        },
      };
    }
  }
}

/** One page of a layer in row order after `after` (a row id), `limit` features at most. */
export async function ogcLayerPage(
  db: Db,
  layer: OgcSqlLayer,
  filter: OgcLayerFilter,
  page: { readonly limit: number; readonly after?: number },
): Promise<{ features: OgcLayerFeature[]; next: number | null }> {
  const q = layerQuery(layer, filter);
  const conditions = [...q.conditions, ...(page.after === undefined ? [] : [sql`${q.id} > ${page.after}`])];
  const where = conditions.length > 0 ? sql` where ${sql.join(conditions, sql` and `)}` : sql``;
  // One more than asked: whether a next page exists without counting.
  const rows = await sql<
    Record<string, unknown>
  >`${q.select}${where} order by ${q.id} limit ${page.limit + 1}`.execute(db);
  const features = rows.rows.slice(0, page.limit).map((r) => {
    const row = Number(r['id']);
    return { row, id: `${OGC_LAYER_PREFIX[layer]}-${row}`, ...q.map(r) };
  });
  return {
    features,
    next: rows.rows.length > page.limit ? features[features.length - 1]!.row : null,
  };
}

/** One feature by its public id, or undefined when absent or not releasable to the reader. */
export async function ogcLayerItem(
  db: Db,
  layer: OgcSqlLayer,
  id: string,
): Promise<OgcLayerFeature | undefined> {
  const m = new RegExp(`^${OGC_LAYER_PREFIX[layer]}-([0-9]{1,15})$`).exec(id);
  if (!m) return undefined;
  const q = layerQuery(layer, {});
  const conditions = [...q.conditions, sql`${q.id} = ${Number(m[1])}`];
  const rows = await sql<
    Record<string, unknown>
  >`${q.select} where ${sql.join(conditions, sql` and `)}`.execute(db);
  const r = rows.rows[0];
  return r ? { row: Number(r['id']), id, ...q.map(r) } : undefined;
}
