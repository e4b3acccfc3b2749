export * from './nations.ts';
export * from './places.ts';
