-- Versions of what route risk and convoy planning are computed from (ADR 0048): the server
-- keeps segment risk and routing graphs in memory and checks, on each read, that these numbers
-- have not moved since it computed them. One row; each column counts committed changes:
--   incidents   — any incident written, re-stated, merged or removed;
--   segments    — route nodes and segments (an import, a deletion);
--   plan_rules  — checkpoints, corridors, their segments and windows.
-- Not labelled: a count says nothing about any record a reader may not see.
create table logistics_input_version (
  one boolean primary key default true check (one),
  incidents bigint not null default 0,
  segments bigint not null default 0,
  plan_rules bigint not null default 0
);
insert into logistics_input_version default values;
grant select on logistics_input_version to guarantor_app, guarantor_anon;

-- The bump runs at commit (a deferred constraint trigger), once per transaction and input: a
-- lock on the version row taken in the middle of a transaction would order writers of
-- incidents against each other and could deadlock with their row locks. At commit the row is
-- the last thing locked, held for an instant, and the new number becomes visible together with
-- the change it counts (a reader that sees the old number may cache, at worst, data newer than
-- it; never older).
create or replace function guarantor_bump_logistics_version() returns trigger
  language plpgsql security definer set search_path = public as $$
declare
  flag text := 'guarantor.logistics_bumped_' || tg_argv[0];
begin
  if coalesce(current_setting(flag, true), '') = 'on' then
    return null;
  end if;
  perform set_config(flag, 'on', true);
  if tg_argv[0] = 'incidents' then
    update logistics_input_version set incidents = incidents + 1;
  elsif tg_argv[0] = 'segments' then
    update logistics_input_version set segments = segments + 1;
  else
    update logistics_input_version set plan_rules = plan_rules + 1;
  end if;
  return null;
end $$;

-- TRUNCATE has no row trigger: it bumps at once (it holds the table exclusively anyway).
create or replace function guarantor_bump_logistics_version_now() returns trigger
  language plpgsql security definer set search_path = public as $$
begin
  if tg_argv[0] = 'incidents' then
    update logistics_input_version set incidents = incidents + 1;
  elsif tg_argv[0] = 'segments' then
    update logistics_input_version set segments = segments + 1;
  else
    update logistics_input_version set plan_rules = plan_rules + 1;
  end if;
  return null;
end $$;

do $$
declare
  t record;
begin
  for t in select * from (values
    ('incident', 'incidents'), ('route_node', 'segments'), ('route_segment', 'segments'),
    ('checkpoint', 'plan_rules'), ('corridor', 'plan_rules'), ('corridor_segment', 'plan_rules'),
    ('corridor_window', 'plan_rules')) as v(tab, input)
  loop
    execute format(
      'create constraint trigger %I after insert or update or delete on %I deferrable initially deferred for each row execute function guarantor_bump_logistics_version(%L)',
      t.tab || '_logistics_version', t.tab, t.input);
    execute format(
      'create trigger %I after truncate on %I for each statement execute function guarantor_bump_logistics_version_now(%L)',
      t.tab || '_logistics_version_truncate', t.tab, t.input);
  end loop;
end $$;

-- Segment–incident pairs for route risk (ADR 0048), with row-level security stated in the
-- query. Under the policies PostgreSQL may not use a function that is not LEAKPROOF (PostGIS's
-- `&&` is not) as an index condition before the policy's filter, so the GiST join of ADR 0036
-- became a nested loop over every segment of the network for each incident: 101 s for one
-- read at 19,800 segments × 100,000 incidents as a nation's user, against about a second here.
-- The function runs as its owner and applies the same test the policies apply
-- (guarantor_admits, with the reader's settings) to both tables; the public role reads PUBLIC
-- rows only, as its policies say; a session that bypasses row-level security anyway (the
-- owner's, a superuser's: the command line without --nation) is not filtered.
create or replace function guarantor_segment_risk_pairs(
  p_network bigint, p_radius_km float8, p_since timestamptz, p_until timestamptz,
  p_west float8, p_south float8, p_east float8, p_north float8)
  returns table (segment_id bigint, incident_id text, category text, state text,
                 distance_m float8, start_ms float8, end_ms float8)
  language sql stable security definer set search_path = public as $$
    with reader as (
      select case current_setting('role')
               when 'guarantor_app' then 'app'
               when 'guarantor_anon' then 'public'
               when 'none' then case when (select r.rolsuper or r.rolbypassrls from pg_roles r where r.rolname = session_user)
                                       or session_user = (select tableowner from pg_tables where schemaname = 'public' and tablename = 'incident')
                                     then 'all' else 'public' end
               else 'public'
             end as sees
    )
    select s.id, i.id, i.category, i.state,
           st_distance(s.geom::geography, i.geom::geography, false),
           extract(epoch from i.start_at)::float8 * 1000,
           extract(epoch from i.end_at)::float8 * 1000
    from reader r, incident i
    join route_segment s
      on s.geom && st_expand(i.geom, p_radius_km / 55, p_radius_km / 110)
    where s.network_id = p_network and i.merged_into is null
      and (p_west is null or s.geom && st_makeenvelope(p_west, p_south, p_east, p_north, 4326))
      and i.end_at >= p_since and (p_until is null or i.start_at <= p_until)
      and st_dwithin(s.geom::geography, i.geom::geography, p_radius_km * 1000, false)
      and case r.sees
            when 'all' then true
            when 'app' then guarantor_admits(i.rel_kind, i.rel_nations) and guarantor_admits(s.rel_kind, s.rel_nations)
            else i.rel_kind = 'PUBLIC' and s.rel_kind = 'PUBLIC'
          end
    order by s.id, i.id
  $$;
grant execute on function guarantor_segment_risk_pairs(bigint, float8, timestamptz, timestamptz, float8, float8, float8, float8)
  to guarantor_app, guarantor_anon;
