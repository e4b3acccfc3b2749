/** Reconstruction finance: money as exact integers, IATI stages, and the importers' pure parsers. */

export * from './breakdown.ts';
export * from './iati.ts';
export * from './iati-export.ts';
export * from './kiel.ts';
export * from './money.ts';
export * from './needs.ts';
export * from './rates.ts';
export * from './sectors.ts';
export * from './security.ts';
export * from './stages.ts';
export * from './summary.ts';
export { type ImportProblem, isIsoDate } from './table.ts';
