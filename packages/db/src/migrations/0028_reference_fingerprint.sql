-- What reference data (shipped outlines and the region catalogue) the database holds, by the
-- SHA-256 of its sources, so a restart with the same release does not rewrite 34 outlines
-- (ADR 0041). Not labelled: it describes shipped files, not records.
create table reference_fingerprint (
  name text primary key,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  loaded_at timestamptz not null
);
