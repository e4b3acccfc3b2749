import type { ZoneKind } from './types.ts';

/** Each zone kind in words, for pages, exports and TAK packages alike. */
export const ZONE_KIND_NAMES: Readonly<Record<ZoneKind, string>> = {
  line_of_contact: 'line of contact',
  buffer_zone: 'buffer zone',
  weapons_withdrawal: 'weapons-withdrawal zone',
  sector: 'monitoring sector',
};
