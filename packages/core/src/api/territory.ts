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

/** GET /api/territory/control-areas/{id}/line-of-contact: the line as a GeoJSON Feature. */
export interface ContactLineProperties {
  /** The control-area version it is derived from. */
  readonly version: string;
  readonly asOf: string;
  /** Geodesic (WGS 84), km. */
  readonly lengthKm: number;
  readonly toleranceKm: number;
  readonly segmentsRead: number;
  readonly segmentsTaken: number;
  /** The rule, in words. */
  readonly rule: string;
  readonly monitoring: MonitoringForceView;
  readonly releasability: string;
}

/** The monitoring force a line needs, with the parameter it comes from. */
export interface MonitoringForceView {
  readonly lineKm: number;
  readonly monitors: number;
  readonly monitorsLow: number;
  readonly monitorsHigh: number;
  readonly patrolBases: number;
  readonly monitorsPerKm: number;
  readonly monitorsPerKmLow: number;
  readonly monitorsPerKmHigh: number;
  readonly patrolBaseSegmentKm: number;
  /** Where the parameter comes from, in words. */
  readonly basis: string;
}

/** One saved version of a land option. */
export interface LandOptionView {
  /** `lo-12`: this version. */
  readonly id: string;
  /** `north-line@FRA`. */
  readonly option: string;
  readonly version: number;
  readonly name: string;
  readonly description: string;
  readonly kind: 'line' | 'area';
  /** For a line: the side the occupying force holds, walking from its first position to its last. */
  readonly occupiedSide: 'left' | 'right' | null;
  readonly repaired: ControlAreaNote[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly releasability: string;
}

/** GET /api/territory/land-options. */
export interface LandOptionList {
  readonly options: LandOptionView[];
}

/** POST /api/territory/land-options. */
export interface LandOptionSaveResponse {
  readonly option: LandOptionView;
  readonly repaired: ControlAreaNote[];
}

/** One first-level unit under an option. */
export interface LandOptionUnit {
  readonly code: string;
  readonly name: string;
  readonly landKm2: number;
  readonly occupiedKm2: number;
  /** Occupied share of the unit's land. */
  readonly occupiedShare: number;
  /** True when the option's line splits the unit. */
  readonly split: boolean;
  readonly population: number | null;
  readonly occupiedPopulation: number | null;
  readonly governmentPopulation: number | null;
}

/** Something an option would break or affect, in words. */
export interface LandOptionBreak {
  readonly kind: 'hub' | 'order' | 'caveat';
  readonly id: string;
  readonly severity: 'breaks' | 'affects';
  readonly reason: string;
}

/** The measured facts of one option. */
export interface LandOptionFacts {
  readonly option: LandOptionView;
  /** The current line it is compared with: the newest occupied control area you may read. */
  readonly current: { readonly id: string; readonly asOf: string; readonly source: string } | null;
  readonly areas: {
    /** Ukraine's land outline, km². */
    readonly landKm2: number;
    readonly occupiedKm2: number;
    readonly governmentKm2: number;
    readonly occupiedShare: ShareOfUkraine;
    readonly governmentShare: ShareOfUkraine;
  };
  /** Against the current line; null when none is loaded. */
  readonly difference: {
    readonly gainedKm2: number;
    readonly returnedKm2: number;
    readonly netKm2: number;
  } | null;
  readonly units: LandOptionUnit[];
  /** Names of the units the line splits. */
  readonly unitsSplit: string[];
  readonly population: {
    readonly occupied: number;
    readonly government: number;
    readonly source: string;
    readonly rule: string;
    readonly missing: string[];
  } | null;
  readonly line: { readonly lengthKm: number; readonly toleranceKm: number; readonly rule: string };
  readonly monitoring: MonitoringForceView;
  readonly buffer: {
    readonly widthKm: number;
    readonly areaKm2: number;
    readonly settlements: {
      readonly name: string;
      readonly distanceKm: number;
      readonly side: 'occupied' | 'government';
    }[];
    readonly hubs: { readonly id: string; readonly name: string; readonly distanceKm: number }[];
    /** Border crossings inside the zone. */
    readonly crossings: { readonly id: string; readonly name: string; readonly distanceKm: number }[];
    /** Route segments inside the zone, with the km of each inside it. */
    readonly routes: {
      readonly id: string;
      readonly name: string | null;
      readonly network: string;
      readonly insideKm: number;
    }[];
  };
  readonly breaks: LandOptionBreak[];
  /** The option, the area it gives the occupying side, its line, the buffer, and the current line. */
  readonly map: {
    readonly type: 'FeatureCollection';
    readonly features: {
      readonly type: 'Feature';
      readonly geometry: Geometry;
      readonly properties: { readonly layer: LandOptionMapLayer };
    }[];
  };
  readonly method: string;
  readonly releasability: string;
}

/** The layers of an option's map. */
export type LandOptionMapLayer = 'option' | 'occupied' | 'line' | 'buffer' | 'current_line';

/** GET /api/territory/land-options/compare: options side by side. */
export interface LandOptionComparison {
  readonly options: LandOptionFacts[];
  readonly method: string;
  readonly releasability: string;
}
