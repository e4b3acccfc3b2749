import type { RefusalCatalogue } from './index.ts';

export const refusalsFr: RefusalCatalogue = {};
