/**
 * The report's map as vector shapes in page units: Ukraine's 27 units, the zones and the day's
 * incidents, projected once and drawn twice — as SVG in the HTML report and with pdfkit in
 * the PDF — so both show the same picture and no browser is needed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ZoneGeometry } from '@guarantor/core/zones';
import { DATA_DIR } from '@guarantor/db';
import type { MapZone, ReportIncident } from './daily.ts';

/** [west, south, east, north] drawn: mainland Ukraine with the Black Sea coast. */
export const MAP_BOUNDS = [22.0, 44.2, 40.4, 52.5] as const;

type Ring = readonly (readonly [number, number])[];

/** A drawable shape in page units. */
export interface Shape {
  readonly rings: readonly Ring[];
  readonly closed: boolean;
}

/** A map ready to draw. */
export interface MapScene {
  readonly width: number;
  readonly height: number;
  readonly units: readonly Shape[];
  readonly zones: readonly (Shape & {
    readonly kind: MapZone['kind'];
    readonly name: string;
    readonly id: string;
  })[];
  readonly sectorLabels: readonly { readonly x: number; readonly y: number; readonly text: string }[];
  readonly points: readonly {
    readonly x: number;
    readonly y: number;
    readonly colour: string;
    readonly violation: boolean;
    readonly id: string;
  }[];
}

/** Colours by category group, shared by the legend and the points. */
export const CATEGORY_COLOURS: readonly {
  /** The legend's words: `report.legend.<legend>` in the catalogues. */
  readonly legend: string;
  readonly colour: string;
  readonly test: (c: string) => boolean;
}[] = [
  {
    legend: 'explosions',
    colour: '#c62828',
    test: (c) => c.startsWith('explosion_') || c === 'projectile_in_flight' || c === 'muzzle_flash',
  },
  { legend: 'bursts', colour: '#ef6c00', test: (c) => c === 'burst_and_shots' },
  { legend: 'heavyWeapons', colour: '#6a1b9a', test: (c) => c === 'heavy_weapon_sighting' },
  { legend: 'movement', colour: '#1565c0', test: (c) => c === 'fom_restriction' },
  {
    legend: 'harm',
    colour: '#212121',
    test: (c) => c === 'civilian_harm' || c === 'infrastructure_damage',
  },
  { legend: 'other', colour: '#78909c', test: () => true },
];

/** The colour of a category. */
export function categoryColour(category: string): string {
  return CATEGORY_COLOURS.find((c) => c.test(category))!.colour;
}

/** Zone styles: fill, stroke, dash. */
export const ZONE_STYLES: Readonly<
  Record<MapZone['kind'], { fill: string | null; stroke: string; width: number; dash: number[] | null }>
> = {
  weapons_withdrawal: { fill: null, stroke: '#8e24aa', width: 0.6, dash: [3, 2] },
  buffer_zone: { fill: '#ffcc80', stroke: '#ef6c00', width: 0.5, dash: null },
  sector: { fill: null, stroke: '#455a64', width: 0.7, dash: [1, 1.5] },
  line_of_contact: { fill: null, stroke: '#b71c1c', width: 1.4, dash: null },
};

let unitCache: readonly Ring[][] | undefined;
function unitRings(): readonly Ring[][] {
  if (!unitCache) {
    const fc = JSON.parse(readFileSync(resolve(DATA_DIR, 'ukraine-adm1.geojson'), 'utf8')) as {
      features: { geometry: ZoneGeometry }[];
    };
    unitCache = fc.features.map((f) => ringsOf(f.geometry));
  }
  return unitCache;
}

function ringsOf(g: ZoneGeometry): Ring[] {
  switch (g.type) {
    case 'Polygon':
      return g.coordinates.map((r) => r);
    case 'MultiPolygon':
      return g.coordinates.flat();
    case 'LineString':
      return [g.coordinates];
    case 'MultiLineString':
      return g.coordinates.map((l) => l);
  }
}

