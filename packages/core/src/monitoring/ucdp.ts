import { type VaguenessTable, vaguenessFrom } from './rules.ts';
import { CATEGORIES, type Category, type Observation, type Tolerance } from './types.ts';
import { type ObservationError, validateObservation } from './validate.ts';

const DAY_MS = 86_400_000;

/**
 * Uncertainty radius for each UCDP GED `where_prec` (codebook v23): 1 the exact place, a town
 * or village, so its built-up extent; 2 within about 25 km of a named place; 3 a second-order
 * division (a raion: up to ~3,000 km²); 4 a first-order division (an oblast: ~27,000 km²);
 * 5 a linear feature or a place between divisions; 6 the country; 7 international waters or
 * airspace.
 */
export const UCDP_RADIUS_M: Readonly<Record<string, number>> = {
  '1': 2_000,
  '2': 25_000,
  '3': 40_000,
  '4': 100_000,
  '5': 50_000,
  '6': 600_000,
  '7': 100_000,
};

/**
 * Vagueness at UCDP's own resolution: an event is precise when it names its exact place (a town,
 * `where_prec` 1) and a single day; coarser places or longer windows are vague. (The engine's
 * defaults, 4 × the tolerances, call every day-long window of category `other` vague.)
 */
export const UCDP_VAGUENESS: VaguenessTable = vaguenessFrom(
  Object.fromEntries(
    CATEGORIES.map((c) => [c, { distanceM: UCDP_RADIUS_M['1']!, timeMs: DAY_MS }]),
  ) as Record<Category, Tolerance>,
  1,
);

/** UCDP's type_of_violence: 3 (one-sided, against civilians) is civilian harm; fighting is `other`. */
const CATEGORY_BY_VIOLENCE: Readonly<Record<string, Category>> = {
  '1': 'other',
  '2': 'other',
  '3': 'civilian_harm',
};

/** A UCDP GED CSV row as csv-parse gives it with `columns: true`. */
export type UcdpRow = Readonly<Record<string, string>>;

/** The result of a conversion; rows with bad fields are listed, never thrown. */
export interface UcdpConversion {
  readonly rowsRead: number;
  readonly observations: readonly Observation[];
  /** UCDP event id of each observation, by uid: the ground truth grouping. */
  readonly eventByUid: ReadonlyMap<string, string>;
  readonly rejected: readonly {
    readonly row: number;
    readonly eventId: string;
    readonly error: ObservationError;
  }[];
}

/**
 * Turns UCDP GED events into observations, one per (event, source article): UCDP lists each
 * event's articles as `;`-joined `source_office` / `source_date` values. Each observation takes
 * its event's point with a radius from `where_prec`, the whole days from date_start to
 * date_end, and the outlet as its source (one outlet is one source, so AFP four times is not
 * four independent reports). count is the best fatality estimate, at least 1 (UCDP keeps a few
 * events with 0). uids are `ucdp-<event id>-<article index>`.
 */
export function ucdpToObservations(rows: readonly UcdpRow[]): UcdpConversion {
  const observations: Observation[] = [];
  const eventByUid = new Map<string, string>();
  const rejected: { row: number; eventId: string; error: ObservationError }[] = [];
  rows.forEach((row, index) => {
    const eventId = row['id'] ?? '';
    const offices = (row['source_office'] ?? '').split(';');
    const dates = (row['source_date'] ?? '').split(';');
    const startMs = Date.parse(`${row['date_start']}T00:00:00Z`);
    const endMs = Date.parse(`${row['date_end']}T00:00:00Z`) + DAY_MS - 1;
    const converted: Observation[] = [];
    try {
      offices.forEach((office, k) => {
        const reportedAtMs = Date.parse(`${dates[k]}T00:00:00Z`);
        converted.push(
          validateObservation({
            uid: `ucdp-${eventId}-${k}`,
            source: { kind: 'osint', id: office.trim() || 'unknown outlet', nation: 'XXX' },
            time: { startMs, endMs },
            category: CATEGORY_BY_VIOLENCE[row['type_of_violence'] ?? ''] ?? row['type_of_violence'],
            count: Math.max(1, Number(row['best'])),
            location: {
              kind: 'point',
              position: [Number(row['longitude']), Number(row['latitude'])],
              radiusM: UCDP_RADIUS_M[row['where_prec'] ?? ''] ?? Number.NaN,
            },
            reportedAtMs: Number.isNaN(reportedAtMs) ? endMs : reportedAtMs,
            remarks: `${row['dyad_name']}: ${row['where_description']}`,
          }),
        );
      });
    } catch (error) {
      rejected.push({ row: index, eventId, error: error as ObservationError });
      return;
    }
    for (const o of converted) {
      observations.push(o);
      eventByUid.set(o.uid, eventId);
    }
  });
  return { rowsRead: rows.length, observations, eventByUid, rejected };
}

/** Pairwise agreement of a partition with a ground-truth grouping. */
export interface PairScores {
  /** Pairs in one incident that are also in one true event, over pairs in one incident. */
  readonly precision: number;
  /** Pairs in one true event that are also in one incident, over pairs in one true event. */
  readonly recall: number;
  readonly truePairs: number;
  readonly predictedPairs: number;
  readonly agreeingPairs: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/** Pairwise precision and recall of `partition` against `truth` (label by uid), in O(n). */
export function pairwiseScores(
  partition: readonly (readonly string[])[],
  truth: ReadonlyMap<string, string>,
): PairScores {
  const trueSizes = new Map<string, number>();
  for (const label of truth.values()) trueSizes.set(label, (trueSizes.get(label) ?? 0) + 1);
  let predictedPairs = 0;
  let agreeingPairs = 0;
  for (const group of partition) {
    predictedPairs += pairs(group.length);
    const cell = new Map<string, number>();
    for (const uid of group) cell.set(truth.get(uid)!, (cell.get(truth.get(uid)!) ?? 0) + 1);
    for (const n of cell.values()) agreeingPairs += pairs(n);
  }
  const truePairs = [...trueSizes.values()].reduce((s, n) => s + pairs(n), 0);
  return {
    precision: predictedPairs === 0 ? 1 : agreeingPairs / predictedPairs,
    recall: truePairs === 0 ? 1 : agreeingPairs / truePairs,
    truePairs,
    predictedPairs,
    agreeingPairs,
  };
}
