/**
 * From a parsed CoT event to what Guarantor keeps: an observation, a team track, or
 * nothing (with the reason). The mapping table, by CoT `type`:
 *
 * | CoT type                         | result                                                  |
 * | -------------------------------- | ------------------------------------------------------- |
 * | any, with `<__guarantor>` detail | ignored `own_incident` (our own feed echoed back)        |
 * | `a-f-*`, `a-a-*` self-reported   | team track (PLI: no `link relation="p-p"` producer)      |
 * | `a-f-*`, `a-a-*` placed marker   | ignored `friendly_marker`                               |
 * | `a-n-*`                          | ignored `neutral_marker`                                |
 * | `a-{h,s,u,p,j,k}-A-*` (air)      | `uav_overflight`: the only air category monitors keep   |
 * | `…-G-E-W-*`, `…-G-E-V-A-*`       | `heavy_weapon_sighting` (weapons, armoured vehicles)    |
 * | `…-G-U-C-{A,D,F}-*`              | `heavy_weapon_sighting` (armour, air defence, artillery) |
 * | `…-G-U-*`, `…-G-E-V-*`, `…-F-*`  | `troop_movement` (units, vehicles, special forces)      |
 * | `…-G` (no function)              | `troop_movement`, refined by keywords                   |
 * | other 2525 (installations, sea)  | `other`, refined by keywords                            |
 * | `b-m-p-s-m`, other `b-m-p-*`     | `other`, refined by keywords (spot and point markers)   |
 * | `b-m-p-w`, `b-m-p-c`             | ignored `route_point` (route waypoints, checkpoints)    |
 * | `b-a-o-opn` (troops in contact)  | `burst_and_shots`                                       |
 * | `b-a-o-can`                      | ignored `emergency_cancel`                              |
 * | `b-a-*` (911, ring the bell …)   | `other`, refined by keywords                            |
 * | `b-r-f-h-c` (MEDEVAC 9-line)     | `civilian_harm` if civilians are among the patients, else `other` |
 * | `u-rb-a` (range and bearing)     | bearing observation, `other` refined by keywords        |
 * | `b-t-f*` chat, `b-f-t*` file, `t-x-d-d` delete, `u-d-*`, `b-m-r` drawings, others | ignored |
 *
 * Keywords (English, Ukrainian, Russian) in the callsign, emergency type and remarks
 * refine a generic category, never a specific 2525 function: the symbol is what the
 * monitor chose, free text is a hint. "48 explosions" sets the count.
 */
import type { Category, LngLat, Observation } from '../monitoring/types.ts';
import { ObservationError, type ObservationErrorCode, validateObservation } from '../monitoring/validate.ts';
import type { CotEvent, XmlElement } from './xml.ts';

/** Radius used when `ce` is unknown (9999999, nan, or iTAK's 0): about a village. */
export const UNKNOWN_CE_RADIUS_M = 1000;
/** A range-and-bearing line carries no uncertainty; a hand-laid bearing is good to about this (half-width). */
export const RANGE_BEARING_SPREAD_DEG = 5;
/** …and its range to about this fraction either way. */
export const RANGE_BEARING_DISTANCE_TOLERANCE = 0.2;

/** What the connection knows that the CoT event does not. */
export interface CotIntakeContext {
  /** ISO 3166-1 alpha-3 of the sending client's nation; CoT carries no nation. */
  readonly nation: string;
  /** The authenticated client or token; the source id when the event names no producer. */
  readonly senderId?: string;
}

/** The last reported position of one of our monitor teams (CoT PLI). */
export interface TeamTrack {
  readonly uid: string;
  readonly type: string;
  readonly callsign: string | undefined;
  /** ATAK team (`__group name`, a colour) and role. */
  readonly team: string | undefined;
  readonly role: string | undefined;
  /** Undefined when the device has no fix (ATAK then sends 0, 0). */
  readonly position: LngLat | undefined;
  readonly radiusM: number | undefined;
  /** Degrees clockwise from true north. */
  readonly courseDeg: number | undefined;
  /** CoT `track speed` is metres per second. */
  readonly speedMps: number | undefined;
  readonly timeMs: number;
  readonly staleMs: number;
}

