-- Reconstruction finance (issue 18, ADR 0027): donors, money flows from pledge to delivery
-- with their IATI transaction types, euro reference rates, and needs per sector. Amounts are
-- integer minor units (bigint) in their own currency, never floats; conversion reads
-- exchange_rate at the flow's own date and never another day's.

-- Who gives: code and kind only, reference data. The name a source gives a donor travels with
-- that source's flows (finance_flow.donor_name, labelled), so a hidden import cannot name a
-- donor for readers who may not see it.
create table finance_donor (
  code text primary key check (code ~ '^[A-Z0-9][A-Z0-9_-]{1,31}$'),
  kind text not null check (kind in ('nation','institution','private')),
  -- A nation is its ISO 3166-1 alpha-3 code, the same as the coalition's.
  check (kind <> 'nation' or code ~ '^[A-Z]{3}$')
);

-- One dated amount at one stage. A source (one imported file, in its importer's namespace:
-- kiel-r29@FRA) owns its rows: importing it again replaces them in one transaction.
create table finance_flow (
  id bigint generated always as identity primary key,
  donor_code text not null references finance_donor (code),
  donor_name text not null check (donor_name <> ''),
  stage text not null check (stage in ('pledge','commitment','allocation','disbursement','expenditure')),
  -- IATI TransactionType: 12 Outgoing Pledge, 2 Outgoing Commitment, 3 Disbursement, 4 Expenditure;
  -- an allocation (earmarked, the Kiel tracker's word) has none.
  iati_transaction_type smallint,
  check (
    (stage = 'pledge' and iati_transaction_type = 12) or
    (stage = 'commitment' and iati_transaction_type = 2) or
    (stage = 'allocation' and iati_transaction_type is null) or
    (stage = 'disbursement' and iati_transaction_type = 3) or
    (stage = 'expenditure' and iati_transaction_type = 4)
  ),
  amount_minor bigint not null check (amount_minor >= 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  value_date date not null,
  instrument text not null default 'unspecified'
    check (instrument in ('grant','loan','guarantee','equity','in_kind','unspecified')),
  -- The Kiel tracker's category; null where the source does not split (its commitments).
  category text check (category in ('military','financial','humanitarian')),
  -- IATI SectorVocabulary ('1' DAC 5-digit, '2' DAC 3-digit) and code, where the source gives one.
  sector_vocabulary text,
  sector_code text,
  check ((sector_vocabulary is null) = (sector_code is null)),
  -- A first-level unit, or null for national (unallocated to a region).
  region_code text references region (code),
  recipient text,
  source text not null,
  source_document text not null,
  -- Where in the source: "row 12 allocation military".
  source_key text not null,
  imported_by text not null,
  imported_at timestamptz not null,
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  unique (source, source_key)
);
create index finance_flow_donor_idx on finance_flow (donor_code, stage, value_date);

-- Units of a currency per 1 EUR on a day (the ECB's convention), with where it came from.
create table exchange_rate (
  currency text not null check (currency ~ '^[A-Z]{3}$' and currency <> 'EUR'),
  rate_date date not null,
  rate_per_eur numeric(20, 6) not null check (rate_per_eur > 0),
  source text not null,
  primary key (currency, rate_date)
);

-- Reconstruction needs per sector (TOTAL for the whole) from an assessment, each row with its
-- source and whether the source rounds it.
create table finance_need (
  source text not null,
  assessment text not null,
  sector text not null,
  assessment_title text not null,
  published text,
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  needs_minor bigint not null check (needs_minor >= 0),
  damage_minor bigint check (damage_minor >= 0),
  source_url text not null,
  page text not null,
  as_stated text not null,
  rounded boolean not null,
  imported_by text not null,
  imported_at timestamptz not null,
  rel_kind text not null default 'COALITION' check (rel_kind in ('PUBLIC','COALITION','REL','NATIONAL')),
  rel_nations text[] not null default '{}',
  primary key (source, assessment, sector)
);

select guarantor_protect_labelled(t) from unnest(array['finance_flow','finance_need']) as t;
grant select, insert, update, delete on finance_flow, finance_need to guarantor_app;
grant select, insert, update on finance_donor, exchange_rate to guarantor_app;
