-- Orders and plans are numbered per creating nation too (issue 12, item 4): `ORD-FRA-3`,
-- `PLAN-FRA-3`. Their global sequences told anyone who drafted an order or ran a plan how many
-- others existed that they could not read. Rows stored before keep their ids (`ORD-7`).
--
-- guarantor_next_record_number_for(kind, nation) counts for a given nation; only the owner may
-- call it (the seed, tests writing as the owner). The app role calls
-- guarantor_next_record_number(kind), which counts for the reader's own nation only.
create or replace function guarantor_next_record_number_for(p_kind text, p_nation text) returns integer
  language plpgsql stable security definer set search_path = public as $$
declare
  prefix text;
  n integer;
begin
  if p_nation is null or p_nation !~ '^[A-Z]{3}$' then
    raise exception 'guarantor_next_record_number: no nation to number for';
  end if;
  if p_kind = 'requirement' then
    prefix := 'R-' || p_nation || '-';
    select coalesce(max(substring(id from length(prefix) + 1)::int), 0) + 1 into n
      from requirement where id like prefix || '%' and substring(id from length(prefix) + 1) ~ '^[0-9]{1,9}$';
  elsif p_kind = 'hub' then
    prefix := 'hub-' || lower(p_nation) || '-';
    select coalesce(max(substring(id from length(prefix) + 1)::int), 0) + 1 into n
      from hub where id like prefix || '%' and substring(id from length(prefix) + 1) ~ '^[0-9]{1,9}$';
  elsif p_kind = 'truce_window' then
    prefix := 'truce-' || lower(p_nation) || '-';
    select coalesce(max(substring(id from length(prefix) + 1)::int), 0) + 1 into n
      from truce_window where id like prefix || '%' and substring(id from length(prefix) + 1) ~ '^[0-9]{1,9}$';
  elsif p_kind = 'order' then
    prefix := 'ORD-' || p_nation || '-';
    select coalesce(max(substring(id from length(prefix) + 1)::int), 0) + 1 into n
      from deployment_order where id like prefix || '%' and substring(id from length(prefix) + 1) ~ '^[0-9]{1,9}$';
  elsif p_kind = 'plan' then
    prefix := 'PLAN-' || p_nation || '-';
    select coalesce(max(substring(id from length(prefix) + 1)::int), 0) + 1 into n
      from plan where id like prefix || '%' and substring(id from length(prefix) + 1) ~ '^[0-9]{1,9}$';
  else
    raise exception 'guarantor_next_record_number: unknown kind %', p_kind;
  end if;
  return n;
end $$;
revoke execute on function guarantor_next_record_number_for(text, text) from public;

create or replace function guarantor_next_record_number(p_kind text) returns integer
  language plpgsql stable security definer set search_path = public as $$
begin
  return guarantor_next_record_number_for(p_kind, guarantor_reader_nation());
end $$;
grant execute on function guarantor_next_record_number(text) to guarantor_app;
