/** Imports of observations from files: the generic CSV layout, GeoJSON and UCDP GED, with per-row results. */
export { MAX_CSV_ROW_CHARS, readCsvObservations } from './csv.ts';
export { readGeoJsonObservations } from './geojson.ts';
export {
  collectImport,
  type ImportInput,
  type ImportOptions,
  type ImportProgress,
  type ImportRejection,
  type ImportReport,
} from './input.ts';
export {
  BEARING_COLUMNS,
  DEFAULT_RADIUS_M,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportRowResult,
  POINT_COLUMNS,
  REQUIRED_COLUMNS,
} from './observation-row.ts';
export { parseIsoInstantMs } from './time.ts';
export { readUcdpObservations, UCDP_COLUMNS } from './ucdp.ts';