/** Why an event was not kept. */
export type CotIgnoreReason =
  | 'own_incident'
  | 'chat'
  | 'file_transfer'
  | 'delete'
  | 'emergency_cancel'
  | 'route_point'
  | 'drawing'
  | 'friendly_marker'
  | 'neutral_marker'
  | 'unsupported_type';

/** The outcome of mapping one CoT event. */
export type CotIntake =
  | { readonly kind: 'observation'; readonly observation: Observation }
  | { readonly kind: 'team_track'; readonly track: TeamTrack }
  | { readonly kind: 'ignored'; readonly reason: CotIgnoreReason; readonly detail: string }
  | {
      readonly kind: 'rejected';
      readonly code: 'cot.bad_point' | 'cot.missing_field' | ObservationErrorCode;
      readonly message: string;
    };

/**
 * Map a parsed CoT event to an observation (checked by the monitoring validator, like
 * every other intake), a team track, or an ignore reason.
 */
export function cotToIntake(event: CotEvent, context: CotIntakeContext): CotIntake {
  const intake = mapEvent(event, context);
  if (intake.kind !== 'observation') return intake;
  try {
    return { kind: 'observation', observation: validateObservation(intake.observation) };
  } catch (error) {
    if (!(error instanceof ObservationError)) throw error;
    return { kind: 'rejected', code: error.code, message: `CoT event ${event.uid}: ${error.message}` };
  }
}

function mapEvent(event: CotEvent, context: CotIntakeContext): CotIntake {
  const type = event.type;
  const detail = event.detail;
  if (child(detail, '__guarantor')) return ignored('own_incident', `Guarantor incident ${event.uid}`);
  if (type.startsWith('t-x-d-d')) {
    return ignored('delete', `delete of ${child(detail, 'link')?.attributes['uid'] ?? 'an unnamed item'}`);
  }
  if (type.startsWith('b-t-f')) return ignored('chat', 'GeoChat message or receipt');
  if (type.startsWith('b-f-t')) return ignored('file_transfer', 'data package transfer');
  if (type.startsWith('b-a-o-can')) return ignored('emergency_cancel', `emergency ${event.uid} cancelled`);
  if (type.startsWith('b-a-o-opn')) return observe(event, context, 'burst_and_shots', false);
  if (type.startsWith('b-a-')) return observe(event, context, 'other', true);
  if (type.startsWith('b-r-f-h-c')) return medevac(event, context);
  if (type.startsWith('u-rb-a')) return bearing(event, context);
  if (type.startsWith('b-m-p-w') || type.startsWith('b-m-p-c')) return ignored('route_point', type);
  if (type.startsWith('b-m-p')) return observe(event, context, 'other', true);
  if (type.startsWith('u-d') || type.startsWith('b-m-r') || type.startsWith('b-x'))
    return ignored('drawing', type);
  const [atom, affiliation, ...dimensionAndFunction] = type.split('-');
  if (atom !== 'a' || affiliation === undefined) return ignored('unsupported_type', type);
  if (affiliation === 'f' || affiliation === 'a') {
    return producer(detail) === undefined
      ? { kind: 'team_track', track: teamTrack(event) }
      : ignored('friendly_marker', `${type} placed by ${producer(detail)}`);
  }
  if (affiliation === 'n') return ignored('neutral_marker', type);
  const { category, generic } = categoryOf2525(dimensionAndFunction);
  return observe(event, context, category, generic);
}

/** 2525 battle dimension and function id (after `a-h-`) to a category; see the table above. */
function categoryOf2525(atoms: readonly string[]): { category: Category; generic: boolean } {
  const [dimension, ...fn] = atoms;
  const id = fn.join('-');
  if (dimension === 'A') return { category: 'uav_overflight', generic: false };
  if (dimension === 'F') return { category: 'troop_movement', generic: false };
  if (dimension !== 'G') return { category: 'other', generic: true };
  if (id === '') return { category: 'troop_movement', generic: true };
  if (/^(E-W|E-V-A|U-C-[ADF])(-|$)/.test(id)) return { category: 'heavy_weapon_sighting', generic: false };
  if (/^(U|E-V)(-|$)/.test(id)) return { category: 'troop_movement', generic: false };
  return { category: 'other', generic: true };
}

