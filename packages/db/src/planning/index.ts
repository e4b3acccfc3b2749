/**
 * Planning storage: requirements (CJSOR-like lines written by cell staff), the facts caveats are
 * checked against, the plan input a reader may see, stored plans with their explicit adoption,
 * and the lead matrix's claims. Every write appends its audit entry in the caller's transaction.
 */
export type { LeadClaimStatus, PlanInputSnapshot } from '../schema.ts';
export type { PlanningActor } from './common.ts';
export * from './lead-matrix.ts';
export * from './plans.ts';
export * from './requirements.ts';
export * from './world.ts';
