/** Force generation over years: requirements and offers over time, the multi-period plan, cliffs. */
export { checkAllocation, type MonthlyUnits } from './evaluate.ts';
export { requirementInWords } from './explain.ts';
export { rollingHorizonUnits } from './greedy.ts';
export * from './months.ts';
export { planSustainment, planSustainmentGreedy } from './plan.ts';
export {
  DEFAULT_SUSTAINMENT_OPTIONS,
  prepareSustainment,
  type SustainmentPrepared,
} from './prepare.ts';
export * from './types.ts';
export * from './validate.ts';
export { cliffInWords, monthName, offerRotation, spanInWords, sustainmentReasonInWords } from './words.ts';
