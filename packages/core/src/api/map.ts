/** The map's GeoJSON layers as the API presents them. */
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';

/** Properties of one first-level unit of Ukraine on the map. */
export interface RegionProperties {
  readonly code: string;
  readonly nameEn: string;
  readonly nameUk: string | null;
  readonly leadNation: string | null;
  readonly leadNationName: string | null;
  readonly linesOfEffort: string[];
  /** Two nations claim the lead of this unit on the shown line of effort. */
  readonly contested: boolean;
}

/** Properties of a neighbouring country's outline (a static file, Natural Earth via visionscarto). */
export interface NeighbourProperties {
  readonly name: string;
  readonly iso3: string;
}

/** Properties of a hub or staging site. */
export interface HubProperties {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly nations: string[];
  readonly sidc: string;
  readonly description: string;
  readonly illustrative: boolean;
  readonly releasability: string;
}

/** GET /api/map/regions. */
export type Regions = FeatureCollection<Geometry, RegionProperties>;
/** One feature of {@link Regions}. */
export type RegionFeature = Feature<Geometry, RegionProperties>;
/** GET /api/map/neighbours. */
export type Neighbours = FeatureCollection<Geometry, NeighbourProperties>;
/** GET /api/hubs. */
export type Hubs = FeatureCollection<Point, HubProperties>;
/** One feature of {@link Hubs}. */
export type HubFeature = Feature<Point, HubProperties>;
