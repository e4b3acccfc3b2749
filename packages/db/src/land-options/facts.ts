/**
 * The facts of one land option, measured by PostGIS as the reader (docs/adr/0032-land-options.md):
 * the area each side would hold on Ukraine's land outline, the difference from the current
 * line, the first-level units split, the option's line of contact and its length, the buffer
 * zone around that line, and the hubs and deployment orders the option would break. Hubs, orders
 * and offers are read under row-level security, so each reader's facts hold only what that
 * reader may see; the caller labels the answer with the meet of the option's and the current
 * line's labels.
 */
import { type Caveat, explainCaveat } from '@guarantor/core/coalition';
import { CONTACT_EDGE_TOLERANCE_KM } from '@guarantor/core/territory';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { contactLineSql } from './contact-line.ts';
import { OPTION_AREAS } from './geometry.ts';
import { landOptionRowId } from './versions.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A named place the buffer may hold: the maps' cities. */
export interface NamedPoint {
  readonly name: string;
  readonly position: readonly [number, number];
}

/** One first-level unit and the option's share of its land. */
export interface UnitUnderOption {
  readonly code: string;
  readonly name: string;
  /** The unit's polygon within Ukraine's land outline, km². */
  readonly landKm2: number;
  /** Of that, held by the occupying side under the option. */
  readonly occupiedKm2: number;
  /** Pre-war population when a table is loaded; null otherwise. */
  readonly population: number | null;
}

/** Something the option would break or affect, in words. */
export interface OptionBreak {
  readonly kind: 'hub' | 'order' | 'caveat';
  /** The record's id (the reader may see it: read under row-level security). */
  readonly id: string;
  readonly severity: 'breaks' | 'affects';
  readonly reason: string;
}

/** The measured facts of one option (km², km, geodesic). */
export interface LandOptionFactsRow {
  readonly landKm2: number;
  readonly occupiedKm2: number;
  readonly governmentKm2: number;
  /** Against the current line (null without one): land the occupying side gains, and returns. */
  readonly difference: { readonly gainedKm2: number; readonly returnedKm2: number } | null;
  readonly line: { readonly geometry: string | null; readonly lengthKm: number };
  readonly buffer: {
    readonly widthKm: number;
    readonly geometry: string | null;
    readonly areaKm2: number;
    readonly settlements: readonly {
      readonly name: string;
      readonly distanceKm: number;
      readonly occupiedSide: boolean;
    }[];
    readonly hubs: readonly { readonly id: string; readonly name: string; readonly distanceKm: number }[];
    /** Border crossings inside the zone (migration 0023). */
    readonly crossings: readonly {
      readonly id: string;
      readonly name: string;
      readonly distanceKm: number;
    }[];
    /** Route segments (of networks the reader may see) with km of them inside the zone. */
    readonly routes: readonly {
      readonly id: string;
      readonly name: string | null;
      readonly network: string;
      readonly insideKm: number;
    }[];
  };
  readonly occupiedGeometry: string;
  readonly units: readonly UnitUnderOption[];
  readonly populationSource: string | null;
  readonly breaks: readonly OptionBreak[];
}

const MAX_BUFFER_KM = 100;

/**
 * Measures one option version (as the reader sees it) against the current occupied area
 * (`currentRowId`, a control-area version the reader may see, or null), with a buffer of
 * `bufferKm` each side of the option's line of contact. Undefined when the option is hidden or absent.
 */
