export * from './access.ts';
export * from './audit.ts';
export * from './coalition.ts';
export * from './connection.ts';
export * from './migrate.ts';
export * from './reference.ts';
export type { Database, Labelled } from './schema.ts';
export * from './seed.ts';
export * from './users.ts';
