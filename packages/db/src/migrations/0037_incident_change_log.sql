-- Route risk brought up to date by the incidents that changed, not recomputed (ADR 0048,
-- amended). Migration 0032 counts committed changes to incidents; a cached risk computation
-- stamped with an older count was thrown away whole, so at 20,000 segments × 1,000,000
-- incidents every new report cost the next reader of the risk board a full recomputation
-- (13–31 s on a loaded machine) although it can move only the segments within a few km of it.
--
-- Now each transaction that writes incidents logs the ids it wrote (statement triggers with
-- transition tables: one insert per statement, not per row), with the label each had before
-- an update or delete, and the commit-time bump of migration 0032 records which count that
-- transaction's changes became. A reader holding a computation at count E that sees count V
-- asks for the changes in (E, V] it may know of (an incident it may see now, or could see
-- before the change), drops their old pairs and adds their new ones. The log is kept for the last 4,096 counts; a computation older
-- than that is recomputed whole, as before.

create table logistics_incident_change (
  txid bigint not null,
  incident_id text not null,
  -- The label before an update or a delete; null for an insert.
  old_rel_kind text,
  old_rel_nations text[]
);
create index logistics_incident_change_txid on logistics_incident_change (txid);

create table logistics_incident_commit (
  txid bigint primary key,
  version bigint not null unique
);

-- The oldest count whose changes the log still holds, in full, after it.
alter table logistics_input_version add column incidents_logged_from bigint not null default 0;
update logistics_input_version set incidents_logged_from = incidents;

-- Neither table is readable by the application: ids of incidents a reader may not see are in
-- them. The functions below read them as their owner.
revoke all on logistics_incident_change, logistics_incident_commit from public;

create or replace function guarantor_log_incident_change() returns trigger
  language plpgsql security definer set search_path = public as $$
begin
  if tg_op = 'INSERT' then
    insert into logistics_incident_change (txid, incident_id) select txid_current(), id from changed;
  else
    insert into logistics_incident_change (txid, incident_id, old_rel_kind, old_rel_nations)
      select txid_current(), id, rel_kind, rel_nations from changed;
  end if;
  return null;
end $$;

create trigger incident_change_log_insert after insert on incident
  referencing new table as changed for each statement execute function guarantor_log_incident_change();
create trigger incident_change_log_update after update on incident
  referencing old table as changed for each statement execute function guarantor_log_incident_change();
create trigger incident_change_log_delete after delete on incident
  referencing old table as changed for each statement execute function guarantor_log_incident_change();

-- Migration 0032's bump, which now also names the count a transaction's incident changes
-- became, and trims the log.
create or replace function guarantor_bump_logistics_version() returns trigger
  language plpgsql security definer set search_path = public as $$
declare
  flag text := 'guarantor.logistics_bumped_' || tg_argv[0];
  v bigint;
begin
  if coalesce(current_setting(flag, true), '') = 'on' then
    return null;
  end if;
  perform set_config(flag, 'on', true);
  if tg_argv[0] = 'incidents' then
    update logistics_input_version set incidents = incidents + 1 returning incidents into v;
    insert into logistics_incident_commit (txid, version) values (txid_current(), v)
      on conflict (txid) do nothing;
    if v % 256 = 0 then
      delete from logistics_incident_change c using logistics_incident_commit m
        where m.txid = c.txid and m.version <= v - 4096;
      delete from logistics_incident_commit where version <= v - 4096;
      update logistics_input_version set incidents_logged_from = greatest(incidents_logged_from, v - 4096);
    end if;
  elsif tg_argv[0] = 'segments' then
    update logistics_input_version set segments = segments + 1;
  else
    update logistics_input_version set plan_rules = plan_rules + 1;
  end if;
  return null;
end $$;

-- TRUNCATE logs no ids: the log starts again after it.
create or replace function guarantor_bump_logistics_version_now() returns trigger
  language plpgsql security definer set search_path = public as $$
begin
  if tg_argv[0] = 'incidents' then
    update logistics_input_version set incidents = incidents + 1, incidents_logged_from = incidents + 1;
  elsif tg_argv[0] = 'segments' then
    update logistics_input_version set segments = segments + 1;
  else
    update logistics_input_version set plan_rules = plan_rules + 1;
  end if;
  return null;
end $$;