export async function landOptionFacts(
  db: Db,
  optionId: string,
  options: {
    readonly currentRowId: number | null;
    readonly bufferKm: number;
    readonly places: readonly NamedPoint[];
  },
): Promise<LandOptionFactsRow | undefined> {
  const rowId = landOptionRowId(optionId);
  if (rowId === undefined) return undefined;
  if (!(options.bufferKm > 0 && options.bufferKm <= MAX_BUFFER_KM)) {
    throw new RangeError(`bufferKm must be in (0, ${MAX_BUFFER_KM}], is ${options.bufferKm}`);
  }
  const base = await sql<{
    occupied: string;
    occupied_json: string;
    land_km2: number;
    occupied_km2: number;
    government_km2: number;
    line: string | null;
    line_json: string | null;
    line_km: number;
    buffer: string | null;
    buffer_json: string | null;
    buffer_km2: number;
    gained_km2: number | null;
    returned_km2: number | null;
  }>`
    with opt as (
      select geom as g, kind, occupied_side as side from land_option_version where id = ${rowId}
    ), ${OPTION_AREAS},
    c as (${contactLineSql(sql`(select occupied from areas)`)}),
    buf as (
      select case when c.line is null then null else
        st_multi(st_collectionextract(st_intersection(
          st_buffer(c.line::geography, ${options.bufferKm * 1000})::geometry, land.geom), 3)) end as zone
      from c, land
    ),
    cur as (
      select st_intersection(v.geom, land.geom) as g from control_area_version v, land where v.id = ${options.currentRowId}
    )
    select encode(st_asewkb(areas.occupied), 'hex') as occupied, st_asgeojson(areas.occupied, 5) as occupied_json,
           (select st_area(geom::geography) from land) / 1e6 as land_km2,
           st_area(areas.occupied::geography) / 1e6 as occupied_km2,
           st_area(areas.government::geography) / 1e6 as government_km2,
           encode(st_asewkb(c.line), 'hex') as line, st_asgeojson(c.line, 5) as line_json, c.km as line_km,
           encode(st_asewkb(buf.zone), 'hex') as buffer, st_asgeojson(buf.zone, 5) as buffer_json,
           coalesce(st_area(buf.zone::geography) / 1e6, 0) as buffer_km2,
           (select st_area(st_difference(areas.occupied, cur.g)::geography) / 1e6 from cur) as gained_km2,
           (select st_area(st_difference(cur.g, areas.occupied)::geography) / 1e6 from cur) as returned_km2
    from areas, c, buf`.execute(db);
  const b = base.rows[0];
  if (!b) return undefined;
  const occupied = sql`st_geomfromewkb(decode(${b.occupied}, 'hex'))`;
  const line = b.line ? sql`st_geomfromewkb(decode(${b.line}, 'hex'))` : sql`null::geometry`;
  const zone = b.buffer ? sql`st_geomfromewkb(decode(${b.buffer}, 'hex'))` : sql`null::geometry`;

  const units = await sql<{
    code: string;
    name: string;
    land_km2: number;
    occupied_km2: number;
    population: string | null;
    source: string | null;
  }>`
    with land as (select geom from territory_outline where name = 'ukraine_land'),
         u as (select r.code, r.name_en, r.geom as r, st_intersection(r.geom, land.geom) as g from region r, land
               where r.kind = 'ukraine_unit' and r.geom is not null)
    select u.code, u.name_en as name, st_area(u.g::geography) / 1e6 as land_km2,
           -- The occupied area lies within the land outline already: cut the unit's own polygon by it
           -- (cutting the unit's land, itself a cut, fails on PGlite's GEOS and returns no rows).
           case when st_intersects(u.r, ${occupied}) then st_area(st_intersection(u.r, ${occupied})::geography) / 1e6 else 0 end as occupied_km2,
           p.population::text as population, p.source || ' (' || p.year || ')' as source
    from u left join unit_population p on p.code = u.code
    order by u.code`.execute(db);

  const places = JSON.stringify(
    options.places.map((p) => ({ name: p.name, lng: p.position[0], lat: p.position[1] })),
  );
  const settlements = b.buffer
    ? (
        await sql<{ name: string; km: number; occupied_side: boolean }>`
          with p as (select x->>'name' as name, st_setsrid(st_makepoint((x->>'lng')::float8, (x->>'lat')::float8), 4326) as pt
                     from jsonb_array_elements(${places}::jsonb) as x)
          select name, st_distance(pt::geography, ${line}::geography) / 1000 as km, st_intersects(pt, ${occupied}) as occupied_side
          from p where st_intersects(pt, ${zone}) order by km, name`.execute(db)
      ).rows
    : [];

  const hubs = (
    await sql<{ id: string; name: string; km: number | null; in_zone: boolean; occupied_side: boolean }>`
      select h.id, h.name,
             case when ${line} is null then null else st_distance(h.location::geography, ${line}::geography) / 1000 end as km,
             coalesce(st_intersects(h.location, ${zone}), false) as in_zone,
             st_intersects(h.location, ${occupied}) as occupied_side
      from hub h order by h.id`.execute(db)
  ).rows;

  const crossings = b.buffer
    ? (
        await sql<{ id: string; name: string; km: number }>`
          select c.id, c.name_en as name, st_distance(c.geom::geography, ${line}::geography) / 1000 as km
          from border_crossing c where st_intersects(c.geom, ${zone}) order by km, c.id`.execute(db)
      ).rows
    : [];
  const routes = b.buffer
    ? (
        await sql<{ id: number | string; name: string | null; network: string; km: number }>`
          select s.id, s.name, n.name as network,
                 st_length(st_intersection(s.geom, ${zone})::geography) / 1000 as km
          from route_segment s join route_network n on n.id = s.network_id
          where st_intersects(s.geom, ${zone}) order by km desc, s.id`.execute(db)
      ).rows
    : [];

  const orders = (
    await sql<{
      id: string;
      offer_id: string;
      nation: string;
      region_code: string;
      region_name: string;
      caveats: unknown;
      land_km2: number | null;
      occupied_km2: number | null;
      line_km: number | null;
      in_zone: boolean;
    }>`
      with land as (select geom from territory_outline where name = 'ukraine_land')
      select o.id, o.offer_id, o.nation, o.region_code, r.name_en as region_name, f.caveats,
             st_area(st_intersection(r.geom, land.geom)::geography) / 1e6 as land_km2,
             case when st_intersects(r.geom, ${occupied})
               then st_area(st_intersection(r.geom, ${occupied})::geography) / 1e6 else 0 end as occupied_km2,
             case when ${line} is null then null else st_distance(r.geom::geography, ${line}::geography) / 1000 end as line_km,
             coalesce(st_intersects(r.geom, ${zone}), false) as in_zone
      from deployment_order o
      join offer f on f.id = o.offer_id
      join region r on r.code = o.region_code, land
      where o.state <> 'refused' and r.geom is not null
      order by o.id`.execute(db)
  ).rows;

  const breaks: OptionBreak[] = [];
  const w = options.bufferKm;
  for (const h of hubs) {
    if (h.occupied_side) {
      breaks.push({
        kind: 'hub',
        id: h.id,
        severity: 'breaks',
        reason: `${h.name} would be on the occupying side of the line`,
      });
    } else if (h.in_zone) {
      breaks.push({
        kind: 'hub',
        id: h.id,
        severity: 'breaks',
        reason: `${h.name} would be inside the ${w} km buffer zone, ${Number(h.km).toFixed(1)} km from the line`,
      });
    }
  }
  for (const o of orders) {
    const land = Number(o.land_km2 ?? 0);
    const share = land > 0 ? Number(o.occupied_km2 ?? 0) / land : 0;
    if (share >= 0.999) {
      breaks.push({
        kind: 'order',
        id: o.id,
        severity: 'breaks',
        reason: `${o.region_name} would be held by the occupying side: the order deploys ${o.nation} forces there`,
      });
    } else if (share > 0.001) {
      breaks.push({
        kind: 'order',
        id: o.id,
        severity: 'affects',
        reason: `${Math.round(share * 100)}% of ${o.region_name} would be held by the occupying side`,
      });
    } else if (o.in_zone) {
      breaks.push({
        kind: 'order',
        id: o.id,
        severity: 'affects',
        reason: `the ${w} km buffer zone covers part of ${o.region_name}`,
      });
    }
    const caveats = (typeof o.caveats === 'string' ? JSON.parse(o.caveats) : o.caveats) as Caveat[];
    for (const c of caveats ?? []) {
      if (c.kind !== 'min_distance_from_contact' || o.line_km === null) continue;
      const km = Number(o.line_km);
      if (km < c.minDistanceKm) {
        breaks.push({
          kind: 'caveat',
          id: o.offer_id,
          severity: 'breaks',
          reason: `${o.nation}'s caveat "${explainCaveat(c)}" on order ${o.id}: ${o.region_name} comes within ${km.toFixed(0)} km of this option's line`,
        });
      }
    }
  }

  return {
    landKm2: Number(b.land_km2),
    occupiedKm2: Number(b.occupied_km2),
    governmentKm2: Number(b.government_km2),
    difference:
      b.gained_km2 === null ? null : { gainedKm2: Number(b.gained_km2), returnedKm2: Number(b.returned_km2) },
    line: { geometry: b.line_json, lengthKm: Number(b.line_km) },
    buffer: {
      widthKm: w,
      geometry: b.buffer_json,
      areaKm2: Number(b.buffer_km2),
      settlements: settlements.map((s) => ({
        name: s.name,
        distanceKm: Number(s.km),
        occupiedSide: s.occupied_side,
      })),
      hubs: hubs.filter((h) => h.in_zone).map((h) => ({ id: h.id, name: h.name, distanceKm: Number(h.km) })),
      crossings: crossings.map((c) => ({ id: c.id, name: c.name, distanceKm: Number(c.km) })),
      routes: routes.map((r) => ({
        id: `seg-${r.id}`,
        name: r.name,
        network: r.network,
        insideKm: Number(r.km),
      })),
    },
    occupiedGeometry: b.occupied_json,
    units: units.rows.map((u) => ({
      code: u.code,
      name: u.name,
      landKm2: Number(u.land_km2),
      occupiedKm2: Number(u.occupied_km2),
      population: u.population === null ? null : Number(u.population),
    })),
    populationSource: units.rows.find((u) => u.source !== null)?.source ?? null,
    breaks,
  };
}

