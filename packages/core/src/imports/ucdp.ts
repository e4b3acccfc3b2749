/** UCDP GED: how its rows become observations (places, dates, categories, vagueness) and the CSV reader that streams them. */
import { reasoned, said } from '../i18n/reasons/index.ts';
import { type VaguenessTable, vaguenessFrom } from '../monitoring/rules.ts';
import { CATEGORIES, type Category, type Observation, type Tolerance } from '../monitoring/types.ts';
import { type ObservationError, validateObservation } from '../monitoring/validate.ts';
import { csvTable } from './csv.ts';
import { checkedRows, type ImportInput, type ImportOptions } from './input.ts';
import type { ImportRowResult } from './observation-row.ts';

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

/** The UCDP GED columns the conversion reads. */
export const UCDP_COLUMNS = [
  'id',
  'type_of_violence',
  'dyad_name',
  'source_office',
  'source_date',
  'where_prec',
  'where_description',
  'latitude',
  'longitude',
  'date_start',
  'date_end',
  'best',
] as const;

/** Observation paths back to the UCDP column a user can look up. */
const UCDP_COLUMN_OF_PATH: Readonly<Record<string, string>> = {
  'source.id': 'source_office',
  'time.startMs': 'date_start',
  'time.endMs': 'date_end',
  category: 'type_of_violence',
  count: 'best',
  'location.position[0]': 'longitude',
  'location.position[1]': 'latitude',
  'location.radiusM': 'where_prec',
  reportedAtMs: 'source_date',
};

/**
 * Read a UCDP GED CSV: each event row becomes one observation per source article, by the
 * monitoring conversion (`ucdpToObservations`); so one row may give several results, and
 * `rowsRead` counts (event, article) pairs. Rows are converted as they are read.
 * The import time is not used: UCDP dates each article itself.
 */
export function readUcdpObservations(
  input: ImportInput,
  options: ImportOptions,
): AsyncGenerator<ImportRowResult> {
  const progress = { bytesRead: 0 };
  return checkedRows(ucdpRows(input, progress, options), progress, options.onProgress);
}

async function* ucdpRows(
  input: ImportInput,
  progress: { bytesRead: number },
  options: ImportOptions,
): AsyncGenerator<ImportRowResult> {
  const table = csvTable(
    input,
    progress,
    UCDP_COLUMNS,
    (columns) => {
      const missing = UCDP_COLUMNS.filter((column) => !columns.has(column));
      return missing.length > 0
        ? reasoned({ field: missing[0]! }, said('importChecks.notUcdp', { columns: missing.join(', ') }))
        : undefined;
    },
    options,
  );
  for await (const row of table) {
    if (!('cells' in row)) {
      yield row;
      continue;
    }
    const conversion = ucdpToObservations([row.cells]);
    for (const observation of conversion.observations) yield { ok: true, row: row.line, observation };
    for (const { error } of conversion.rejected) {
      yield {
        ok: false,
        row: row.line,
        field: UCDP_COLUMN_OF_PATH[error.field] ?? error.field,
        reason: error.message.replace(/^observation rejected: [^:]+: /, ''),
      };
    }
  }
}
