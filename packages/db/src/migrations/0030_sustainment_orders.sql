-- Deployment orders drafted for a month of a sustainment plan (issue 19, ADR 0046): the plan, the
-- month (YYYY-MM) and the requirement the order covers. Such an order waits "ready on gate" for
-- the ceasefire gate and for its month; an order drafted by hand has none of the three.
alter table deployment_order add column sustainment_plan_id text references sustainment_plan(id);
alter table deployment_order add column period text
  check (period is null or period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');
alter table deployment_order add column requirement_id text;
alter table deployment_order add constraint deployment_order_period_plan
  check ((sustainment_plan_id is null) = (period is null) and (period is null) = (requirement_id is null));
create index deployment_order_sustainment_idx on deployment_order (sustainment_plan_id, period)
  where sustainment_plan_id is not null;
