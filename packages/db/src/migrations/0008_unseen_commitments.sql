-- A plan must never allocate units that an issued deployment order has already committed, even
-- when the person computing the plan may not read that order. Row-level security hides such
-- orders from the caller, so the plan used to offer their units again. This function, run as
-- its owner like guarantor_next_offer_number, counts the issued orders and their units per
-- offer, for the offers the caller may read (the offer's own label, checked with the caller's
-- settings), and returns nothing else: no order id, region or label. The caller compares the
-- totals with the orders it can read; the difference is held back as "orders you may not read".
-- Same engines as 0001: nothing newer than PostgreSQL 15 / PostGIS 3.3.
create or replace function guarantor_committed_units()
  returns table (offer_id text, orders bigint, units bigint)
  language sql stable security definer set search_path = public as $$
    select d.offer_id, count(*)::bigint, sum(d.quantity)::bigint
      from deployment_order d
      join offer o on o.id = d.offer_id
     where d.state = 'issued' and guarantor_admits(o.rel_kind, o.rel_nations)
     group by d.offer_id
  $$;
grant execute on function guarantor_committed_units() to guarantor_app;
