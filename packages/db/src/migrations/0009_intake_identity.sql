-- Issue 12: an observation is credited to who really submitted it, not to what its body says.
--
-- submitter_nation is the nation of the authenticated sender (the user or API token's user,
-- the CoT peer's network, or the nation an import was run for). Its reports live in that
-- nation's uid namespace: a new report is stored under `<uid>@<NATION>`, so no other nation can
-- replace, move or hide it by re-sending its uid, and a uid taken by a record the sender may not
-- read looks exactly like a free one. Rows stored before this migration keep their bare uid; a
-- resend from the same nation still replaces them.
--
-- An API token may be bound to one source (kind and id) at creation: its reports must name that
-- source, and independence is judged on the token, not on the source id a body claims.
-- Same engines as 0001: nothing newer than PostgreSQL 15 / PostGIS 3.3.
alter table observation add column submitter_nation text
  check (submitter_nation is null or submitter_nation ~ '^[A-Z]{3}$');
update observation o
   set submitter_nation = coalesce((select u.nation from app_user u where u.username = o.submitted_by), o.source_nation);
create index observation_submitter_idx on observation (submitter_nation, uid);

alter table api_token add column source_kind text
  check (source_kind is null or source_kind in ('patrol','camera','uav','satellite','acoustic','cot','osint','party_claim'));
alter table api_token add column source_id text check (source_id is null or length(source_id) between 1 and 200);
alter table api_token add constraint api_token_source_whole check ((source_kind is null) = (source_id is null));

-- Ids the server gives new requirements, hubs and truce windows: `<stem>-<NATION>-<n>`,
-- numbered per the creating nation (the reader's, from the transaction's settings) across rows
-- the creator may not read now, as guarantor_next_offer_number does for offers. A client no
-- longer chooses these ids, so an id held by a hidden record and a free one look the same, and
-- a number counts only the creator's own nation's records.
create or replace function guarantor_next_record_number(p_kind text) returns integer
  language plpgsql stable security definer set search_path = public as $$
declare
  prefix text;
  n integer;
begin
  if p_kind = 'requirement' then
    prefix := 'R-' || guarantor_reader_nation() || '-';
    select coalesce(max(substring(id from length(prefix) + 1)::int), 0) + 1 into n
      from requirement where id like prefix || '%' and substring(id from length(prefix) + 1) ~ '^[0-9]{1,9}$';
  elsif p_kind = 'hub' then
    prefix := 'hub-' || lower(guarantor_reader_nation()) || '-';
    select coalesce(max(substring(id from length(prefix) + 1)::int), 0) + 1 into n
      from hub where id like prefix || '%' and substring(id from length(prefix) + 1) ~ '^[0-9]{1,9}$';
  elsif p_kind = 'truce_window' then
    prefix := 'truce-' || lower(guarantor_reader_nation()) || '-';
    select coalesce(max(substring(id from length(prefix) + 1)::int), 0) + 1 into n
      from truce_window where id like prefix || '%' and substring(id from length(prefix) + 1) ~ '^[0-9]{1,9}$';
  else
    raise exception 'guarantor_next_record_number: unknown kind %', p_kind;
  end if;
  return n;
end $$;
grant execute on function guarantor_next_record_number(text) to guarantor_app;
