/**
 * The spot report: one incident, on one page — what, where, when, how sure, the observations
 * behind it, the fusion engine's explanation, its state history, the parties' claims, the
 * zones it lies in and the rules it breaks. Read as the requesting reader.
 */
import {
  formatReleasability,
  meetLabels,
  parseReleasability,
  type Releasability,
} from '@guarantor/core/access';
import type { Category } from '@guarantor/core/monitoring';
import { type NearestPlace, nearestPlace } from '@guarantor/core/reference';
import { evaluateViolations, indexZones } from '@guarantor/core/zones';
import {
  activeViolationRules,
  type ClaimRecord,
  type Database,
  getIncident,
  type IncidentObservationRecord,
  type IncidentRecord,
  incidentClaims,
  incidentObservations,
  incidentStateChanges,
  labelOf,
  listZones,
  type StateChangeRecord,
  type UnitName,
  unitsOfPoints,
} from '@guarantor/db';
import type { Kysely, Transaction } from 'kysely';
import { shippedCities } from '../places.ts';
import type { MapZone } from './daily.ts';
import { type MapScene, mapScene } from './map.ts';

/** Everything a spot report shows. */
export interface SpotReport {
  readonly incident: IncidentRecord;
  readonly observations: readonly IncidentObservationRecord[];
  readonly history: readonly StateChangeRecord[];
  readonly claims: readonly ClaimRecord[];
  readonly zones: readonly { readonly id: string; readonly kind: string; readonly name: string }[];
  readonly rulesBroken: readonly { readonly id: string; readonly name: string }[];
  readonly sector: string | null;
  readonly mapZones: readonly MapZone[];
  readonly releasability: string;
  readonly generatedAt: Date;
  /** The oblast (or city with special status) it lies in; null outside Ukraine. */
  readonly region: UnitName | null;
  /** The nearest named city, as the incident page names it ("23 km south-east of Zaporizhzhia"). */
  readonly nearest: NearestPlace | null;
}

/** The spot report of one incident, or undefined when the reader may not see it. */
export async function buildSpotReport(
  trx: Kysely<Database> | Transaction<Database>,
  incidentId: string,
  generatedAt: Date,
): Promise<SpotReport | undefined> {
  const incident = await getIncident(trx, incidentId);
  if (!incident) return undefined;
  const observations = await incidentObservations(trx, incidentId);
  const history = await incidentStateChanges(trx, incidentId);
  const claims = await incidentClaims(trx, incidentId);
  const zones = await listZones(trx);
  const rules = await activeViolationRules(trx);
  const index = indexZones(zones);
  const inside = index.containing(incident.position, incident.start.getTime());
  const { violations } = evaluateViolations(
    [
      {
        id: incident.id,
        category: incident.category as Category,
        position: incident.position,
        timeMs: incident.start.getTime(),
        verification: incident.state,
        count: incident.count.best,
        weaponClass: null,
      },
    ],
    index,
    rules,
  );
  const broken = violations[0]?.ruleIds ?? [];
  const [region] = await unitsOfPoints(trx, [incident.position]);
  let label: Releasability = labelOf(incident.label);
  for (const o of [...observations, ...claims])
    label = meetLabels(label, parseReleasability(o.releasability));
  return {
    incident,
    observations,
    history,
    claims,
    zones: inside.map((z) => ({ id: z.id, kind: z.kind, name: z.name })),
    rulesBroken: rules.filter((r) => broken.includes(r.id)).map((r) => ({ id: r.id, name: r.name })),
    sector: inside.find((z) => z.kind === 'sector')?.id ?? null,
    mapZones: zones.map((z) => ({ id: z.id, kind: z.kind, name: z.name, geometry: z.geometry })),
    releasability: formatReleasability(label),
    generatedAt,
    region: region ?? null,
    nearest: nearestPlace(shippedCities(), incident.position),
  };
}

/** The spot report's map: the incident over the zones, `width` units wide (HTML and PDF alike). */
export function spotMapScene(r: SpotReport, width: number): MapScene {
  const i = r.incident;
  return mapScene(
    r.mapZones,
    [
      {
        id: i.id,
        category: i.category,
        state: i.state,
        start: i.start,
        dateOnly: false,
        position: i.position,
        count: i.count.best,
        sector: r.sector,
        sectorName: r.mapZones.find((z) => z.id === r.sector)?.name ?? r.sector,
        ruleIds: r.rulesBroken.map((x) => x.id),
        attributedParty: i.attributedParty,
        releasability: i.releasability,
        region: r.region,
      },
    ],
    width,
  );
}
