/** The map's GeoJSON layers as the API presents them. */
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';

/** Properties of one first-level unit of Ukraine on the map. */
export interface RegionProperties {
  readonly code: string;
  readonly nameEn: string;
  readonly nameUk: string | null;
  /** The one nation leading here on the shown line of effort, allowed there by its caveats. */
  readonly leadNation: string | null;
  readonly leadNationName: string | null;
  readonly linesOfEffort: string[];
  /** Two nations claim the lead of this unit on the shown line of effort. */
  readonly contested: boolean;
  /**
   * How the lead reads, as the lead matrix reads the same cell: `led` by one allowed nation,
   * `contested` (two claims), `forbidden` (the one claimant's caveats forbid every offer it made
   * there), or `none`. A contested or forbidden unit is never coloured as led.
   */
  readonly leadState: 'led' | 'contested' | 'forbidden' | 'none';
  /** The nations claiming the lead here (active claims), by name. */
  readonly claimants: string[];
  /** Why a contested or forbidden unit is not led, in a sentence; null otherwise. */
  readonly leadProblem: string | null;
}

/** A place the map names: a city or a country's label point (static reference data). */
export interface PlaceProperties {
  readonly kind: 'city' | 'country';
  readonly name: string;
  /** The Ukrainian name, for places in Ukraine. */
  readonly nameUk: string | null;
  /** ISO 3166-1 alpha-3 of the country it lies in (de jure: Crimea is Ukraine). */
  readonly country: string;
  readonly capital?: boolean;
  readonly population?: number;
  readonly wikidata?: string;
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
/** GET /api/map/units: the shipped outlines (data/ukraine-adm1.geojson). */
export type Units = FeatureCollection<
  Geometry,
  { code: string; nameEn: string; nameUk: string; kind: string }
>;
/** GET /api/map/places. */
export type Places = FeatureCollection<Point, PlaceProperties>;
/** GET /api/hubs. */
export type Hubs = FeatureCollection<Point, HubProperties>;
/** One feature of {@link Hubs}. */
export type HubFeature = Feature<Point, HubProperties>;

/**
 * GET /api/basemap: whether the server serves a base map (BASEMAP_PMTILES) and, if so, its
 * TileJSON 3.0 fields. Without one the map draws its offline GeoJSON style.
 */
export interface BaseMap {
  readonly configured: boolean;
  readonly tilejson?: string;
  readonly name?: string;
  readonly attribution?: string;
  /** The archive's tile type: vector tiles (mvt) or images. */
  readonly tileType?: 'mvt' | 'png' | 'jpg' | 'webp' | 'avif';
  /** Tile URL templates on this server, e.g. /api/basemap/{z}/{x}/{y}.mvt. */
  readonly tiles?: string[];
  readonly minzoom?: number;
  readonly maxzoom?: number;
  /** West, south, east, north in degrees. */
  readonly bounds?: number[];
  readonly center?: number[];
  /** The layers of a vector archive. */
  readonly vector_layers?: { readonly id: string }[];
}
