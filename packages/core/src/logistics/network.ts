/**
 * Route networks from any GeoJSON line layer (a logistics staff's export, an OSM extract): each
 * LineString (or each part of a MultiLineString) becomes a segment between two nodes; its ends
 * snap to a node already within the tolerance, else make a new one. Nothing is dropped
 * silently: the report lists every snap, every skipped feature with the field and the reason,
 * dropped third coordinates, and the pieces not joined to the main network.
 * See docs/adr/0036-route-network-and-risk.md.
 */

import Flatbush from 'flatbush';
import { reasoned, said } from '../i18n/reasons/index.ts';
import type { Refusal } from '../i18n/refusals/index.ts';
import { refusalText } from '../i18n/refusals/text.ts';
import type { Phrasing } from '../i18n/words/index.ts';
import { type LngLat, lineLengthM, sphereDistanceM } from './geo.ts';

/** A node of an imported network; `index` is its position in `nodes`. */
export interface NetworkNode {
  readonly index: number;
  readonly position: LngLat;
  readonly name: string | null;
}

/** A segment between two nodes; its first and last positions are its nodes' positions. */
export interface NetworkSegment {
  readonly from: number;
  readonly to: number;
  readonly coordinates: readonly LngLat[];
  readonly lengthM: number;
  readonly name: string | null;
  /** The feature of the file it came from (0-based). */
  readonly feature: number;
}

/** A feature (or part) not taken, and why; `field` names the GeoJSON member at fault. */
export interface NetworkProblem {
  readonly feature: number;
  readonly field: string;
  /** In English; `refusal` (not enumerable) says the same as a catalogue key and values. */
  readonly reason: string;
  readonly refusal?: Refusal;
}

/** An end of a line moved onto a node within the tolerance. */
export interface NetworkSnap {
  readonly feature: number;
  readonly end: 'start' | 'end';
  readonly node: number;
  readonly distanceM: number;
}

/** Two lines that crossed without a shared end, split where they cross and joined at a node. */
export interface NetworkCrossing {
  /** The features of the two lines (the same one twice for parts of one MultiLineString). */
  readonly features: readonly [number, number];
  readonly node: number;
  readonly position: LngLat;
  /** 'cross': both lines go on past the point; 'touch': one line ends on the other. */
  readonly kind: 'cross' | 'touch';
}

/** A connected piece of the network. */
export interface NetworkPiece {
  readonly nodes: number;
  readonly segments: number;
  readonly features: readonly number[];
}

/** What an import did. */
export interface NetworkReport {
  readonly featuresRead: number;
  readonly segments: number;
  readonly nodes: number;
  readonly toleranceM: number;
  /** Ends moved by more than 0 m onto an existing node. */
  readonly snapped: readonly NetworkSnap[];
  readonly skipped: readonly NetworkProblem[];
  /** Features whose positions had a third (elevation) coordinate, dropped. */
  readonly dropped3d: readonly { readonly feature: number; readonly positions: number }[];
  /** The largest connected piece first; every other piece is disconnected from it. */
  readonly pieces: readonly NetworkPiece[];
  /**
   * Lines split where they crossed (or one ended on the other) without a shared end. Absent
   * from reports stored before splitting was added (ADR 0048).
   */
  readonly crossings?: readonly NetworkCrossing[];
}

/** An imported network, or the one problem that refused the whole file. */
export type NetworkImport =
  | {
      readonly ok: true;
      readonly nodes: readonly NetworkNode[];
      readonly segments: readonly NetworkSegment[];
      readonly report: NetworkReport;
    }
  | { readonly ok: false; readonly problem: NetworkProblem };

