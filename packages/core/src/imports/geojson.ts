import { checkedRows, type ImportInput, type ImportOptions, textPieces } from './input.ts';
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
  return checkedRows(geoJsonRows(input, options.reportedAtMs, progress), progress, options.onProgress);
}

async function* geoJsonRows(
  input: ImportInput,
  reportedAtMs: number,
  progress: { bytesRead: number },
): AsyncGenerator<ImportRowResult> {
  let text = '';
  for await (const piece of textPieces(input, progress)) text += piece;
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    yield { ok: false, row: 0, field: 'file', reason: `not JSON: ${(error as Error).message}` };
    return;
  }
  const features =
    isObject(document) && document['type'] === 'FeatureCollection' ? document['features'] : undefined;
  if (!Array.isArray(features)) {
    yield {
      ok: false,
      row: 0,
      field: 'file',
      reason: 'not a GeoJSON FeatureCollection with a features array',
    };
    return;
  }
  for (const [index, feature] of features.entries()) {
    const row = index + 1;
    const geometry = isObject(feature) ? feature['geometry'] : undefined;
    const coordinates =
      isObject(geometry) && geometry['type'] === 'Point' ? geometry['coordinates'] : undefined;
    if (!Array.isArray(coordinates) || coordinates.length < 2) {
      yield { ok: false, row, field: 'geometry', reason: 'must be a Point with [longitude, latitude]' };
      continue;
    }
    const properties = isObject(feature) && isObject(feature['properties']) ? feature['properties'] : {};
    const bearing = properties['bearing_deg'] !== undefined && properties['bearing_deg'] !== null;
    const position: Partial<Record<ImportColumn, unknown>> = bearing
      ? { observer_lng: coordinates[0], observer_lat: coordinates[1] }
      : { lng: coordinates[0], lat: coordinates[1] };
    const id = isObject(feature) ? feature['id'] : undefined;
    yield rowToObservation(
      (column) => {
        const value = position[column] ?? properties[column] ?? (column === 'uid' ? id : undefined);
        if (value === undefined || value === null) return undefined;
        // A nested object or array in a property is a mistake worth naming, not "[object Object]".
        return typeof value === 'number' || typeof value === 'string' ? value : JSON.stringify(value);
      },
      row,
      reportedAtMs,
    );
  }
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
