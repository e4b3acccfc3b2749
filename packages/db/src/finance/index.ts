/** Reconstruction finance in the store (migration 0016, ADR 0027). */
export * from './imports.ts';
export * from './reads.ts';
