/** Planning: requirements against offers, the optimal (HiGHS) and greedy plans, their explanations and diffs. */
export * from './diff.ts';
export { DEFAULT_PLAN_OPTIONS, planMetrics } from './evaluate.ts';
export { type FeasiblePair, type OfferClass, type Prepared, prepare, refusal } from './feasibility.ts';
export { planGreedy } from './greedy.ts';
export { planOptimal } from './milp.ts';
export * from './sustainment/index.ts';
export * from './types.ts';
export * from './words.ts';
