import type { RefusalCatalogue } from './index.ts';

export const refusalsUk: RefusalCatalogue = {};