-- Which rows the session may see, for the security-definer functions below that apply row-level
-- security themselves (as guarantor_segment_risk_pairs of migration 0032 does, by the same
-- rule): 'app' (a nation's or the cell's reader: guarantor_admits), 'public' (PUBLIC rows only),
-- or 'all' (a session that bypasses row-level security anyway: the owner's, a superuser's).
-- Invoker's rights: it reads the caller's role setting and session user.
create or replace function guarantor_reader_sees() returns text
  language sql stable set search_path = public as $$
    select case current_setting('role')
             when 'guarantor_app' then 'app'
             when 'guarantor_anon' then 'public'
             when 'none' then case when (select r.rolsuper or r.rolbypassrls from pg_roles r where r.rolname = session_user)
                                     or session_user = (select tableowner from pg_tables where schemaname = 'public' and tablename = 'incident')
                                   then 'all' else 'public' end
             else 'public'
           end
  $$;

-- The ids of the incidents changed by the commits counted in (p_from, p_to] that the reader may
-- know of: those it may see now, and those whose label before a change it could see (a label
-- that narrowed, a merge, a delete), so that it drops what it held of them. An incident it never
-- could see is not named. Null when the log no longer reaches back to p_from.
create or replace function guarantor_incident_changes_seen(p_from bigint, p_to bigint)
  returns text[]
  language sql stable security definer set search_path = public as $$
    with reader as (select guarantor_reader_sees() as sees),
    changed as (
      select c.incident_id, c.old_rel_kind, c.old_rel_nations
      from logistics_incident_commit m
      join logistics_incident_change c on c.txid = m.txid
      where m.version > p_from and m.version <= p_to
    )
    select case when p_from < (select incidents_logged_from from logistics_input_version) then null
           else coalesce((
             select array_agg(distinct ch.incident_id)
             from reader r, changed ch
             left join incident i on i.id = ch.incident_id
             where case r.sees
                     when 'all' then true
                     when 'app' then (i.id is not null and guarantor_admits(i.rel_kind, i.rel_nations))
                                  or (ch.old_rel_kind is not null and guarantor_admits(ch.old_rel_kind, ch.old_rel_nations))
                     else i.rel_kind = 'PUBLIC' or ch.old_rel_kind = 'PUBLIC'
                   end), '{}'::text[])
           end
  $$;
grant execute on function guarantor_incident_changes_seen(bigint, bigint) to guarantor_app, guarantor_anon;

-- The pairs of guarantor_segment_risk_pairs (migration 0032) for the incidents changed in
-- (p_from, p_to] only, under the same visibility rule.
create or replace function guarantor_segment_risk_delta(
  p_network bigint, p_radius_km float8, p_since timestamptz, p_until timestamptz,
  p_from bigint, p_to bigint)
  returns table (segment_id bigint, incident_id text, category text, state text,
                 distance_m float8, start_ms float8, end_ms float8)
  language sql stable security definer set search_path = public as $$
    with reader as (select guarantor_reader_sees() as sees),
    changed as (
      select distinct c.incident_id
      from logistics_incident_commit m
      join logistics_incident_change c on c.txid = m.txid
      where m.version > p_from and m.version <= p_to
    )
    select s.id, i.id, i.category, i.state,
           st_distance(s.geom::geography, i.geom::geography, false),
           extract(epoch from i.start_at)::float8 * 1000,
           extract(epoch from i.end_at)::float8 * 1000
    from reader r, changed ch
    join incident i on i.id = ch.incident_id
    join route_segment s
      on s.geom && st_expand(i.geom, p_radius_km / 55, p_radius_km / 110)
    where s.network_id = p_network and i.merged_into is null
      and i.end_at >= p_since and (p_until is null or i.start_at <= p_until)
      and st_dwithin(s.geom::geography, i.geom::geography, p_radius_km * 1000, false)
      and case r.sees
            when 'all' then true
            when 'app' then guarantor_admits(i.rel_kind, i.rel_nations) and guarantor_admits(s.rel_kind, s.rel_nations)
            else i.rel_kind = 'PUBLIC' and s.rel_kind = 'PUBLIC'
          end
    order by s.id, i.id
  $$;
grant execute on function guarantor_segment_risk_delta(bigint, float8, timestamptz, timestamptz, bigint, bigint)
  to guarantor_app, guarantor_anon;