/** Options of {@link importRouteLayer}. */
export interface NetworkImportOptions {
  /** Ends closer than this to a node join it. */
  readonly toleranceM: number;
  /** Features refused before the import (e.g. outside the area of interest), with the reason. */
  readonly exclude?: ReadonlyMap<number, NetworkProblem>;
  /** Named places: each names the node nearest to it within `placeRadiusM`, if still unnamed. */
  readonly places?: readonly { readonly name: string; readonly position: LngLat }[];
  /** How far a place may be from the node it names; the tolerance by default. */
  readonly placeRadiusM?: number;
  /**
   * Split lines where they cross without a shared end and join them there (default true). Off
   * for layers whose crossings are not junctions (bridges over roads, the demo's straight lines).
   */
  readonly splitCrossings?: boolean;
  /** Told how many features are read, every 1,000 (a command line's progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The most positions one import takes; a larger file is refused whole. */
export const MAX_NETWORK_POSITIONS = 2_000_000;

interface Feature {
  readonly geometry: unknown;
  readonly properties: Record<string, unknown>;
}

function featuresOf(input: unknown): Feature[] | NetworkProblem {
  const o = input as { type?: unknown; features?: unknown; geometry?: unknown; properties?: unknown };
  if (typeof input !== 'object' || input === null)
    return reasoned({ feature: -1, field: 'type' }, said('logisticsChecks.notGeoJson'));
  if (o.type === 'FeatureCollection') {
    if (!Array.isArray(o.features))
      return reasoned({ feature: -1, field: 'features' }, said('logisticsChecks.noFeatures'));
    return o.features.map((f) => {
      const ff = (f ?? {}) as { geometry?: unknown; properties?: unknown };
      return { geometry: ff.geometry, properties: (ff.properties ?? {}) as Record<string, unknown> };
    });
  }
  if (o.type === 'Feature')
    return [{ geometry: o.geometry, properties: (o.properties ?? {}) as Record<string, unknown> }];
  if (o.type === 'LineString' || o.type === 'MultiLineString') return [{ geometry: input, properties: {} }];
  return reasoned(
    { feature: -1, field: 'type' },
    said('logisticsChecks.notLineLayer', { type: String(o.type) }),
  );
}

/** The feature's name from the properties route layers commonly carry. */
function nameOf(p: Record<string, unknown>): string | null {
  for (const key of ['name', 'name:en', 'NAME', 'ref', 'REF']) {
    const v = p[key];
    if (typeof v === 'string' && v.trim() !== '') return v.trim().slice(0, 200);
  }
  return null;
}

type Part = { readonly line: LngLat[]; readonly field: string };

/** Reads one feature's lines, or why it is skipped. */
function linesOf(
  geometry: unknown,
  feature: number,
): { parts: Part[]; dropped: number; problems: NetworkProblem[] } | NetworkProblem {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object')
    return reasoned({ feature, field: 'geometry' }, said('logisticsChecks.noGeometry'));
  let raw: unknown[];
  let fields: string[];
  if (g.type === 'LineString') {
    raw = [g.coordinates];
    fields = ['geometry.coordinates'];
  } else if (g.type === 'MultiLineString' && Array.isArray(g.coordinates)) {
    raw = g.coordinates;
    fields = raw.map((_, i) => `geometry.coordinates[${i}]`);
  } else {
    return reasoned(
      { feature, field: 'geometry.type' },
      said('logisticsChecks.notRoute', { type: String(g.type) }),
    );
  }
  let dropped = 0;
  const parts: Part[] = [];
  const problems: NetworkProblem[] = [];
  raw.forEach((coords, k) => {
    const field = fields[k]!;
    if (!Array.isArray(coords)) {
      problems.push(reasoned({ feature, field }, said('logisticsChecks.notPositions')));
      return;
    }
    const line: LngLat[] = [];
    for (let i = 0; i < coords.length; i++) {
      const p = coords[i] as unknown;
      if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
        problems.push(reasoned({ feature, field: `${field}[${i}]` }, said('logisticsChecks.notPosition')));
        return;
      }
      const [lng, lat] = p as number[];
      if (!(lng! >= -180 && lng! <= 180 && lat! >= -90 && lat! <= 90)) {
        problems.push(
          reasoned(
            { feature, field: `${field}[${i}]` },
            said('logisticsChecks.outOfRange', { longitude: String(lng), latitude: String(lat) }),
          ),
        );
        return;
      }
      if (p.length > 2) dropped++;
      const prev = line[line.length - 1];
      if (!prev || prev[0] !== lng || prev[1] !== lat) line.push([lng!, lat!]);
    }
    if (line.length < 2) {
      problems.push(reasoned({ feature, field }, said('logisticsChecks.twoPositions')));
      return;
    }
    parts.push({ line, field });
  });
  return { parts, dropped, problems };
}

