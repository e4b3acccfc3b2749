/** Synthetic monitoring reports along a line of contact, deterministic for a given seed. */

import { seededRandom } from '../packages/core/src/demo/random.ts';
import {
  CATEGORIES as ALL_CATEGORIES,
  type Category,
  type LngLat,
  type Observation,
  type SourceKind,
  type ToleranceTable,
} from '../packages/core/src/monitoring/index.ts';

/** Roughly the 2023 line of contact, Kupiansk to the Dnipro mouth, [lng, lat]. */
export const LINE_OF_CONTACT: readonly LngLat[] = [
  [37.5, 49.9],
  [38.0, 48.6],
  [37.75, 48.14],
  [37.25, 47.78],
  [35.8, 47.45],
  [33.0, 46.6],
];

const M_PER_DEG = 111_195;
const T0 = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 86_400_000;
const CATEGORIES: readonly Category[] = [
  'explosion_impact',
  'explosion_undetermined',
  'explosion_outgoing',
  'muzzle_flash',
  'burst_and_shots',
  'heavy_weapon_sighting',
  'uav_overflight',
];
const KINDS: readonly SourceKind[] = [
  'patrol',
  'patrol',
  'patrol',
  'uav',
  'acoustic',
  'camera',
  'party_claim',
];

/** Event sites: a point of the line (by length), pushed off it by a normal offset of σ = 10 km. */
export function sites(n: number, seed: number): LngLat[] {
  const rnd = seededRandom(seed).next;
  const lengths = LINE_OF_CONTACT.slice(1).map((b, i) => {
    const a = LINE_OF_CONTACT[i]!;
    return Math.hypot((b[0] - a[0]) * Math.cos((a[1] * Math.PI) / 180), b[1] - a[1]);
  });
  const total = lengths.reduce((s, l) => s + l, 0);
  const out: LngLat[] = [];
  for (let i = 0; i < n; i++) {
    let at = rnd() * total;
    let k = 0;
    while (at > lengths[k]! && k < lengths.length - 1) at -= lengths[k++]!;
    const [a, b] = [LINE_OF_CONTACT[k]!, LINE_OF_CONTACT[k + 1]!];
    const t = at / lengths[k]!;
    const gauss = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    const offM = gauss * 10_000;
    const lat = a[1] + t * (b[1] - a[1]);
    const cos = Math.cos((lat * Math.PI) / 180);
    // Perpendicular to the segment, in metres, back to degrees.
    const [dx, dy] = [(b[0] - a[0]) * cos, b[1] - a[1]];
    const len = Math.hypot(dx, dy);
    out.push([
      a[0] + t * (b[0] - a[0]) + ((-dy / len) * offM) / M_PER_DEG / cos,
      lat + ((dx / len) * offM) / M_PER_DEG,
    ]);
  }
  return out;
}

/**
 * n observations of about n/3.5 events over one year: each event is reported 1–6 times by
 * patrols, drones, sensors and party claims, as points (50–500 m) within 300 m and 3 minutes
 * of it, one in five as a bearing from 3–8 km away.
 */
export function observations(n: number, seed: number): Observation[] {
  return Array.from(observationStream(n, seed));
}

/** The reports of `observations(n, seed)`, one at a time, without holding them. */
export function* observationStream(n: number, seed: number): Generator<Observation> {
  const rnd = seededRandom(seed + 1).next;
  const places = sites(Math.ceil(n / 3.5) + 1, seed);
  let made = 0;
  for (let e = 0; made < n; e++) {
    const site = places[e % places.length]!;
    const cos = Math.cos((site[1] * Math.PI) / 180);
    const atMs = T0 + Math.floor(rnd() * YEAR_MS);
    const category = CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!;
    const count = 1 + Math.floor(rnd() * 20);
    const reports = 1 + Math.floor(rnd() * 6);
    for (let r = 0; r < reports && made < n; r++) {
      const kind = KINDS[Math.floor(rnd() * KINDS.length)]!;
      const tMs = atMs + Math.floor((rnd() - 0.5) * 360_000);
      const jitter: LngLat = [
        site[0] + ((rnd() - 0.5) * 600) / M_PER_DEG / cos,
        site[1] + ((rnd() - 0.5) * 600) / M_PER_DEG,
      ];
      let location: Observation['location'];
      if (rnd() < 0.2) {
        const fromDeg = rnd() * 360;
        const distanceM = 3000 + rnd() * 5000;
        const rad = (fromDeg * Math.PI) / 180;
        const observer: LngLat = [
          jitter[0] + (Math.sin(rad) * distanceM) / M_PER_DEG / cos,
          jitter[1] + (Math.cos(rad) * distanceM) / M_PER_DEG,
        ];
        location = {
          kind: 'bearing',
          observer,
          bearingDeg: (fromDeg + 180 + (rnd() - 0.5) * 4) % 360,
          spreadDeg: 2 + rnd() * 3,
          minDistanceM: distanceM - 1500,
          maxDistanceM: distanceM + 1500,
        };
      } else location = { kind: 'point', position: jitter, radiusM: 50 + Math.floor(rnd() * 450) };
      yield {
        uid: `obs-${String(made++).padStart(7, '0')}`,
        source: {
          kind,
          id: `${kind}-${Math.floor(rnd() * 500)}`,
          nation: kind === 'party_claim' ? 'RUS' : 'FRA',
        },
        time: { startMs: tMs, endMs: tMs + (rnd() < 0.3 ? 300_000 : 0) },
        category,
        count,
        location,
        reportedAtMs: tMs + 600_000,
      };
    }
  }
}

