import { describe, expect, it } from 'vitest';
import { parseCaveats } from './parse.ts';

describe('parseCaveats', () => {
  it('accepts the German caveat and returns it unchanged', () => {
    const input = [
      { kind: 'outside_ukraine_only' },
      { kind: 'allowed_regions', regions: ['POL', 'ROU'] },
      { kind: 'national_mandate', status: 'pending', body: 'Bundestag' },
    ];
    expect(parseCaveats(input)).toEqual({ ok: true, caveats: input });
  });

  it('names the field of a shape error: unknown kind, wrong type, unknown field', () => {
    const r = parseCaveats([
      { kind: 'outside_ukraine' },
      { kind: 'min_distance_from_contact', minDistanceKm: '50' },
      { kind: 'valid_until', date: '2026-12-31', until: 'x' },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual([
      'caveats[0].kind',
      'caveats[1].minDistanceKm',
      'caveats[2].until',
    ]);
  });

  it('passes meaning errors through: contradicting caveats and unknown regions', () => {
    const r = parseCaveats([
      { kind: 'outside_ukraine_only' },
      { kind: 'allowed_regions', regions: ['UA-14', 'UA-30'] },
      { kind: 'excluded_regions', regions: ['UA-99'] },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.code)).toEqual(['caveat.unknown_region', 'caveat.contradiction']);
    expect(r.errors[0]!.field).toBe('caveats[2].regions[0]');
  });

  it('refuses a value that is not a list', () => {
    expect(parseCaveats({ kind: 'outside_ukraine_only' })).toMatchObject({
      ok: false,
      errors: [{ field: 'caveats' }],
    });
  });
});
