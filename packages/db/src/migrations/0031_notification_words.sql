-- A notification of the cell's work keeps what it says as facts (issue 21): a sentence's key and
-- its parameters (codes, instants, and the titles people typed), so the web list shows it in the
-- reader's language and the e-mail in the recipient's. `message` keeps the English sentence:
-- rows written before this migration have only that, and are shown as written.
alter table cell_notification add column message_key text
  check (message_key is null or message_key ~ '^[a-z_]{1,60}$');
alter table cell_notification add column message_params jsonb
  check (message_params is null or jsonb_typeof(message_params) = 'object');
alter table cell_notification add constraint cell_notification_words_whole
  check ((message_key is null) = (message_params is null));

-- The live streams get the key and parameters too. NOTIFY's payload holds 8,000 bytes: the
-- message is cut at 2,000 characters as before, and parameters longer than 4,000 are left out
-- (the stream then shows the English message; the list read afterwards has them whole).
create or replace function cell_notification_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('guarantor_cell', json_build_object(
    'id', new.id, 'at', new.at, 'event', new.event, 'message', left(new.message, 2000),
    'message_key', case when length(new.message_params::text) <= 4000 then new.message_key end,
    'message_params', case when length(new.message_params::text) <= 4000 then new.message_params end,
    'subject_kind', new.subject_kind, 'subject_id', new.subject_id, 'sector', new.sector,
    'rel_kind', new.rel_kind, 'rel_nations', new.rel_nations)::text);
  return null;
end $$;
