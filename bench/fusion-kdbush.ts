/**
 * The near-limit reference for the pure-spatial case: batch single linkage over a static
 * kdbush index. It knows every point in advance, so it needs no streaming, no resends and no
 * time; it answers only "which points are within maxDistanceM of each other, transitively".
 */
import KDBush from 'kdbush';
import { EARTH_RADIUS_M, haversineM, type LngLat } from '../packages/core/src/monitoring/index.ts';

/** Component label of each point: the smallest index in its component. */
export function kdbushSingleLinkage(points: readonly LngLat[], maxDistanceM: number): Int32Array {
  const index = new KDBush(points.length);
  for (const [lng, lat] of points) index.add(lng, lat);
  index.finish();
  const parent = new Int32Array(points.length).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const dLat = ((maxDistanceM / EARTH_RADIUS_M) * 180) / Math.PI;
  points.forEach((p, i) => {
    const dLng = dLat / Math.cos(((Math.abs(p[1]) + dLat) * Math.PI) / 180);
    for (const j of index.range(p[0] - dLng, p[1] - dLat, p[0] + dLng, p[1] + dLat)) {
      if (j <= i || haversineM(p, points[j]!) > maxDistanceM) continue;
      const [a, b] = [find(i), find(j)];
      // The smaller index as root makes the root the component's label.
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  });
  return parent.map((_, i) => find(i));
}