/** First match wins, so the specific kinds of explosion come before the general one. */
const KEYWORDS: readonly (readonly [RegExp, Category])[] = [
  [/air ?burst|повітрян\S* розрив|воздушн\S* разрыв/iu, 'explosion_airburst'],
  [/outgoing|виліт|вылет/iu, 'explosion_outgoing'],
  [/impact|shelling|shelled|incoming|обстріл|обстрел|приліт|прил[её]т|влучан|попадан/iu, 'explosion_impact'],
  [/explosion|blast|detonation|вибух|взрыв/iu, 'explosion_undetermined'],
  [
    /\btanks?\b|artillery|howitzer|mlrs|mortar|танк|артилер|артиллер|гаубиц|гармат|міномет|миномет|рсзв|рсзо/iu,
    'heavy_weapon_sighting',
  ],
  [/projectile|missile|rocket|ракет/iu, 'projectile_in_flight'],
  [/muzzle|flash|спалах|вспышк/iu, 'muzzle_flash'],
  [/flare|illuminat|освітлюв|осветит/iu, 'illumination_flare'],
  [
    /gunfire|gunshot|small arms|\bshots?\b|\bbursts?\b|firing|стрільб|стрельб|стрілянин|стрелянин|постріл|выстрел/iu,
    'burst_and_shots',
  ],
  [/\buavs?\b|\buas\b|drone|дрон|бпла|безпілот|беспилот/iu, 'uav_overflight'],
  [/\bfom\b|freedom of movement|denied|blocked|not allowed|заблок|не пропуст|не пустил/iu, 'fom_restriction'],
  [
    /civilian|casualt|wounded|killed|injur|цивільн|мирн\S* (?:жител|мешкан|насел)|поранен|ранен|загибл|погиб/iu,
    'civilian_harm',
  ],
  [/damage|destroyed|ruin|пошкодж|поврежд|зруйн|разруш/iu, 'infrastructure_damage'],
  [/troops|infantry|convoy|soldiers|колон|піхот|пехот|військов|военн/iu, 'troop_movement'],
];

const COUNT =
  /(\d{1,4})\s*(?:x\s*)?(?:explosions?|blasts?|impacts?|rounds?|shots?|bursts?|flashes|flares?|drones?|uavs?|tanks?|вибух|взрыв|постріл|выстрел|прил[іеё]т)/iu;

function observe(event: CotEvent, context: CotIntakeContext, base: Category, generic: boolean): CotIntake {
  const [lng, lat] = event.point.position;
  if (lng === 0 && lat === 0) {
    return {
      kind: 'rejected',
      code: 'cot.bad_point',
      message: `CoT event ${event.uid} (${event.type}) has no position (0, 0); place the marker on the map and resend`,
    };
  }
  const remarks = remarksOf(event);
  return {
    kind: 'observation',
    observation: observation(event, context, refine(base, generic, remarks), remarks, {
      kind: 'point',
      position: event.point.position,
      radiusM: radiusOf(event),
    }),
  };
}

function observation(
  event: CotEvent,
  context: CotIntakeContext,
  category: Category,
  remarks: string,
  location: Observation['location'],
  count = countIn(remarks),
): Observation {
  return {
    uid: event.uid,
    // The producer device, not the marker's callsign: two markers from one device are one source.
    source: {
      kind: 'cot',
      id: producer(event.detail) ?? context.senderId ?? event.uid,
      nation: context.nation,
    },
    // `start` is when the reported situation began; `stale` is a display expiry
    // (5 minutes to a year in real captures), not the end of what was seen.
    time: { startMs: event.startMs, endMs: event.startMs },
    category,
    count,
    location,
    // `time` is when this version of the event was generated: a resend carries a newer one.
    reportedAtMs: event.timeMs,
    ...(remarks ? { remarks } : {}),
  };
}

function refine(base: Category, generic: boolean, text: string): Category {
  if (!generic) return base;
  return KEYWORDS.find(([pattern]) => pattern.test(text))?.[1] ?? base;
}

function countIn(text: string): number {
  return Math.max(1, Number(COUNT.exec(text)?.[1] ?? 1));
}

function radiusOf(event: CotEvent): number {
  const ce = event.point.ceM;
  return ce !== undefined && ce > 0 ? ce : UNKNOWN_CE_RADIUS_M;
}

