-- Zones and violations (issue 4): the line of contact, buffer zone, weapons-withdrawal zones
-- and sectors; violation rules as data with every version kept; and which monitoring sources
-- were active or down each day, so a daily report can say where a low count means blindness.
-- Same SQL on PostgreSQL 15 / PostGIS 3.3 and PGlite (PostgreSQL 18 / PostGIS 3.6).

create table zone (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{1,63}$'),
  kind text not null check (kind in ('line_of_contact','buffer_zone','weapons_withdrawal','sector')),
  name text not null,
  -- Weapon classes a withdrawal zone forbids; empty for the other kinds.
  weapon_classes text[] not null default '{}',
  geom geometry(Geometry, 4326) not null,
  -- An edit bumps the version; each version's geometry is in the audit log.
  version integer not null default 1 check (version > 0),
  valid_from timestamptz,
  valid_to timestamptz,
  illustrative boolean not null default false,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  check (valid_to is null or valid_from is null or valid_to > valid_from),
  check ((kind = 'weapons_withdrawal') = (cardinality(weapon_classes) > 0)),
  check (case when kind = 'line_of_contact'
              then geometrytype(geom) in ('LINESTRING','MULTILINESTRING')
              else geometrytype(geom) in ('POLYGON','MULTIPOLYGON') end)
);
create index zone_geom_idx on zone using gist (geom);
create index zone_kind_idx on zone (kind);

-- Violation rules (core zones/rules.ts) as data. A change is a new version; the highest
-- version of an id is current, and `active = false` on it retires the rule.
create table violation_rule (
  id text not null check (id ~ '^[a-z0-9][a-z0-9_-]{1,63}$'),
  version integer not null check (version > 0),
  definition jsonb not null,
  active boolean not null default true,
  created_by text not null,
  created_at timestamptz not null,
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  primary key (id, version)
);

-- A monitoring source's state on one UTC day: active, degraded or down, over which sectors
-- (empty: all it normally covers). Sources that filed observations that day are active even
-- without a row here.
create table source_status (
  day date not null,
  source_id text not null,
  source_kind text not null,
  status text not null check (status in ('active','degraded','down')),
  sectors text[] not null default '{}',
  note text,
  recorded_by text not null,
  recorded_at timestamptz not null,
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  primary key (day, source_id)
);

select guarantor_protect_labelled(t) from unnest(array['zone','violation_rule','source_status']) as t;
grant select, insert, update on zone to guarantor_app;
-- Rule versions are history: requests add versions, never rewrite or delete one.
grant select, insert on violation_rule to guarantor_app;
grant select, insert, update on source_status to guarantor_app;
