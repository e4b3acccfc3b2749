/** Zones, violation rules and violation counts as the API presents them. */
import type { FeatureCollection, Geometry } from 'geojson';
import type { WeaponClass, ZoneKind } from '../zones/types.ts';

/** Properties of one zone feature. */
export interface ZoneProperties {
  readonly id: string;
  readonly kind: ZoneKind;
  readonly name: string;
  readonly weaponClasses: WeaponClass[];
  readonly version: number;
  /** ISO instants; null = always, or open-ended. */
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly illustrative: boolean;
  readonly releasability: string;
}

/** GET /api/zones. */
export type Zones = FeatureCollection<Geometry, ZoneProperties>;

/** One problem of a zone file, or a feature left out on request. */
export interface ZoneProblem {
  /** Index in `features`; -1 for the file itself. */
  readonly feature: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** What a zone import did. */
export interface ZoneImportSummary {
  readonly read: number;
  readonly created: string[];
  readonly updated: string[];
  readonly unchanged: string[];
  /** Features left out on request (skipWrongGeometry), with why. */
  readonly skipped: ZoneProblem[];
}

/** The current version of one violation rule. */
export interface ViolationRule {
  readonly id: string;
  readonly version: number;
  readonly active: boolean;
  readonly definition: Record<string, unknown>;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** GET /api/violation-rules. */
export interface ViolationRulesResponse {
  readonly rules: ViolationRule[];
}

/** A stored violation rule version. */
export interface ViolationRuleVersion {
  readonly id: string;
  readonly version: number;
}

/** Violations of one sector, UTC day and category, at each level of confidence. */
export interface ViolationCount {
  readonly sector: string | null;
  readonly date: string;
  readonly category: string;
  readonly incidents: number;
  readonly all: number;
  readonly corroborated: number;
  readonly verified: number;
}

/** GET /api/violations/counts. */
export interface ViolationsResponse {
  readonly counts: ViolationCount[];
}

/** Humanitarian presence (3W) in one first-level unit, merged over the sources you may see. */
export interface RegionPresence {
  readonly regionCode: string;
  readonly regionName: string;
  readonly organisations: string[];
  readonly organisationCount: number;
  readonly sectors: string[];
  readonly peopleReached: number | null;
  readonly sources: string[];
  readonly releasability: string;
}

/** GET /api/presence. */
export interface PresenceResponse {
  readonly regions: RegionPresence[];
}

/** POST /api/presence/import: what an HXL table gave. */
export interface PresenceImportResponse {
  readonly source: string;
  /** Units stored. */
  readonly regions: number;
  /** The row the hashtags were found on. */
  readonly hashtagRow: number;
  /** Pre-1.0 hashtags read as their 1.0 form. */
  readonly renamed: string[];
  /** Rows that said nothing usable, with why. */
  readonly problems: { readonly row: number; readonly field: string; readonly reason: string }[];
  /** Units this store cannot place (not Ukraine's, or a name it does not know). */
  readonly unplaced: { readonly unit: string; readonly reason: string }[];
}

/** One stored version of a zone: its attributes then, who made it and when. */
export interface ZoneVersion {
  readonly version: number;
  readonly at: string;
  readonly actor: string | null;
  readonly nation: string | null;
  readonly change: 'created' | 'updated';
  readonly kind: string;
  readonly name: string;
  readonly weaponClasses: string[];
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly releasability: string;
}

/** GET /api/zones/:id/versions, oldest first. */
export interface ZoneVersionsResponse {
  readonly id: string;
  readonly versions: ZoneVersion[];
}
