-- Ceasefire first (issue 6): campaign phases and their decisions, trigger rules with every
-- version kept, the guard policy, sector status history, breaches and the response ladder,
-- local truce windows, deployment orders and their events, and the cell's notifications.
-- Every table is releasability-labelled like 0001's coalition records; most rows are
-- COALITION, an order carries its offer's label, and its events and notices carry the order's.

-- One row per phase the campaign entered. The current phase is the row with the highest seq.
create table campaign_phase (
  seq bigint generated always as identity primary key,
  phase text not null check (phase in ('hostilities','ceasefire_agreed','ceasefire_holding','force_deploying','sustainment','suspended')),
  from_phase text check (from_phase in ('hostilities','ceasefire_agreed','ceasefire_holding','force_deploying','sustainment','suspended')),
  since date not null,
  decided_by text not null,
  decided_nation text not null check (decided_nation ~ '^[A-Z]{3}$'),
  authority text not null,
  recorded_at timestamptz not null,
  -- The rule evaluations the decision rested on (core RuleEvaluation[]), as evaluated then.
  evaluations jsonb not null default '[]',
  override boolean not null default false,
  override_reason text,
  -- Every failure the override set aside, in words.
  override_bypassed jsonb not null default '[]',
  check (not override or coalesce(btrim(override_reason), '') <> ''),
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);

-- Trigger rules: analysts add versions, never rewrite one. The highest version of an id is
-- current; `active = false` on it retires the rule.
create table phase_rule (
  id text not null check (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
  version integer not null check (version > 0),
  title text not null default '',
  text text not null,
  active boolean not null default true,
  created_by text not null,
  created_at timestamptz not null,
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  primary key (id, version)
);

-- Which rules guard entry into which phase; the rule's current version is evaluated.
create table phase_guard (
  target_phase text not null check (target_phase in ('ceasefire_agreed','ceasefire_holding','force_deploying','sustainment','suspended')),
  rule_id text not null,
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  primary key (target_phase, rule_id)
);

-- Each sector's status as of a day, recorded when it changes (and on the first evaluation).
create table sector_status (
  id bigint generated always as identity primary key,
  sector text not null,
  as_of date not null,
  status text not null check (status in ('holding','fragile','broken')),
  reasons jsonb not null default '[]',
  recorded_at timestamptz not null,
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index sector_status_sector_idx on sector_status (sector, as_of desc, id desc);

-- The days the gate was re-evaluated for; the next re-evaluation walks on from the latest.
create table phase_evaluation (
  as_of date primary key,
  evaluated_at timestamptz not null
);
grant select, insert, update on phase_evaluation to guarantor_app;

-- The response ladder, mildest rung first (position).
create table ladder_rung (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
  position integer not null unique,
  title text not null,
  respond_within_hours integer not null check (respond_within_hours > 0),
  nations text[] not null default '{}',
  rules text[] not null default '{}',
  min_sectors integer not null default 1 check (min_sectors >= 1),
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);

-- A sector where a rule version held the day before and fails now; the id is deterministic
-- (rule@version:sector:date), so re-evaluating the same day records it once.
create table breach (
  id text primary key,
  rule_id text not null,
  rule_version integer not null,
  sector text not null,
  as_of date not null,
  detected_at timestamptz not null,
  explanation text not null,
  incident_ids text[] not null default '{}',
  proposed_rung text references ladder_rung(id),
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index breach_as_of_idx on breach (as_of desc);

-- What the cell decided about a breach, and when.
create table breach_response (
  id bigint generated always as identity primary key,
  breach_id text not null references breach(id),
  rung_id text not null references ladder_rung(id),
  decided_at timestamptz not null,
  decided_by text not null,
  decided_nation text not null check (decided_nation ~ '^[A-Z]{3}$'),
  note text not null default '',
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index breach_response_breach_idx on breach_response (breach_id);

-- Short agreed pauses at a named site (repair crews), monitored like the ceasefire.
create table truce_window (
  id text primary key,
  site text not null,
  location geometry(Point, 4326) not null,
  radius_m double precision not null check (radius_m > 0),
  start_at timestamptz not null,
  end_at timestamptz not null,
  purpose text not null,
  sector text,
  created_by text not null,
  created_at timestamptz not null,
  check (end_at > start_at),
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);

-- A deployment order: an offer, or part of it, to a region, a sector and a line of effort.
-- draft → ready_on_gate | refused | issued; ready_on_gate → issued when the gate opens.
create table deployment_order (
  id text primary key,
  offer_id text not null references offer(id),
  nation text not null check (nation ~ '^[A-Z]{3}$'),
  quantity integer not null check (quantity > 0),
  region_code text not null references region(code),
  line_of_effort text not null,
  role text not null,
  sector text not null,
  state text not null check (state in ('draft','ready_on_gate','issued','refused')),
  -- The last gate check: issuable, ready_on_gate (waits for the phase or the sector) or refused.
  gate text not null check (gate in ('issuable','ready_on_gate','refused')),
  reasons jsonb not null default '[]',
  override boolean not null default false,
  override_reason text,
  check (not override or coalesce(btrim(override_reason), '') <> ''),
  drafted_by text not null,
  drafted_at timestamptz not null,
  issued_by text,
  issued_at timestamptz,
  updated_at timestamptz not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index deployment_order_state_idx on deployment_order (state);
-- Order ids (ORD-12) are numbered across rows the drafter may not see.
create sequence deployment_order_number;
grant usage on sequence deployment_order_number to guarantor_app;

-- Everything that happened to an order: drafted, checked, became issuable, issued, refused.
create table order_event (
  id bigint generated always as identity primary key,
  order_id text not null references deployment_order(id),
  at timestamptz not null,
  actor text not null,
  kind text not null check (kind in ('drafted','checked','issuable','issued','refused')),
  state text not null,
  -- The phase and the sector's status the order was checked against, and the whole context
  -- (core OrderContext), so the next check can say what cleared.
  phase text not null,
  sector_status text not null,
  context jsonb not null,
  reasons jsonb not null default '[]',
  override_reason text,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index order_event_order_idx on order_event (order_id, id);

-- What the cell is told: orders that became issuable, breaches, phase changes.
create table phase_notification (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  kind text not null check (kind in ('order_issuable','breach','phase_changed','sector_status')),
  message text not null,
  order_id text references deployment_order(id),
  breach_id text references breach(id),
  reasons jsonb not null default '[]',
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index phase_notification_at_idx on phase_notification (id desc);

-- Stand-in for monitoring's per-sector daily facts (core SectorDay) until the monitoring and
-- zones storage provides them; the phase gate reads through `loadSectorDays` either way.
create table sector_day_fact (
  sector text not null,
  day date not null,
  monitored boolean not null,
  incidents jsonb not null default '[]',
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  primary key (sector, day)
);

select guarantor_protect_labelled(t) from unnest(array['campaign_phase','phase_rule','phase_guard','sector_status','ladder_rung','breach', 'breach_response','truce_window','deployment_order','order_event', 'phase_notification','sector_day_fact']) as t;
grant select, insert, update, delete on campaign_phase, phase_rule, phase_guard, sector_status, ladder_rung, breach, breach_response, truce_window, deployment_order, order_event, phase_notification, sector_day_fact to guarantor_app;

-- History is append-only for the app role: phases, rule versions, responses and order events
-- are never rewritten by a request.
revoke update, delete on campaign_phase, phase_rule, breach_response, order_event from guarantor_app;