/** Finds nodes near a position: a grid of cells about the tolerance wide. */
class NodeGrid {
  private readonly cells = new Map<string, number[]>();
  private readonly cellDeg: number;
  readonly toleranceM: number;
  private readonly positions: LngLat[];
  constructor(toleranceM: number, positions: LngLat[]) {
    this.toleranceM = toleranceM;
    this.positions = positions;
    // A degree of longitude is at least 1/3 of a degree of latitude below 70°: cells in degrees of
    // latitude, searched three wide in longitude, hold every node within the tolerance there.
    this.cellDeg = Math.max(toleranceM / 110_000, 1e-9);
  }
  private key(cx: number, cy: number): string {
    return `${cx}:${cy}`;
  }
  add(index: number): void {
    const [lng, lat] = this.positions[index]!;
    const k = this.key(Math.floor(lng / this.cellDeg), Math.floor(lat / this.cellDeg));
    const list = this.cells.get(k);
    if (list) list.push(index);
    else this.cells.set(k, [index]);
  }
  nearest(p: LngLat): { index: number; distanceM: number } | undefined {
    const cx = Math.floor(p[0] / this.cellDeg);
    const cy = Math.floor(p[1] / this.cellDeg);
    const span = Math.ceil(1 / Math.max(Math.cos((Math.min(Math.abs(p[1]), 85) * Math.PI) / 180), 0.05));
    let best: { index: number; distanceM: number } | undefined;
    for (let dx = -span; dx <= span; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const i of this.cells.get(this.key(cx + dx, cy + dy)) ?? []) {
          const d = sphereDistanceM(p, this.positions[i]!);
          if (
            d <= this.toleranceM &&
            (!best || d < best.distanceM || (d === best.distanceM && i < best.index))
          )
            best = { index: i, distanceM: d };
        }
      }
    }
    return best;
  }
}

/**
 * Imports a GeoJSON line layer as a network. Refuses the whole file only when it is not a line
 * layer at all or is too large; otherwise takes every line it can and reports the rest.
 */
