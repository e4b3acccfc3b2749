-- The observations fusion has not fused yet, as rows of their own
-- (docs/adr/0054-fusion-queue-and-pipelined-writes.md).
--
-- The flag observation.fused cost fusion a rewrite of every observation it fused: a column
-- named by an index (the partial index on `not fused`) is never updated in place (HOT), so
-- marking 5,000 observations fused wrote 5,000 new row versions of about a kilobyte and an
-- entry in each of the table's six other indexes, GiST included: about what storing them had
-- cost. Deleting a row here writes only its tuple header.
--
-- One row per observation whose current version waits: its uid and that version's seq.
-- Statement triggers on observation keep it (a new row, a new version, a deleted row), so
-- every writer (intake, imports, COPY) queues what it stores; the worker deletes the
-- (uid, seq) pairs it fused, and a version replaced meanwhile stays queued under its new seq.
-- Not labelled: only the owner (the fusion worker, the triggers) reads or writes it.
create table observation_unfused (
  uid text primary key,
  seq bigint not null unique
);

insert into observation_unfused (uid, seq) select uid, seq from observation where not fused;
-- Drops the partial index observation_unfused_idx with it.
alter table observation drop column fused;

create or replace function observation_unfused_apply() returns trigger
  language plpgsql security definer set search_path = public, pg_temp as $$
begin
  if tg_op = 'INSERT' then
    insert into observation_unfused (uid, seq) select uid, seq from new_rows
      order by seq
      on conflict (uid) do update set seq = excluded.seq;
  elsif tg_op = 'UPDATE' then
    -- A new version (intake gives it a new seq) waits again; an update that keeps the seq does not.
    insert into observation_unfused (uid, seq)
      select n.uid, n.seq from new_rows n
       where not exists (select 1 from old_rows o where o.uid = n.uid and o.seq = n.seq)
       order by n.seq
      on conflict (uid) do update set seq = excluded.seq;
  else
    delete from observation_unfused q using old_rows o where q.uid = o.uid;
  end if;
  return null;
end $$;

create trigger observation_unfused_insert after insert on observation
  referencing new table as new_rows for each statement execute function observation_unfused_apply();
create trigger observation_unfused_update after update on observation
  referencing old table as old_rows new table as new_rows for each statement execute function observation_unfused_apply();
create trigger observation_unfused_delete after delete on observation
  referencing old table as old_rows for each statement execute function observation_unfused_apply();
