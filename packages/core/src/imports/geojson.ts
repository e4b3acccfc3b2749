import { reasoned, said } from '../i18n/reasons/index.ts';
import { checkedRows, ImportFileError, type ImportInput, type ImportOptions, textPieces } from './input.ts';
import { MappingError, mappedValues, sourceColumn, timeReadingOf } from './mapping.ts';
import { type ImportColumn, type ImportRowResult, rowToObservation } from './observation-row.ts';

/**
 * Read a GeoJSON FeatureCollection of Point features into observations; properties use
 * the generic layout's names (docs/import-csv.md) and the geometry gives lng/lat, or the
 * observer when the bearing properties are present. `row` is the feature's 1-based
 * position. JSON cannot be parsed in pieces without a streaming parser, so the text is
 * gathered first; a file that is not a FeatureCollection yields one rejection.
 */
export function readGeoJsonObservations(
  input: ImportInput,
  options: ImportOptions,
): AsyncGenerator<ImportRowResult> {
  const progress = { bytesRead: 0 };
  return checkedRows(geoJsonRows(input, options, progress), progress, options.onProgress);
}

async function* geoJsonRows(
  input: ImportInput,
  options: ImportOptions,
  progress: { bytesRead: number },
): AsyncGenerator<ImportRowResult> {
  const mapping = options.mapping;
  const reading = {
    time: timeReadingOf(mapping, options.time),
    columnOf: (field: ImportColumn) => sourceColumn(mapping, field) ?? field,
  };
  let text = '';
  try {
    for await (const piece of textPieces(input, progress, options)) text += piece;
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    yield reasoned(
      { ok: false, row: 0, field: 'file' },
      { reason: error.message, refusal: error.refusal },
      { refused: true },
    );
    return;
  }
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    yield reasoned(
      { ok: false, row: 0, field: 'file' },
      said('importChecks.notJson', { why: (error as Error).message }),
      { refused: true },
    );
    return;
  }
  const features =
    isObject(document) && document['type'] === 'FeatureCollection' ? document['features'] : undefined;
  if (!Array.isArray(features)) {
    yield reasoned({ ok: false, row: 0, field: 'file' }, said('importChecks.notFeatureCollection'), {
      refused: true,
    });
    return;
  }
  for (const [index, feature] of features.entries()) {
    const row = index + 1;
    const geometry = isObject(feature) ? feature['geometry'] : undefined;
    const coordinates =
      isObject(geometry) && geometry['type'] === 'Point' ? geometry['coordinates'] : undefined;
    if (!Array.isArray(coordinates) || coordinates.length < 2) {
      yield reasoned({ ok: false, row, field: 'geometry' }, said('importChecks.notPoint'));
      continue;
    }
    const given = isObject(feature) && isObject(feature['properties']) ? feature['properties'] : {};
    // Property names are read case-blind, as CSV headers are.
    const properties = new Map(Object.entries(given).map(([k, v]) => [k.toLowerCase(), v]));
    const bearingColumn = sourceColumn(mapping, 'bearing_deg') ?? 'bearing_deg';
    const bearing = properties.get(bearingColumn) !== undefined && properties.get(bearingColumn) !== null;
    const position: Partial<Record<string, unknown>> = bearing
      ? {
          [sourceColumn(mapping, 'observer_lng') ?? 'observer_lng']: coordinates[0],
          [sourceColumn(mapping, 'observer_lat') ?? 'observer_lat']: coordinates[1],
        }
      : {
          [sourceColumn(mapping, 'lng') ?? 'lng']: coordinates[0],
          [sourceColumn(mapping, 'lat') ?? 'lat']: coordinates[1],
        };
    const id = isObject(feature) ? feature['id'] : undefined;
    const cells = (column: string) => {
      const value = position[column] ?? properties.get(column) ?? (column === 'uid' ? id : undefined);
      if (value === undefined || value === null) return undefined;
      // A nested object or array in a property is a mistake worth naming, not "[object Object]".
      return typeof value === 'number' || typeof value === 'string' ? value : JSON.stringify(value);
    };
    try {
      yield rowToObservation(mappedValues(mapping, cells), row, options.reportedAtMs, reading);
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      yield reasoned(
        { ok: false, row, field: error.column },
        { reason: error.message, refusal: error.refusal },
      );
    }
  }
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
