-- Sustainment (issue 19, docs/adr/0030-sustainment-plan.md): offers and requirements over time,
-- and stored multi-period plans. Same engines as 0001: nothing newer than PostgreSQL 15 / PostGIS 3.3.

-- An offer's rotation: when its units can first be in theatre, the cycle (months deployed,
-- months to recover and retrain), the rotational units behind the one offered, the national
-- mandate's end and whether renewal is expected, and the duration caveat. A row is exactly as
-- releasable as its offer (the policy asks whether the offer is visible, the offer's own RLS
-- applying inside the subquery, as offer_readiness does), so releasing the offer releases it.
create table offer_rotation (
  offer_id text primary key references offer(id) on delete cascade,
  available_from text not null check (available_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  months_deployed integer not null check (months_deployed >= 1),
  months_recovering integer not null check (months_recovering >= 0),
  rotational_units integer not null check (rotational_units >= 0),
  mandate_ends text check (mandate_ends ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),  -- YYYY-MM-DD, the mandate's last day
  renewal_expected boolean not null default false,
  max_months integer check (max_months >= 1),
  version integer not null default 1,
  updated_by text not null,
  updated_at timestamptz not null
);

-- A requirement's months: start, end (null: open-ended to the plan's horizon) and its size
-- changes [{from, to, quantity}] (surge, drawdown). As releasable as its requirement.
create table requirement_timeline (
  requirement_id text primary key references requirement(id) on delete cascade,
  start_month text not null check (start_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  end_month text check (end_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and end_month >= start_month),
  size_changes jsonb not null default '[]',
  version integer not null default 1,
  updated_by text not null,
  updated_at timestamptz not null
);

do $$
declare t text; parent text; fk text;
begin
  foreach t in array array['offer_rotation','requirement_timeline'] loop
    parent := case t when 'offer_rotation' then 'offer' else 'requirement' end;
    fk := case t when 'offer_rotation' then 'offer_id' else 'requirement_id' end;
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy %I on %I for all to guarantor_app using (exists (select 1 from %I p where p.id = %I)) with check (exists (select 1 from %I p where p.id = %I))',
      t || '_as_' || parent, t, parent, fk, parent, fk);
    execute format('grant select, insert, update, delete on %I to guarantor_app', t);
  end loop;
end $$;

-- Stored sustainment plans, as `plan` (0004): `input` is the snapshot its author could see,
-- `result` the core SustainmentPlan, and its label the meet of its inputs' labels.
create table sustainment_plan (
  id text primary key,                   -- SPLAN-<nation>-<n>
  title text not null default '',
  status text not null check (status in ('optimal','time_limited','heuristic','greedy')),
  method text not null check (method in ('optimal','greedy')),
  horizon_start text not null check (horizon_start ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  horizon_months integer not null check (horizon_months between 1 and 120),
  coverage double precision not null,
  options jsonb not null,
  input jsonb not null,
  result jsonb not null,
  created_by text not null,
  created_nation text not null,
  created_at timestamptz not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index sustainment_plan_created_idx on sustainment_plan (created_at desc, id);
select guarantor_protect_labelled('sustainment_plan');
grant select, insert on sustainment_plan to guarantor_app;

-- Sustainment plans are numbered per creating nation like plans (0012): SPLAN-FRA-3.
create or replace function guarantor_next_record_number_for(p_kind text, p_nation text) returns integer
  language plpgsql stable security definer set search_path = public as $$
declare
  tbl text;
  prefix text;
  n integer;
begin
  if p_nation is null or p_nation !~ '^[A-Z]{3}$' then
    raise exception 'guarantor_next_record_number: no nation to number for';
  end if;
  -- Each kind's table and id stem; the table name comes from this list only.
  case p_kind
    when 'requirement' then tbl := 'requirement'; prefix := 'R-' || p_nation || '-';
    when 'hub' then tbl := 'hub'; prefix := 'hub-' || lower(p_nation) || '-';
    when 'truce_window' then tbl := 'truce_window'; prefix := 'truce-' || lower(p_nation) || '-';
    when 'order' then tbl := 'deployment_order'; prefix := 'ORD-' || p_nation || '-';
    when 'plan' then tbl := 'plan'; prefix := 'PLAN-' || p_nation || '-';
    when 'sustainment_plan' then tbl := 'sustainment_plan'; prefix := 'SPLAN-' || p_nation || '-';
    else raise exception 'guarantor_next_record_number: unknown kind %', p_kind;
  end case;
  execute format(
    'select coalesce(max(substring(id from %s)::int), 0) + 1 from %I where id like %L and substring(id from %s) ~ %L',
    length(prefix) + 1, tbl, prefix || '%', length(prefix) + 1, '^[0-9]{1,9}$'
  ) into n;
  return n;
end $$;
revoke execute on function guarantor_next_record_number_for(text, text) from public;
