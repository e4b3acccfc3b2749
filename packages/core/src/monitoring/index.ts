/** Monitoring: observations fused into incidents. See README.md in this folder. */
export {
  type AccountLine,
  accountInWords,
  accountLine,
  type StoredAccountLine,
  type UidList,
} from './account.ts';
export type { AddOutcome, BatchResult, Explanation, FusionEngine, JoinGraph } from './engine.ts';
export { EARTH_RADIUS_M, haversineM } from './geo.ts';
export { estimateCount, incidentId, independenceKey, JOIN_TREE_LIMIT } from './incident.ts';
export { createIndexedFusionEngine } from './indexed.ts';
export { createNaiveFusionEngine } from './naive.ts';
export {
  DEFAULT_COINCIDENCE_RATIO,
  DEFAULT_COMPATIBILITY,
  DEFAULT_RELIABILITY,
  DEFAULT_TOLERANCES,
  DEFAULT_VAGUE_FACTOR,
  DEFAULT_VAGUENESS,
  type FusionOptions,
  type Vagueness,
  type VaguenessTable,
  vaguenessFrom,
} from './rules.ts';
export { type Fix, triangulate } from './triangulate.ts';
export * from './types.ts';
export { ObservationError, type ObservationErrorCode, validateObservation } from './validate.ts';
export * from './words.ts';
