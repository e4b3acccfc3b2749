/**
 * What the OpenAPI document says of bodies the server takes loosely. A batch of observations,
 * a zone file or a list of caveats is validated item by item by the domain (each item accepted
 * or rejected on its own, every problem named), so its zod schema is `unknown`; without more,
 * the document would say `{}` and a client author would have to read the source. `documentedAs`
 * keeps the loose schema for validation and gives the document the shape the domain accepts.
 * `documented.test.ts` checks each shape against what the domain accepts and refuses.
 */
import { ROLES } from '@guarantor/core/coalition';
import { CATEGORIES, SOURCE_KINDS } from '@guarantor/core/monitoring';
import { WEAPON_CLASSES, ZONE_KINDS } from '@guarantor/core/zones';
import { z } from 'zod';

/**
 * `loose` as the validator sees it, described in the OpenAPI document by `shape` (its JSON
 * Schema, as zod writes it for input).
 */
export function documentedAs<T extends z.ZodType>(loose: T, shape: z.ZodType): T {
  const { $schema: _, ...json } = z.toJSONSchema(shape, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return loose.meta(json) as T;
}

const LngLat = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .describe('[longitude, latitude], WGS 84 degrees');

/** An observation as `POST /api/observations` takes it (core's validateObservation decides). */
export const ObservationShape = z.object({
  uid: z
    .string()
    .min(1)
    .max(200)
    .describe('stable id; sending it again with a newer reportedAtMs replaces it'),
  source: z.object({
    kind: z.enum(SOURCE_KINDS),
    id: z.string().min(1).describe('the reporting unit, device or party; one id is one source'),
    nation: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .describe('ISO 3166-1 alpha-3 of the reporting nation'),
  }),
  time: z
    .object({ startMs: z.number().int(), endMs: z.number().int() })
    .describe('epoch milliseconds; an instant has endMs = startMs'),
  category: z.enum(CATEGORIES),
  count: z.number().int().min(1).describe('"48 explosions" is one observation with count 48'),
  location: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('point'),
      position: LngLat,
      radiusM: z.number().min(0).describe('uncertainty, metres'),
    }),
    z.object({
      kind: z.literal('bearing'),
      observer: LngLat,
      bearingDeg: z.number().min(0).lt(360).describe('clockwise from true north'),
      spreadDeg: z.number().min(0).max(89).describe("half-width of the bearing's uncertainty"),
      minDistanceM: z.number().min(0),
      maxDistanceM: z.number().min(0),
    }),
  ]),
  reportedAtMs: z.number().int().describe('when this version was made, epoch milliseconds'),
  remarks: z.string().optional(),
  releasability: z.string().optional().describe("this item's label; default: the batch's, else COALITION"),
});

/** A caveat on an offer (core/coalition/caveats.ts). */
export const CaveatShape = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('allowed_regions'),
    regions: z.array(z.string()).describe('ISO 3166-2 codes, e.g. UA-63'),
  }),
  z.object({ kind: z.literal('excluded_regions'), regions: z.array(z.string()) }),
  z.object({ kind: z.literal('outside_ukraine_only') }),
  z.object({ kind: z.literal('min_distance_from_contact'), minDistanceKm: z.number().min(0) }),
  z.object({ kind: z.literal('roles_allowed'), roles: z.array(z.enum(ROLES)) }),
  z.object({
    kind: z.literal('national_mandate'),
    status: z.enum(['none', 'pending', 'granted', 'refused']),
    body: z.string().optional().describe('the parliament, e.g. Bundestag'),
  }),
  z.object({ kind: z.literal('conditional_on_participation'), nation: z.string().regex(/^[A-Z]{3}$/) }),
  z.object({ kind: z.literal('valid_until'), date: z.iso.date().describe('inclusive last day, UTC') }),
]);

const Ring = z.array(LngLat).min(4).describe('closed: the last position equals the first');
/** The geometries a zone may have: areas for sectors, buffers and withdrawal zones, lines for the line of contact. */
export const ZoneGeometryShape = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(LngLat).min(2) }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(LngLat).min(2)).min(1) }),
]);

/** A zone's properties as a file gives them (the import's query may name other properties). */
export const ZonePropertiesShape = z
  .object({
    kind: z.enum(ZONE_KINDS).optional().describe('required unless the query gives kind'),
    name: z.string().optional().describe('required unless the query names another property (nameField)'),
    id: z.string().optional().describe('default: the feature id, else the name as a slug'),
    weaponClasses: z.array(z.enum(WEAPON_CLASSES)).optional().describe('withdrawal zones only'),
    validFrom: z.string().optional().describe('ISO 8601'),
    validTo: z.string().optional().describe('ISO 8601'),
    illustrative: z.boolean().optional(),
    releasability: z.string().optional(),
  })
  .catchall(z.unknown());

export const ZoneFeatureShape = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  properties: ZonePropertiesShape,
  geometry: ZoneGeometryShape,
});

export const ZoneCollectionShape = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(ZoneFeatureShape),
});

/** A violation rule's definition (core/zones/rules.ts). */
export const ViolationRuleShape = z.object({
  id: z.string(),
  name: z.string(),
  categories: z.array(z.enum(CATEGORIES)).min(1),
  zoneKind: z.enum(['buffer_zone', 'weapons_withdrawal', 'sector']).optional(),
  anywhere: z.boolean().optional(),
  weaponClassMatch: z.boolean().optional(),
  unknownWeaponClassMatches: z.boolean().optional(),
});

const Position = z.array(z.number()).min(2).max(3).describe('[longitude, latitude(, altitude)]');
/** Any GeoJSON geometry (RFC 7946). */
export const GeometryShape = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: Position }),
  z.object({ type: z.literal('MultiPoint'), coordinates: z.array(Position) }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(Position) }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position)) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }),
]);

/** GeoJSON Features with the given properties. */
export function featuresOf(properties: z.ZodType): z.ZodType {
  return z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.union([z.string(), z.number()]).optional(),
      geometry: GeometryShape,
      properties,
    }),
  );
}

/** How a plan was asked for, as stored with it. */
export const PlanOptionsShape = z
  .object({
    timeLimitS: z.number().optional().describe('wall-clock limit of each solver stage, seconds'),
    mipRelGap: z.number().optional().describe('relative MIP gap at which stage 2 counts as solved'),
    audience: z.string().nullable().optional().describe('the label the plan was computed for'),
  })
  .catchall(z.unknown());
