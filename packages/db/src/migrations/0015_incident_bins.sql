-- Incident counts per map cell (docs/adr/0020-tiles-aggregate-below-z10.md). Below z10 a tile
-- carries a count per cell; counting a million incidents for one z6 tile took seconds. This
-- table keeps, per cell of the z7 grid (z7 × 16 cells a tile = 2^11 cells around the world;
-- finer grids hold nearly a row per incident once split by day, state and label), category, state, UTC start and end day and label, how many live incidents there are
-- (and the sums of their positions, for where a bin is drawn). A tile adds up its cells; the
-- incidents whose first or last day is the filter's own (where a day cannot say whether they
-- match) are counted from the incident table itself, so the totals stay exact.
--
-- Rows carry the incidents' labels and row-level security filters them as it does incidents:
-- a count never includes what the reader may not read. Kept by statement triggers on
-- incident (one upsert per statement, ordered by key so that concurrent writers lock rows
-- in the same order).
create table incident_bin (
  gx integer not null,
  gy integer not null,
  category text not null,
  state text not null,
  start_day date not null,
  end_day date not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null,
  n bigint not null,
  sum_fx double precision not null,
  sum_fy double precision not null,
  primary key (gx, gy, category, state, start_day, end_day, rel_kind, rel_nations)
);
-- Not forced: the trigger (security definer, as the owner) writes every label's rows.
alter table incident_bin enable row level security;
create policy incident_bin_releasable on incident_bin for select to guarantor_app
  using (guarantor_admits(rel_kind, rel_nations));
grant select on incident_bin to guarantor_app;

-- The cell at 2^11 cells around the world, from the stored lng/lat: the same arithmetic as the
-- tile query (monitoring/tiles.ts), so a cell here and a bin there agree to the last bit.
create or replace function guarantor_bin_fx(lng double precision) returns double precision
  language sql immutable parallel safe as $$ select (lng + 180) / 360 * 2048::float8 $$;
create or replace function guarantor_bin_fy(lat double precision) returns double precision
  language sql immutable parallel safe as $$
    select (1 - ln(tan(radians(lat)) + 1 / cos(radians(lat))) / pi()) / 2 * 2048::float8 $$;

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
    insert into incident_bin as b (gx, gy, category, state, start_day, end_day, rel_kind, rel_nations, n, sum_fx, sum_fy)
    select floor(fx)::int, floor(fy)::int, category, state, start_day, end_day, rel_kind, rel_nations,
           sum(w), sum(w * fx), sum(w * fy)
      from (select w, category, state, rel_kind, rel_nations,
                   (start_at at time zone 'UTC')::date as start_day, (end_at at time zone 'UTC')::date as end_day,
                   guarantor_bin_fx(lng) as fx, guarantor_bin_fy(lat) as fy
              from (%s) r where r.merged_into is null) d
     group by 1, 2, 3, 4, 5, 6, 7, 8
    having sum(w) <> 0 or sum(w * fx) <> 0 or sum(w * fy) <> 0
     order by 1, 2, 3, 4, 5, 6, 7, 8
    on conflict (gx, gy, category, state, start_day, end_day, rel_kind, rel_nations) do update
      set n = b.n + excluded.n, sum_fx = b.sum_fx + excluded.sum_fx, sum_fy = b.sum_fy + excluded.sum_fy$q$, changed);
  return null;
end $$;

create trigger incident_bin_insert after insert on incident
  referencing new table as new_rows for each statement execute function incident_bin_apply();
create trigger incident_bin_update after update on incident
  referencing old table as old_rows new table as new_rows for each statement execute function incident_bin_apply();
create trigger incident_bin_delete after delete on incident
  referencing old table as old_rows for each statement execute function incident_bin_apply();

-- The incidents a filter's first day decides (ending on it): by end_at, for the tile query's
-- exact remainder.
create index incident_end_idx on incident (end_at) where merged_into is null;

insert into incident_bin (gx, gy, category, state, start_day, end_day, rel_kind, rel_nations, n, sum_fx, sum_fy)
select floor(guarantor_bin_fx(lng))::int, floor(guarantor_bin_fy(lat))::int, category, state,
       (start_at at time zone 'UTC')::date, (end_at at time zone 'UTC')::date, rel_kind, rel_nations,
       count(*), sum(guarantor_bin_fx(lng)), sum(guarantor_bin_fy(lat))
  from incident where merged_into is null
 group by 1, 2, 3, 4, 5, 6, 7, 8;
