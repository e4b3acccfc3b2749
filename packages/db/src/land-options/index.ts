/** Land options and the line of contact (issue 17, migration 0020, docs/adr/0032-land-options.md). */
export * from './contact-line.ts';
export * from './facts.ts';
export * from './versions.ts';
