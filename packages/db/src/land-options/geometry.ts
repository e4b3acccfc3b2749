/**
 * The area a land option gives the occupying side, in PostGIS (docs/adr/0032-land-options.md).
 * A line splits Ukraine's land outline; each piece goes to the side of the line it lies on
 * (walking the line from its first position to its last, left or right of its nearest point).
 * An area option is its polygon within the land outline.
 */
import { type RawBuilder, sql } from 'kysely';

/**
 * A SELECT over a CTE `opt(g, kind, side)` giving one row: `occupied` (MultiPolygon or null),
 * `government` (MultiPolygon or null), `pieces` (how many pieces a line cut the land into),
 * `crosses` (whether the geometry meets the land at all).
 */
export const OPTION_AREAS: RawBuilder<unknown> = sql`
  land as (select geom from territory_outline where name = 'ukraine_land'),
  piece as (
    select (st_dump(st_split(land.geom, opt.g))).geom as p from land, opt where opt.kind = 'line'
  ),
  located as (
    select p, st_pointonsurface(p) as pt,
           st_linelocatepoint(opt.g, st_pointonsurface(p)) as f, opt.g as g, opt.side as side
    from piece, opt
  ),
  sided as (
    select p, side,
           (st_x(b) - st_x(a)) * (st_y(pt) - st_y(a)) - (st_y(b) - st_y(a)) * (st_x(pt) - st_x(a)) > 0 as on_left
    from (select p, pt, side,
                 st_lineinterpolatepoint(g, greatest(f - 1e-6, 0)) as a,
                 st_lineinterpolatepoint(g, least(f + 1e-6, 1)) as b
          from located) x
  ),
  areas as (
    select
      case when opt.kind = 'line'
        then (select st_multi(st_union(p)) from sided where on_left = (side = 'left'))
        else (select st_multi(st_collectionextract(st_intersection(opt.g, land.geom), 3)) from land)
      end as occupied,
      case when opt.kind = 'line'
        then (select st_multi(st_union(p)) from sided where on_left <> (side = 'left'))
        else (select st_multi(st_collectionextract(st_difference(land.geom, opt.g), 3)) from land)
      end as government,
      (select count(*) from piece)::int as pieces,
      (select st_intersects(opt.g, land.geom) from land) as crosses
    from opt
  )`;
