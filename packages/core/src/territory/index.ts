/** Territory: control areas over time, their geodesic areas, and shares of Ukraine. */
export { geodesicAreaKm2, ringAreaM2 } from './area.ts';
export {
  type ControlAreaNote,
  type ControlAreaPart,
  type ControlAreaRead,
  describeNote,
  MAX_CONTROL_AREA_POSITIONS,
  readControlAreas,
} from './import.ts';
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
