/**
 * Humanitarian corridors are monitored like local truce windows (phases/truce.ts): an incident
 * whose time meets a window and whose uncertainty circle reaches within `radiusM` of the
 * corridor's route is flagged for that window.
 */

import { reasoned, said } from '../i18n/reasons/index.ts';
import type { Refusal } from '../i18n/refusals/index.ts';
import type { Category } from '../monitoring/types.ts';
import { type LngLat, lineDistanceM } from './geo.ts';

/** How near the route an incident must be to be flagged, by default: 2 km. */
export const CORRIDOR_WATCH_RADIUS_M = 2000;

/** An incident located with its uncertainty. */
export interface CorridorIncident {
  readonly id: string;
  readonly category: Category;
  readonly position: LngLat;
  readonly radiusM: number;
  readonly startMs: number;
  readonly endMs: number;
}

/** An incident flagged in a window; `certain` when even its uncertainty lies within the radius. */
export interface FlaggedIncident {
  readonly incidentId: string;
  readonly category: Category;
  readonly distanceM: number;
  readonly certain: boolean;
}

/** The incidents on a corridor's route during one window, nearest first. */
export function flagCorridorWindow(
  route: readonly (readonly LngLat[])[],
  window: { readonly startMs: number; readonly endMs: number },
  incidents: readonly CorridorIncident[],
  radiusM: number = CORRIDOR_WATCH_RADIUS_M,
): FlaggedIncident[] {
  return incidents
    .filter((i) => i.startMs <= window.endMs && i.endMs >= window.startMs)
    .map((i) => ({ i, d: Math.min(...route.map((line) => lineDistanceM(i.position, line))) }))
    .filter(({ i, d }) => d - i.radiusM <= radiusM)
    .map(({ i, d }) => ({
      incidentId: i.id,
      category: i.category,
      distanceM: Math.round(d),
      certain: d + i.radiusM <= radiusM,
    }))
    .sort((a, b) => a.distanceM - b.distanceM || (a.incidentId < b.incidentId ? -1 : 1));
}

/** A window as entered: refused when it ends before it starts or overlaps another of the corridor. */
export function corridorWindowProblem(
  window: { readonly startMs: number; readonly endMs: number },
  others: readonly {
    readonly id: string;
    readonly startMs: number;
    readonly endMs: number;
    readonly status: string;
  }[],
): { field: 'end' | 'start'; reason: string; refusal: Refusal } | undefined {
  if (!(window.endMs > window.startMs))
    return reasoned({ field: 'end' as const }, said('logisticsChecks.windowEnds'));
  const clash = others.find(
    (o) => o.status !== 'cancelled' && o.startMs < window.endMs && o.endMs > window.startMs,
  );
  if (clash)
    return reasoned(
      { field: 'start' as const },
      said('logisticsChecks.windowOverlaps', {
        id: clash.id,
        start: new Date(clash.startMs).toISOString(),
        end: new Date(clash.endMs).toISOString(),
      }),
    );
  return undefined;
}

/** "06:00" → 360; undefined when not a time of day. */
export function minuteOfDay(text: string): number | undefined {
  const m = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}
