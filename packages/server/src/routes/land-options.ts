/**
 * Land options and the line of contact (issue 17, docs/adr/0032-land-options.md). Draft or import
 * an alternative demarcation as a new version (cell staff, analysts), list and read the options
 * you may see, measure one against the current line, and compare them side by side (JSON, CSV,
 * XLSX). Every read runs as the reader: row-level security decides which options, control
 * areas, hubs and orders exist for them, so the facts are computed per reader.
 */
import { admits, formatReleasability, meetLabels, parseReleasability } from '@guarantor/core/access';
import type * as Api from '@guarantor/core/api';
import { indexCatalogue, SHIPPED_CATALOGUE } from '@guarantor/core/coalition';
import {
  CONTACT_EDGE_TOLERANCE_KM,
  type ControlAreaNote,
  monitoringForce,
  POPULATION_RULE,
  populationBySide,
  SMM_MONITORING,
  shareOfUkraine,
} from '@guarantor/core/territory';
import {
  asReader,
  controlAreaContactLine,
  controlAreaVersion,
  controlAreaVersionOn,
  type LandOptionVersionSummary,
  landOptionFacts,
  landOptionVersion,
  listLandOptions,
  saveLandOption,
  ukraineBoundariesKm2,
} from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireRole, requireUser } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { exceljs } from '../exports/excel.ts';
import { csvText } from '../exports/table.ts';
import { shippedCities } from '../places.ts';
import { landOptionsBriefPdf } from '../reports/pdf.ts';
import { matches } from './contract.ts';
import { documentedAs, GeometryShape } from './documented.ts';
import { labelFromRequest } from './inputs.ts';

type Trx = Parameters<Parameters<typeof asReader>[2]>[0];

const CATALOGUE = indexCatalogue(SHIPPED_CATALOGUE);

const LINE_RULE = `The line of contact is the part of the occupied area's edge that lies on Ukraine's land (Natural Earth 1:50m outline) more than ${CONTACT_EDGE_TOLERANCE_KM} km from the state border and the coast, segment by segment (by each segment's midpoint); its length is geodesic (WGS 84).`;
const MONITORING_BASIS = `OSCE Special Monitoring Mission: over 600 monitors in Donbas along a contact line of about 420–500 km, so ${SMM_MONITORING.monitorsPerKm.toFixed(2)} monitors per km (${SMM_MONITORING.monitorsPerKmLow.toFixed(2)}–${SMM_MONITORING.monitorsPerKmHigh.toFixed(2)} for the line's uncertain length); one patrol base per ${SMM_MONITORING.patrolBaseSegmentKm} km of line (an estimate). See docs/adr/0032-land-options.md.`;
export const METHOD = `Areas are geodesic (PostGIS geography, WGS 84) and measured on Ukraine's land outline (Natural Earth 1:50m, Crimea in Ukraine; no sea): a line option cuts it in two and each piece goes to the side of the line it lies on. Shares of Ukraine use two baselines, each named: official (603,628 km²) and boundaries (the sum of the 27 unit polygons, water included). The difference is against the current line: the newest occupied control area you may read, on land. ${LINE_RULE} Population: ${POPULATION_RULE} The buffer zone is the option's line of contact widened by the chosen width on each side, on land. Hubs and orders are the ones you may read.`;

