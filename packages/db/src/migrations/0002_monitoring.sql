-- Monitoring: observations (one source's report), incidents (one real event, fused from
-- observations by the fusion worker, docs/adr/0004-fusion-worker.md), their membership and
-- join reasons, analysts' state changes, parties' claims, and monitor teams' CoT tracks.
-- Same SQL on PostgreSQL 15 / PostGIS 3.3 and PGlite (PostgreSQL 18 / PostGIS 3.6).

create table observation (
  uid text primary key,
  -- Processing order for the fusion worker; a replacing resend takes a new number.
  seq bigserial not null unique,
  -- False until the fusion worker has fused this version (a replacing resend resets it). A
  -- flag, not a seq watermark: concurrent intake commits seq numbers out of order.
  fused boolean not null default false,
  source_kind text not null check (source_kind in ('patrol','camera','uav','satellite','acoustic','cot','osint','party_claim')),
  source_id text not null,
  source_nation text not null check (source_nation ~ '^[A-Z]{3}$'),
  start_at timestamptz not null,
  end_at timestamptz not null,
  category text not null,
  count bigint not null check (count >= 1),
  location_kind text not null check (location_kind in ('point','bearing')),
  -- The reported point, or for a bearing the centre of its sector (the estimated point).
  geom geometry(Point, 4326) not null,
  -- The point's uncertainty, or the radius around `geom` that holds the whole sector.
  radius_m double precision not null check (radius_m >= 0),
  observer geometry(Point, 4326),
  bearing_deg double precision,
  spread_deg double precision,
  min_distance_m double precision,
  max_distance_m double precision,
  reported_at timestamptz not null,
  remarks text,
  -- The observation as core validated it (the fusion worker rebuilds its engine from this).
  raw jsonb not null,
  -- Who sent it: the user or API token's user, or the CoT TCP peer.
  submitted_by text,
  received_at timestamptz not null default now(),
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  check (end_at >= start_at),
  check (location_kind = 'point' or (observer is not null and bearing_deg is not null))
);
create index observation_geom_idx on observation using gist (geom);
create index observation_time_idx on observation (start_at, end_at);
create index observation_category_idx on observation (category, start_at);
create index observation_unfused_idx on observation (seq) where not fused;

create table incident (
  -- `inc-` + the smallest observation uid (deterministic, core's incidentId).
  id text primary key,
  category text not null,
  categories text[] not null,
  -- What fusion says (core): reported or corroborated.
  fusion_state text not null check (fusion_state in ('reported','corroborated')),
  -- The state shown: fusion's until an analyst verifies, attributes or dismisses.
  state text not null check (state in ('reported','corroborated','verified','attributed','dismissed')),
  attributed_party text,
  geom geometry(Point, 4326) not null,
  radius_m double precision not null,
  location_method text not null,
  start_at timestamptz not null,
  end_at timestamptz not null,
  count_low bigint not null,
  count_best bigint not null,
  count_high bigint not null,
  confidence double precision not null,
  independent_sources integer not null,
  party_claim_nations text[] not null default '{}',
  observation_count integer not null,
  -- The fusion engine's account in words (core's explain()).
  explanation jsonb not null default '[]',
  -- Set when fusion joined this incident into another: it no longer shows on lists and maps,
  -- and its history and claims are read with the incident it joined.
  merged_into text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index incident_geom_idx on incident using gist (geom) where merged_into is null;
create index incident_time_idx on incident (start_at, end_at) where merged_into is null;
create index incident_state_idx on incident (state, category) where merged_into is null;
create index incident_merged_idx on incident (merged_into) where merged_into is not null;

-- Which observations make an incident, and the join that admitted each (null for the first).
create table incident_observation (
  observation_uid text primary key references observation(uid) on delete cascade,
  incident_id text not null references incident(id),
  via_uid text,
  rule text,
  geometry text,
  distance_m double precision,
  gap_ms double precision,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index incident_observation_incident_idx on incident_observation (incident_id);

-- Every state change, automatic (by 'fusion') or by an analyst.
create table incident_state_change (
  id bigserial primary key,
  incident_id text not null references incident(id),
  from_state text,
  to_state text not null,
  by_user text not null,
  by_nation text,
  at timestamptz not null,
  reason text,
  evidence text[] not null default '{}',
  attributed_party text,
  assessment text,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index incident_state_change_incident_idx on incident_state_change (incident_id, at);

-- The dispute record: what each party claims about an incident, with evidence links, and
-- the monitors' assessment of the claim; kept over time (rows are added, never edited).
create table incident_claim (
  id bigserial primary key,
  incident_id text not null references incident(id),
  party text not null,
  claim text not null,
  evidence text[] not null default '{}',
  assessment text,
  by_user text not null,
  by_nation text,
  at timestamptz not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index incident_claim_incident_idx on incident_claim (incident_id, at);

-- Monitor teams' last position reports (CoT PLI), not incidents.
create table team_track (
  uid text primary key,
  type text not null,
  callsign text,
  team text,
  role text,
  geom geometry(Point, 4326),
  radius_m double precision,
  course_deg double precision,
  speed_mps double precision,
  time_at timestamptz not null,
  stale_at timestamptz not null,
  source_nation text not null,
  submitted_by text,
  received_at timestamptz not null default now(),
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index team_track_geom_idx on team_track using gist (geom);
create index team_track_time_idx on team_track (time_at);

select guarantor_protect_labelled(t) from unnest(array['observation','incident','incident_observation','incident_state_change','incident_claim','team_track']) as t;
-- Requests insert observations, team tracks, claims and state changes, and update an
-- incident's state; incidents and membership are written by the fusion worker (owner role).
grant select, insert, update on observation to guarantor_app;
grant usage on sequence observation_seq_seq to guarantor_app;
grant select, update on incident to guarantor_app;
grant select on incident_observation to guarantor_app;
grant select, insert on incident_state_change to guarantor_app;
grant usage on sequence incident_state_change_id_seq to guarantor_app;
grant select, insert on incident_claim to guarantor_app;
grant usage on sequence incident_claim_id_seq to guarantor_app;
grant select, insert, update on team_track to guarantor_app;
