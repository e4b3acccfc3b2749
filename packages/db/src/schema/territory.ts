/** The territory tables (migration 0017) as Kysely sees them. */
import type { ColumnType, Generated } from 'kysely';
import type { Labelled } from './foundation.ts';

/** One imported version of the area a side held on a date (0017_control_areas); never updated. */
export interface ControlAreaVersionTable extends Labelled {
  // bigint: node-postgres reads it as text, PGlite as a number; read it through Number().
  id: Generated<number>;
  side: 'occupied' | 'government';
  as_of: ColumnType<Date | string, string, string>;
  version: number;
  source: string;
  file_name: string | null;
  geom: ColumnType<unknown, string, never>;
  area_km2: number;
  features_read: number;
  features_taken: number;
  report: ColumnType<unknown, string, never>;
  imported_by: string;
  imported_at: Date;
}

/** One saved version of a land option (0020_land_options); never updated. */
export interface LandOptionVersionTable extends Labelled {
  // bigint: node-postgres reads it as text, PGlite as a number; read it through Number().
  id: Generated<number>;
  option_key: string;
  version: number;
  name: string;
  description: string;
  kind: 'line' | 'area';
  geom: ColumnType<unknown, string, never>;
  occupied_side: 'left' | 'right' | null;
  report: ColumnType<unknown, string, string>;
  created_by: string;
  created_at: Date;
}

/** Reference outlines other than the units: `ukraine_land` (0020). */
export interface TerritoryOutlineTable {
  name: string;
  geom: ColumnType<unknown, string, string>;
}

/** Population per first-level unit, loaded by the CLI (0020). */
export interface UnitPopulationTable {
  code: string;
  population: ColumnType<number | string, number, number>;
  year: number;
  source: string;
  loaded_at: Date;
}
