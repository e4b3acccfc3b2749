-- Foundation: reference regions, identity, releasability-labelled coalition records, audit.
-- The same SQL runs on PGlite (PostgreSQL 18, PostGIS 3.6) and Debian's PostgreSQL 15 with
-- PostGIS 3.3, so it uses nothing newer than both.

create extension if not exists postgis;

-- The role every request runs as (SET LOCAL ROLE). It has no BYPASSRLS, so row-level
-- security binds it even though the connecting user (PGlite's default, or `postgres`) is a
-- superuser. Roles are cluster-wide on a server, so another database may have made it.
do $$
begin
  create role guarantor_app nologin nosuperuser nobypassrls;
exception when duplicate_object then null;
end $$;

-- The reader's nation and coalition membership are set per transaction by the server
-- (set_config(..., true)). An unset nation is the public.
create or replace function guarantor_reader_nation() returns text
  language sql stable as $$ select nullif(current_setting('guarantor.nation', true), '') $$;

create or replace function guarantor_admits(rel_kind text, rel_nations text[]) returns boolean
  language sql stable as $$
    select case rel_kind
      when 'PUBLIC' then true
      when 'COALITION' then coalesce(current_setting('guarantor.coalition_member', true), '') = 'on'
      else coalesce(guarantor_reader_nation() = any(rel_nations), false)
    end
  $$;

create table region (
  code text primary key,                 -- ISO 3166-2 (UA-14) or a staging area (POL, BLACK_SEA)
  name_en text not null,
  name_uk text,
  kind text not null,                    -- ukraine_unit | staging_country | sea | airspace
  geom geometry(MultiPolygon, 4326)
);
create index region_geom_idx on region using gist (geom);

create table app_user (
  id uuid primary key default gen_random_uuid(),
  username text not null unique check (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name text not null,
  password_hash text not null,
  nation text not null check (nation ~ '^[A-Z]{3}$'),
  roles text[] not null check (roles <@ array['cell_staff','liaison','monitor','analyst','finance','admin']::text[]),
  created_at timestamptz not null default now(),
  disabled_at timestamptz
);

create table user_session (
  token_hash text primary key,           -- SHA-256 of the cookie value; the value itself is never stored
  user_id uuid not null references app_user(id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index user_session_user_idx on user_session (user_id);

create table api_token (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id uuid not null references app_user(id) on delete cascade,
  name text not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

-- Coalition records. Each carries its releasability label as (rel_kind, rel_nations):
-- PUBLIC and COALITION with no nations, REL with the list, NATIONAL with its one nation.
create table coalition_nation (
  iso3 text primary key check (iso3 ~ '^[A-Z]{3}$'),
  delegation_level text not null check (delegation_level in ('head_of_state_or_government','minister','ambassador','official')),
  delegation_head text,
  role text,
  illustrative boolean not null default false,
  source text,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);

create table mission (
  id text primary key,
  name text not null,
  kind text not null,
  lead_nation text,
  contributors text[] not null default '{}',
  role text,
  condition text,
  description text not null,
  location geometry(Point, 4326),
  illustrative boolean not null default false,
  source text,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);

create table offer (
  id text primary key,
  nation text not null check (nation ~ '^[A-Z]{3}$'),
  capability text not null,
  quantity integer not null check (quantity > 0),
  unit text not null,
  days_to_deploy integer not null check (days_to_deploy >= 0),
  duration_days integer check (duration_days > 0),
  readiness text not null check (readiness in ('pledged','assessed','aligned','rapid')),
  lifecycle text not null check (lifecycle in ('proposed','confirmed','mandated','deployed','withdrawn')),
  caveats jsonb not null default '[]',
  description text not null default '',
  mission_id text references mission(id),
  illustrative boolean not null default false,
  source text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index offer_nation_idx on offer (nation);

create table lead_role (
  id text primary key,
  region_code text not null references region(code),
  line_of_effort text not null,
  lead_nation text not null,
  contributors text[] not null default '{}',
  note text,
  illustrative boolean not null default false,
  source text,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index lead_role_region_idx on lead_role (region_code, line_of_effort);

create table hub (
  id text primary key,
  name text not null,
  kind text not null,
  nations text[] not null,
  sidc text not null,
  description text not null,
  location geometry(Point, 4326) not null,
  illustrative boolean not null default false,
  source text,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);

-- Row-level security on a labelled table, forced so that it binds the table owner too. Only
-- guarantor_app gets a policy: any other non-superuser role sees nothing. Every migration
-- that adds a labelled table calls this; grants stay with each table, least privilege.
create or replace function guarantor_protect_labelled(t text) returns void language plpgsql as $$
begin
  execute format('alter table %I enable row level security', t);
  execute format('alter table %I force row level security', t);
  execute format('create policy %I on %I for all to guarantor_app using (guarantor_admits(rel_kind, rel_nations)) with check (guarantor_admits(rel_kind, rel_nations))', t || '_releasable', t);
end $$;

select guarantor_protect_labelled(t) from unnest(array['coalition_nation','mission','offer','lead_role','hub']) as t;
grant select, insert, update, delete on coalition_nation, mission, offer, lead_role, hub to guarantor_app;
grant select on region to guarantor_app;

-- The audit log is append-only and hash-chained (core/src/access/audit.ts). audit_head holds
-- the chain's tip: appending updates that one row first, which serialises appenders across
-- server instances without an advisory lock.
create table audit_log (
  seq bigint primary key,
  at timestamptz not null,
  actor text,
  nation text,
  action text not null,
  entity text not null,
  entity_id text not null,
  before jsonb,
  after jsonb,
  prev_hash text not null,
  hash text not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index audit_log_entity_idx on audit_log (entity, entity_id);

create table audit_head (
  id boolean primary key default true check (id),
  seq bigint not null,
  hash text not null
);
insert into audit_head (seq, hash) values (0, repeat('0', 64));

create or replace function guarantor_audit_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'P0001';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function guarantor_audit_immutable();

alter table audit_log enable row level security;
alter table audit_log force row level security;
create policy audit_log_append on audit_log for insert to guarantor_app with check (true);
create policy audit_log_read on audit_log for select to guarantor_app using (guarantor_admits(rel_kind, rel_nations));
grant select, insert on audit_log to guarantor_app;
grant select, update on audit_head to guarantor_app;

-- Offer ids (FRA-4) are numbered per nation across rows the caller may not see, so the
-- numbering runs as the function's owner; it returns only the next number, no content.
create or replace function guarantor_next_offer_number(p_nation text) returns integer
  language sql stable security definer set search_path = public as $$
    select coalesce(max(substring(id from '-(\d+)$')::int), 0) + 1 from offer where nation = p_nation
  $$;
grant execute on function guarantor_next_offer_number(text) to guarantor_app;
