/** Logistics: route networks, route risk, convoy planning and corridor monitoring (issue 17). */
export * from './corridors.ts';
export * from './demo.ts';
export * from './geo.ts';
export * from './network.ts';
export * from './planner.ts';
export * from './risk.ts';
