/**
 * A synthetic set shaped like real multi-source event data (ACLED- or UCDP-like): events at
 * exact places (towns), each dated to a day, each told by several sources; many towns are hit
 * on consecutive days, so distinct events sit at one place a day apart. Used by the fusion
 * precision test and `bench/fusion.ts`. Seeded: the same seed gives the same set.
 */
import { seededRandom } from '@guarantor/core/demo';
import type { Category, Observation } from '@guarantor/core/monitoring';

const DAY_MS = 86_400_000;
/** 1 May 2026 00:00 in Kyiv (UTC+3 in summer). */
const FIRST_DAY_MS = Date.UTC(2026, 3, 30, 21);

/** How a producer writes a day: to its last millisecond, or to the next midnight (touching). */
export type DayWriting = 'last-millisecond' | 'next-midnight';

export interface DayReportSet {
  readonly observations: readonly Observation[];
  /** The true event of each observation, by uid. */
  readonly eventOf: ReadonlyMap<string, string>;
  readonly events: number;
}

const CATEGORIES: readonly Category[] = [
  'explosion_impact',
  'explosion_impact',
  'explosion_impact',
  'burst_and_shots',
  'civilian_harm',
  'uav_overflight',
];

/**
 * `places` towns at least 8 km apart in eastern Ukraine over `days` days; each town is hit on
 * runs of consecutive days; each event is told by 1–4 sources, each placing it at the town's
 * point (half of them a few hundred metres off, as geocoders differ) with a 2 km radius.
 */
export function dayReports(
  seed: number,
  places = 80,
  days = 30,
  writing: DayWriting = 'last-millisecond',
): DayReportSet {
  const random = seededRandom(seed);
  const towns: [number, number][] = [];
  while (towns.length < places) {
    const town: [number, number] = [random.between(35.5, 39.5), random.between(46.8, 49.8)];
    // 8 km apart at least: 0.1° of latitude is 11 km, of longitude at 48° about 7.4 km.
    if (towns.every(([lng, lat]) => Math.hypot((lng - town[0]) * 0.67, lat - town[1]) > 0.075))
      towns.push(town);
  }
  const observations: Observation[] = [];
  const eventOf = new Map<string, string>();
  let events = 0;
  towns.forEach(([lng, lat], t) => {
    let day = random.int(0, 5);
    while (day < days) {
      const run = random.int(1, 4);
      for (let d = day; d < Math.min(days, day + run); d++) {
        const event = `t${t}-d${d}`;
        events++;
        const category = random.pick(CATEGORIES);
        const startMs = FIRST_DAY_MS + d * DAY_MS;
        const endMs = writing === 'last-millisecond' ? startMs + DAY_MS - 1 : startMs + DAY_MS;
        const sources = random.int(1, 4);
        for (let s = 0; s < sources; s++) {
          const offset = random.chance(0.5) ? 0.004 : 0;
          const uid = `${event}-s${s}`;
          eventOf.set(uid, event);
          observations.push({
            uid,
            source: { kind: 'osint', id: `outlet-${s}`, nation: 'UKR' },
            time: { startMs, endMs },
            category,
            count: 1,
            location: {
              kind: 'point',
              position: [lng + random.between(-offset, offset), lat + random.between(-offset, offset)],
              radiusM: 2000,
            },
            reportedAtMs: endMs,
          });
        }
      }
      day += run + random.int(1, 6);
    }
  });
  return { observations, eventOf, events };
}
