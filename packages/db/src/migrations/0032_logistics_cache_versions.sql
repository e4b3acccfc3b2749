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
