-- Incident counts per map cell at every aggregated zoom, in hours (docs/adr/0053-tile-counts-per-zoom-in-hours.md).
-- 0015 kept counts on the z7 grid only, by UTC day: z8–z9 tiles counted every incident of their
-- window (0.4–1 s at 1M, each incident on its own heap page), and the incidents of the filter's
-- first and last days were counted row by row.
--
-- This table keeps, for each bin zoom z from 6 to 9, per cell of that zoom's bin grid (z × 16
-- cells a tile, 2^(z+4) around the world), category, state, start hour, end hour and label, how
-- many live incidents there are and the sums of their cell positions. A tile at zoom z ≥ 6 reads
-- its own 256 cells' rows; a tile below z6 adds up the z6 cells under it.
--
-- The hours round outwards: start_h is the hour at or AFTER start_at (ceil), end_h the hour at
-- or BEFORE end_at (floor), both in hours since 1970-01-01 UTC. A filter's `to` on the hour then
-- decides `start_at <= to` from start_h alone, and a `from` on the hour `end_at >= from` from
-- end_h alone: a window from hour to hour (a day, a week from midnight) reads only stored counts.
-- Otherwise only the incidents ending in the partial hour after `from` or starting in the
-- partial hour before `to` are counted from the incident table.
--
-- Rows carry the incidents' labels and row-level security filters them for readers as it does
-- incidents: a count never includes what the reader may not read. Kept by statement triggers on
-- incident (security definer: the owner writes every label's rows; readers only select).
drop trigger incident_bin_insert on incident;
drop trigger incident_bin_update on incident;
drop trigger incident_bin_delete on incident;
drop function incident_bin_apply();
drop table incident_bin;
drop function guarantor_bin_fx(double precision);
drop function guarantor_bin_fy(double precision);

create table incident_bin (
  zoom smallint not null check (zoom between 6 and 9),
  gx integer not null,
  gy integer not null,
  category text not null,
  state text not null,
  start_h integer not null,
  end_h integer not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null,
  n bigint not null,
  sum_fx double precision not null,
  sum_fy double precision not null,
  primary key (zoom, gx, gy, category, state, start_h, end_h, rel_kind, rel_nations)
);
-- Not forced: the trigger (security definer, as the owner) writes every label's rows.
alter table incident_bin enable row level security;
create policy incident_bin_releasable on incident_bin for select to guarantor_app
  using (guarantor_admits(rel_kind, rel_nations));
grant select on incident_bin to guarantor_app;

-- A point's position in cells of a grid `cells` wide around the world (Web Mercator), from the
-- stored lng/lat. The tile query counts incidents with these very functions, so a cell here and
-- a bin there agree to the last bit; cells are powers of two, so one zoom's cell is the next
-- zoom's divided by two, exactly.
create or replace function guarantor_cell_fx(lng double precision, cells double precision) returns double precision
  language sql immutable parallel safe as $$ select (lng + 180) / 360 * cells $$;
create or replace function guarantor_cell_fy(lat double precision, cells double precision) returns double precision
  language sql immutable parallel safe as $$
    select (1 - ln(tan(radians(lat)) + 1 / cos(radians(lat))) / pi()) / 2 * cells $$;

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
      from (select w, z.zoom, category, state, rel_kind, rel_nations,
                   ceil(extract(epoch from start_at) / 3600)::int as start_h,
                   floor(extract(epoch from end_at) / 3600)::int as end_h,
                   guarantor_cell_fx(lng, z.cells) as fx, guarantor_cell_fy(lat, z.cells) as fy
              from (%s) r
              cross join (values (6::smallint, 1024::float8), (7, 2048), (8, 4096), (9, 8192)) z(zoom, cells)
             where r.merged_into is null) d
     group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    having sum(w) <> 0 or sum(w * fx) <> 0 or sum(w * fy) <> 0
     order by 1, 2, 3, 4, 5, 6, 7, 8, 9
    on conflict (zoom, gx, gy, category, state, start_h, end_h, rel_kind, rel_nations) do update
      set n = b.n + excluded.n, sum_fx = b.sum_fx + excluded.sum_fx, sum_fy = b.sum_fy + excluded.sum_fy$q$, changed);
  return null;
end $$;

create trigger incident_bin_insert after insert on incident
  referencing new table as new_rows for each statement execute function incident_bin_apply();
create trigger incident_bin_update after update on incident
  referencing old table as old_rows new table as new_rows for each statement execute function incident_bin_apply();
create trigger incident_bin_delete after delete on incident
  referencing old table as old_rows for each statement execute function incident_bin_apply();

insert into incident_bin (zoom, gx, gy, category, state, start_h, end_h, rel_kind, rel_nations, n, sum_fx, sum_fy)
select zoom, floor(fx)::int, floor(fy)::int, category, state, start_h, end_h, rel_kind, rel_nations,
       count(*), sum(fx), sum(fy)
  from (select z.zoom, category, state, rel_kind, rel_nations,
               ceil(extract(epoch from start_at) / 3600)::int as start_h,
               floor(extract(epoch from end_at) / 3600)::int as end_h,
               guarantor_cell_fx(lng, z.cells) as fx, guarantor_cell_fy(lat, z.cells) as fy
          from incident
          cross join (values (6::smallint, 1024::float8), (7, 2048), (8, 4096), (9, 8192)) z(zoom, cells)
         where merged_into is null) d
 group by 1, 2, 3, 4, 5, 6, 7, 8, 9;
