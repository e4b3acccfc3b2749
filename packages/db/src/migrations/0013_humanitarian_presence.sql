-- Humanitarian presence (3W: who does what where) per first-level unit, from HXL tables that
-- OCHA and clusters publish. One row per unit and source file; a new import of the same source
-- replaces its rows. Shown beside the lead matrix: who leads a region, and who else is there.
create table humanitarian_presence (
  source text not null,
  region_code text not null references region (code),
  organisations text[] not null default '{}',
  organisation_count integer check (organisation_count >= 0),
  sectors text[] not null default '{}',
  people_reached bigint check (people_reached >= 0),
  imported_by text not null,
  imported_at timestamptz not null,
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  primary key (source, region_code)
);

select guarantor_protect_labelled('humanitarian_presence');
grant select, insert, update, delete on humanitarian_presence to guarantor_app;
