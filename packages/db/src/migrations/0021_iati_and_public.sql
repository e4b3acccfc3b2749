-- IATI activities on finance flows, the reason a disbursement may exceed its commitment, and
-- the anonymous reader of the public transparency page (issue 18, docs/adr/0033-public-page.md).

-- An IATI transaction keeps its activity, its recipient as IATI says it (a country, or a region
-- in a stated vocabulary: OECD DAC regions are not first-level units), and its description.
alter table finance_flow
  add column activity_id text,
  add column activity_title text,
  add column recipient_country text check (recipient_country ~ '^[A-Z]{2}$'),
  add column recipient_region_vocabulary text,
  add column recipient_region text,
  add column description text,
  -- A disbursement that takes an activity past what it committed is stored only with the
  -- officer's reason (core/finance/iati.ts overCommitments).
  add column over_commitment_reason text check (over_commitment_reason is null or btrim(over_commitment_reason) <> ''),
  add check ((recipient_region_vocabulary is null) = (recipient_region is null));
create index finance_flow_activity_idx on finance_flow (activity_id) where activity_id is not null;

-- The public: no login, no nation. Requests without a user run as this role (db access.ts
-- asAnonymous). Its policies admit PUBLIC rows only, whatever the session settings say, so a
-- forgotten filter or a forged guarantor.nation cannot widen what it reads. It may read, never write.
do $$
begin
  create role guarantor_anon nologin nosuperuser nobypassrls;
exception when duplicate_object then null;
end $$;

-- The labelled tables the transparency page reads (finance, the coalition's released offers
-- and missions, and what the ceasefire gate evaluates).
do $$
declare t text;
begin
  foreach t in array array['finance_flow','finance_need','offer','mission','coalition_nation',
      'zone','incident','observation','violation_rule','source_status','campaign_phase',
      'phase_rule','phase_guard','sector_status','sector_day_fact','humanitarian_presence'] loop
    execute format('create policy %I on %I for select to guarantor_anon using (rel_kind = ''PUBLIC'')', t || '_public', t);
    execute format('grant select on %I to guarantor_anon', t);
  end loop;
end $$;
-- Reference data without a label.
grant select on region, finance_donor, exchange_rate to guarantor_anon;
