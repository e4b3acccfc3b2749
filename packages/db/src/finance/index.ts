/** Reconstruction finance in the store (migration 0016, ADR 0027). */

export * from './breakdown.ts';
export * from './iati.ts';
export * from './imports.ts';
export * from './reads.ts';
export * from './release.ts';
export * from './security.ts';
