import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { href, navigation, PAGES, type PageName, parseRoute, type Route, SECTIONS } from './router.ts';

/** One route of every page, as a link would name it. */
const EXAMPLES: readonly Route[] = [
  { page: 'map' },
  { page: 'territory' },
  { page: 'land-options' },
  { page: 'logistics' },
  { page: 'nations' },
  { page: 'nation', iso3: 'FRA' },
  { page: 'requirements' },
  { page: 'lead-matrix' },
  { page: 'plans' },
  { page: 'plan', id: 'PLAN-FRA-3' },
  { page: 'sustainment' },
  { page: 'sustainment-plan', id: 'SPLAN-FRA-3' },
  { page: 'phases' },
  { page: 'compliance' },
  { page: 'orders' },
  { page: 'deployment-gate' },
  { page: 'rules' },
  { page: 'breaches' },
  { page: 'truces' },
  { page: 'monitoring' },
  { page: 'incident', id: 'inc-fuse-a@USA' },
  { page: 'daily-report', date: null },
  { page: 'daily-report', date: '2026-11-26' },
  { page: 'zones' },
  { page: 'zone', id: 'sector-east@FRA' },
  { page: 'violation-rules' },
  { page: 'finance' },
  { page: 'finance-security' },
  { page: 'decisions' },
  { page: 'decision', id: 'DEC-FRA-1' },
  { page: 'actions' },
  { page: 'meetings' },
  { page: 'meeting', id: 'MTG-FRA-12' },
  { page: 'accounts' },
];

describe('the route table', () => {
  it('has exactly one entry per page, and every page but not-found has one', () => {
    const pages = PAGES.map((p) => p.page);
    expect(new Set(pages).size).toBe(pages.length);
    const all = new Set<PageName>(EXAMPLES.map((r) => r.page));
    expect(new Set(pages)).toEqual(all);
  });

  it('reads back every link it writes', () => {
    for (const route of EXAMPLES) expect(parseRoute(href(route))).toEqual(route);
  });

  it('keeps any incident id intact through a link, however odd its characters', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 100 }), (id) => {
        const route = { page: 'incident', id } as const;
        expect(parseRoute(href(route))).toEqual(route);
      }),
    );
  });

  it('reads the paths people type or bookmark', () => {
    expect(parseRoute('')).toEqual({ page: 'map' });
    expect(parseRoute('#/')).toEqual({ page: 'map' });
    expect(parseRoute('#/nations/fra')).toEqual({ page: 'nation', iso3: 'FRA' });
    expect(parseRoute('#/phases/gate')).toEqual({ page: 'deployment-gate' });
    expect(parseRoute('#/reports/daily/2026-13')).toEqual({
      page: 'not-found',
      path: '/reports/daily/2026-13',
    });
    expect(parseRoute('#/nope')).toEqual({ page: 'not-found', path: '/nope' });
    expect(href({ page: 'not-found', path: '/nope' })).toBe('#/nope');
  });

  it('gives the header its sections in order, each link current on its detail pages too', () => {
    const nav = navigation();
    expect(nav.map((s) => s.section)).toEqual([...SECTIONS]);
    expect(nav.every((s) => s.items.length > 0)).toBe(true);
    const coalition = nav.find((s) => s.section === 'Coalition')!;
    expect(coalition.items.map((i) => i.label)).toEqual([
      'Nations',
      'Requirements',
      'Lead matrix',
      'Plans',
      'Decisions',
      'Actions',
      'Meetings',
    ]);
    expect(coalition.items[0]).toEqual({ href: '#/nations', label: 'Nations', pages: ['nations', 'nation'] });
    // Every link of the header leads to the page it is for.
    for (const item of nav.flatMap((s) => s.items)) expect(parseRoute(item.href).page).toBe(item.pages[0]);
    // Accounts is for admins, beside the sections, not in one.
    expect(nav.flatMap((s) => s.items).some((i) => i.pages.includes('accounts'))).toBe(false);
  });
});
