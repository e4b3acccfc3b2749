import type { Refusal } from '../i18n/refusals/index.ts';
import { type Reason, semicolons } from '../i18n/refusals/reason.ts';
import type { Category, LngLat, TimeWindow } from '../monitoring/types.ts';

/** A short agreed pause at a named site, e.g. for repair crews; monitored like the ceasefire. */
export interface TruceWindow {
  readonly id: string;
  readonly site: string;
  readonly location: LngLat;
  readonly radiusM: number;
  readonly startMs: number;
  readonly endMs: number;
  /** What the window is for ("repair crews at the Pivdenna pumping station"). */
  readonly purpose: string;
}

/**
 * Builds a truce window, checking the values people get wrong: coordinate ranges (GeoJSON order,
 * longitude first), a positive radius and a window that ends after it starts.
 */
export function truceWindow(input: TruceWindow): TruceWindow {
  const [lng, lat] = input.location;
  const problems: Reason[] = [];
  const problem = (message: string, refusal: Refusal) => problems.push({ message, refusal });
  if (!(lng >= -180 && lng <= 180))
    problem(`longitude ${lng} is outside [-180, 180]`, {
      key: 'truceChecks.longitude',
      params: { longitude: lng },
    });
  if (!(lat >= -90 && lat <= 90))
    problem(`latitude ${lat} is outside [-90, 90]`, {
      key: 'truceChecks.latitude',
      params: { latitude: lat },
    });
  if (!(input.radiusM > 0))
    problem(`radiusM ${input.radiusM} must be positive`, {
      key: 'truceChecks.radius',
      params: { radius: input.radiusM },
    });
  if (!(input.endMs > input.startMs))
    problem(`the window ends (${input.endMs}) before it starts (${input.startMs})`, {
      key: 'truceChecks.endsBeforeStart',
      params: { end: input.endMs, start: input.startMs },
    });
  if (input.site.trim() === '') problem('the window names no site', { key: 'truceChecks.noSite' });
  if (problems.length > 0) throw new TruceWindowError(input.id, problems);
  return { ...input, location: [lng, lat] };
}

/** A truce window that does not hold together; a RangeError, with its problems as catalogue keys too. */
export class TruceWindowError extends RangeError {
  override readonly name = 'TruceWindowError';
  /** Every problem, joined "a; b", as a catalogue key and values (ADR 0051). */
  readonly problems: Refusal;
  /** `message` as a catalogue key and values. */
  readonly refusal: Refusal;
  constructor(id: string, problems: readonly Reason[]) {
    super(`truce window ${id}: ${problems.map((p) => p.message).join('; ')}`);
    this.problems = semicolons(problems.map((p) => p.refusal));
    this.refusal = { key: 'truceChecks.refused', params: { id, problems: { refusal: this.problems } } };
  }
}

/** An incident located with its uncertainty, as monitoring reports it. */
export interface LocatedIncident {
  readonly id: string;
  readonly category: Category;
  readonly position: LngLat;
  readonly radiusM: number;
  readonly time: TimeWindow;
}

/** An incident that may fall inside a truce window; `certain` when even its uncertainty lies inside. */
export interface TruceIncident {
  readonly incidentId: string;
  readonly category: Category;
  readonly distanceM: number;
  readonly certain: boolean;
}

/** Whether a truce window held: the incidents inside its site radius during its time. */
export interface TruceCheck {
  readonly window: TruceWindow;
  readonly held: boolean;
  readonly incidents: readonly TruceIncident[];
}

/**
 * Finds the incidents that may have happened inside a truce window: their time overlaps the
 * window and their uncertainty circle reaches the site circle. Reaching is enough to count, as
 * with the ceasefire itself; `certain` tells the cell which ones need no further verification.
 */
export function checkTruceWindow(window: TruceWindow, incidents: readonly LocatedIncident[]): TruceCheck {
  const inside = incidents
    .filter((i) => i.time.startMs <= window.endMs && i.time.endMs >= window.startMs)
    .map((i) => ({ incident: i, distanceM: distanceM(window.location, i.position) }))
    .filter(({ incident, distanceM }) => distanceM - incident.radiusM <= window.radiusM)
    .map(({ incident, distanceM }) => ({
      incidentId: incident.id,
      category: incident.category,
      distanceM: Math.round(distanceM),
      certain: distanceM + incident.radiusM <= window.radiusM,
    }))
    .sort((a, b) => a.distanceM - b.distanceM || (a.incidentId < b.incidentId ? -1 : 1));
  return { window, held: inside.length === 0, incidents: inside };
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle (haversine) distance; site radii are kilometres at most, so a sphere is precise enough. */
function distanceM([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
