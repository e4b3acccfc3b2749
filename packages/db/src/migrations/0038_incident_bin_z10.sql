-- Stored counts at bin zoom 10 too (docs/adr/0053-tile-counts-per-zoom-in-hours.md, amended).
-- A z10 tile drew every incident (~7,000 at 1M in the benchmark, 355 kB, 240 ms at p95): it now
-- carries bins with counts, read from its own 256 cells' rows at zoom 10 as z6–z9 do.
--
-- The trigger computes a point's cell position once, on a one-cell grid, and scales it to each
-- zoom: the grids are powers of two, so `guarantor_cell_fx(lng, 1) * cells` is
-- `guarantor_cell_fx(lng, cells)` to the last bit (a multiplication by a power of two is exact),
-- and the tile query's direct counts still agree with the stored ones.
alter table incident_bin drop constraint incident_bin_zoom_check;
alter table incident_bin add constraint incident_bin_zoom_check check (zoom between 6 and 10);

create or replace function incident_bin_apply() returns trigger
  language plpgsql security definer set search_path = public, pg_temp as $$
declare
  -- The rows the statement changed: added (+1) and taken away (−1). Transition tables exist
  -- only for their own event, so the query names them by text.
  changed text := case tg_op
    when 'INSERT' then 'select 1 as w, * from new_rows'
    when 'DELETE' then 'select -1 as w, * from old_rows'
    else 'select 1 as w, * from new_rows union all select -1 as w, * from old_rows' end;
begin
  execute format($q$
    insert into incident_bin as b (zoom, gx, gy, category, state, start_h, end_h, rel_kind, rel_nations, n, sum_fx, sum_fy)
    select zoom, floor(fx)::int, floor(fy)::int, category, state, start_h, end_h, rel_kind, rel_nations,
           sum(w), sum(w * fx), sum(w * fy)
      from (select w, z.zoom, category, state, rel_kind, rel_nations, start_h, end_h,
                   ux * z.cells as fx, uy * z.cells as fy
              from (select w, category, state, rel_kind, rel_nations,
                           ceil(extract(epoch from start_at) / 3600)::int as start_h,
                           floor(extract(epoch from end_at) / 3600)::int as end_h,
                           guarantor_cell_fx(lng, 1) as ux, guarantor_cell_fy(lat, 1) as uy
                      from (%s) r
                     where r.merged_into is null) u
              cross join (values (6::smallint, 1024::float8), (7, 2048), (8, 4096), (9, 8192), (10, 16384)) z(zoom, cells)) d
     group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    having sum(w) <> 0 or sum(w * fx) <> 0 or sum(w * fy) <> 0
     order by 1, 2, 3, 4, 5, 6, 7, 8, 9
    on conflict (zoom, gx, gy, category, state, start_h, end_h, rel_kind, rel_nations) do update
      set n = b.n + excluded.n, sum_fx = b.sum_fx + excluded.sum_fx, sum_fy = b.sum_fy + excluded.sum_fy$q$, changed);
  return null;
end $$;

insert into incident_bin (zoom, gx, gy, category, state, start_h, end_h, rel_kind, rel_nations, n, sum_fx, sum_fy)
select 10, floor(fx)::int, floor(fy)::int, category, state, start_h, end_h, rel_kind, rel_nations,
       count(*), sum(fx), sum(fy)
  from (select category, state, rel_kind, rel_nations,
               ceil(extract(epoch from start_at) / 3600)::int as start_h,
               floor(extract(epoch from end_at) / 3600)::int as end_h,
               guarantor_cell_fx(lng, 16384) as fx, guarantor_cell_fy(lat, 16384) as fy
          from incident
         where merged_into is null) d
 group by 1, 2, 3, 4, 5, 6, 7, 8, 9;
