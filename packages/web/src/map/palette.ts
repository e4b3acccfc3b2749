/**
 * Nation colours for the lead map and the lead matrix, from Paul Tol's "muted" scheme: nine
 * colours chosen to stay apart for readers with protanopia, deuteranopia and tritanopia (the
 * closest pair under a Machado 2009 simulation is still ΔE 15; palette.test.ts measures it).
 * Nine colours cannot give thirty nations one each, so a nation has a preferred colour (the
 * likely leads are fixed, the rest hashed on the ISO 3166-1 alpha-3 code, so "France is indigo"
 * holds from map to map), and `assignColours` moves a nation off it only when another nation
 * on the same map already wears it: every nation gets its own colour when nine or fewer lead,
 * and with more, no two nations leading adjacent units share one.
 */

/** Tol's muted scheme (https://personal.sron.nl/~pault/#sec:qualitative). */
export const PALETTE = [
  '#332288', // indigo
  '#cc6677', // rose
  '#ddcc77', // sand
  '#117733', // green
  '#88ccee', // cyan
  '#882255', // wine
  '#44aa99', // teal
  '#999933', // olive
  '#aa4499', // purple
] as const;

/** Preferred colours of the nations most likely to lead a region (index into PALETTE). */
const PREFERRED: Readonly<Record<string, number>> = {
  FRA: 0,
  GBR: 1,
  DEU: 2,
  ITA: 3,
  ROU: 4,
  POL: 5,
  TUR: 6,
  NLD: 7,
  CAN: 8,
};

/** Fill of a unit nobody leads: a pale neutral that reads as "gap", not as a nation. */
export const NO_LEAD_COLOUR = '#dddddd'; // Tol's pale grey, the scheme's "no data"
/** Map background (sea and beyond the neighbours). */
export const BACKGROUND_COLOUR = '#eef1f4';
/** Neighbour countries. */
export const NEIGHBOUR_FILL = '#c9cdd2';
export const NEIGHBOUR_LINE = '#8f969e';
/** Opacity of region fills; tests blend palette colours with the background by this. */
export const REGION_FILL_OPACITY = 0.82;

function hash(text: string): number {
  // FNV-1a: small, stable across runtimes.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A nation's preferred colour, before any other nation on the map claims it. */
export function nationColour(iso3: string | null | undefined): string {
  if (!iso3) return NO_LEAD_COLOUR;
  const code = iso3.toUpperCase();
  return PALETTE[PREFERRED[code] ?? hash(code) % PALETTE.length]!;
}

/** Stripes for a unit whose lead is contested or forbidden: a pattern, so no colour is needed to see it. */
export const CONFLICT_STRIPE = '#b2182b';
export const CONFLICT_GROUND = '#ffffff';

/** One unit for colouring: its code, lead, and the outline it shares borders through. */
export interface ColourUnit {
  readonly code: string;
  readonly lead: string | null;
  readonly rings: readonly (readonly (readonly number[])[])[];
}

/**
 * Units that share a border: two units sharing two or more vertices (the shipped boundaries
 * come from one topologically clean source, so a shared border has the same vertices on both
 * sides).
 */
export function adjacency(units: readonly ColourUnit[]): Map<string, Set<string>> {
  const byVertex = new Map<string, Set<string>>();
  for (const unit of units)
    for (const ring of unit.rings)
      for (const [x, y] of ring) {
        const key = `${x},${y}`;
        const set = byVertex.get(key) ?? new Set<string>();
        set.add(unit.code);
        byVertex.set(key, set);
      }
  const shared = new Map<string, number>();
  for (const set of byVertex.values())
    if (set.size > 1)
      for (const a of set)
        for (const b of set) if (a < b) shared.set(`${a}|${b}`, (shared.get(`${a}|${b}`) ?? 0) + 1);
  const next = new Map<string, Set<string>>(units.map((u) => [u.code, new Set<string>()]));
  for (const [pair, n] of shared) {
    if (n < 2) continue;
    const [a, b] = pair.split('|') as [string, string];
    next.get(a)!.add(b);
    next.get(b)!.add(a);
  }
  return next;
}

let lastBorders: { readonly key: string; readonly borders: Map<string, Set<string>> } | undefined;

/** `adjacency`, kept for the last outlines seen: a map switching line of effort keeps its units. */
function sharedBorders(units: readonly ColourUnit[]): Map<string, Set<string>> {
  const key = units.map((u) => `${u.code}:${u.rings.reduce((n, r) => n + r.length, 0)}`).join(' ');
  if (lastBorders?.key !== key) lastBorders = { key, borders: adjacency(units) };
  return lastBorders.borders;
}

/**
 * The colour of each leading nation on one map. Nations are taken largest first; each keeps
 * its preferred colour unless a nation already placed wears it (nine or fewer nations) or
 * leads a unit next to one of its own (more than nine), when it takes the first colour free.
 */
export function assignColours(units: readonly ColourUnit[]): Map<string, string> {
  const led = new Map<string, string[]>();
  for (const u of units) if (u.lead) led.set(u.lead, [...(led.get(u.lead) ?? []), u.code]);
  const nations = [...led.keys()].sort(
    (a, b) => led.get(b)!.length - led.get(a)!.length || a.localeCompare(b),
  );
  const everyoneApart = nations.length <= PALETTE.length;
  const next = everyoneApart ? new Map<string, Set<string>>() : sharedBorders(units);
  const leadOf = new Map(units.map((u) => [u.code, u.lead]));
  const colours = new Map<string, string>();
  for (const nation of nations) {
    const rivals = everyoneApart
      ? [...colours.keys()]
      : [
          ...new Set(
            led
              .get(nation)!
              .flatMap((code) => [...next.get(code)!].map((n) => leadOf.get(n)))
              .filter((n): n is string => !!n && n !== nation && colours.has(n)),
          ),
        ];
    const taken = new Set(rivals.map((n) => colours.get(n)));
    const preferred = nationColour(nation);
    colours.set(nation, taken.has(preferred) ? (PALETTE.find((c) => !taken.has(c)) ?? preferred) : preferred);
  }
  return colours;
}

/** Dark or white text, whichever reads better on `hex` (WCAG relative luminance). */
export function textOn(hex: string): string {
  const [r, g, b] = hexToRgb(hex).map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.32 ? '#1b2330' : '#ffffff';
}

/** `#rrggbb` as [r, g, b]. */
export function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** What a fill of `hex` at `opacity` over `background` looks like on screen. */
export function blend(
  hex: string,
  opacity: number,
  background = BACKGROUND_COLOUR,
): [number, number, number] {
  const top = hexToRgb(hex);
  const bottom = hexToRgb(background);
  return [0, 1, 2].map((i) => Math.round(top[i]! * opacity + bottom[i]! * (1 - opacity))) as [
    number,
    number,
    number,
  ];
}
