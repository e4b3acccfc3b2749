/** Territory: control areas over time, their geodesic areas, and shares of Ukraine. */
export { geodesicAreaKm2, ringAreaM2 } from './area.ts';
export { type ControlChange, controlChange, unionOfParts } from './change.ts';
export {
  CONTACT_EDGE_TOLERANCE_KM,
  type ContactLine,
  geodesicDistanceM,
  geodesicLengthKm,
  insideArea,
  lineOfContact,
} from './contact-line.ts';
export {
  type ControlAreaNote,
  type ControlAreaPart,
  type ControlAreaRead,
  describeNote,
  MAX_CONTROL_AREA_POSITIONS,
  readControlAreas,
} from './import.ts';
export {
  type LandOptionGeometry,
  type LandOptionRead,
  MAX_LAND_OPTION_POSITIONS,
  type MonitoringForce,
  type MonitoringParameters,
  monitoringForce,
  POPULATION_RULE,
  parsePopulationCsv,
  populationBySide,
  readLandOption,
  readPopulationCsv,
  SMM_MONITORING,
  SMM_REFERENCE,
  type UnitPopulationSplit,
  type UnitSplitInput,
} from './land-options.ts';
export {
  type AreaBaseline,
  type AreaGeometry,
  CONTROL_SIDES,
  type ControlSide,
  type PolygonRings,
  type Position,
  type ShareOfUkraine,
  shareOfUkraine,
  UKRAINE_OFFICIAL_AREA_KM2,
} from './types.ts';