export function importRouteLayer(input: unknown, options: NetworkImportOptions): NetworkImport {
  const toleranceM = options.toleranceM;
  if (!(toleranceM >= 0 && toleranceM <= 5_000))
    return {
      ok: false,
      problem: reasoned({ feature: -1, field: 'toleranceM' }, said('logisticsChecks.tolerance')),
    };
  const features = featuresOf(input);
  if (!Array.isArray(features)) return { ok: false, problem: features };
  const positions: LngLat[] = [];
  const names: (string | null)[] = [];
  const grid = new NodeGrid(toleranceM, positions);
  const segments: NetworkSegment[] = [];
  const snapped: NetworkSnap[] = [];
  const skipped: NetworkProblem[] = [];
  const dropped3d: { feature: number; positions: number }[] = [];
  let count = 0;
  const nodeAt = (feature: number, end: 'start' | 'end', p: LngLat): number => {
    const near = grid.nearest(p);
    if (near) {
      if (near.distanceM > 0)
        snapped.push({ feature, end, node: near.index, distanceM: Math.round(near.distanceM * 10) / 10 });
      return near.index;
    }
    positions.push(p);
    names.push(null);
    grid.add(positions.length - 1);
    return positions.length - 1;
  };
  for (let f = 0; f < features.length; f++) {
    if (f % 1000 === 0) options.onProgress?.(f, features.length);
    const excluded = options.exclude?.get(f);
    if (excluded) {
      skipped.push(excluded);
      continue;
    }
    const read = linesOf(features[f]!.geometry, f);
    if (!('parts' in read)) {
      skipped.push(read);
      continue;
    }
    skipped.push(...read.problems);
    if (read.dropped > 0) dropped3d.push({ feature: f, positions: read.dropped });
    for (const { line, field } of read.parts) {
      count += line.length;
      if (count > MAX_NETWORK_POSITIONS)
        return {
          ok: false,
          problem: reasoned(
            { feature: f, field },
            said('logisticsChecks.tooManyPositions', { max: MAX_NETWORK_POSITIONS }),
          ),
        };
      const from = nodeAt(f, 'start', line[0]!);
      const to = nodeAt(f, 'end', line[line.length - 1]!);
      if (from === to) {
        skipped.push(reasoned({ feature: f, field }, said('logisticsChecks.loop', { toleranceM })));
        continue;
      }
      const coordinates = [positions[from]!, ...line.slice(1, -1), positions[to]!];
      const lengthM = lineLengthM(coordinates);
      segments.push({ from, to, coordinates, lengthM, name: nameOf(features[f]!.properties), feature: f });
    }
  }
  const split =
    options.splitCrossings === false
      ? { segments: [...segments], crossings: [] as NetworkCrossing[] }
      : splitCrossings(segments, positions, (p) => nodeAt(-1, 'start', p), toleranceM);
  segments.length = 0;
  segments.push(...split.segments);
  const placeRadiusM = Math.max(options.placeRadiusM ?? toleranceM, toleranceM);
  const endpoints = new Set(segments.flatMap((s) => [s.from, s.to]));
  for (const place of options.places ?? []) {
    let best: { index: number; d: number } | undefined;
    for (const i of endpoints) {
      const d = sphereDistanceM(place.position, positions[i]!);
      if (d <= placeRadiusM && (!best || d < best.d)) best = { index: i, d };
    }
    if (best && names[best.index] === null) names[best.index] = place.name;
  }
  // Pieces: union-find over the segments; nodes no segment uses are dropped.
  const used = new Set<number>();
  for (const s of segments) {
    used.add(s.from);
    used.add(s.to);
  }
  const renumber = new Map<number, number>();
  const nodes: NetworkNode[] = [];
  for (let i = 0; i < positions.length; i++) {
    if (!used.has(i)) continue;
    renumber.set(i, nodes.length);
    nodes.push({ index: nodes.length, position: positions[i]!, name: names[i] ?? null });
  }
  const kept = segments.map((s) => ({ ...s, from: renumber.get(s.from)!, to: renumber.get(s.to)! }));
  const keptSnaps = snapped
    .filter((s) => s.feature >= 0)
    .map((s) => ({ ...s, node: renumber.get(s.node) ?? s.node }));
  const crossings = split.crossings.map((c) => ({ ...c, node: renumber.get(c.node) ?? c.node }));
  return {
    ok: true,
    nodes,
    segments: kept,
    report: {
      featuresRead: features.length,
      segments: kept.length,
      nodes: nodes.length,
      toleranceM,
      snapped: keptSnaps,
      skipped,
      dropped3d,
      pieces: piecesOf(nodes.length, kept),
      crossings,
    },
  };
}

interface Cut {
  /** Index of the edge (coordinates[k] → coordinates[k + 1]) and the share along it. */
  readonly k: number;
  readonly t: number;
  readonly node: number;
}

/** Where edge p→p2 meets q→q2 in the plane of longitude and latitude: shares along each, or none. */
function meet(p: LngLat, p2: LngLat, q: LngLat, q2: LngLat): { t: number; u: number } | undefined {
  const rx = p2[0] - p[0];
  const ry = p2[1] - p[1];
  const sx = q2[0] - q[0];
  const sy = q2[1] - q[1];
  const den = rx * sy - ry * sx;
  // Parallel or overlapping (within rounding: 30.2 − 30.1 is not exactly 0.1): not a crossing.
  if (Math.abs(den) <= 1e-9 * Math.hypot(rx, ry) * Math.hypot(sx, sy)) return undefined;
  const qpx = q[0] - p[0];
  const qpy = q[1] - p[1];
  const t = (qpx * sy - qpy * sx) / den;
  const u = (qpx * ry - qpy * rx) / den;
  if (t < 0 || t > 1 || u < 0 || u > 1) return undefined;
  return { t, u };
}

/**
 * Splits segments where two of them cross (or one ends on the other) away from a shared node:
 * each is cut at the point and both are joined by a node there (an existing node within the
 * tolerance, else a new one). Points are found in the plane of longitude and latitude, which
 * for road-length edges differs from the great circle by centimetres; pieces keep their
 * feature and name.
 */
