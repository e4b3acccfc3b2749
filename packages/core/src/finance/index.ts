/** Reconstruction finance: money as exact integers, IATI stages, and the importers' pure parsers. */
export * from './kiel.ts';
export * from './money.ts';
export * from './needs.ts';
export * from './rates.ts';
export * from './stages.ts';
export * from './summary.ts';
export { type ImportProblem, isIsoDate } from './table.ts';
