/** The zone tables (migrations 0003, 0011) as Kysely sees them. */
import type { ZoneKind } from '@guarantor/core/zones';
import type { ColumnType, Generated } from 'kysely';
import type { Labelled } from './foundation.ts';

export interface ZoneTable extends Labelled {
  id: string;
  kind: ZoneKind;
  name: string;
  weapon_classes: string[];
  geom: ColumnType<unknown, string, string>;
  version: Generated<number>;
  valid_from: Date | null;
  valid_to: Date | null;
  illustrative: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface ViolationRuleTable extends Labelled {
  id: string;
  version: number;
  definition: ColumnType<unknown, string, string>;
  active: boolean;
  created_by: string;
  created_at: Date;
}

export interface SourceStatusTable extends Labelled {
  day: ColumnType<Date | string, string, string>;
  source_id: string;
  source_kind: string;
  status: 'active' | 'degraded' | 'down';
  sectors: string[];
  note: string | null;
  recorded_by: string;
  recorded_at: Date;
}

/** 3W presence per first-level unit and source file (0013_humanitarian_presence). */
export interface HumanitarianPresenceTable extends Labelled {
  source: string;
  region_code: string;
  organisations: string[];
  organisation_count: number | null;
  sectors: string[];
  people_reached: ColumnType<string | null, number | null, number | null>;
  imported_by: string;
  imported_at: Date;
}