const Note = matches<Api.ControlAreaNote>()(
  z.object({ feature: z.number().int(), field: z.string(), reason: z.string() }),
);
const Share = matches<Api.ShareOfUkraine>()(
  z.object({
    official: z.number(),
    boundaries: z.number(),
    officialKm2: z.number(),
    boundariesKm2: z.number(),
  }),
);
const OptionView = matches<Api.LandOptionView>()(
  z.object({
    id: z.string(),
    option: z.string(),
    version: z.number().int(),
    name: z.string(),
    description: z.string(),
    kind: z.enum(['line', 'area']),
    occupiedSide: z.enum(['left', 'right']).nullable(),
    repaired: z.array(Note),
    createdBy: z.string(),
    createdAt: z.string(),
    releasability: z.string(),
  }),
);
const Monitoring = matches<Api.MonitoringForceView>()(
  z.object({
    lineKm: z.number(),
    monitors: z.number().int(),
    monitorsLow: z.number().int(),
    monitorsHigh: z.number().int(),
    patrolBases: z.number().int(),
    monitorsPerKm: z.number(),
    monitorsPerKmLow: z.number(),
    monitorsPerKmHigh: z.number(),
    patrolBaseSegmentKm: z.number(),
    basis: z.string(),
  }),
);
// Not `matches`-checked whole: a geometry is `any` to zod and `Geometry` to the contract.
const FactsView = z.object({
  option: OptionView,
  current: z.object({ id: z.string(), asOf: z.string(), source: z.string() }).nullable(),
  areas: z.object({
    landKm2: z.number(),
    occupiedKm2: z.number(),
    governmentKm2: z.number(),
    occupiedShare: Share,
    governmentShare: Share,
  }),
  difference: z.object({ gainedKm2: z.number(), returnedKm2: z.number(), netKm2: z.number() }).nullable(),
  units: z.array(
    matches<Api.LandOptionUnit>()(
      z.object({
        code: z.string(),
        name: z.string(),
        landKm2: z.number(),
        occupiedKm2: z.number(),
        occupiedShare: z.number(),
        split: z.boolean(),
        population: z.number().nullable(),
        occupiedPopulation: z.number().nullable(),
        governmentPopulation: z.number().nullable(),
      }),
    ),
  ),
  unitsSplit: z.array(z.string()),
  population: z
    .object({
      occupied: z.number(),
      government: z.number(),
      source: z.string(),
      rule: z.string(),
      missing: z.array(z.string()),
    })
    .nullable(),
  line: z.object({ lengthKm: z.number(), toleranceKm: z.number(), rule: z.string() }),
  monitoring: Monitoring,
  buffer: z.object({
    widthKm: z.number(),
    areaKm2: z.number(),
    settlements: z.array(
      z.object({ name: z.string(), distanceKm: z.number(), side: z.enum(['occupied', 'government']) }),
    ),
    hubs: z.array(z.object({ id: z.string(), name: z.string(), distanceKm: z.number() })),
    crossings: z.array(z.object({ id: z.string(), name: z.string(), distanceKm: z.number() })),
    routes: z.array(
      z.object({ id: z.string(), name: z.string().nullable(), network: z.string(), insideKm: z.number() }),
    ),
  }),
  breaks: z.array(
    matches<Api.LandOptionBreak>()(
      z.object({
        kind: z.enum(['hub', 'order', 'caveat']),
        id: z.string(),
        severity: z.enum(['breaks', 'affects']),
        reason: z.string(),
      }),
    ),
  ),
  map: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: documentedAs(z.any(), GeometryShape),
        properties: z.object({ layer: z.enum(['option', 'occupied', 'line', 'buffer', 'current_line']) }),
      }),
    ),
  }),
  method: z.string(),
  releasability: z.string(),
});

const BufferKm = z.coerce
  .number()
  .gt(0, 'a width above 0 km')
  .max(100, 'at most 100 km each side')
  .default(15)
  .describe('the buffer zone: km on each side of the line of contact');

const notes = (list: readonly ControlAreaNote[]): Api.ControlAreaNote[] =>
  list.map((n) => ({ feature: n.index, field: n.field, reason: n.reason }));

function presentOption(v: LandOptionVersionSummary): Api.LandOptionView {
  return {
    id: v.id,
    option: v.option,
    version: v.version,
    name: v.name,
    description: v.description,
    kind: v.kind,
    occupiedSide: v.occupiedSide,
    repaired: notes(v.repaired),
    createdBy: v.createdBy,
    createdAt: v.createdAt.toISOString(),
    releasability: v.releasability,
  };
}

function presentMonitoring(lineKm: number): Api.MonitoringForceView {
  const m = monitoringForce(lineKm);
  return {
    lineKm,
    monitors: m.monitors,
    monitorsLow: m.monitorsLow,
    monitorsHigh: m.monitorsHigh,
    patrolBases: m.patrolBases,
    monitorsPerKm: m.parameters.monitorsPerKm,
    monitorsPerKmLow: m.parameters.monitorsPerKmLow,
    monitorsPerKmHigh: m.parameters.monitorsPerKmHigh,
    patrolBaseSegmentKm: m.parameters.patrolBaseSegmentKm,
    basis: MONITORING_BASIS,
  };
}

