import { fromPlane, haversineM, type PlaneXY, toPlane } from './geo.ts';
import type { BearingLocation, LngLat } from './types.ts';

/** A position with an uncertainty radius, metres. */
export interface Fix {
  readonly position: LngLat;
  readonly radiusM: number;
}

const RAD = Math.PI / 180;

/**
 * The weighted least-squares crossing of two or more bearing lines from different observers,
 * in a tangent plane about the observers' mean. Each line is weighted by 1/σ², σ being its
 * spread's perpendicular width at the estimated range (refined three times). Undefined when
 * the observers coincide, the lines are near parallel, or the crossing lies behind an observer.
 *
 * The radius is a bound, not a standard deviation: if every true bearing lies within its
 * spread, the true point lies within it. The estimate's error is Σ wᵢA⁻¹nᵢeᵢ, where eᵢ, the
 * true point's offset from line i, is at most rangeᵢ·sin spreadᵢ; the radius is the largest
 * such sum, plus 1 m and 0.1 % of the range for the tangent plane's distortion.
 */
export function triangulate(bearings: readonly BearingLocation[]): Fix | undefined {
  const observers = bearings.map((b) => b.observer);
  if (!observers.some((o) => haversineM(o, observers[0]!) > 1)) return undefined;
  const origin: LngLat = [
    observers.reduce((s, o) => s + o[0], 0) / observers.length,
    observers.reduce((s, o) => s + o[1], 0) / observers.length,
  ];
  const lines = bearings.map((b) => {
    const o = toPlane(b.observer, origin);
    const t = b.bearingDeg * RAD;
    return { o, u: [Math.sin(t), Math.cos(t)] as PlaneXY, n: [Math.cos(t), -Math.sin(t)] as PlaneXY, b };
  });
  let ranges = bearings.map((b) => Math.max(1, (b.minDistanceM + b.maxDistanceM) / 2));
  let p: PlaneXY = [0, 0];
  let weights: number[] = [];
  let inv = [0, 0, 0];
  for (let iteration = 0; iteration < 3; iteration++) {
    weights = lines.map(({ b }, i) => 1 / Math.max(1, ranges[i]! * Math.tan(b.spreadDeg * RAD)) ** 2);
    let a00 = 0;
    let a01 = 0;
    let a11 = 0;
    let c0 = 0;
    let c1 = 0;
    lines.forEach(({ o, n }, i) => {
      const w = weights[i]!;
      const d = n[0] * o[0] + n[1] * o[1];
      a00 += w * n[0] * n[0];
      a01 += w * n[0] * n[1];
      a11 += w * n[1] * n[1];
      c0 += w * n[0] * d;
      c1 += w * n[1] * d;
    });
    const det = a00 * a11 - a01 * a01;
    // Near-parallel lines: the crossing is ill-defined along their common direction.
    if (det <= 1e-6 * (a00 + a11) ** 2) return undefined;
    inv = [a11 / det, -a01 / det, a00 / det];
    p = [inv[0]! * c0 + inv[1]! * c1, inv[1]! * c0 + inv[2]! * c1];
    const estimate = p;
    ranges = lines.map(({ o }) => Math.max(1, Math.hypot(estimate[0] - o[0], estimate[1] - o[1])));
  }
  if (lines.some(({ o, u }) => u[0] * (p[0] - o[0]) + u[1] * (p[1] - o[1]) <= 0)) return undefined;
  // Each line's worst offset moves the estimate along cᵢ = wᵢA⁻¹nᵢ; the worst case of their sum
  // is at a corner of the box of offsets (enumerated up to 10 lines, else the triangle bound).
  const pulls = lines.map(({ n, b }, i) => {
    const s = Math.sin(b.spreadDeg * RAD);
    const c: PlaneXY = [
      weights[i]! * (inv[0]! * n[0] + inv[1]! * n[1]),
      weights[i]! * (inv[1]! * n[0] + inv[2]! * n[1]),
    ];
    return { c, s, r: ranges[i]! };
  });
  let worst = 0;
  if (pulls.length <= 10) {
    for (let signs = 0; signs < 1 << pulls.length; signs++) {
      let x = 0;
      let y = 0;
      pulls.forEach(({ c, s, r }, i) => {
        const e = (signs >> i) & 1 ? s * r : -s * r;
        x += c[0] * e;
        y += c[1] * e;
      });
      worst = Math.max(worst, Math.hypot(x, y));
    }
  } else worst = pulls.reduce((sum, { c, s, r }) => sum + Math.hypot(c[0], c[1]) * s * r, 0);
  // The true range exceeds the estimated one by at most the error itself: hence the 1 / (1 − h).
  const h = pulls.reduce((sum, { c, s }) => sum + Math.hypot(c[0], c[1]) * s, 0);
  if (h >= 0.5) return undefined;
  return { position: fromPlane(p, origin), radiusM: worst / (1 - h) + 1 + 0.001 * Math.max(...ranges) };
}
