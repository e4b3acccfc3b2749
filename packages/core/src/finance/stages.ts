/**
 * The stages of reconstruction money and their IATI codes (TransactionType codelist, IATI
 * 2.03): a promise is pledged (12 Outgoing Pledge), committed (2 Outgoing Commitment),
 * allocated (earmarked for a use: no IATI type; the Kiel tracker's "allocation"), disbursed
 * (3) and spent (4). ADR 0027 says why, and how the Kiel columns map onto them.
 */

/** A flow's stage, from promise to delivery. */
export type FlowStage = 'pledge' | 'commitment' | 'allocation' | 'disbursement' | 'expenditure';

/** Every stage, in order from promise to delivery. */
export const FLOW_STAGES: readonly FlowStage[] = [
  'pledge',
  'commitment',
  'allocation',
  'disbursement',
  'expenditure',
];

/** The IATI TransactionType code of each stage; allocation has none. */
export const IATI_TRANSACTION_TYPE: Readonly<Record<FlowStage, number | null>> = {
  pledge: 12,
  commitment: 2,
  allocation: null,
  disbursement: 3,
  expenditure: 4,
};

/** The stages that promise money, and those that deliver it. */
export const PROMISE_STAGES: readonly FlowStage[] = ['pledge', 'commitment'];
export const DELIVERY_STAGES: readonly FlowStage[] = ['allocation', 'disbursement', 'expenditure'];

/** The Kiel tracker's aid categories. */
export type KielCategory = 'military' | 'financial' | 'humanitarian';
export const KIEL_CATEGORIES: readonly KielCategory[] = ['military', 'financial', 'humanitarian'];

/** Who gives: a nation (ISO 3166-1 alpha-3), an institution (EU, EIB, World Bank…), or a private investor or fund. */
export type DonorKind = 'nation' | 'institution' | 'private';

/** How the money comes. */
export type Instrument = 'grant' | 'loan' | 'guarantee' | 'equity' | 'in_kind' | 'unspecified';
export const INSTRUMENTS: readonly Instrument[] = [
  'grant',
  'loan',
  'guarantee',
  'equity',
  'in_kind',
  'unspecified',
];

/** Words for a page: stages and categories as a reader says them. */
export const STAGE_NAMES: Readonly<Record<FlowStage, string>> = {
  pledge: 'pledged',
  commitment: 'committed',
  allocation: 'allocated',
  disbursement: 'disbursed',
  expenditure: 'spent',
};
