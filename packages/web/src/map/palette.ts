/**
 * Nation colours for the lead map. A nation keeps its colour on every screen and in every
 * scenario, so a reader learns "France is blue" once: the colour is keyed on the ISO 3166-1
 * alpha-3 code, never on the order nations happen to arrive in.
 */

/** Hand-picked, mutually distinct colours for nations likely to lead a region. */
const FIXED: Readonly<Record<string, string>> = {
  FRA: '#2f5fb3',
  GBR: '#c0392b',
  DEU: '#e0a526',
  POL: '#8e44ad',
  ITA: '#27915a',
  ESP: '#d35400',
  NLD: '#e67e22',
  CAN: '#a93248',
  TUR: '#16a085',
  SWE: '#2e86c1',
  FIN: '#5d6d7e',
  DNK: '#7d3c98',
  NOR: '#1f618d',
  BEL: '#b7950b',
  CZE: '#117864',
  ROU: '#6e2c00',
  EST: '#5499c7',
  LVA: '#943126',
  LTU: '#239b56',
  USA: '#1b2631',
  AUS: '#b9770e',
  JPN: '#cb4335',
  PRT: '#1e8449',
  GRC: '#3498db',
  IRL: '#58d68d',
};

/** Fill of a unit nobody leads: a pale neutral that reads as "gap", not as a nation. */
export const NO_LEAD_COLOUR = '#d9d6cf';
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

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const s = saturation / 100;
  const l = lightness / 100;
  const k = (n: number) => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const value = l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** The colour of a nation (ISO alpha-3), or the "no lead" colour for null. */
export function nationColour(iso3: string | null | undefined): string {
  if (!iso3) return NO_LEAD_COLOUR;
  const code = iso3.toUpperCase();
  const fixed = FIXED[code];
  if (fixed) return fixed;
  const h = hash(code);
  return hslToHex(h % 360, 45 + ((h >>> 9) % 25), 38 + ((h >>> 17) % 14));
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
