/**
 * TAK data packages (ATAK, WinTAK, iTAK "Import"): a zip with `MANIFEST/manifest.xml`
 * (MissionPackageManifest version 2) and one folder per item, as TAK clients and TAK Server
 * write them. Built with @tak-ps/node-cot, the library CloudTAK builds its packages with
 * (docs/adr/0034-tak-data-packages.md).
 *
 * What a package holds:
 * - each zone as an editable CoT drawing shape (`u-d-f`, a closed outline for an area, a line
 *   for the line of contact), archived so the client keeps it offline. An area with holes or
 *   several parts becomes one shape per outline; a shape of more points than a TAK client
 *   draws comfortably is simplified and says so in its remarks;
 * - the same zones, unsimplified, as one KML overlay (`zones.kml`);
 * - the logistics layers the reader may see: route segments and corridors as CoT lines,
 *   checkpoints as spot markers, each with its facts in its remarks, and all of them
 *   unsimplified as one KML overlay (`logistics.kml`);
 * - optionally the verified incidents, as the CoT feed sends them;
 * - optionally a connection to the CoT feed of the sector (`cot_streams` preferences).
 */
import { readFile } from 'node:fs/promises';
import { hhmm, type Shift } from '@guarantor/core/logistics';
import type { ZoneKind } from '@guarantor/core/zones';
import { ZONE_KIND_NAMES } from '@guarantor/core/zones';
import type { ZoneRecord } from '@guarantor/db';
import { toKML } from '@placemarkio/tokml';
import type { CoTParser } from '@tak-ps/node-cot';
import simplify from '@turf/simplify';
import type { LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';

/** What node-cot turns into a CoT event: a GeoJSON feature with simplestyle and CoT properties. */
type CotInputFeature = Parameters<typeof CoTParser.from_geojson>[0];

/** Points in one CoT shape past which it is simplified (the KML keeps every point). */
export const MAX_SHAPE_POINTS = 1000;

/** How long a client shows a zone without a newer package: zones change by decision, not by the hour. */
const ZONE_STALE_MS = 365 * 24 * 60 * 60 * 1000;

/** Stroke and fill per kind, as the web map draws them (packages/web/src/monitoring/style.ts). */
const STYLE: Readonly<
  Record<ZoneKind, { stroke: string; fill: string; fillOpacity: number; width: number }>
> = {
  line_of_contact: { stroke: '#b71c1c', fill: '#b71c1c', fillOpacity: 0, width: 4 },
  buffer_zone: { stroke: '#ef6c00', fill: '#ffcc80', fillOpacity: 0.35, width: 3 },
  weapons_withdrawal: { stroke: '#8e24aa', fill: '#8e24aa', fillOpacity: 0, width: 2 },
  sector: { stroke: '#455a64', fill: '#455a64', fillOpacity: 0, width: 3 },
};

/** A CoT feed the package tells the client to connect to. */
export interface TakFeedConnection {
  readonly host: string;
  readonly port: number;
  /** What the client lists the connection as, e.g. "Guarantor: Donetsk South (FRA)". */
  readonly description: string;
}

/** A logistics feature as the OGC layers give it (`ogcLayerPage`): its id, geometry and facts. */
export interface TakLogisticsFeature {
  readonly id: string;
  readonly geometry: unknown;
  readonly properties: Record<string, unknown>;
}

/** The logistics layers a package carries. */
export interface TakLogistics {
  readonly segments: readonly TakLogisticsFeature[];
  readonly checkpoints: readonly TakLogisticsFeature[];
  readonly corridors: readonly TakLogisticsFeature[];
}

export interface TakPackageInput {
  /** Stable for the same contents, so a re-import replaces rather than duplicates. */
  readonly uid: string;
  readonly name: string;
  readonly zones: readonly ZoneRecord[];
  /** Incidents as CoT events (core incidentToCot), without their XML declaration. */
  readonly incidents?: readonly { readonly uid: string; readonly xml: string }[];
  readonly logistics?: TakLogistics;
  readonly feed?: TakFeedConnection;
  readonly nowMs: number;
}

/** One drawing shape of a zone: a whole zone, or one outline of it. */
interface ZoneShape {
  readonly uid: string;
  readonly name: string;
  readonly geometry: Polygon | LineString;
  /** Outline points before simplification, when it was simplified. */
  readonly simplifiedFrom?: number;
}

/** The shapes a zone becomes: one per part, holes as outlines of their own. */
export function zoneShapes(zone: ZoneRecord): ZoneShape[] {
  const g = geoJson(zone.geometry);
  const rings: Position[][][] =
    g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  const lines: Position[][] =
    g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
  const raw: { name: string; geometry: Polygon | LineString }[] = [];
  rings.forEach((polygon, p) => {
    const part = rings.length > 1 ? ` (part ${p + 1} of ${rings.length})` : '';
    polygon.forEach((ring, r) => {
      raw.push(
        r === 0
          ? { name: `${zone.name}${part}`, geometry: { type: 'Polygon', coordinates: [ring] } }
          : // A u-d-f shape has no holes: the hole is its own closed outline, drawn unfilled.
            { name: `${zone.name}${part}, hole ${r}`, geometry: { type: 'LineString', coordinates: ring } },
      );
    });
  });
  lines.forEach((line, l) => {
    const part = lines.length > 1 ? ` (part ${l + 1} of ${lines.length})` : '';
    raw.push({ name: `${zone.name}${part}`, geometry: { type: 'LineString', coordinates: line } });
  });
  return raw.map((shape, i) => {
    const uid = raw.length === 1 ? `guarantor-zone-${zone.id}` : `guarantor-zone-${zone.id}-${i + 1}`;
    const points = pointCount(shape.geometry);
    if (points <= MAX_SHAPE_POINTS) return { uid, ...shape };
    return { uid, name: shape.name, geometry: simplifyTo(shape.geometry), simplifiedFrom: points };
  });
}

/** A zone's (read-only) geometry as plain GeoJSON the libraries take; a copy. */
function geoJson(geometry: ZoneRecord['geometry']): Polygon | MultiPolygon | LineString | MultiLineString {
  return structuredClone(geometry) as unknown as Polygon | MultiPolygon | LineString | MultiLineString;
}

function pointCount(g: Polygon | LineString): number {
  return g.type === 'Polygon' ? (g.coordinates[0]?.length ?? 0) : g.coordinates.length;
}

/** Simplifies with a tolerance that doubles until the shape fits MAX_SHAPE_POINTS. */
function simplifyTo(geometry: Polygon | LineString): Polygon | LineString {
  let tolerance = 0.0005; // degrees, about 50 m
  for (;;) {
    const out = simplify({ type: 'Feature', properties: {}, geometry }, { tolerance, highQuality: false });
    if (pointCount(out.geometry) <= MAX_SHAPE_POINTS) return out.geometry;
    tolerance *= 2;
  }
}

/** A zone in words; with a shape that was simplified, the remark says so. */
function remarks(zone: ZoneRecord, shape?: ZoneShape): string {
  return [
    `Guarantor ${ZONE_KIND_NAMES[zone.kind]}: ${zone.name}, version ${zone.version}.`,
    zone.illustrative ? 'Illustrative: drawn for demonstration, not agreed by the parties.' : '',
    zone.validFromMs !== null ? `Valid from ${new Date(zone.validFromMs).toISOString()}.` : '',
    zone.validToMs !== null ? `Valid until ${new Date(zone.validToMs).toISOString()}.` : '',
    shape?.simplifiedFrom
      ? `Outline simplified from ${shape.simplifiedFrom} to ${pointCount(shape.geometry)} points for TAK; zones.kml in this package holds every point.`
      : '',
    `Releasability: ${zone.releasability}.`,
  ]
    .filter(Boolean)
    .join(' ');
}

/** A zone shape as a GeoJSON feature in the simplestyle properties node-cot reads. */
function shapeFeature(zone: ZoneRecord, shape: ZoneShape, nowMs: number): CotInputFeature {
  const style = STYLE[zone.kind];
  const now = new Date(nowMs).toISOString();
  return {
    type: 'Feature',
    id: shape.uid,
    properties: {
      type: 'u-d-f',
      how: 'h-e',
      callsign: shape.name,
      remarks: remarks(zone, shape),
      time: now,
      start: now,
      stale: new Date(
        zone.validToMs !== null && zone.validToMs > nowMs ? zone.validToMs : nowMs + ZONE_STALE_MS,
      ).toISOString(),
      // Kept on the device like a shape the user drew, not dropped when it goes stale.
      archived: true,
      stroke: style.stroke,
      'stroke-opacity': 1,
      'stroke-width': style.width,
      'stroke-style': zone.kind === 'weapons_withdrawal' ? 'dashed' : 'solid',
      fill: style.fill,
      'fill-opacity': style.fillOpacity,
    },
    geometry: shape.geometry,
  };
}

/** The zones as one KML document, every point kept (a TAK client imports it as an overlay). */
export function zonesKml(zones: readonly ZoneRecord[]): string {
  return toKML({
    type: 'FeatureCollection',
    features: zones.map((zone) => ({
      type: 'Feature',
      id: zone.id,
      properties: {
        name: zone.name,
        description: remarks(zone),
        kind: ZONE_KIND_NAMES[zone.kind],
        version: zone.version,
        releasability: zone.releasability,
        illustrative: zone.illustrative,
      },
      geometry: geoJson(zone.geometry),
    })),
  });
}

const LOGISTICS_STYLE = {
  segment: { stroke: '#1565c0', width: 3 },
  corridor: { stroke: '#2e7d32', width: 5 },
} as const;

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** A checkpoint's shifts in words: "06:00–14:00 FRA, 14:00–22:00 DEU". */
function shiftsText(shifts: unknown): string {
  if (!Array.isArray(shifts) || shifts.length === 0) return 'no shifts recorded';
  return (shifts as Shift[]).map((s) => `${hhmm(s.startMin)}–${hhmm(s.endMin)} ${s.nation}`).join(', ');
}

/** A corridor's windows in words, cancelled ones left out. */
function windowsText(windows: unknown): string {
  const list = (Array.isArray(windows) ? windows : []) as { start: string; end: string; status: string }[];
  const open = list.filter((w) => w.status !== 'cancelled');
  if (open.length === 0) return 'No window is scheduled.';
  return `Windows (UTC): ${open.map((w) => `${w.start} to ${w.end} (${w.status})`).join('; ')}.`;
}

/** The words a logistics feature carries in TAK, with its label. */
function logisticsRemarks(kind: 'segment' | 'checkpoint' | 'corridor', f: TakLogisticsFeature): string {
  const p = f.properties;
  const facts =
    kind === 'segment'
      ? `Guarantor route segment ${text(p['name']) || f.id} of the network ${text(p['networkName'])}, ${text(p['lengthM'])} m.`
      : kind === 'checkpoint'
        ? `Guarantor checkpoint ${text(p['name'])}: ${text(p['status'])}; staffed by ${((p['nations'] as string[] | undefined) ?? []).join(', ') || 'no nation'}; shifts ${shiftsText(p['shifts'])}.${p['note'] ? ` ${text(p['note'])}` : ''}`
        : `Guarantor corridor ${text(p['name'])}: ${text(p['purpose'])}. ${windowsText(p['windows'])}`;
  return `${facts} Releasability: ${text(p['releasability'])}.`;
}

/** Lines of a segment's or corridor's geometry: one per part. */
function linesOf(geometry: unknown): Position[][] {
  const g = geometry as LineString | MultiLineString | { type: string; geometries?: unknown[] } | null;
  if (!g) return [];
  if (g.type === 'LineString') return [(g as LineString).coordinates];
  if (g.type === 'MultiLineString') return (g as MultiLineString).coordinates;
  if (g.type === 'GeometryCollection')
    return ((g as { geometries?: unknown[] }).geometries ?? []).flatMap(linesOf);
  return [];
}

/** The logistics layers as CoT features: lines as drawing shapes, checkpoints as spot markers. */
export function logisticsFeatures(logistics: TakLogistics, nowMs: number): CotInputFeature[] {
  const now = new Date(nowMs).toISOString();
  const stale = new Date(nowMs + ZONE_STALE_MS).toISOString();
  const line = (
    kind: 'segment' | 'corridor',
    f: TakLogisticsFeature,
    coordinates: Position[],
    uid: string,
    name: string,
  ): CotInputFeature => ({
    type: 'Feature',
    id: uid,
    properties: {
      type: 'u-d-f',
      how: 'h-e',
      callsign: name,
      remarks: logisticsRemarks(kind, f),
      time: now,
      start: now,
      stale,
      archived: true,
      stroke: LOGISTICS_STYLE[kind].stroke,
      'stroke-opacity': 1,
      'stroke-width': LOGISTICS_STYLE[kind].width,
      'stroke-style': 'solid',
    },
    geometry: { type: 'LineString', coordinates },
  });
  const lines = (kind: 'segment' | 'corridor', features: readonly TakLogisticsFeature[]) =>
    features.flatMap((f) => {
      const parts = linesOf(f.geometry).filter((c) => c.length >= 2);
      const name = text(f.properties['name']) || f.id;
      return parts.map((c, i) =>
        line(
          kind,
          f,
          c,
          parts.length === 1 ? `guarantor-${f.id}` : `guarantor-${f.id}-${i + 1}`,
          parts.length === 1 ? name : `${name} (part ${i + 1} of ${parts.length})`,
        ),
      );
    });
  const checkpoints = logistics.checkpoints
    .filter((f) => (f.geometry as { type?: string } | null)?.type === 'Point')
    .map(
      (f): CotInputFeature => ({
        type: 'Feature',
        id: `guarantor-${f.id}`,
        properties: {
          // A spot-map marker: what a team drops for a place that matters.
          type: 'b-m-p-s-m',
          how: 'h-e',
          callsign: `Checkpoint ${text(f.properties['name'])}`,
          remarks: logisticsRemarks('checkpoint', f),
          time: now,
          start: now,
          stale,
          archived: true,
          'marker-color': f.properties['status'] === 'open' ? '#2e7d32' : '#b71c1c',
          // Opaque, as ATAK draws a spot marker its user dropped (node-cot's default is half).
          'marker-opacity': 1,
        },
        geometry: f.geometry as CotInputFeature['geometry'],
      }),
    );
  return [...lines('segment', logistics.segments), ...checkpoints, ...lines('corridor', logistics.corridors)];
}

/** The logistics layers as one KML document, every point and fact kept. */
export function logisticsKml(logistics: TakLogistics): string {
  const feature = (kind: 'segment' | 'checkpoint' | 'corridor', f: TakLogisticsFeature) => ({
    type: 'Feature' as const,
    id: f.id,
    properties: {
      name: text(f.properties['name']) || f.id,
      description: logisticsRemarks(kind, f),
      layer: kind,
      releasability: text(f.properties['releasability']),
    },
    geometry: structuredClone(f.geometry) as never,
  });
  return toKML({
    type: 'FeatureCollection',
    features: [
      ...logistics.segments.map((f) => feature('segment', f)),
      ...logistics.checkpoints.map((f) => feature('checkpoint', f)),
      ...logistics.corridors.map((f) => feature('corridor', f)),
    ],
  });
}

/** ATAK's preferences format: the client adds the stream to its server connections. */
export function feedPreferences(feed: TakFeedConnection): string {
  const text = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`,
    `<preferences>`,
    `  <preference version="1" name="cot_streams">`,
    `    <entry key="count" class="class java.lang.Integer">1</entry>`,
    `    <entry key="description0" class="class java.lang.String">${text(feed.description)}</entry>`,
    `    <entry key="enabled0" class="class java.lang.Boolean">true</entry>`,
    `    <entry key="connectString0" class="class java.lang.String">${text(feed.host)}:${feed.port}:tcp</entry>`,
    `  </preference>`,
    `</preferences>`,
    '',
  ].join('\n');
}

/**
 * node-cot stamps each event it makes with its own name and the wall-clock time
 * (`_flow-tags_`); TAK clients do not need it, and without it the same records make the same
 * package.
 */
function withoutFlowTags<T extends { raw: { event: { detail?: Record<string, unknown> } } }>(cot: T): T {
  delete cot.raw.event.detail?.['_flow-tags_'];
  return cot;
}

/** Builds the package; the zip's bytes. Temporary files are removed whatever happens. */
export async function buildTakPackage(input: TakPackageInput): Promise<Buffer> {
  // Loaded on first use: the library compiles its JSON schemas when imported (0.36 s of every
  // start, ADR 0041), and most servers never build a package.
  const { CoTParser, DataPackage } = await import('@tak-ps/node-cot');
  const pkg = new DataPackage(input.uid, input.name);
  try {
    pkg.setPermanent();
    for (const zone of input.zones) {
      for (const shape of zoneShapes(zone)) {
        await pkg.addCoT(
          withoutFlowTags(await CoTParser.from_geojson(shapeFeature(zone, shape, input.nowMs))),
        );
      }
    }
    if (input.logistics) {
      for (const feature of logisticsFeatures(input.logistics, input.nowMs))
        await pkg.addCoT(withoutFlowTags(await CoTParser.from_geojson(feature)));
      const { segments, checkpoints, corridors } = input.logistics;
      if (segments.length + checkpoints.length + corridors.length > 0) {
        await pkg.addFile(Buffer.from(logisticsKml(input.logistics), 'utf8'), {
          uid: `${input.uid}-logistics-kml`,
          name: 'logistics.kml',
        });
      }
    }
    for (const incident of input.incidents ?? [])
      await pkg.addCoT(withoutFlowTags(CoTParser.from_xml(incident.xml)));
    if (input.zones.length > 0) {
      await pkg.addFile(Buffer.from(zonesKml(input.zones), 'utf8'), {
        uid: `${input.uid}-kml`,
        name: 'zones.kml',
      });
    }
    if (input.feed) {
      await pkg.addFile(Buffer.from(feedPreferences(input.feed), 'utf8'), {
        uid: `${input.uid}-feed`,
        name: 'guarantor-feed.pref',
      });
    }
    return await readFile(await pkg.finalize());
  } finally {
    await pkg.destroy();
  }
}
