export * from './access.ts';
export * from './accounts.ts';
export * from './audit.ts';
export * from './coalition.ts';
export * from './connection.ts';
export * from './control-areas.ts';
export { DATA_DIR_LOCK_FILE, DataDirLockedError } from './data-dir-lock.ts';
export * from './finance/index.ts';
export * from './migrate.ts';
export * from './monitoring/index.ts';
export * from './offers.ts';
export * from './planning/index.ts';
export * from './presence.ts';
export * from './reference.ts';
export type * from './schema.ts';
export * from './seed.ts';
<<<<<<< HEAD
export * from './sustainment.ts';
=======
export * from './transparency.ts';
>>>>>>> iati
export * from './users.ts';
export * from './zones/index.ts';
