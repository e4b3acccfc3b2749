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
  tbl text;
  prefix text;
  n integer;
begin
  if p_nation is null or p_nation !~ '^[A-Z]{3}$' then
    raise exception 'guarantor_next_record_number: no nation to number for';
  end if;
  -- Each kind's table and id stem; the table name comes from this list only.
  case p_kind
    when 'requirement' then tbl := 'requirement'; prefix := 'R-' || p_nation || '-';
    when 'hub' then tbl := 'hub'; prefix := 'hub-' || lower(p_nation) || '-';
    when 'truce_window' then tbl := 'truce_window'; prefix := 'truce-' || lower(p_nation) || '-';
    when 'order' then tbl := 'deployment_order'; prefix := 'ORD-' || p_nation || '-';
    when 'plan' then tbl := 'plan'; prefix := 'PLAN-' || p_nation || '-';
    else raise exception 'guarantor_next_record_number: unknown kind %', p_kind;
  end case;
  execute format(
    'select coalesce(max(substring(id from %s)::int), 0) + 1 from %I where id like %L and substring(id from %s) ~ %L',
    length(prefix) + 1, tbl, prefix || '%', length(prefix) + 1, '^[0-9]{1,9}$'
  ) into n;
  return n;
end $$;
revoke execute on function guarantor_next_record_number_for(text, text) from public;

create or replace function guarantor_next_record_number(p_kind text) returns integer
  language plpgsql stable security definer set search_path = public as $$
begin
  return guarantor_next_record_number_for(p_kind, guarantor_reader_nation());
end $$;
grant execute on function guarantor_next_record_number(text) to guarantor_app;