/** The facts of one option as the reader sees them; undefined when the option is hidden or absent. */
export async function factsOf(
  trx: Trx,
  id: string,
  bufferKm: number,
  today: string,
  withCurrentLine: boolean,
): Promise<Api.LandOptionFacts | undefined> {
  const option = await landOptionVersion(trx, id);
  if (!option) return undefined;
  const current = await controlAreaVersionOn(trx, 'occupied', today);
  const currentRowId = current ? Number(current.id.slice(3)) : null;
  const f = await landOptionFacts(trx, id, {
    currentRowId,
    bufferKm,
    places: shippedCities().map((c) => ({ name: c.name, position: c.position })),
  });
  if (!f) return undefined;
  const boundariesKm2 = await ukraineBoundariesKm2(trx);
  const currentLine =
    withCurrentLine && currentRowId !== null ? await controlAreaContactLine(trx, currentRowId) : undefined;
  const population = populationBySide(
    f.units.map((u) => ({
      code: u.code,
      population: u.population,
      landKm2: u.landKm2,
      occupiedKm2: u.occupiedKm2,
    })),
  );
  const nameOf = (code: string, fallback: string) => CATALOGUE.region.get(code)?.name ?? fallback;
  const units = f.units.map((u, i): Api.LandOptionUnit => {
    const p = population.units[i]!;
    return {
      code: u.code,
      name: nameOf(u.code, u.name),
      landKm2: u.landKm2,
      occupiedKm2: u.occupiedKm2,
      occupiedShare: p.occupiedShare,
      split: p.split,
      population: u.population,
      occupiedPopulation: p.occupiedPopulation,
      governmentPopulation: p.governmentPopulation,
    };
  });
  const feature = (layer: Api.LandOptionMapLayer, geometry: string | null) =>
    geometry === null
      ? []
      : [{ type: 'Feature' as const, geometry: JSON.parse(geometry), properties: { layer } }];
  const label = current
    ? meetLabels(parseReleasability(option.releasability), parseReleasability(current.releasability))
    : parseReleasability(option.releasability);
  return {
    option: presentOption(option),
    current: current ? { id: current.id, asOf: current.asOf, source: current.source } : null,
    areas: {
      landKm2: f.landKm2,
      occupiedKm2: f.occupiedKm2,
      governmentKm2: f.governmentKm2,
      occupiedShare: shareOfUkraine(f.occupiedKm2, boundariesKm2),
      governmentShare: shareOfUkraine(f.governmentKm2, boundariesKm2),
    },
    difference: f.difference
      ? { ...f.difference, netKm2: f.difference.gainedKm2 - f.difference.returnedKm2 }
      : null,
    units,
    unitsSplit: units.filter((u) => u.split).map((u) => u.name),
    population:
      f.populationSource === null
        ? null
        : {
            occupied: population.occupied,
            government: population.government,
            source: f.populationSource,
            rule: POPULATION_RULE,
            missing: population.missing.map((c) => nameOf(c, c)),
          },
    line: { lengthKm: f.line.lengthKm, toleranceKm: CONTACT_EDGE_TOLERANCE_KM, rule: LINE_RULE },
    monitoring: presentMonitoring(f.line.lengthKm),
    buffer: {
      widthKm: f.buffer.widthKm,
      areaKm2: f.buffer.areaKm2,
      settlements: f.buffer.settlements.map((s) => ({
        name: s.name,
        distanceKm: s.distanceKm,
        side: s.occupiedSide ? ('occupied' as const) : ('government' as const),
      })),
      hubs: [...f.buffer.hubs],
      crossings: [...f.buffer.crossings],
      routes: [...f.buffer.routes],
    },
    breaks: [...f.breaks],
    map: {
      type: 'FeatureCollection',
      features: [
        ...feature('buffer', f.buffer.geometry),
        ...feature('occupied', f.occupiedGeometry),
        ...feature('current_line', currentLine?.geometry ?? null),
        ...feature('line', f.line.geometry),
        ...feature('option', option.geometry),
      ],
    },
    method: METHOD,
    releasability: formatReleasability(label),
  };
}

