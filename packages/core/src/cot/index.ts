/** Cursor-on-Target in (TCP framing, safe parsing, mapping to observations) and out (incidents). */
export { CotError, type CotErrorCode } from './errors.ts';
export { type CotFrame, CotStreamFramer } from './framer.ts';
export {
  type CotIgnoreReason,
  type CotIntake,
  type CotIntakeContext,
  cotToIntake,
  RANGE_BEARING_DISTANCE_TOLERANCE,
  RANGE_BEARING_SPREAD_DEG,
  type TeamTrack,
  UNKNOWN_CE_RADIUS_M,
} from './map.ts';
export {
  COT_TYPE_BY_CATEGORY,
  type CotIncidentInput,
  type CotOutOptions,
  incidentCotUid,
  incidentToCot,
} from './out.ts';
export {
  type CotEvent,
  type CotLimits,
  type CotPoint,
  DEFAULT_COT_LIMITS,
  parseCotEvent,
  type XmlElement,
} from './xml.ts';