/** Projects the report's data into a width × height page box (equirectangular, true at 48.5° N). */
export function mapScene(
  zones: readonly MapZone[],
  incidents: readonly ReportIncident[],
  width: number,
): MapScene {
  const [w, s, e, n] = MAP_BOUNDS;
  const k = Math.cos((48.5 * Math.PI) / 180);
  const scale = width / ((e - w) * k);
  const height = (n - s) * scale;
  const px = (lng: number, lat: number): [number, number] => [(lng - w) * k * scale, (n - lat) * scale];
  // Drop vertices closer than half a unit to the last kept one: the page cannot show them.
  const project = (ring: Ring, closed: boolean): Ring => {
    const out: [number, number][] = [];
    for (const [lng, lat] of ring) {
      const p = px(lng, lat);
      const last = out.at(-1);
      if (!last || Math.abs(p[0] - last[0]) + Math.abs(p[1] - last[1]) >= 0.5) out.push(p);
    }
    if (closed && out.length > 0 && ring.length > 0) {
      const [lng, lat] = ring.at(-1)!;
      out.push(px(lng, lat));
    }
    return out;
  };
  const order: MapZone['kind'][] = ['weapons_withdrawal', 'buffer_zone', 'sector', 'line_of_contact'];
  const drawn = [...zones].sort(
    (a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.id.localeCompare(b.id),
  );
  return {
    width,
    height,
    units: unitRings().map((rings) => ({ rings: rings.map((r) => project(r, true)), closed: true })),
    zones: drawn.map((z) => {
      const closed = z.kind !== 'line_of_contact';
      return {
        id: z.id,
        kind: z.kind,
        name: z.name,
        closed,
        rings: ringsOf(z.geometry).map((r) => project(r, closed)),
      };
    }),
    sectorLabels: drawn
      .filter((z) => z.kind === 'sector')
      .map((z) => {
        const outer = ringsOf(z.geometry)[0] ?? [];
        // Label at the ring's vertex mean, pushed away from the line (north-west of it).
        const lng = outer.reduce((a, p) => a + p[0], 0) / Math.max(1, outer.length);
        const lat = outer.reduce((a, p) => a + p[1], 0) / Math.max(1, outer.length);
        const [x, y] = px(lng, lat);
        return { x, y, text: z.name.replace(/ \(illustrative\)$/, '') };
      }),
    points: incidents.map((i) => {
      const [x, y] = px(i.position[0], i.position[1]);
      return { x, y, colour: categoryColour(i.category), violation: i.ruleIds.length > 0, id: i.id };
    }),
  };
}

const f = (v: number) => (Math.round(v * 10) / 10).toString();
const pathOf = (shape: Shape) =>
  shape.rings
    .filter((r) => r.length > 1)
    .map((r) => `M${r.map(([x, y]) => `${f(x)} ${f(y)}`).join('L')}${shape.closed ? 'Z' : ''}`)
    .join('');

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The scene as an SVG element, `label` its accessible name. */
export function sceneSvg(scene: MapScene, label: string): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f(scene.width)} ${f(scene.height)}" width="100%" role="img" aria-label="${esc(label)}">`,
    `<rect width="100%" height="100%" fill="#eaf2f8"/>`,
    `<path d="${scene.units.map(pathOf).join('')}" fill="#fbfaf6" stroke="#9e9e9e" stroke-width="0.4" fill-rule="evenodd"/>`,
  ];
  for (const z of scene.zones) {
    const st = ZONE_STYLES[z.kind];
    parts.push(
      `<path d="${pathOf(z)}" fill="${st.fill ?? 'none'}"${st.fill ? ' fill-opacity="0.45"' : ''} stroke="${st.stroke}" stroke-width="${st.width}"${st.dash ? ` stroke-dasharray="${st.dash.join(' ')}"` : ''} fill-rule="evenodd"><title>${esc(z.name)}</title></path>`,
    );
  }
  for (const l of scene.sectorLabels) {
    parts.push(
      `<text x="${f(l.x)}" y="${f(l.y)}" font-size="6" fill="#37474f" text-anchor="middle" font-family="sans-serif">${esc(l.text)}</text>`,
    );
  }
  for (const p of scene.points) {
    parts.push(
      `<circle cx="${f(p.x)}" cy="${f(p.y)}" r="${p.violation ? 2.2 : 1.6}" fill="${p.colour}" stroke="${p.violation ? '#000' : '#fff'}" stroke-width="0.4"><title>${esc(p.id)}</title></circle>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/** The subset of pdfkit's API the map uses. */
interface Pen {
  save(): Pen;
  restore(): Pen;
  moveTo(x: number, y: number): Pen;
  lineTo(x: number, y: number): Pen;
  closePath(): Pen;
  circle(x: number, y: number, r: number): Pen;
  rect(x: number, y: number, w: number, h: number): Pen;
  clip(rule?: 'even-odd' | 'evenodd' | 'nonzero'): Pen;
  fill(colour?: string, rule?: 'even-odd' | 'evenodd' | 'nonzero'): Pen;
  stroke(colour?: string): Pen;
  fillAndStroke(fill?: string, stroke?: string, rule?: 'even-odd' | 'evenodd' | 'nonzero'): Pen;
  lineWidth(w: number): Pen;
  dash(length: number, options?: { space: number }): Pen;
  undash(): Pen;
  fillOpacity(o: number): Pen;
  strokeColor(c: string): Pen;
  fillColor(c: string): Pen;
  fontSize(s: number): Pen;
  text(t: string, x: number, y: number, o?: { width?: number; align?: 'center' | 'left' }): Pen;
}

function trace(pen: Pen, shape: Shape, x0: number, y0: number) {
  for (const r of shape.rings) {
    if (r.length < 2) continue;
    pen.moveTo(x0 + r[0]![0], y0 + r[0]![1]);
    for (let i = 1; i < r.length; i++) pen.lineTo(x0 + r[i]![0], y0 + r[i]![1]);
    if (shape.closed) pen.closePath();
  }
}

/** Draws the scene with pdfkit at (x0, y0). */
export function drawScenePdf(pen: Pen, scene: MapScene, x0: number, y0: number): void {
  pen.save();
  // Whatever reaches beyond the frame (a zone file's polygon far outside the area) is cut at it.
  pen.rect(x0, y0, scene.width, scene.height).clip();
  pen.rect(x0, y0, scene.width, scene.height).fill('#eaf2f8');
  pen.lineWidth(0.4);
  for (const u of scene.units) {
    trace(pen, u, x0, y0);
    pen.fillAndStroke('#fbfaf6', '#9e9e9e', 'even-odd');
  }
  for (const z of scene.zones) {
    const st = ZONE_STYLES[z.kind];
    pen.lineWidth(st.width);
    if (st.dash) pen.dash(st.dash[0]!, { space: st.dash[1]! });
    else pen.undash();
    if (st.fill) {
      pen.fillOpacity(0.45);
      trace(pen, z, x0, y0);
      pen.fill(st.fill, 'even-odd');
      pen.fillOpacity(1);
    }
    trace(pen, z, x0, y0);
    pen.stroke(st.stroke);
  }
  pen.undash();
  pen.fillColor('#37474f').fontSize(5.5);
  for (const l of scene.sectorLabels)
    pen.text(l.text, x0 + l.x - 40, y0 + l.y - 3, { width: 80, align: 'center' });
  for (const p of scene.points) {
    pen.lineWidth(0.4);
    pen.circle(x0 + p.x, y0 + p.y, p.violation ? 2.2 : 1.6);
    pen.fillAndStroke(p.colour, p.violation ? '#000000' : '#ffffff');
  }
  pen.restore();
}