/** Where in the request a problem of the option file lies (core names it from the feature). */
function requestField(geometry: unknown, p: ControlAreaNote): string {
  if (p.field === 'occupiedSide') return 'body.occupiedSide';
  if (p.field === 'body') return 'body.geometry';
  const type = (geometry as { type?: unknown } | null)?.type;
  if (type === 'FeatureCollection') {
    return p.index >= 0 ? `body.geometry.features[${p.index}].${p.field}` : `body.geometry.${p.field}`;
  }
  // A Feature: its fields are the file's; a bare geometry is the file's `geometry` itself.
  return type === 'Feature' ? `body.geometry.${p.field}` : `body.${p.field}`;
}

/** The comparison table's columns: a header and how each option fills it. */
const COLUMNS: readonly {
  readonly header: string;
  readonly cell: (f: Api.LandOptionFacts) => string | number;
}[] = [
  { header: 'Option', cell: (f) => f.option.name },
  { header: 'Version', cell: (f) => f.option.version },
  { header: 'Kind', cell: (f) => (f.option.kind === 'line' ? 'line' : 'area') },
  { header: 'Occupying side holds (km²)', cell: (f) => Math.round(f.areas.occupiedKm2) },
  {
    header: 'Share of Ukraine, official 603,628 km² (%)',
    cell: (f) => +(f.areas.occupiedShare.official * 100).toFixed(2),
  },
  {
    header: 'Share of Ukraine, unit boundaries (%)',
    cell: (f) => +(f.areas.occupiedShare.boundaries * 100).toFixed(2),
  },
  { header: 'Government holds (km²)', cell: (f) => Math.round(f.areas.governmentKm2) },
  {
    header: 'Gained by the occupying side vs current line (km²)',
    cell: (f) => (f.difference ? Math.round(f.difference.gainedKm2) : ''),
  },
  {
    header: 'Returned to the government vs current line (km²)',
    cell: (f) => (f.difference ? Math.round(f.difference.returnedKm2) : ''),
  },
  {
    header: 'Current line',
    cell: (f) => (f.current ? `${f.current.source}, ${f.current.asOf}` : 'none loaded'),
  },
  { header: 'Units split', cell: (f) => f.unitsSplit.join('; ') },
  { header: 'Population, occupying side', cell: (f) => f.population?.occupied ?? '' },
  { header: 'Population, government side', cell: (f) => f.population?.government ?? '' },
  { header: 'Line of contact (km)', cell: (f) => +f.line.lengthKm.toFixed(1) },
  { header: 'Monitors needed', cell: (f) => f.monitoring.monitors },
  { header: 'Monitors, range', cell: (f) => `${f.monitoring.monitorsLow}–${f.monitoring.monitorsHigh}` },
  { header: 'Patrol bases', cell: (f) => f.monitoring.patrolBases },
  { header: 'Buffer width each side (km)', cell: (f) => f.buffer.widthKm },
  { header: 'Buffer zone (km²)', cell: (f) => Math.round(f.buffer.areaKm2) },
  { header: 'Settlements in the buffer', cell: (f) => f.buffer.settlements.map((s) => s.name).join('; ') },
  { header: 'Hubs in the buffer', cell: (f) => f.buffer.hubs.map((h) => h.name).join('; ') },
  { header: 'Border crossings in the buffer', cell: (f) => f.buffer.crossings.map((c) => c.name).join('; ') },
  {
    header: 'Route km in the buffer',
    cell: (f) => f.buffer.routes.reduce((sum, r) => sum + r.insideKm, 0).toFixed(1),
  },
  {
    header: 'Breaks',
    cell: (f) =>
      f.breaks
        .filter((b) => b.severity === 'breaks')
        .map((b) => b.reason)
        .join('; '),
  },
  {
    header: 'Affects',
    cell: (f) =>
      f.breaks
        .filter((b) => b.severity === 'affects')
        .map((b) => b.reason)
        .join('; '),
  },
  { header: 'Releasability', cell: (f) => f.releasability },
];