function splitCrossings(
  segments: readonly NetworkSegment[],
  positions: readonly LngLat[],
  nodeAt: (p: LngLat) => number,
  toleranceM: number,
): { segments: NetworkSegment[]; crossings: NetworkCrossing[] } {
  const edges: { s: number; k: number }[] = [];
  for (let s = 0; s < segments.length; s++)
    for (let k = 0; k + 1 < segments[s]!.coordinates.length; k++) edges.push({ s, k });
  if (edges.length < 2) return { segments: [...segments], crossings: [] };
  const index = new Flatbush(edges.length);
  for (const { s, k } of edges) {
    const [a, b] = [segments[s]!.coordinates[k]!, segments[s]!.coordinates[k + 1]!];
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  }
  index.finish();
  const cuts = new Map<number, Cut[]>();
  const crossings: NetworkCrossing[] = [];
  const seen = new Set<string>();
  const near = (x: LngLat, node: number) =>
    sphereDistanceM(x, positions[node]!) <= Math.max(toleranceM, 0.01);
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    const A = segments[e.s]!;
    const [p, p2] = [A.coordinates[e.k]!, A.coordinates[e.k + 1]!];
    const hits = index.search(
      Math.min(p[0], p2[0]),
      Math.min(p[1], p2[1]),
      Math.max(p[0], p2[0]),
      Math.max(p[1], p2[1]),
    );
    for (const j of hits) {
      const f = edges[j]!;
      if (f.s <= e.s) continue; // each pair once; a line crossing itself is left alone
      const B = segments[f.s]!;
      const [q, q2] = [B.coordinates[f.k]!, B.coordinates[f.k + 1]!];
      const m = meet(p, p2, q, q2);
      if (!m) continue;
      const x: LngLat = [p[0] + m.t * (p2[0] - p[0]), p[1] + m.t * (p2[1] - p[1])];
      const aEnd = [A.from, A.to].find((n) => near(x, n));
      const bEnd = [B.from, B.to].find((n) => near(x, n));
      if (aEnd !== undefined && bEnd !== undefined) continue; // they meet at their ends already
      const key = `${e.s}:${f.s}:${x[0].toFixed(7)}:${x[1].toFixed(7)}`;
      if (seen.has(key)) continue; // the same point found again at a shared interior vertex
      seen.add(key);
      const node = aEnd ?? bEnd ?? nodeAt(x);
      if (aEnd === undefined) cuts.set(e.s, [...(cuts.get(e.s) ?? []), { k: e.k, t: m.t, node }]);
      if (bEnd === undefined) cuts.set(f.s, [...(cuts.get(f.s) ?? []), { k: f.k, t: m.u, node }]);
      crossings.push({
        features: [A.feature, B.feature],
        node,
        position: positions[node]!,
        kind: aEnd === undefined && bEnd === undefined ? 'cross' : 'touch',
      });
    }
  }
  const out: NetworkSegment[] = [];
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s]!;
    const list = (cuts.get(s) ?? []).sort((a, b) => a.k - b.k || a.t - b.t);
    if (list.length === 0) {
      out.push(seg);
      continue;
    }
    let from = seg.from;
    let coords: LngLat[] = [seg.coordinates[0]!];
    let k0 = 0;
    const close = (to: number) => {
      const line = [...coords, positions[to]!].filter(
        (q, i, all) => i === 0 || q[0] !== all[i - 1]![0] || q[1] !== all[i - 1]![1],
      );
      if (from !== to && lineLengthM(line) > 0)
        out.push({ ...seg, from, to, coordinates: line, lengthM: lineLengthM(line) });
      from = to;
      coords = [positions[to]!];
    };
    for (const c of list) {
      for (let k = k0 + 1; k <= c.k; k++) coords.push(seg.coordinates[k]!);
      k0 = Math.max(k0, c.k);
      if (c.node !== from) close(c.node);
    }
    for (let k = k0 + 1; k < seg.coordinates.length - 1; k++) coords.push(seg.coordinates[k]!);
    close(seg.to);
  }
  return { segments: out, crossings };
}

