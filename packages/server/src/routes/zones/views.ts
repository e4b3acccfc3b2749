/** The zone routes' zod schemas, presenters and limits, shared by the files of this folder. */
import type * as Api from '@guarantor/core/api';
import { CATEGORIES } from '@guarantor/core/monitoring';
import { isIsoDate } from '@guarantor/core/phases';
import {
  firstProblemsRefusal,
  WEAPON_CLASSES,
  ZONE_KINDS,
  type ZoneImportError,
  type ZoneProblem,
} from '@guarantor/core/zones';
import type { ZoneImportSummary, ZoneRecord } from '@guarantor/db';
import { z } from 'zod';
import { AppError, worded } from '../../errors.ts';
import { matches } from '../contract.ts';
import { documentedAs, featuresOf } from '../documented.ts';

/** Zone files may be large (detailed lines): up to 20 MB. */
export const ZONE_BODY_LIMIT = 20 * 1024 * 1024;
/** The longest span of days one counts request may cover. */
export const MAX_SPAN_DAYS = 92;

export const IsoDate = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');
export const ZoneProperties = matches<Api.ZoneProperties>()(
  z.object({
    id: z.string(),
    kind: z.enum(ZONE_KINDS),
    name: z.string(),
    weaponClasses: z.array(z.enum(WEAPON_CLASSES)),
    version: z.number().int(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    illustrative: z.boolean(),
    releasability: z.string(),
  }),
);
export const FeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: documentedAs(z.array(z.unknown()), featuresOf(ZoneProperties)),
});
export const ZoneProblemView = matches<Api.ZoneProblem>()(
  z.object({
    feature: z.number().int().describe('index in features; -1 for the file itself'),
    field: z.string(),
    code: z.string(),
    message: z.string(),
  }),
);
export const ImportSummary = matches<Api.ZoneImportSummary>()(
  z.object({
    read: z.number().int(),
    created: z.array(z.string()),
    updated: z.array(z.string()),
    unchanged: z.array(z.string()),
    skipped: z.array(ZoneProblemView).describe('features left out on request (skipWrongGeometry), with why'),
  }),
);
export const Levels = {
  incidents: z.number().int(),
  all: z.number().int(),
  corroborated: z.number().int(),
  verified: z.number().int(),
};
export const Counts = matches<Api.IncidentCounts>()(
  z.object({
    total: z.number().int(),
    byCategory: z.record(z.string(), z.number().int()),
    byState: z.record(z.string(), z.number().int()),
  }),
);

export const SectorDayView = z.object({
  sector: z.string(),
  date: z.string().describe('UTC day, YYYY-MM-DD'),
  monitored: z.boolean().describe('whether any monitoring source was active in the sector that day'),
  incidents: z.array(
    z.object({
      id: z.string(),
      category: z.enum(CATEGORIES),
      verification: z.enum(['reported', 'corroborated', 'verified', 'attributed', 'dismissed']),
      count: z.number().int().describe('violations the incident stands for ("48 explosions" is 48)'),
      zones: z.array(z.string()).describe('kinds of zone the incident lies inside'),
    }),
  ),
});
export const SourceStatusView = z.object({
  sourceId: z.string(),
  sourceKind: z.string(),
  status: z.enum(['active', 'degraded', 'down']),
  sectors: z.array(z.string()).describe('sectors the status applies to; empty: all the source covers'),
  note: z.string().nullable(),
  observations: z.number().int().describe('observations it filed that day that you may see'),
});

export const presentProblem = (p: ZoneProblem) => ({
  feature: p.index,
  field: p.field,
  code: p.code,
  message: p.message,
});

export const presentSummary = (s: ZoneImportSummary) => ({
  read: s.read,
  created: [...s.created],
  updated: [...s.updated],
  unchanged: [...s.unchanged],
  skipped: s.skipped.map(presentProblem),
});

export function presentZone(zr: ZoneRecord) {
  return {
    type: 'Feature' as const,
    id: zr.id,
    properties: {
      id: zr.id,
      kind: zr.kind,
      name: zr.name,
      weaponClasses: [...zr.weaponClasses],
      version: zr.version,
      validFrom: zr.validFromMs === null ? null : new Date(zr.validFromMs).toISOString(),
      validTo: zr.validToMs === null ? null : new Date(zr.validToMs).toISOString(),
      illustrative: zr.illustrative,
      releasability: zr.releasability,
    } satisfies Api.ZoneProperties,
    geometry: zr.geometry,
  };
}

/**
 * A refused zone file: 400 naming the first feature and field, the message listing up to five,
 * and every problem in `details.problems` (feature, field, code, message) for a full list.
 */
export function zoneRefusal(error: ZoneImportError): AppError {
  const first = error.problems[0]!;
  const field = first.index < 0 ? `body.${first.field}` : `body.features[${first.index}].${first.field}`;
  return new AppError(
    'zone.invalid',
    {
      key: error.problems.length > 5 ? 'zones.fileProblemsMore' : 'zones.fileProblems',
      params: {
        count: error.problems.length,
        problems: { refusal: firstProblemsRefusal(error.problems) },
        more: error.problems.length - 5,
      },
    },
    field,
    worded((say) => ({
      problems: error.problems.map((p) => ({ ...presentProblem(p), message: say(p.refusal) })),
    })),
  );
}

export function span(from: string, to: string): void {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days < 0) throw new AppError('request.invalid', { key: 'zones.toBeforeFrom' }, 'query.to');
  if (days >= MAX_SPAN_DAYS) {
    throw new AppError(
      'request.invalid',
      { key: 'zones.spanTooLong', params: { max: MAX_SPAN_DAYS } },
      'query.to',
    );
  }
}

/** Zones, violation rules, violation counts per sector and day, source status. */
