-- Logistics (issue 17, docs/adr/0036-route-network-and-risk.md, 0037-convoy-planning.md): hub
-- inventories, route networks (nodes and segments), border crossings with their status over
-- time, checkpoints, and humanitarian corridors with windows. Every table carries a
-- releasability label under row-level security (ADR 0002); the parts of a network, a hub's
-- inventory and a corridor's segments and windows carry their parent's label.

-- Hubs: how well protected, how much they hold, and which first-level units they supply.
alter table hub
  add column protection_level text not null default 'unprotected'
    check (protection_level in ('unprotected', 'guarded', 'hardened', 'air_defended')),
  add column capacity_tonnes integer check (capacity_tonnes >= 0),
  add column supplies text[] not null default '{}';

create table hub_inventory (
  hub_id text not null references hub(id) on delete cascade,
  equipment_class text not null check (btrim(equipment_class) <> '' and length(equipment_class) <= 100),
  quantity integer not null check (quantity >= 0),
  updated_by text not null,
  updated_at timestamptz not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  primary key (hub_id, equipment_class)
);

-- A route network: an imported line layer snapped into a graph, or the illustrative demo.
create table route_network (
  id bigint generated always as identity primary key,
  name text not null check (btrim(name) <> '' and length(name) <= 200),
  kind text not null check (kind in ('import', 'demo')),
  illustrative boolean not null default false,
  tolerance_m double precision not null check (tolerance_m >= 0),
  -- The importer's report: snapped endpoints, disconnected pieces, skipped features.
  report jsonb not null default '{}',
  created_by text not null,
  created_at timestamptz not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);

create table route_node (
  id bigint generated always as identity primary key,
  network_id bigint not null references route_network(id) on delete cascade,
  name text,
  geom geometry(Point, 4326) not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index route_node_network_idx on route_node (network_id);

create table route_segment (
  id bigint generated always as identity primary key,
  network_id bigint not null references route_network(id) on delete cascade,
  from_node bigint not null references route_node(id) on delete cascade,
  to_node bigint not null references route_node(id) on delete cascade,
  name text,
  geom geometry(LineString, 4326) not null,
  length_m double precision not null check (length_m > 0),
  -- Which feature of the imported file it came from (0-based), for the report.
  source_feature integer,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  check (from_node <> to_node)
);
create index route_segment_network_idx on route_segment (network_id);
create index route_segment_geom_idx on route_segment using gist (geom);

-- Border crossings (OCHA's list) and their status over time: the status on a day is the
-- newest row whose valid_from is not after it.
create table border_crossing (
  id text primary key check (id ~ '^[A-Za-z0-9_.-]{1,64}$'),
  name_en text not null,
  name_uk text,
  neighbour text,
  geom geometry(Point, 4326) not null,
  source text not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index border_crossing_geom_idx on border_crossing using gist (geom);

create table border_crossing_status (
  id bigint generated always as identity primary key,
  crossing_id text not null references border_crossing(id) on delete cascade,
  status text not null check (status in ('open', 'restricted', 'closed', 'unknown')),
  valid_from timestamptz not null,
  note text not null default '' check (length(note) <= 2000),
  recorded_by text not null,
  recorded_at timestamptz not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index border_crossing_status_idx on border_crossing_status (crossing_id, valid_from desc);

-- Checkpoints: who mans them, their daily shifts (UTC, [{start:'06:00', end:'18:00', nation}]),
-- which are their opening hours, and their status. Optionally on a node of a network, where
-- the convoy planner respects them.
create table checkpoint (
  id bigint generated always as identity primary key,
  name text not null check (btrim(name) <> '' and length(name) <= 200),
  geom geometry(Point, 4326) not null,
  node_id bigint references route_node(id) on delete set null,
  nations text[] not null check (cardinality(nations) >= 1),
  shifts jsonb not null default '[]',
  status text not null check (status in ('open', 'closed', 'suspended')),
  note text not null default '' check (length(note) <= 2000),
  created_by text not null,
  updated_at timestamptz not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index checkpoint_node_idx on checkpoint (node_id);

-- Humanitarian corridors: a route (ordered segments of one network), the nations guaranteeing
-- it, and windows in which it is open, each with a status. Windows of one corridor may not
-- overlap (cancelled ones aside). The exclusion pairs the corridor id as a one-value range
-- with the window's range: range operators have GiST support built in, so no btree_gist.
create table corridor (
  id bigint generated always as identity primary key,
  name text not null check (btrim(name) <> '' and length(name) <= 200),
  purpose text not null default '' check (length(purpose) <= 2000),
  network_id bigint not null references route_network(id) on delete cascade,
  guarantors text[] not null check (cardinality(guarantors) >= 1),
  created_by text not null,
  created_at timestamptz not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);

create table corridor_segment (
  corridor_id bigint not null references corridor(id) on delete cascade,
  ordinal integer not null check (ordinal >= 0),
  segment_id bigint not null references route_segment(id) on delete cascade,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  primary key (corridor_id, ordinal)
);

create table corridor_window (
  id bigint generated always as identity primary key,
  corridor_id bigint not null references corridor(id) on delete cascade,
  start_at timestamptz not null,
  end_at timestamptz not null,
  status text not null check (status in ('planned', 'open', 'closed', 'suspended', 'cancelled')),
  note text not null default '' check (length(note) <= 2000),
  created_by text not null,
  updated_at timestamptz not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  constraint corridor_window_ends_after_start check (end_at > start_at),
  constraint corridor_window_no_overlap exclude using gist (
    int8range(corridor_id, corridor_id, '[]') with =,
    tstzrange(start_at, end_at) with &&
  ) where (status <> 'cancelled')
);

select guarantor_protect_labelled(t) from unnest(array[
  'hub_inventory', 'route_network', 'route_node', 'route_segment', 'border_crossing',
  'border_crossing_status', 'checkpoint', 'corridor', 'corridor_segment', 'corridor_window'
]) as t;
grant select, insert, update, delete on hub_inventory, route_network, route_node, route_segment,
  border_crossing, border_crossing_status, checkpoint, corridor, corridor_segment, corridor_window
  to guarantor_app;
-- A network's node ids are taken before its nodes are written (db/logistics saveRouteNetwork).
grant usage on sequence route_node_id_seq to guarantor_app;
