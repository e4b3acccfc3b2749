/** The monitoring routes' zod schemas, presenters and limits, shared by the files of this folder. */
import type { Releasability } from '@guarantor/core/access';
import type * as Api from '@guarantor/core/api';
import type { Phrasing } from '@guarantor/core/i18n/words';
import { CATEGORIES } from '@guarantor/core/monitoring';
import { nearestInWords, nearestPlace } from '@guarantor/core/reference';
import {
  type ClaimRecord,
  INCIDENT_STATES,
  type IncidentObservationRecord,
  type IncidentRecord,
  type PointLocation,
  type StateChangeRecord,
} from '@guarantor/db';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { stateReasonIn } from '../../monitoring/states.ts';
import { shippedCities } from '../../places.ts';
import { matches } from '../contract.ts';
import { labelFromRequest } from '../inputs.ts';

/** Observations per POST /api/observations. */
export const MAX_BATCH = 10_000;
/** Bytes of one observations batch: 10,000 items of up to ~1.6 KB. */
export const BATCH_BODY_LIMIT = 16 * 1024 * 1024;
/** Bytes of one POST /api/cot body: many events, each at most 64 KiB (core's limit). */
export const COT_BODY_LIMIT = 1024 * 1024;

export const Iso = z
  .string()
  .datetime({ offset: true })
  .describe('ISO 8601 instant, e.g. 2026-11-26T06:00:00Z');

export const FilterQuery = {
  category: z
    .string()
    .optional()
    .describe(`comma-separated categories: ${CATEGORIES.join(', ')}`),
  state: z
    .string()
    .optional()
    .describe(`comma-separated states: ${INCIDENT_STATES.join(', ')}`),
  from: Iso.optional().describe('incidents whose time window ends at or after this instant'),
  to: Iso.optional().describe('incidents whose time window starts at or before this instant'),
  sector: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe(
      'a sector zone id: incidents its polygon covers (boundary included); an unknown sector matches none',
    ),
};

export const WhereView = matches<Api.IncidentWhere>()(
  z.object({
    region: z.object({ code: z.string(), nameEn: z.string(), nameUk: z.string().nullable() }).nullable(),
    sector: z.object({ id: z.string(), name: z.string() }).nullable(),
    zones: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
    nearest: z
      .object({
        name: z.string(),
        nameUk: z.string().nullable(),
        distanceKm: z.number(),
        direction: z.string().nullable(),
      })
      .nullable(),
    sentence: z.string().describe('where it lies, in one sentence of names'),
  }),
);

/** An incident's place in names: nearest city, unit of Ukraine, sector and other zones, in the reader's words. */
export function presentWhere(
  location: PointLocation,
  position: readonly [number, number],
  p: Phrasing,
): Api.IncidentWhere {
  const nearest = nearestPlace(shippedCities(), position);
  const sector = location.zones.find((z) => z.kind === 'sector') ?? null;
  const others = location.zones.filter((z) => z.kind !== 'sector');
  const unit = location.unit && p.region(location.unit.code);
  const parts = [
    [nearest && nearestInWords(nearest, p), unit].filter(Boolean).join(', '),
    sector ? p.say('where.inSector', { name: sector.name }) : p.say('where.noSector'),
    ...(others.length > 0 ? [p.say('where.inside', { zones: others.map((z) => z.name).join(', ') })] : []),
  ].filter((part) => part.length > 0);
  return {
    region: location.unit,
    sector: sector && { id: sector.id, name: sector.name },
    zones: location.zones.map((z) => ({ ...z })),
    nearest,
    sentence: parts.join(p.say('where.joiner')),
  };
}

export const IncidentView = matches<Api.Incident>()(
  z.object({
    id: z.string(),
    category: z.string(),
    categories: z.array(z.string()),
    state: z.enum(INCIDENT_STATES),
    fusionState: z.enum(['reported', 'corroborated']),
    attributedParty: z.string().nullable(),
    position: z.tuple([z.number(), z.number()]).describe('[longitude, latitude]'),
    radiusM: z.number(),
    locationMethod: z.string(),
    start: z.string(),
    end: z.string(),
    count: z.object({ low: z.number(), best: z.number(), high: z.number() }),
    confidence: z.number(),
    independentSources: z.number().int(),
    partyClaimNations: z.array(z.string()),
    observationCount: z.number().int(),
    mergedInto: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
    releasability: z.string(),
  }),
);

