-- The coordination cell's own work (issue 21, docs/adr/0031-cell-work.md): decisions and the
-- records they rested on, actions with owners and due dates, meetings with attendance and
-- documents, what the cell is told about them (in-app and by e-mail), and each user's choice
-- of what to be told. Every record is releasability-labelled and row-level secured like 0016's.
-- Same engines as 0001: nothing newer than PostgreSQL 15 / PostGIS 3.3.

-- A meeting of the cell. Decisions taken and actions raised there point at it.
create table cell_meeting (
  id text primary key,                   -- MTG-FRA-1, numbered per creating nation
  title text not null check (btrim(title) <> ''),
  starts_at timestamptz not null,
  place text not null default '',
  -- The agenda items in order, as text.
  agenda jsonb not null default '[]',
  created_by text not null,
  created_nation text not null check (created_nation ~ '^[A-Z]{3}$'),
  created_at timestamptz not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index cell_meeting_starts_idx on cell_meeting (starts_at desc);

-- Who attended for which nation, at which level. Carries its meeting's label.
create table cell_meeting_attendance (
  id bigint generated always as identity primary key,
  meeting_id text not null references cell_meeting (id),
  nation text not null check (nation ~ '^[A-Z]{3}$'),
  delegation_level text not null check (delegation_level in ('head_of_state_or_government','minister','ambassador','official')),
  person text not null check (btrim(person) <> ''),
  recorded_by text not null,
  recorded_at timestamptz not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  unique (meeting_id, nation, person)
);

-- A document of a meeting: a link, never a copy.
create table cell_meeting_document (
  id bigint generated always as identity primary key,
  meeting_id text not null references cell_meeting (id),
  title text not null check (btrim(title) <> ''),
  url text not null check (url ~ '^(https?://|/)'),
  added_by text not null,
  added_at timestamptz not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);

-- What was decided, by whom (nation, delegation level, person), under which authority, when.
-- Its label is no wider than the meet of the records it rests on unless label_widened, which
-- needs a reason (and is audited with it).
create table cell_decision (
  id text primary key,                   -- DEC-FRA-1
  title text not null check (btrim(title) <> ''),
  text text not null default '',
  decided_on date not null,
  nation text not null check (nation ~ '^[A-Z]{3}$'),
  delegation_level text not null check (delegation_level in ('head_of_state_or_government','minister','ambassador','official')),
  decided_by text not null check (btrim(decided_by) <> ''),
  authority text not null check (btrim(authority) <> ''),
  meeting_id text references cell_meeting (id),
  -- The meet of the linked records' labels when decided.
  bound_kind text not null check (bound_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  bound_nations text[] not null default '{}',
  label_widened boolean not null default false,
  widen_reason text,
  check (not label_widened or coalesce(btrim(widen_reason), '') <> ''),
  recorded_by text not null,
  recorded_nation text not null check (recorded_nation ~ '^[A-Z]{3}$'),
  recorded_at timestamptz not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index cell_decision_on_idx on cell_decision (decided_on desc, id);

-- A record a decision rested on, linked not copied: its kind and id, the version at decision
-- time where the kind keeps versions (a gate rule's version, a control-area version's id), and
-- otherwise the record as read then (snapshot, with its SHA-256 over canonical JSON). The
-- link carries the meet of the record's label and the decision's: who may not read the
-- record does not learn that the decision cites it.
create table cell_decision_link (
  decision_id text not null references cell_decision (id),
  position integer not null check (position >= 0),
  kind text not null check (kind in ('plan','phase_rule','daily_report','incident','breach','control_area','finance_flow')),
  record_id text not null,
  record_version text,
  title text not null,
  snapshot jsonb not null,
  snapshot_sha256 text not null check (snapshot_sha256 ~ '^[0-9a-f]{64}$'),
  record_kind text not null check (record_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  record_nations text[] not null default '{}',
  linked_at timestamptz not null,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  primary key (decision_id, position)
);

-- Something a nation must do by a date, raised by a decision, an incident, a breach's
-- response or a meeting. Breach-made actions (origin 'breach') are written by the gate's
-- re-evaluation as the owner and carry the breach's label.
create table cell_action (
  id text primary key,                   -- ACT-FRA-1: the creating nation (a breach's: the owner nation)
  title text not null check (btrim(title) <> ''),
  detail text not null default '',
  owner_nation text not null check (owner_nation ~ '^[A-Z]{3}$'),
  owner_person text,
  due_at timestamptz not null,
  remind_before_hours integer not null default 24 check (remind_before_hours between 0 and 8760),
  status text not null check (status in ('open','in_progress','done','cancelled')),
  origin text not null check (origin in ('user','breach')),
  decision_id text references cell_decision (id),
  incident_id text references incident (id),
  breach_id text references breach (id),
  meeting_id text references cell_meeting (id),
  check (decision_id is not null or incident_id is not null or breach_id is not null or meeting_id is not null),
  -- The sector it concerns, where one is known (a breach's): notification preferences filter on it.
  sector text,
  created_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  reminded_at timestamptz,
  overdue_notified_at timestamptz,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index cell_action_due_idx on cell_action (due_at) where status in ('open','in_progress');
create index cell_action_owner_idx on cell_action (owner_nation, due_at);
-- A breach makes one action per committed nation, however often the gate is re-evaluated.
create unique index cell_action_breach_once on cell_action (breach_id, owner_nation) where origin = 'breach';

-- What the cell is told about its work, with the label of what it is about. The mail worker
-- (owner role) fans each one out to the users whose nation may read it and whose preferences
-- take it, through the outbox; a trigger tells live streams on every instance.
create table cell_notification (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  event text not null check (event in ('decision_recorded','action_created','action_status','action_due_soon','action_overdue','meeting_scheduled')),
  message text not null,
  subject_kind text not null check (subject_kind in ('decision','action','meeting')),
  subject_id text not null,
  sector text,
  fanned_out boolean not null default false,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}'
);
create index cell_notification_unfanned_idx on cell_notification (id) where not fanned_out;

-- Each user's choice: which events and sectors (none: every sector), and an address for e-mail.
-- Not labelled: it is the user's own; the server reads and writes only the caller's row.
create table cell_preference (
  username text primary key references app_user (username) on delete cascade,
  email text check (email is null or email ~ '^[^@\s]+@[^@\s]+$'),
  email_enabled boolean not null default false,
  in_app boolean not null default true,
  events text[] not null default '{decision_recorded,action_created,action_status,action_due_soon,action_overdue,meeting_scheduled}',
  sectors text[] not null default '{}',
  updated_at timestamptz not null
);

-- E-mails to send. Written by the worker (owner) in the transaction that fans a notification
-- out, so a down SMTP server delays a message and never loses it; retried with backoff.
-- Labelled like its notification; the app role never reads it.
create table mail_outbox (
  id bigint generated always as identity primary key,
  notification_id bigint not null references cell_notification (id),
  username text not null,
  to_address text not null,
  subject text not null,
  body text not null,
  created_at timestamptz not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  sent_at timestamptz,
  last_error text,
  rel_kind text not null check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  unique (notification_id, username)
);
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where sent_at is null;

select guarantor_protect_labelled(t) from unnest(array[
  'cell_meeting','cell_meeting_attendance','cell_meeting_document','cell_decision',
  'cell_decision_link','cell_action','cell_notification','mail_outbox']) as t;
-- Decisions and their links are never rewritten: a correction is a new decision.
grant select, insert on cell_decision, cell_decision_link, cell_meeting_attendance, cell_meeting_document, cell_notification to guarantor_app;
grant select, insert, update on cell_meeting, cell_action to guarantor_app;
grant select, insert, update on cell_preference to guarantor_app;

-- Live streams: each new notification with its label, on every instance (a stream sends it
-- only where the label admits the reader, core's admits, as guarantor_incidents does). The
-- message is cut to 2,000 characters to stay inside NOTIFY's 8,000-byte payload.
create or replace function cell_notification_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('guarantor_cell', json_build_object(
    'id', new.id, 'at', new.at, 'event', new.event, 'message', left(new.message, 2000),
    'subject_kind', new.subject_kind, 'subject_id', new.subject_id, 'sector', new.sector,
    'rel_kind', new.rel_kind, 'rel_nations', new.rel_nations)::text);
  return null;
end $$;
create trigger cell_notification_notify after insert on cell_notification
  for each row execute function cell_notification_notify();

-- Ids of decisions, actions and meetings (DEC-FRA-1, ACT-FRA-1, MTG-FRA-1), numbered per
-- nation across rows the caller may not read, as guarantor_next_record_number does; returns
-- only the number. The app role numbers for its own nation only.
create or replace function guarantor_next_cell_number_for(p_kind text, p_nation text) returns integer
  language plpgsql stable security definer set search_path = public as $$
declare
  tbl text;
  prefix text;
  n integer;
begin
  if p_nation is null or p_nation !~ '^[A-Z]{3}$' then
    raise exception 'guarantor_next_cell_number: no nation to number for';
  end if;
  case p_kind
    when 'decision' then tbl := 'cell_decision'; prefix := 'DEC-' || p_nation || '-';
    when 'action' then tbl := 'cell_action'; prefix := 'ACT-' || p_nation || '-';
    when 'meeting' then tbl := 'cell_meeting'; prefix := 'MTG-' || p_nation || '-';
    else raise exception 'guarantor_next_cell_number: unknown kind %', p_kind;
  end case;
  execute format(
    'select coalesce(max(substring(id from %s)::int), 0) + 1 from %I where id like %L and substring(id from %s) ~ %L',
    length(prefix) + 1, tbl, prefix || '%', length(prefix) + 1, '^[0-9]{1,9}$'
  ) into n;
  return n;
end $$;
revoke execute on function guarantor_next_cell_number_for(text, text) from public;

create or replace function guarantor_next_cell_number(p_kind text) returns integer
  language plpgsql stable security definer set search_path = public as $$
begin
  return guarantor_next_cell_number_for(p_kind, guarantor_reader_nation());
end $$;
grant execute on function guarantor_next_cell_number(text) to guarantor_app;
