/** Roles: the lead matrix (region × line of effort) and its gaps, conflicts and forbidden or idle leads. */
export * from './matrix.ts';
export * from './words.ts';
