import type { Category, LngLat, TimeWindow } from '../monitoring/types.ts';
import { isXmlChar } from './xml.ts';

/** What CoT out needs of an incident; the monitoring incident type fits it. */
export interface CotIncidentInput {
  readonly id: string;
  readonly category: Category;
  readonly count: number;
  /** Verification state, e.g. `verified`. */
  readonly state: string;
  readonly position: LngLat;
  readonly radiusM: number;
  readonly time: TimeWindow;
  readonly remarks?: string;
}

/** When the message is made, and how long TAK clients keep showing it without a refresh. */
export interface CotOutOptions {
  readonly nowMs: number;
  /** Default 24 hours: the feed resends open incidents well before that. */
  readonly staleAfterMs?: number;
}

/** The uid an incident keeps in every message, so TAK clients update one marker in place. */
export function incidentCotUid(incidentId: string): string {
  return `guarantor-incident-${incidentId}`;
}

/**
 * CoT type per category. Affiliation is always `u` (unknown): the parties to a ceasefire
 * are not hostile to the monitors, and attribution is in the remarks, not the symbol.
 * Objects get their 2525 symbol; events (explosions, shots, harm, restrictions) are
 * spot markers (`b-m-p-s-m`), which every TAK client draws.
 */
export const COT_TYPE_BY_CATEGORY: Readonly<Record<Category, string>> = {
  heavy_weapon_sighting: 'a-u-G-E-W',
  troop_movement: 'a-u-G-U-C',
  uav_overflight: 'a-u-A-M-F-Q',
  explosion_impact: 'b-m-p-s-m',
  explosion_airburst: 'b-m-p-s-m',
  explosion_outgoing: 'b-m-p-s-m',
  explosion_undetermined: 'b-m-p-s-m',
  projectile_in_flight: 'b-m-p-s-m',
  muzzle_flash: 'b-m-p-s-m',
  illumination_flare: 'b-m-p-s-m',
  burst_and_shots: 'b-m-p-s-m',
  fom_restriction: 'b-m-p-s-m',
  civilian_harm: 'b-m-p-s-m',
  infrastructure_damage: 'b-m-p-s-m',
  other: 'b-m-p-s-m',
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One incident as a CoT event. `how="m-f"` says machine-fused; `ce` is the incident's
 * uncertainty radius; a `<__guarantor>` detail element (CoT detail is open to extension,
 * TAK clients ignore what they do not know) lets our intake recognise its own feed echoed back.
 */
export function incidentToCot(incident: CotIncidentInput, options: CotOutOptions): string {
  const [lng, lat] = incident.position;
  const label = incident.category.replaceAll('_', ' ');
  const iso = (ms: number): string => new Date(ms).toISOString();
  const period =
    incident.time.startMs === incident.time.endMs
      ? iso(incident.time.startMs)
      : `${iso(incident.time.startMs)} to ${iso(incident.time.endMs)}`;
  const remarks = [
    `Guarantor incident ${incident.id}: ${label}, count ${incident.count}, state ${incident.state}, ${period}.`,
    incident.remarks,
  ]
    .filter(Boolean)
    .join(' ');
  const staleMs = Math.max(options.nowMs, incident.time.endMs) + (options.staleAfterMs ?? DAY_MS);
  return [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`,
    `<event version="2.0" uid="${xml(incidentCotUid(incident.id))}" type="${COT_TYPE_BY_CATEGORY[incident.category]}"` +
      ` how="m-f" time="${iso(options.nowMs)}" start="${iso(incident.time.startMs)}" stale="${iso(staleMs)}">`,
    // hae and le 9999999: CoT's "unknown".
    `<point lat="${lat}" lon="${lng}" hae="9999999.0" ce="${incident.radiusM}" le="9999999.0"/>`,
    '<detail>',
    `<contact callsign="${xml(incident.count > 1 ? `${label} x${incident.count}` : label)}"/>`,
    `<remarks>${xml(remarks)}</remarks>`,
    `<__guarantor incident="${xml(incident.id)}" category="${incident.category}" count="${incident.count}" state="${xml(incident.state)}"/>`,
    '</detail>',
    '</event>',
  ].join('\n');
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escape for text and attributes, dropping what XML 1.0 cannot carry at all (C0 controls, lone surrogates). */
function xml(text: string): string {
  let escaped = '';
  for (const c of text) {
    if (isXmlChar(c.codePointAt(0)!)) escaped += ESCAPES[c] ?? c;
  }
  return escaped;
}
