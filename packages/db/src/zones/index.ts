/**
 * Storage for zones, violation rules and source status (issue 4), and the per-sector per-day
 * violation counts over the incident table.
 */
export type { ZoneActor } from './common.ts';
export * from './rules.ts';
export * from './sources.ts';
export * from './violations.ts';
export * from './zones.ts';
