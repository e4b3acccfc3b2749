/** Control areas over time, as the API presents them (issue 17). */
import type { Feature, Geometry, MultiPolygon } from 'geojson';
import type { ControlSide, ShareOfUkraine } from '../territory/types.ts';

export type { ControlSide, ShareOfUkraine };

/** One thing an import left out or repaired. */
export interface ControlAreaNote {
  /** Index in the file's `features`; -1 for the file itself. */
  readonly feature: number;
  readonly field: string;
  readonly reason: string;
}

/** One stored version of the area a side held on a date. */
export interface ControlAreaVersion {
  readonly id: string;
  readonly side: ControlSide;
  /** YYYY-MM-DD. */
  readonly asOf: string;
  readonly version: number;
  readonly source: string;
  readonly fileName: string | null;
  /** Geodesic, km² (WGS 84 spheroid). */
  readonly areaKm2: number;
  /** Of Ukraine, against both baselines. */
  readonly share: ShareOfUkraine;
  readonly featuresRead: number;
  readonly featuresTaken: number;
  readonly skipped: ControlAreaNote[];
  readonly repaired: ControlAreaNote[];
  readonly importedBy: string;
  readonly importedAt: string;
  readonly releasability: string;
}

/** GET /api/territory/control-areas. */
export interface ControlAreaVersions {
  readonly versions: ControlAreaVersion[];
}

/** GET /api/territory/control-areas/{id}: the version as a GeoJSON Feature. */
export type ControlAreaFeature = Feature<MultiPolygon, ControlAreaVersion>;

/** POST /api/territory/control-areas/import. */
export interface ControlAreaImportResponse {
  readonly version: ControlAreaVersion;
  readonly read: number;
  readonly skipped: ControlAreaNote[];
  readonly repaired: ControlAreaNote[];
}

/** One first-level unit in a change, km² geodesic. */
export interface ControlAreaUnitChange {
  readonly code: string;
  /** English name, as every page gives it. */
  readonly name: string;
  readonly unitKm2: number;
  readonly fromKm2: number;
  readonly toKm2: number;
  readonly gainedKm2: number;
  readonly lostKm2: number;
  readonly netKm2: number;
  /** Share of the unit's own area held at each date. */
  readonly fromShareOfUnit: number;
  readonly toShareOfUnit: number;
}

/** Properties of the change map's features. */
export interface ControlAreaDifferenceProperties {
  readonly change: 'gained' | 'lost';
  readonly areaKm2: number;
}

/** GET /api/territory/change. */
export interface ControlAreaChangeResponse {
  readonly side: ControlSide;
  readonly from: ControlAreaVersion;
  readonly to: ControlAreaVersion;
  readonly totals: {
    readonly fromKm2: number;
    readonly toKm2: number;
    readonly gainedKm2: number;
    readonly lostKm2: number;
    readonly netKm2: number;
  };
  /** Shares of Ukraine, each against both baselines with its denominator. */
  readonly share: {
    readonly from: ShareOfUkraine;
    readonly to: ShareOfUkraine;
    readonly gained: ShareOfUkraine;
    readonly lost: ShareOfUkraine;
    readonly net: ShareOfUkraine;
  };
  readonly units: ControlAreaUnitChange[];
  /** What was gained and lost, as a map layer. */
  readonly difference: {
    readonly type: 'FeatureCollection';
    readonly features: {
      readonly type: 'Feature';
      readonly geometry: Geometry;
      readonly properties: ControlAreaDifferenceProperties;
    }[];
  };
  /** How the figures are measured, in words. */
  readonly method: string;
  /** The meet of the two versions' labels. */
  readonly releasability: string;
}