/** Marker name, emergency type, free-text remarks and who placed it, whitespace collapsed. */
function remarksOf(event: CotEvent, extra?: string): string {
  const detail = event.detail;
  const placedBy = producerLink(detail)?.attributes['parent_callsign'];
  const parts = [
    child(detail, 'contact')?.attributes['callsign'],
    child(detail, 'emergency')?.attributes['type'],
    child(detail, 'remarks')?.text,
    extra,
    placedBy && `placed by ${placedBy}`,
  ]
    .map((part) => part?.replace(/\s+/g, ' ').trim())
    .filter((part): part is string => Boolean(part));
  return [...new Set(parts)].join(' — ');
}

/** ATAK's R&B line: `<range value>` in metres and `<bearing value>` in degrees true, whatever the display units. */
function bearing(event: CotEvent, context: CotIntakeContext): CotIntake {
  const rangeM = Number(child(event.detail, 'range')?.attributes['value']);
  const bearingDeg = Number(child(event.detail, 'bearing')?.attributes['value']);
  if (!(rangeM > 0) || !Number.isFinite(rangeM) || !Number.isFinite(bearingDeg)) {
    return {
      kind: 'rejected',
      code: 'cot.missing_field',
      message: `range-and-bearing ${event.uid} has no usable <range value> and <bearing value>; redraw the line`,
    };
  }
  const remarks = remarksOf(event);
  return {
    kind: 'observation',
    observation: observation(event, context, refine('other', true, remarks), remarks, {
      kind: 'bearing',
      observer: event.point.position,
      bearingDeg: bearingDeg % 360 < 0 ? (bearingDeg % 360) + 360 : bearingDeg % 360,
      spreadDeg: RANGE_BEARING_SPREAD_DEG,
      minDistanceM: rangeM * (1 - RANGE_BEARING_DISTANCE_TOLERANCE),
      maxDistanceM: rangeM * (1 + RANGE_BEARING_DISTANCE_TOLERANCE),
    }),
  };
}

/** ATAK's 9-line `_medevac_`: line 5 counts litter and ambulatory patients, line 8 their status. */
function medevac(event: CotEvent, context: CotIntakeContext): CotIntake {
  const line = child(event.detail, '_medevac_')?.attributes ?? {};
  const n = (name: string): number => {
    const value = Number(line[name] ?? 0);
    return Number.isInteger(value) && value > 0 ? value : 0;
  };
  const civilians = n('us_civilian') + n('nonus_civilian') + n('child');
  const patients = n('litter') + n('ambulatory');
  const summary = [
    `MEDEVAC ${line['title'] ?? ''}`.trim() + `: ${patients} patient(s), ${civilians} civilian(s)`,
    line['medline_remarks'],
  ]
    .filter(Boolean)
    .join('; ');
  const located = observe(event, context, 'other', false);
  if (located.kind !== 'observation') return located;
  const remarks = remarksOf(event, summary);
  return {
    kind: 'observation',
    observation: {
      ...located.observation,
      category: civilians > 0 ? 'civilian_harm' : 'other',
      count: Math.max(1, civilians > 0 ? civilians : patients),
      remarks,
    },
  };
}

function teamTrack(event: CotEvent): TeamTrack {
  const detail = event.detail;
  const group = child(detail, '__group')?.attributes;
  const track = child(detail, 'track')?.attributes;
  const [lng, lat] = event.point.position;
  return {
    uid: event.uid,
    type: event.type,
    callsign: child(detail, 'contact')?.attributes['callsign'],
    team: group?.['name'],
    role: group?.['role'],
    position: lng === 0 && lat === 0 ? undefined : event.point.position,
    radiusM: event.point.ceM !== undefined && event.point.ceM > 0 ? event.point.ceM : undefined,
    courseDeg: finite(track?.['course']),
    speedMps: finite(track?.['speed']),
    timeMs: event.timeMs,
    staleMs: event.staleMs,
  };
}

/** `link relation="p-p"` names the parent producer: the device that placed the marker. */
function producer(detail: XmlElement | undefined): string | undefined {
  return producerLink(detail)?.attributes['uid'];
}

function producerLink(detail: XmlElement | undefined): XmlElement | undefined {
  return detail?.children.find((c) => c.name === 'link' && c.attributes['relation'] === 'p-p');
}

function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

function finite(text: string | undefined): number | undefined {
  const value = text === undefined ? Number.NaN : Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function ignored(reason: CotIgnoreReason, detail: string): CotIntake {
  return { kind: 'ignored', reason, detail };
}
