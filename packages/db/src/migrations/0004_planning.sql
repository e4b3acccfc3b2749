-- Planning: offer readiness history and releases, requirements (CJSOR-like lines), the facts
-- caveats are checked against, and stored plans that a person adopts explicitly.
-- Same engines as 0001: nothing newer than PostgreSQL 15 / PostGIS 3.3.

-- Readiness history of an offer. A history row is exactly as releasable as its offer: the
-- policy asks whether the offer is visible (offer's own RLS applies inside the subquery), so
-- releasing the offer releases its history without copying labels.
create table offer_readiness (
  id bigint generated always as identity primary key,
  offer_id text not null references offer(id) on delete cascade,
  from_stage text check (from_stage in ('pledged','assessed','aligned','rapid')),
  to_stage text not null check (to_stage in ('pledged','assessed','aligned','rapid')),
  at timestamptz not null,
  actor text,
  note text
);
create index offer_readiness_offer_idx on offer_readiness (offer_id, id);

-- Each release of an offer by its nation: the label before and after (NATIONAL FRA → COALITION).
create table offer_release (
  id bigint generated always as identity primary key,
  offer_id text not null references offer(id) on delete cascade,
  from_label text not null,
  to_label text not null,
  at timestamptz not null,
  actor text
);
create index offer_release_offer_idx on offer_release (offer_id, id);

-- Requirements: what the cell needs where, like a CJSOR line. Written by cell staff.
create table requirement (
  id text primary key check (id ~ '^[A-Za-z0-9._-]{1,40}$'),
  region_code text not null references region(code),
  line_of_effort text not null,
  capability text not null,
  role text not null check (role in ('monitoring','training','deterrence','logistics','air','maritime')),
  quantity integer not null check (quantity > 0),
  priority smallint not null check (priority between 1 and 5),
  phase text not null check (phase in ('ceasefire_agreed','ceasefire_holding','force_deploying','sustainment')),
  max_days_to_deploy integer not null check (max_days_to_deploy >= 0),
  preferred_nations text[] not null default '{}',
  description text not null default '',
  illustrative boolean not null default false,
  source text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index requirement_cell_idx on requirement (region_code, line_of_effort);

-- Distance of each region from the line of contact, for `min_distance_from_contact` caveats.
-- Reference data with no label, like `region`; the demo seeds illustrative figures until the
-- territory capability derives them from the line of contact.
create table region_contact_distance (
  region_code text primary key references region(code),
  distance_km numeric not null check (distance_km >= 0),
  illustrative boolean not null default false,
  source text
);

-- Stored plans. A plan is a proposal computed from what its author could see; `input` is
-- that snapshot, `result` the core Plan. Its label is the meet of its inputs' labels, so a
-- plan is never more releasable than the least releasable record inside it. Nothing is
-- applied until someone adopts it (adopted_at), which is audited.
create sequence plan_number_seq;
create table plan (
  id text primary key,                   -- PLAN-<number>
  number integer not null unique,
  title text not null default '',
  status text not null check (status in ('optimal','time_limited','heuristic','greedy')),
  method text not null check (method in ('optimal','greedy')),
  coverage double precision not null,
  objective double precision not null,   -- the second stage's objective (metrics.secondaryObjective)
  options jsonb not null,
  input jsonb not null,
  result jsonb not null,
  based_on text references plan(id),     -- the plan this one was computed to replace, if any
  created_by text not null,
  created_nation text not null,
  created_at timestamptz not null,
  adopted_by text,
  adopted_at timestamptz,
  superseded_at timestamptz,             -- set when a later plan is adopted in its place
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index plan_created_idx on plan (created_at desc);

select guarantor_protect_labelled(t) from unnest(array['requirement','plan']) as t;
grant select, insert, update, delete on requirement, plan to guarantor_app;
do $$
declare t text;
begin
  foreach t in array array['offer_readiness','offer_release'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('create policy %I on %I for all to guarantor_app using (exists (select 1 from offer o where o.id = offer_id)) with check (exists (select 1 from offer o where o.id = offer_id))', t || '_as_offer', t);
    -- History is appended, never rewritten.
    execute format('grant select, insert on %I to guarantor_app', t);
  end loop;
end $$;
grant select on region_contact_distance to guarantor_app;
grant usage on sequence plan_number_seq to guarantor_app;
