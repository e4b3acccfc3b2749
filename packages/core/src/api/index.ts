/**
 * The presented types: what the HTTP API returns, as JSON, one module per capability. The
 * server's zod response schemas are checked against them when it compiles
 * (`server/src/routes/contract.ts`), and the web imports them instead of restating them.
 *
 * Types only, so the browser bundle gains no code. Arrays are plain `T[]`, not `readonly T[]`:
 * Fastify types a handler's reply as the zod schema's output, whose arrays are mutable, and a
 * presenter returning these types must fit it.
 */
export type * from './access.ts';
export type * from './audit.ts';
export type * from './cellwork.ts';
export type * from './coalition.ts';
export type * from './finance.ts';
export type * from './health.ts';
export type * from './lead-matrix.ts';
export type * from './logistics.ts';
export type * from './map.ts';
export type * from './monitoring.ts';
export type * from './phases.ts';
export type * from './planning.ts';
export type * from './records.ts';
export type * from './sustainment.ts';
export type * from './territory.ts';
export type * from './transparency.ts';
export type * from './zones.ts';
