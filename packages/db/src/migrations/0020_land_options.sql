-- Land options (issue 17, docs/adr/0032-land-options.md): alternative demarcations, each a line
-- across Ukraine (with the side of it the occupying side would hold) or an area that side would
-- hold. Every save is a new row: a version is never updated or deleted (the application role
-- may only insert and read). `option_key` names the option in its drafter's namespace
-- (north-line@FRA, as zones and control-area sources are, ADR 0013), so a hidden option of
-- another nation never collides with a reader's own; `version` counts its saves.
create table land_option_version (
  id bigint generated always as identity primary key,
  option_key text not null,
  version integer not null check (version >= 1),
  name text not null check (btrim(name) <> '' and length(name) <= 200),
  description text not null default '' check (length(description) <= 4000),
  kind text not null check (kind in ('line', 'area')),
  -- line: a 2-D LineString or MultiLineString; area: a valid 2-D MultiPolygon (SRID 4326).
  geom geometry(Geometry, 4326) not null,
  -- For a line: walking it from its first to its last position, the side the occupying force
  -- would hold. Null for an area (the area is what it holds).
  occupied_side text check (occupied_side in ('left', 'right')),
  check ((kind = 'line') = (occupied_side is not null)),
  -- What was repaired on the way in, feature by feature: [{feature, field, reason}].
  report jsonb not null default '[]',
  created_by text not null,
  created_at timestamptz not null,
  rel_kind text not null default 'NATIONAL' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  unique (option_key, version)
);
create index land_option_version_key_idx on land_option_version (option_key, version desc);
create index land_option_version_geom_idx on land_option_version using gist (geom);

select guarantor_protect_labelled('land_option_version');
-- Insert and read only: a change is a new version.
grant select, insert on land_option_version to guarantor_app;

-- Reference outlines that are not first-level units: Ukraine's land (state border and coast,
-- data/ukraine-land.geojson). Loaded with the other reference data; public, unlabelled.
create table territory_outline (
  name text primary key,
  geom geometry(MultiPolygon, 4326) not null
);
grant select on territory_outline to guarantor_app;

-- Population per first-level unit, loaded by `guarantor territory population import FILE`
-- (e.g. the UNFPA COD-PS 2022 baseline). Not shipped: a deployment loads the table it has a
-- licence for. Public statistics: unlabelled; the application reads it only.
create table unit_population (
  code text primary key references region(code),
  population bigint not null check (population >= 0),
  year integer not null check (year between 1900 and 2200),
  source text not null,
  loaded_at timestamptz not null
);
grant select on unit_population to guarantor_app;
