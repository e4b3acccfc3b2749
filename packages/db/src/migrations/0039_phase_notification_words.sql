-- What the cell is told about the gate keeps what it says as facts (issue 21, ADR 0057): a
-- notification's key and parameters (codes, ids, days, the breaching sector's conditions as
-- evaluated, what cleared for an order, the rung's title as typed), so each reader reads it in
-- their language. `message` keeps the English sentence: rows written before this migration have
-- only that, and are shown as written.
alter table phase_notification add column message_key text
  check (message_key is null or message_key ~ '^[a-z_]{1,60}$');
alter table phase_notification add column message_params jsonb
  check (message_params is null or jsonb_typeof(message_params) = 'object');
alter table phase_notification add constraint phase_notification_words_whole
  check ((message_key is null) = (message_params is null));

-- A breach keeps the sector's conditions as the evaluator found them (core ConditionResult[]),
-- from which its explanation is said in the reader's language; `explanation` stays the
-- evaluator's English. Breaches recorded before have none and are shown as written.
alter table breach add column conditions jsonb
  check (conditions is null or jsonb_typeof(conditions) = 'array');
