/** Illustrative demo data, generated deterministically: see monitoring.ts. */
export * from './monitoring.ts';
export { type Random, seededRandom } from './random.ts';
