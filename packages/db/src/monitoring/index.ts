/**
 * Monitoring storage: intake of observations and team tracks, the fusion worker's reads and
 * writes, incidents as lists, counts and tiles, and an incident's history and dispute record.
 */
import type { PoolClient } from 'pg';

/** A connection held from the PostgreSQL pool (LISTEN, the fusion lock). */
export type DatabaseClient = PoolClient;

// The states an incident goes through are core's (one list for the server and the browser).
export { INCIDENT_STATES, type IncidentStateName } from '@guarantor/core/monitoring';
export { INCIDENTS_CHANNEL, type IncidentChange, publishIncidentChanges } from './changes.ts';
export * from './claims.ts';
export * from './fresh.ts';
export * from './fusion.ts';
export * from './incidents.ts';
export * from './intake.ts';
export * from './observations.ts';
export * from './states.ts';
export * from './team-tracks.ts';
export * from './tiles.ts';
export * from './where.ts';