/** The pure-spatial case's join distance: single linkage within EPS_M metres. */
export const EPS_M = 250;

/** Every category joins within EPS_M and at the same instant: incidents are plain single linkage. */
export const SPATIAL: ToleranceTable = Object.fromEntries(
  ALL_CATEGORIES.map((c) => [c, { distanceM: EPS_M, timeMs: 0 }]),
) as ToleranceTable;

/**
 * The pure-spatial case of n points (the places of `observations(n, 7)`): the coordinates for
 * kdbush and turf, and the same points as Observations for the engine (uid = index, radius 0,
 * one instant, one category).
 */
export function spatialCase(n: number): { points: LngLat[]; list: Observation[] } {
  const points = observations(n, 7).map((o) =>
    o.location.kind === 'point' ? o.location.position : o.location.observer,
  );
  const list: Observation[] = points.map((position, i) => ({
    uid: String(i).padStart(8, '0'),
    source: { kind: 'patrol', id: `p${i}`, nation: 'FRA' },
    time: { startMs: 0, endMs: 0 },
    category: 'other',
    count: 1,
    location: { kind: 'point', position, radiusM: 0 },
    reportedAtMs: 0,
  }));
  return { points, list };
}

/** The one place of the dense burst: a town on the line of contact (Avdiivka), [lng, lat]. */
export const DENSE_SITE: LngLat = [37.75, 48.14];

/**
 * A dense burst: n reports of one place, all within 1 km and 1 h of it (a town shelled for an
 * hour, every patrol, drone and sensor reporting), with the mix of categories, sources, points
 * and bearings of `observationStream`. Most of them join into a few very large incidents.
 */
export function* denseStream(n: number, seed: number): Generator<Observation> {
  const rnd = seededRandom(seed + 2).next;
  const [lng0, lat0] = DENSE_SITE;
  const cos = Math.cos((lat0 * Math.PI) / 180);
  const T = Date.UTC(2025, 5, 1, 3);
  for (let made = 0; made < n; made++) {
    const kind = KINDS[Math.floor(rnd() * KINDS.length)]!;
    const category = CATEGORIES[Math.floor(rnd() * CATEGORIES.length)]!;
    const tMs = T + Math.floor(rnd() * 3_300_000);
    // Within 500 m of the site in each direction, so every report lies within 1 km of every other.
    const at: LngLat = [
      lng0 + ((rnd() - 0.5) * 700) / M_PER_DEG / cos,
      lat0 + ((rnd() - 0.5) * 700) / M_PER_DEG,
    ];
    let location: Observation['location'];
    if (rnd() < 0.2) {
      const fromDeg = rnd() * 360;
      const distanceM = 3000 + rnd() * 5000;
      const rad = (fromDeg * Math.PI) / 180;
      const observer: LngLat = [
        at[0] + (Math.sin(rad) * distanceM) / M_PER_DEG / cos,
        at[1] + (Math.cos(rad) * distanceM) / M_PER_DEG,
      ];
      location = {
        kind: 'bearing',
        observer,
        bearingDeg: (fromDeg + 180 + (rnd() - 0.5) * 4) % 360,
        spreadDeg: 2 + rnd() * 3,
        minDistanceM: distanceM - 1500,
        maxDistanceM: distanceM + 1500,
      };
    } else location = { kind: 'point', position: at, radiusM: 50 + Math.floor(rnd() * 100) };
    yield {
      uid: `obs-${String(made).padStart(7, '0')}`,
      source: {
        kind,
        id: `${kind}-${Math.floor(rnd() * 500)}`,
        nation: kind === 'party_claim' ? 'RUS' : 'FRA',
      },
      time: { startMs: tMs, endMs: tMs + (rnd() < 0.3 ? 300_000 : 0) },
      category,
      count: 1 + Math.floor(rnd() * 20),
      location,
      reportedAtMs: tMs + 600_000,
    };
  }
}

/** `denseStream(n, seed)`, held. */
export function denseObservations(n: number, seed: number): Observation[] {
  return Array.from(denseStream(n, seed));
}
