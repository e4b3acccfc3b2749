-- Control areas over time (issue 17, docs/adr/0028-control-areas.md): the area one side held on
-- a date, as a file (a DeepStateMap export, a staff's own map) said it. Every import is a new
-- row: a version is never updated or deleted (the application role may only insert and read),
-- so any earlier figure can be recomputed from what was stored then. `version` counts the
-- imports of one source, side and date; the source lives in its importer's namespace
-- (deepstatemap@FRA, as zones and 3W sources do, ADR 0013), so a hidden version of another
-- nation never collides with a reader's own.
create table control_area_version (
  id bigint generated always as identity primary key,
  side text not null check (side in ('occupied', 'government')),
  as_of date not null,
  version integer not null check (version >= 1),
  source text not null,
  -- The file's name as given, for the reader; nothing is read from it.
  file_name text,
  -- 2-D, valid (ST_MakeValid where the file's rings were not), one MultiPolygon per version.
  geom geometry(MultiPolygon, 4326) not null,
  -- Geodesic area (PostGIS geography, WGS 84 spheroid) at import, in km².
  area_km2 double precision not null check (area_km2 >= 0),
  features_read integer not null check (features_read >= 0),
  features_taken integer not null check (features_taken >= 1),
  -- What the import skipped and repaired, feature by feature: {skipped: [...], repaired: [...]}.
  report jsonb not null,
  imported_by text not null,
  imported_at timestamptz not null,
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  unique (source, side, as_of, version)
);
create index control_area_version_date_idx on control_area_version (side, as_of);
create index control_area_version_geom_idx on control_area_version using gist (geom);

select guarantor_protect_labelled('control_area_version');
-- Insert and read only: no update, no delete. A correction is a new version.
grant select, insert on control_area_version to guarantor_app;