/** Connected pieces, largest first (ties: the one with the lowest feature). */
export function piecesOf(
  nodeCount: number,
  segments: readonly Pick<NetworkSegment, 'from' | 'to' | 'feature'>[],
): NetworkPiece[] {
  const parent = Array.from({ length: nodeCount }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const s of segments) parent[find(s.from)] = find(s.to);
  const pieces = new Map<number, { nodes: Set<number>; segments: number; features: Set<number> }>();
  for (const s of segments) {
    const root = find(s.from);
    const p = pieces.get(root) ?? { nodes: new Set<number>(), segments: 0, features: new Set<number>() };
    p.nodes.add(s.from).add(s.to);
    p.segments++;
    p.features.add(s.feature);
    pieces.set(root, p);
  }
  return [...pieces.values()]
    .map((p) => ({
      nodes: p.nodes.size,
      segments: p.segments,
      features: [...p.features].sort((a, b) => a - b),
    }))
    .sort((a, b) => b.segments - a.segments || a.features[0]! - b.features[0]!);
}

/**
 * One sentence per problem and disconnected piece, for people: English as always without a
 * phrasing, else in its language (a skipped feature's reason from its refusal where it has one).
 */
export function describeNetworkReport(report: NetworkReport, ph?: Phrasing): string[] {
  if (ph && ph.language !== 'en') return reportInWords(report, ph);
  const lines = [
    `${report.featuresRead} features read: ${report.segments} segments between ${report.nodes} nodes (ends within ${report.toleranceM} m joined).`,
  ];
  if (report.snapped.length > 0)
    lines.push(`${report.snapped.length} line ends moved onto a node within the tolerance.`);
  for (const c of report.crossings ?? [])
    lines.push(
      c.kind === 'cross'
        ? `Features ${c.features[0]} and ${c.features[1]} crossed without a shared end: both split at [${c.position[0].toFixed(5)}, ${c.position[1].toFixed(5)}] and joined there.`
        : `Features ${c.features[0]} and ${c.features[1]}: one ends on the other without a shared end: split at [${c.position[0].toFixed(5)}, ${c.position[1].toFixed(5)}] and joined there.`,
    );
  for (const d of report.dropped3d)
    lines.push(`Feature ${d.feature}: the third coordinate (elevation) of ${d.positions} positions dropped.`);
  for (const s of report.skipped) lines.push(`Feature ${s.feature}, ${s.field}: skipped: ${s.reason}.`);
  for (const p of report.pieces.slice(1))
    lines.push(
      `Disconnected: features ${p.features.join(', ')} (${p.segments} segments) are not joined to the main network; raise the tolerance or add the missing link.`,
    );
  return lines;
}

function reportInWords(report: NetworkReport, ph: Phrasing): string[] {
  const n = (x: number) => ph.words.number(x);
  const at = (p: readonly [number, number]) => `[${p[0].toFixed(5)}, ${p[1].toFixed(5)}]`;
  const lines = [
    ph.say('networkReport.read', {
      count: report.featuresRead,
      features: n(report.featuresRead),
      segments: n(report.segments),
      nodes: n(report.nodes),
      tolerance: n(report.toleranceM),
    }),
  ];
  if (report.snapped.length > 0)
    lines.push(
      ph.say('networkReport.snapped', { count: report.snapped.length, ends: n(report.snapped.length) }),
    );
  for (const c of report.crossings ?? [])
    lines.push(
      ph.say(c.kind === 'cross' ? 'networkReport.crossed' : 'networkReport.touched', {
        a: c.features[0],
        b: c.features[1],
        at: at(c.position),
      }),
    );
  for (const d of report.dropped3d)
    lines.push(
      ph.say('networkReport.dropped3d', {
        feature: d.feature,
        count: d.positions,
        positions: n(d.positions),
      }),
    );
  for (const s of report.skipped)
    lines.push(
      ph.say('networkReport.skipped', {
        feature: s.feature,
        field: s.field,
        reason: s.refusal ? refusalText(ph.words, s.refusal) : s.reason,
      }),
    );
  for (const p of report.pieces.slice(1))
    lines.push(
      ph.say('networkReport.disconnected', {
        features: p.features.join(', '),
        count: p.segments,
        segments: n(p.segments),
      }),
    );
  return lines;
}

/** Great-circle distance between two nodes, for the planner's heuristic and reports. */
export const nodeDistanceM = (a: NetworkNode, b: NetworkNode): number =>
  sphereDistanceM(a.position, b.position);
