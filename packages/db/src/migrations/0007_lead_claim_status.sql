-- Lead claims are kept, not deleted. Resolving a conflict used to delete the claims that lost;
-- now they stay as `declined`, with who decided, when and why, and a nation's withdrawal keeps
-- its claim as `withdrawn`. Only `active` claims take part in the lead matrix's conflicts and
-- in a plan's stated preferences. A liaison may re-assert a declined or withdrawn claim of
-- their own nation, which makes it `active` again (and re-opens the conflict, if any).
-- Same engines as 0001: nothing newer than PostgreSQL 15 / PostGIS 3.3.
alter table lead_role
  add column status text not null default 'active'
    check (status in ('active', 'declined', 'withdrawn')),
  -- The last change of status: who, when, and the note (for `declined`, the chosen nation
  -- and the resolver's reason). Null while a claim was never set aside.
  add column status_by text,
  add column status_at timestamptz,
  add column status_note text,
  add check (status = 'active' or (status_by is not null and status_at is not null));

create index lead_role_active_idx on lead_role (region_code, line_of_effort) where status = 'active';
