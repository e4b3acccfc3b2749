/** Coalition: the catalogues, nations' offers, their readiness and lifecycle, and caveats as data. */
export * from './catalogue.ts';
export * from './caveats.ts';
export * from './check.ts';
export * from './offer.ts';
export * from './parse.ts';
