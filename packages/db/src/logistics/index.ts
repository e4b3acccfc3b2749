/** Logistics (issue 17, migration 0023): route networks, route risk, crossings, checkpoints, corridors, hub inventories. */
export * from './networks.ts';
export * from './records.ts';
export * from './risk-cache.ts';
export * from './tiles.ts';
