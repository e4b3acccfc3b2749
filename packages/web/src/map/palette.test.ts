import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The shipped boundaries, read as text by Vite (the web package has no Node types).
import shippedText from '../../../../data/ukraine-adm1.geojson?raw';
import {
  adjacency,
  assignColours,
  type ColourUnit,
  hexToRgb,
  NO_LEAD_COLOUR,
  PALETTE,
  textOn,
} from './palette.ts';

const shipped = JSON.parse(shippedText) as {
  features: { properties: { code: string }; geometry: { type: string; coordinates: unknown } }[];
};
const outlines = shipped.features.map((f) => ({
  code: f.properties.code,
  rings: (f.geometry.type === 'MultiPolygon'
    ? (f.geometry.coordinates as number[][][][]).flat()
    : (f.geometry.coordinates as number[][][])) as number[][][],
}));
const withLeads = (leads: readonly (string | null)[]): ColourUnit[] =>
  outlines.map((o, i) => ({ ...o, lead: leads[i] ?? null }));

// Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB; then CIELAB distance (ΔE76).
const SIMULATIONS: Record<string, number[][]> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.1479],
    [0.004733, 0.691367, 0.3039],
  ],
};
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
function lab(hex: string, matrix: number[][]): [number, number, number] {
  const l = hexToRgb(hex).map((c) => linear(c / 255));
  const [r, g, b] = matrix.map((row) =>
    Math.min(1, Math.max(0, row[0]! * l[0]! + row[1]! * l[1]! + row[2]! * l[2]!)),
  ) as [number, number, number];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
const deltaE = (a: readonly number[], b: readonly number[]) =>
  Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

describe('lead colours', () => {
  it('stay apart for colour-blind readers: every pair of palette colours (and "no lead") ΔE ≥ 15 under each simulation', () => {
    const colours = [...PALETTE, NO_LEAD_COLOUR];
    const worst: string[] = [];
    for (const [name, matrix] of Object.entries(SIMULATIONS)) {
      let min = Number.POSITIVE_INFINITY;
      for (let i = 0; i < colours.length; i++)
        for (let j = i + 1; j < colours.length; j++)
          min = Math.min(min, deltaE(lab(colours[i]!, matrix), lab(colours[j]!, matrix)));
      worst.push(`${name} ${min.toFixed(1)}`);
      expect(min, worst.join(', ')).toBeGreaterThanOrEqual(15);
    }
  });

  it('finds the units that share a border in the shipped boundaries', () => {
    const next = adjacency(withLeads([]));
    expect([...next.get('UA-30')!]).toEqual(['UA-32']); // Kyiv city inside Kyiv Oblast
    expect([...next.get('UA-46')!].sort()).toEqual(['UA-07', 'UA-21', 'UA-26', 'UA-56', 'UA-61']); // Lviv
    expect([...next.values()].reduce((n, s) => n + s.size, 0) / 2).toBe(54);
  });

  const nation = fc.constantFrom(
    'FRA',
    'GBR',
    'DEU',
    'POL',
    'ITA',
    'TUR',
    'ROU',
    'NLD',
    'CAN',
    'SWE',
    'NOR',
    'FIN',
    'DNK',
    'BEL',
    'ESP',
    'EST',
  );

  it('give every leading nation its own colour when nine or fewer lead', () => {
    fc.assert(
      fc.property(fc.array(fc.option(nation, { nil: null }), { minLength: 27, maxLength: 27 }), (leads) => {
        const nations = new Set(leads.filter(Boolean));
        fc.pre(nations.size <= PALETTE.length);
        const colours = assignColours(withLeads(leads));
        expect(new Set(colours.values()).size).toBe(nations.size);
      }),
    );
  });

  it('never give two nations leading adjacent units one colour, however many nations lead', () => {
    const codes = fc.uniqueArray(
      fc
        .integer({ min: 0, max: 17575 })
        .map((n) =>
          String.fromCharCode(65 + (n % 26), 65 + (Math.floor(n / 26) % 26), 65 + Math.floor(n / 676)),
        ),
      { minLength: 27, maxLength: 27 },
    );
    const borders = adjacency(withLeads([]));
    fc.assert(
      fc.property(codes, (leads) => {
        const units = withLeads(leads);
        const colours = assignColours(units);
        const lead = new Map(units.map((u) => [u.code, u.lead]));
        const clashes: string[] = [];
        for (const [code, next] of borders)
          for (const other of next)
            if (colours.get(lead.get(code)!) === colours.get(lead.get(other)!))
              clashes.push(`${code}/${other}`);
        expect(clashes).toEqual([]);
      }),
    );
  });

  it('keep a nation on its preferred colour when nobody else wears it', () => {
    const colours = assignColours(withLeads(['FRA', 'GBR', null, 'FRA']));
    expect(colours.get('FRA')).toBe(PALETTE[0]);
    expect(colours.get('GBR')).toBe(PALETTE[1]);
  });

  it('put dark text on light colours and white on dark ones', () => {
    expect(textOn('#ddcc77')).toBe('#1b2330');
    expect(textOn('#88ccee')).toBe('#1b2330');
    expect(textOn('#332288')).toBe('#ffffff');
    expect(textOn('#882255')).toBe('#ffffff');
  });
});
