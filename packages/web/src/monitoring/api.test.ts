import { CATEGORIES, INCIDENT_STATES } from '@guarantor/core/monitoring';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterQuery, type IncidentFilters } from './api.ts';

describe('the incident filter in a query string', () => {
  it('writes only what is set, and reads back what was written', () => {
    expect(filterQuery({ categories: [], states: [], from: null, to: null, sector: null })).toBe('');
    fc.assert(
      fc.property(
        fc.subarray([...CATEGORIES]),
        fc.subarray([...INCIDENT_STATES]),
        fc.option(fc.constantFrom('2026-11-20T00:00:00.000Z', '2026-11-26T12:00:00.000Z'), {
          nil: null,
        }),
        fc.option(fc.constantFrom('sector-north-kharkiv', 'sector-east@FRA', 'a b&c'), { nil: null }),
        (categories, states, from, sector) => {
          const filters: IncidentFilters = { categories, states, from, to: null, sector };
          const q = new URLSearchParams(filterQuery(filters));
          expect(q.get('category')?.split(',') ?? []).toEqual(categories);
          expect(q.get('state')?.split(',') ?? []).toEqual(states);
          expect(q.get('from')).toBe(from);
          expect(q.has('to')).toBe(false);
          expect(q.get('sector')).toBe(sector);
        },
      ),
    );
  });
});
