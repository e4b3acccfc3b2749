/** The foundation tables (migrations 0001, 0007, 0009, 0010, 0022) as Kysely sees them. */
import type { ColumnType, Generated } from 'kysely';

/** Columns every releasability-labelled table has. */
export interface Labelled {
  rel_kind: 'PUBLIC' | 'COALITION' | 'REL' | 'NATIONAL';
  rel_nations: string[];
}

/** A PostGIS geometry column: written from a PostGIS expression (`../postgis.ts`), read through one. */
export type Geometry = ColumnType<unknown, string | null, string | null>;

export interface RegionTable {
  code: string;
  name_en: string;
  name_uk: string | null;
  kind: string;
  geom: Geometry;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  nation: string;
  roles: string[];
  created_at: Generated<Date>;
  disabled_at: Date | null;
  /** The language the user chose (0022_user_language), null until they choose. */
  language: ColumnType<
    'en' | 'uk' | 'fr' | null,
    'en' | 'uk' | 'fr' | null | undefined,
    'en' | 'uk' | 'fr' | null
  >;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
}

/** A failed sign-in, by the username typed (0010_account_security). */
export interface SignInFailureTable {
  username: string;
  at: Date;
}

export interface ApiTokenTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  name: string;
  created_at: Generated<Date>;
  revoked_at: Date | null;
  /** The one source the token reports as (kind and id), or null for an unbound token. */
  source_kind: string | null;
  source_id: string | null;
}

export interface CoalitionNationTable extends Labelled {
  iso3: string;
  delegation_level: 'head_of_state_or_government' | 'minister' | 'ambassador' | 'official';
  delegation_head: string | null;
  role: string | null;
  illustrative: boolean;
  source: string | null;
}

export interface MissionTable extends Labelled {
  id: string;
  name: string;
  kind: string;
  lead_nation: string | null;
  contributors: string[];
  role: string | null;
  condition: string | null;
  description: string;
  location: Geometry;
  illustrative: boolean;
  source: string | null;
}

export interface OfferTable extends Labelled {
  id: string;
  nation: string;
  capability: string;
  quantity: number;
  unit: string;
  days_to_deploy: number;
  duration_days: number | null;
  readiness: 'pledged' | 'assessed' | 'aligned' | 'rapid';
  lifecycle: 'proposed' | 'confirmed' | 'mandated' | 'deployed' | 'withdrawn';
  caveats: ColumnType<unknown[], string, string>;
  description: string;
  mission_id: string | null;
  illustrative: boolean;
  source: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A lead claim's status (migration 0007): only `active` claims count as claims. */
export type LeadClaimStatus = 'active' | 'declined' | 'withdrawn';

export interface LeadRoleTable extends Labelled {
  id: string;
  region_code: string;
  line_of_effort: string;
  lead_nation: string;
  contributors: string[];
  note: string | null;
  illustrative: boolean;
  source: string | null;
  // 0007: claims are kept; the last change of status, null while never set aside.
  status: ColumnType<LeadClaimStatus, LeadClaimStatus | undefined, LeadClaimStatus>;
  status_by: ColumnType<string | null, string | null | undefined, string | null>;
  status_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  status_note: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface HubTable extends Labelled {
  id: string;
  name: string;
  kind: string;
  nations: string[];
  sidc: string;
  description: string;
  location: Geometry;
  illustrative: boolean;
  source: string | null;
  protection_level: ColumnType<HubProtection, HubProtection | undefined, HubProtection>;
  capacity_tonnes: number | null;
  supplies: ColumnType<string[], string[] | undefined, string[]>;
}

/** How well a hub is protected (0023). */
export type HubProtection = 'unprotected' | 'guarded' | 'hardened' | 'air_defended';

export interface AuditLogTable extends Labelled {
  seq: ColumnType<number, number, never>;
  at: Date;
  actor: string | null;
  nation: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: ColumnType<unknown, string | null, never>;
  after: ColumnType<unknown, string | null, never>;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: boolean;
  seq: number;
  hash: string;
}

export interface MigrationTable {
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}
