export * from './app.ts';
export * from './auth/passwords.ts';
export * from './boot.ts';
export * from './clock.ts';
export * from './config.ts';
export * from './errors.ts';
export {
  comparisonCsv,
  comparisonXlsx,
  factsOf as landOptionFactsOf,
  tableLabel as landOptionsLabel,
} from './routes/land-options.ts';