/** The comparison as CSV: UTF-8 with a BOM, CRLF, formula-safe cells, one row per option. */
export function comparisonCsv(options: readonly Api.LandOptionFacts[]): string {
  const rows = [COLUMNS.map((c) => c.header), ...options.map((f) => COLUMNS.map((c) => c.cell(f)))];
  return csvText(rows);
}

/** The comparison as an XLSX workbook: the table, and the method on a second sheet. */
export async function comparisonXlsx(options: readonly Api.LandOptionFacts[], now: Date): Promise<Buffer> {
  const workbook = new (await exceljs()).Workbook();
  workbook.creator = 'Guarantor';
  workbook.created = now;
  const sheet = workbook.addWorksheet('Land options');
  sheet.addRow(COLUMNS.map((c) => c.header)).font = { bold: true };
  // Text cells that look like formulas are stored as text by exceljs; no escaping needed.
  for (const f of options) sheet.addRow(COLUMNS.map((c) => c.cell(f)));
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
  sheet.columns.forEach((col) => {
    col.width = 18;
  });
  const method = workbook.addWorksheet('Method');
  method.addRow(['How the figures are measured']).font = { bold: true };
  method.addRow([METHOD]);
  method.addRow([MONITORING_BASIS]);
  method.addRow([`Releasability of this table: ${tableLabel(options)}`]);
  method.getColumn(1).width = 140;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The label of a table of options: the meet of theirs. */
export function tableLabel(rows: readonly Api.LandOptionFacts[]): string {
  return formatReleasability(
    rows.map((f) => parseReleasability(f.releasability)).reduce(meetLabels, parseReleasability('PUBLIC')),
  );
}

const CompareQuery = z.strictObject({
  ids: z
    .string()
    .max(2000)
    .optional()
    .describe(
      'comma-separated version ids (lo-3,lo-7); without it, the latest version of every option you may see',
    ),
  bufferKm: BufferKm,
});

export const landOptionRoutes =
  ({ database, clock }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const today = () => clock.now().toISOString().slice(0, 10);

    /** Options side by side, as the reader sees them; a hidden or unknown id is refused as one. */
    const compare = async (
      reader: Parameters<typeof asReader>[1],
      ids: string | undefined,
      bufferKm: number,
    ) =>
      asReader(database.db, reader, async (trx) => {
        const wanted = ids
          ? [
              ...new Set(
                ids
                  .split(',')
                  .map((s) => s.trim())
                  .filter((s) => s !== ''),
              ),
            ]
          : (await listLandOptions(trx)).map((o) => o.id);
        if (wanted.length > 12) {
          throw new AppError(
            'request.invalid',
            { key: 'landOptions.tooManyToCompare', params: { count: wanted.length } },
            'query.ids',
          );
        }
        const out: Api.LandOptionFacts[] = [];
        for (const id of wanted) {
          const f = await factsOf(trx, id, bufferKm, today(), false);
          if (!f) {
            throw new AppError(
              'not_found',
              { key: 'landOptions.compareNotFound', params: { id } },
              'query.ids',
            );
          }
          out.push(f);
        }
        return out;
      });

    r.get(
      '/api/territory/control-areas/:id/line-of-contact',
      {
        schema: {
          tags: ['territory'],
          summary:
            'The line of contact derived from a control-area version, with its geodesic length and the monitoring force it needs',
          description: LINE_RULE,
          params: z.object({ id: z.string().max(20) }),
          response: {
            200: z.object({
              type: z.literal('Feature'),
              geometry: documentedAs(z.any(), GeometryShape).nullable(),
              properties: matches<Api.ContactLineProperties>()(
                z.object({
                  version: z.string(),
                  asOf: z.string(),
                  lengthKm: z.number(),
                  toleranceKm: z.number(),
                  segmentsRead: z.number().int(),
                  segmentsTaken: z.number().int(),
                  rule: z.string(),
                  monitoring: Monitoring,
                  releasability: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request, reply) => {
        const { reader } = requireUser(request);
        const found = await asReader(database.db, reader, async (trx) => {
          const version = await controlAreaVersion(trx, request.params.id);
          if (!version) return undefined;
          const line = await controlAreaContactLine(trx, Number(version.id.slice(3)));
          return line ? { version, line } : undefined;
        });
        if (!found) {
          throw new AppError(
            'not_found',
            { key: 'territory.versionNotFound', params: { id: request.params.id } },
            'params.id',
          );
        }
        const { version, line } = found;
        reply.type('application/geo+json');
        return {
          type: 'Feature' as const,
          geometry: line.geometry === null ? null : JSON.parse(line.geometry),
          properties: {
            version: version.id,
            asOf: version.asOf,
            lengthKm: line.lengthKm,
            toleranceKm: CONTACT_EDGE_TOLERANCE_KM,
            segmentsRead: line.segmentsRead,
            segmentsTaken: line.segmentsTaken,
            rule: LINE_RULE,
            monitoring: presentMonitoring(line.lengthKm),
            releasability: version.releasability,
          },
        };
      },
    );

    r.post(
      '/api/territory/land-options',
      {
        schema: {
          tags: ['territory'],
          summary: 'Save a land option (a line or an area) as a new version (cell staff, analysts)',
          description:
            "A line must cut Ukraine's land in two: both ends beyond the state border or the coast, not crossing itself; occupiedSide says which side of it the occupying force would hold, walking from its first position to its last. An area is what the occupying side would hold. Heights are dropped and open rings closed, and each repair is reported; anything else wrong is refused (400 land_option.refused naming the feature and field) and nothing is stored. The same key again is the next version; a version is never overwritten. The key lives in your namespace (north-line@FRA). The label defaults to NATIONAL and your nation, and must let you read the option back.",
          body: z.strictObject({
            key: z
              .string()
              .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'a short name: a-z, 0-9, . _ -')
              .describe('the option, e.g. north-line; saving it again makes the next version'),
            name: z.string().trim().min(1, 'a name').max(200),
            description: z.string().max(4000).default(''),
            occupiedSide: z
              .enum(['left', 'right'])
              .optional()
              .describe(
                'for a line: the side the occupying force would hold, walking from its first position to its last',
              ),
            releasability: z.string().optional().describe('default NATIONAL and your nation'),
            geometry: documentedAs(
              z.unknown(),
              z.union([GeometryShape, z.object({ type: z.literal('Feature'), geometry: GeometryShape })]),
            ).describe(
              'GeoJSON: a LineString, Polygon or MultiPolygon, or a Feature or FeatureCollection of one',
            ),
          }),
          response: {
            200: matches<Api.LandOptionSaveResponse>()(
              z.object({ option: OptionView, repaired: z.array(Note) }),
            ),
          },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'cell_staff', 'analyst');
        const nation = principal.user.nation;
        const b = request.body;
        const label = labelFromRequest(
          b.releasability ?? (nation ? `NATIONAL ${nation}` : 'COALITION'),
          'body.releasability',
        );
        if (!admits(label, principal.reader)) {
          throw new AppError(
            'releasability.invalid',
            { key: 'landOptions.labelHidesFromYou', params: { label: formatReleasability(label) } },
            'body.releasability',
          );
        }
        const result = await asReader(database.db, principal.reader, (trx) =>
          saveLandOption(trx, b.geometry, {
            key: b.key,
            name: b.name,
            description: b.description,
            occupiedSide: b.occupiedSide ?? null,
            actor: { username: principal.user.username, nation },
            label,
            at: clock.now(),
          }),
        );
        if (!result.stored) {
          const p = result.problem;
          const field = requestField(b.geometry, p);
          throw new AppError(
            'land_option.refused',
            p.index >= 0
              ? { key: 'landOptions.featureRefused', params: { index: p.index, field, reason: p.reason } }
              : { key: 'logistics.fieldRefusedNothingStored', params: { field, reason: p.reason } },
            field,
          );
        }
        return { option: presentOption(result.stored), repaired: notes(result.repaired) };
      },
    );

    r.get(
      '/api/territory/land-options',
      {
        schema: {
          tags: ['territory'],
          summary: 'Land options you may see: the latest version of each, or every version',
          querystring: z.strictObject({
            versions: z.enum(['latest', 'all']).default('latest'),
          }),
          response: { 200: matches<Api.LandOptionList>()(z.object({ options: z.array(OptionView) })) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const options = await asReader(database.db, reader, (trx) =>
          listLandOptions(trx, { allVersions: request.query.versions === 'all' }),
        );
        return { options: options.map(presentOption) };
      },
    );

    r.get(
      '/api/territory/land-options/compare',
      {
        schema: {
          tags: ['territory'],
          summary: 'Land options side by side: the facts of each, against the current line',
          description: METHOD,
          querystring: CompareQuery,
          response: {
            200: z.object({ options: z.array(FactsView), method: z.string(), releasability: z.string() }),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const options = await compare(reader, request.query.ids, request.query.bufferKm);
        return { options, method: METHOD, releasability: tableLabel(options) };
      },
    );

    r.get(
      '/api/territory/land-options/compare.csv',
      {
        schema: {
          tags: ['territory'],
          summary: 'The comparison as CSV (UTF-8 with BOM, one row per option, names in words)',
          querystring: CompareQuery,
          produces: ['text/csv'],
        },
      },
      async (request, reply) => {
        const { reader } = requireUser(request);
        const options = await compare(reader, request.query.ids, request.query.bufferKm);
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="land-options.csv"');
        return comparisonCsv(options);
      },
    );

    r.get(
      '/api/territory/land-options/compare.xlsx',
      {
        schema: {
          tags: ['territory'],
          summary: 'The comparison as an XLSX workbook (the same columns as the CSV, and the method)',
          querystring: CompareQuery,
          produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        },
      },
      async (request, reply) => {
        const { reader } = requireUser(request);
        const options = await compare(reader, request.query.ids, request.query.bufferKm);
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="land-options.xlsx"');
        return comparisonXlsx(options, clock.now());
      },
    );

    r.get(
      '/api/territory/land-options/compare.pdf',
      {
        schema: {
          tags: ['territory'],
          summary:
            'The comparison as a PDF brief: the facts side by side, the method, the label on every page',
          querystring: CompareQuery,
          produces: ['application/pdf'],
        },
      },
      async (request, reply) => {
        const { reader } = requireUser(request);
        const options = await compare(reader, request.query.ids, request.query.bufferKm);
        const pdf = await landOptionsBriefPdf({
          names: options.map((f) => `${f.option.name} (v${f.option.version})`),
          rows: COLUMNS.slice(2).map((c) => ({
            fact: c.header,
            cells: options.map((f) => String(c.cell(f))),
          })),
          method: [METHOD, MONITORING_BASIS],
          label: tableLabel(options),
          at: clock.now(),
        });
        reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', 'attachment; filename="land-options.pdf"');
        return pdf;
      },
    );

    r.get(
      '/api/territory/land-options/:id',
      {
        schema: {
          tags: ['territory'],
          summary: 'One land option version as a GeoJSON Feature',
          params: z.object({ id: z.string().max(20) }),
          response: {
            200: z.object({
              type: z.literal('Feature'),
              geometry: documentedAs(z.any(), GeometryShape),
              properties: OptionView,
            }),
          },
        },
      },
      async (request, reply) => {
        const { reader } = requireUser(request);
        const option = await asReader(database.db, reader, (trx) =>
          landOptionVersion(trx, request.params.id),
        );
        if (!option) {
          throw new AppError(
            'not_found',
            { key: 'landOptions.notFound', params: { id: request.params.id } },
            'params.id',
          );
        }
        reply.type('application/geo+json');
        return {
          type: 'Feature' as const,
          geometry: JSON.parse(option.geometry),
          properties: presentOption(option),
        };
      },
    );

    r.get(
      '/api/territory/land-options/:id/facts',
      {
        schema: {
          tags: ['territory'],
          summary: 'The facts of one land option against the current line, with a map',
          description: METHOD,
          params: z.object({ id: z.string().max(20) }),
          querystring: z.strictObject({ bufferKm: BufferKm }),
          response: { 200: FactsView },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const facts = await asReader(database.db, reader, (trx) =>
          factsOf(trx, request.params.id, request.query.bufferKm, today(), true),
        );
        if (!facts) {
          throw new AppError(
            'not_found',
            { key: 'landOptions.notFound', params: { id: request.params.id } },
            'params.id',
          );
        }
        return facts;
      },
    );
  };
