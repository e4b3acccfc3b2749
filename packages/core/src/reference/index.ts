export * from './nations.ts';