export const ObservationView = matches<Api.IncidentObservation>()(
  z.object({
    uid: z.string(),
    sourceKind: z.string(),
    sourceId: z.string(),
    nation: z.string(),
    category: z.string(),
    count: z.number(),
    start: z.string(),
    end: z.string(),
    position: z.tuple([z.number(), z.number()]),
    radiusM: z.number(),
    locationKind: z.enum(['point', 'bearing']),
    remarks: z.string().nullable(),
    reportedAt: z.string(),
    join: z
      .object({
        via: z.string(),
        rule: z.string(),
        geometry: z.string(),
        distanceM: z.number(),
        gapMs: z.number(),
      })
      .nullable(),
    releasability: z.string(),
  }),
);

export const StateChangeView = matches<Api.StateChange>()(
  z.object({
    incidentId: z.string(),
    from: z.string().nullable(),
    to: z.string(),
    by: z.string(),
    nation: z.string().nullable(),
    at: z.string(),
    reason: z.string().nullable(),
    evidence: z.array(z.string()),
    attributedParty: z.string().nullable(),
    assessment: z.string().nullable(),
  }),
);

export const ClaimView = matches<Api.Claim>()(
  z.object({
    id: z.number().int(),
    incidentId: z.string(),
    party: z.string(),
    claim: z.string(),
    evidence: z.array(z.string()),
    assessment: z.string().nullable(),
    by: z.string(),
    nation: z.string().nullable(),
    at: z.string(),
    releasability: z.string(),
  }),
);

export const IntakeResultView = matches<Api.IntakeResult>()(
  z.object({
    index: z.number().int(),
    uid: z.string().optional(),
    status: z.enum(['stored', 'replaced', 'unchanged', 'rejected']),
    code: z.string().optional(),
    field: z.string().optional(),
    message: z.string().optional(),
  }),
);

export const CotResultView = matches<Api.CotResult>()(
  z.object({
    index: z.number().int(),
    uid: z.string().optional(),
    type: z.string().optional(),
    kind: z.enum(['observation', 'team_track', 'ignored', 'rejected', 'dropped']),
    status: z.enum(['stored', 'replaced', 'unchanged', 'rejected']).optional(),
    code: z.string().optional(),
    message: z.string().optional(),
  }),
);

export const Evidence = z.array(z.string().url('must be a link (URL)').max(2000)).max(50);

export function presentIncident(r: IncidentRecord): Api.Incident {
  const { label: _label, explanation: _explanation, start, end, updatedAt, position, ...rest } = r;
  return {
    ...rest,
    categories: [...r.categories],
    partyClaimNations: [...r.partyClaimNations],
    position: [position[0], position[1]],
    start: start.toISOString(),
    end: end.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export function presentObservation(o: IncidentObservationRecord): Api.IncidentObservation {
  return {
    ...o,
    position: [o.position[0], o.position[1]],
    start: o.start.toISOString(),
    end: o.end.toISOString(),
    reportedAt: o.reportedAt.toISOString(),
  };
}

export function presentStateChange(s: StateChangeRecord, p: Phrasing): Api.StateChange {
  return {
    ...s,
    reason: stateReasonIn(s, p.words),
    evidence: [...s.evidence],
    at: s.at.toISOString(),
  };
}

export function presentClaim(c: ClaimRecord): Api.Claim {
  return { ...c, evidence: [...c.evidence], at: c.at.toISOString() };
}

export function labelOrDefault(
  text: string | undefined,
  field: string,
  fallback: Releasability,
): Releasability {
  return text === undefined ? fallback : labelFromRequest(text, field);
}

export const COALITION: Releasability = { kind: 'COALITION' };

export function sendTile(reply: FastifyReply, tile: Uint8Array) {
  // What a tile holds depends on who asks (releasability): a cache keyed on the URL alone must
  // not hand one reader's tile to another.
  return reply
    .type('application/vnd.mapbox-vector-tile')
    .header('cache-control', 'private, max-age=5')
    .header('vary', 'authorization, cookie')
    .send(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength));
}