/** The tolerance the line of contact uses, for the method text. */
export const LINE_TOLERANCE_KM = CONTACT_EDGE_TOLERANCE_KM;

/** Loads a population table (replacing the one loaded), in the caller's transaction; as the owner, not a reader. */
export async function loadUnitPopulation(
  trx: Transaction<Database>,
  rows: readonly { readonly code: string; readonly population: number; readonly year: number | null }[],
  options: { readonly source: string; readonly at: Date; readonly defaultYear: number },
): Promise<{ readonly loaded: number; readonly unknown: readonly string[] }> {
  const known = new Set(
    (await trx.selectFrom('region').select('code').where('kind', '=', 'ukraine_unit').execute()).map(
      (r) => r.code,
    ),
  );
  const unknown = rows.filter((r) => !known.has(r.code)).map((r) => r.code);
  const take = rows.filter((r) => known.has(r.code));
  await trx.deleteFrom('unit_population').execute();
  for (const r of take) {
    await trx
      .insertInto('unit_population')
      .values({
        code: r.code,
        population: r.population,
        year: r.year ?? options.defaultYear,
        source: options.source,
        loaded_at: options.at,
      })
      .execute();
  }
  return { loaded: take.length, unknown };
}

/** Whether a population table is loaded, and its source. */
export async function unitPopulationSource(db: Db): Promise<string | null> {
  const r = await db.selectFrom('unit_population').select(['source', 'year']).limit(1).executeTakeFirst();
  return r ? `${r.source} (${r.year})` : null;
}
