export * from './audit.ts';
export * from './releasability.ts';
