/**
 * The near-limit reference for the pure-spatial case: batch single linkage over a static
 * kdbush index. It knows every point in advance, so it needs no streaming, no resends and no
 * time; it answers only "which points are within maxDistanceM of each other, transitively".
 * Plain loops and module-level functions only: a closure made per call is a new function each
 * time, and V8 discards optimised code that calls a dead one, which would slow this reference
 * down between runs.
 */
import KDBush from 'kdbush';
import { EARTH_RADIUS_M, haversineM, type LngLat } from '../packages/core/src/monitoring/index.ts';

function find(parent: Int32Array, x: number): number {
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]!]!;
    x = parent[x]!;
  }
  return x;
}

/** Component label of each point: the smallest index in its component. */
export function kdbushSingleLinkage(points: readonly LngLat[], maxDistanceM: number): Int32Array {
  const index = new KDBush(points.length);
  for (const [lng, lat] of points) index.add(lng, lat);
  index.finish();
  const parent = new Int32Array(points.length);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const dLat = ((maxDistanceM / EARTH_RADIUS_M) * 180) / Math.PI;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const dLng = dLat / Math.cos(((Math.abs(p[1]) + dLat) * Math.PI) / 180);
    const near = index.range(p[0] - dLng, p[1] - dLat, p[0] + dLng, p[1] + dLat);
    for (let n = 0; n < near.length; n++) {
      const j = near[n]!;
      if (j <= i || haversineM(p, points[j]!) > maxDistanceM) continue;
      const a = find(parent, i);
      const b = find(parent, j);
      // The smaller index as root makes the root the component's label.
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  for (let i = 0; i < parent.length; i++) parent[i] = find(parent, i);
  return parent;
}
