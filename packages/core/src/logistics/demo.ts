/**
 * The ILLUSTRATIVE demo network: no real road file is available offline, so real places
 * (cities, ports, airports, open border crossings) are joined by straight segments, each to its
 * nearest neighbours, and the pieces are then joined nearest-first so that the network is one.
 * Straight lines are not roads: every screen that shows this network says so.
 */
import { type LngLat, sphereDistanceM } from './geo.ts';

/** A real place the demo network joins. */
export interface DemoPlace {
  readonly name: string;
  readonly position: LngLat;
  readonly kind: 'city' | 'port' | 'airport' | 'crossing';
}

/** How many neighbours each place is joined to, and how far at most. */
export const DEMO_NEIGHBOURS = 3;
export const DEMO_MAX_KM = 260;

/** Straight segments between the places, as a GeoJSON line layer for the importer. */
export function demoRouteLayer(places: readonly DemoPlace[]): {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: Record<string, unknown>;
    geometry: { type: 'LineString'; coordinates: LngLat[] };
  }[];
} {
  const n = places.length;
  const pairs = new Map<string, [number, number, number]>();
  const add = (a: number, b: number, d: number) => {
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    if (!pairs.has(key)) pairs.set(key, [Math.min(a, b), Math.max(a, b), d]);
  };
  const dist = (a: number, b: number) => sphereDistanceM(places[a]!.position, places[b]!.position);
  for (let i = 0; i < n; i++) {
    const near = places
      .map((_, j) => ({ j, d: dist(i, j) }))
      .filter(({ j, d }) => j !== i && d > 0 && d <= DEMO_MAX_KM * 1000)
      .sort((a, b) => a.d - b.d)
      // A crossing or an airport joins only its nearest place: it is an end, not a through route.
      .slice(0, places[i]!.kind === 'city' || places[i]!.kind === 'port' ? DEMO_NEIGHBOURS : 1);
    for (const { j, d } of near) add(i, j, d);
  }
  // Join the pieces, nearest pair first (Kruskal over all pairs, keeping only joining edges).
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  for (const [a, b] of pairs.values()) parent[find(a)] = find(b);
  const all: [number, number, number][] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) if (dist(i, j) > 0) all.push([i, j, dist(i, j)]);
  all.sort((x, y) => x[2] - y[2]);
  for (const [a, b, d] of all) {
    if (find(a) === find(b)) continue;
    parent[find(a)] = find(b);
    add(a, b, d);
  }
  return {
    type: 'FeatureCollection',
    features: [...pairs.values()].map(([a, b]) => ({
      type: 'Feature',
      properties: { name: `${places[a]!.name} – ${places[b]!.name}`, illustrative: true },
      geometry: { type: 'LineString', coordinates: [places[a]!.position, places[b]!.position] },
    })),
  };
}
