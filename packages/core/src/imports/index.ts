/** Imports of observations from files: the generic CSV layout, any layout through a column mapping, spreadsheets, GeoJSON and UCDP GED, with per-row results. */
export {
  csvRecords,
  MAX_CSV_ROW_CHARS,
  MAX_ROWS_ABOVE_HEADER,
  readCsvObservations,
  readTableObservations,
} from './csv.ts';
export { readGeoJsonObservations } from './geojson.ts';
export {
  type HxlColumn,
  type HxlTable,
  hxlJsonRecords,
  hxlPresence,
  isoOfPcode,
  MAX_HXL_HEADER_ROWS,
  type PresenceProblem,
  type PresenceReading,
  type PresenceRow,
  parseHashtag,
  readHxlTable,
} from './hxl.ts';
export {
  collectImport,
  ImportFileError,
  type ImportInput,
  type ImportOptions,
  type ImportProgress,
  type ImportRejection,
  type ImportReport,
} from './input.ts';
export {
  type Cells,
  type FieldSource,
  fnv1a64,
  type ImportMapping,
  type ImportPreset,
  inlineValueTable,
  MappingError,
  type MappingFlags,
  mappingFromFlags,
  mappingProblems,
  parseImportPreset,
} from './mapping.ts';
export {
  BEARING_COLUMNS,
  DEFAULT_RADIUS_M,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportRowResult,
  POINT_COLUMNS,
  REQUIRED_COLUMNS,
} from './observation-row.ts';
export {
  type DateOrder,
  isTimeZone,
  parseIsoInstantMs,
  type ReadTime,
  readTime,
  type TimeReading,
} from './time.ts';
export { CSV_DELIMITERS, type CsvDelimiter, type CsvRecord } from './tokenizer.ts';
export { readUcdpObservations, UCDP_COLUMNS } from './ucdp.ts';
