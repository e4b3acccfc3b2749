/**
 * Every list of the web app as an export (issue 20, ADR 0038): which list route gives the rows,
 * where they are in its answer, the columns in words and, for a map layer, the geometry. The
 * export asks the list route itself (same filters, same reader, same rows as the screen), so a
 * list's export cannot drift from the list.
 */
import type * as Api from '@guarantor/core/api';
import {
  CATEGORY_NAMES,
  type Category,
  INCIDENT_STATE_NAMES,
  type IncidentStateName,
} from '@guarantor/core/monitoring';
import { ZONE_KIND_NAMES, type ZoneKind } from '@guarantor/core/zones';
import type { ExportGeometry } from './geopackage.ts';
import type { CellInput, ExportColumn, ExportTable } from './table.ts';

export type ExportFormat = 'csv' | 'xlsx' | 'geojson' | 'gpkg';

/** Each format's media type (without parameters). */
export const EXPORT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
  gpkg: 'application/geopackage+sqlite3',
};

/** One list and how it exports. */
export interface ListExport<T = unknown> extends ExportTable<T> {
  /** The list route (Fastify URL, `:id` for a path parameter), e.g. /api/offers. */
  readonly list: string;
  /** Where the rows are in the list's JSON answer. */
  readonly rows: (answer: unknown) => readonly T[];
  /** For a list that pages by cursor: the largest page it gives. */
  readonly pageLimit?: number;
  /** Formats another route already serves under the same URL (kept as they were). */
  readonly servedElsewhere?: readonly ExportFormat[];
  /** One line for the API document: whose rows, which filters. */
  readonly summary: string;
}

/** The formats of a list: CSV and XLSX always; GeoJSON and GeoPackage when its rows have a place. */
export function formatsOf(list: ListExport): ExportFormat[] {
  const all: ExportFormat[] = list.geometry ? ['csv', 'xlsx', 'geojson', 'gpkg'] : ['csv', 'xlsx'];
  return all.filter((f) => !list.servedElsewhere?.includes(f));
}

const define = <T>(list: ListExport<T>): ListExport => list as unknown as ListExport;

const key =
  <T>(field: string) =>
  (answer: unknown): readonly T[] =>
    ((answer as Record<string, unknown>)[field] as T[] | undefined) ?? [];

const col = <T>(header: string, value: (row: T) => CellInput): ExportColumn<T> => ({ header, value });

const point = (position: readonly number[] | null | undefined): ExportGeometry | null =>
  position && position.length >= 2 ? { type: 'Point', coordinates: [position[0]!, position[1]!] } : null;

const GEOMETRY_TYPES = new Set(['Point', 'LineString', 'Polygon', 'MultiLineString', 'MultiPolygon']);

/** A GeoJSON feature's own geometry, when the writers know its kind. */
const featureGeometry = (f: { geometry?: { type?: string } | null }): ExportGeometry | null =>
  f.geometry && GEOMETRY_TYPES.has(f.geometry.type ?? '') ? (f.geometry as ExportGeometry) : null;

type Feature<P> = { id?: string; properties: P; geometry: { type: string } | null };

const words = (code: string | null | undefined) => (code ? code.replaceAll('_', ' ') : null);
const category = (code: string) => CATEGORY_NAMES[code as Category] ?? words(code);
const incidentState = (code: string) => INCIDENT_STATE_NAMES[code as IncidentStateName] ?? words(code);

export const LISTS: readonly ListExport[] = [
  define<Api.Incident>({
    name: 'incidents',
    title: 'Incidents releasable to the reader, under the monitoring map’s filters',
    summary: 'Every incident under the same filters as the map, the counts and GET /api/incidents',
    list: '/api/incidents',
    rows: key('incidents'),
    pageLimit: 1000,
    servedElsewhere: ['csv', 'geojson', 'gpkg'],
    geometry: (i) => point(i.position),
    columns: [
      col('Incident', (i) => i.id),
      col('Category', (i) => category(i.category)),
      col('State', (i) => incidentState(i.state)),
      col('Start (UTC)', (i) => i.start),
      col('End (UTC)', (i) => i.end),
      col('Longitude', (i) => i.position[0]),
      col('Latitude', (i) => i.position[1]),
      col('Uncertainty (m)', (i) => Math.round(i.radiusM)),
      col('Count (best estimate)', (i) => i.count.best),
      col('Count (low)', (i) => i.count.low),
      col('Count (high)', (i) => i.count.high),
      col('Confidence', (i) => i.confidence),
      col('Independent sources', (i) => i.independentSources),
      col('Reports', (i) => i.observationCount),
      col('Attributed to', (i) => i.attributedParty),
      col('Releasability', (i) => i.releasability),
    ],
  }),
  define<Api.IncidentObservation>({
    name: 'observations',
    title: 'The observations behind one incident that the reader may see',
    summary: "An incident's observations you may see, as on its page (every page)",
    list: '/api/incidents/:id/observations',
    rows: key('observations'),
    pageLimit: 1000,
    geometry: (o) => point(o.position),
    columns: [
      col('Observation', (o) => o.uid),
      col('Source kind', (o) => words(o.sourceKind)),
      col('Source', (o) => o.sourceId),
      col('Nation', (o) => o.nation),
      col('Category', (o) => category(o.category)),
      col('Count', (o) => o.count),
      col('Start (UTC)', (o) => o.start),
      col('End (UTC)', (o) => o.end),
      col('Longitude', (o) => o.position[0]),
      col('Latitude', (o) => o.position[1]),
      col('Uncertainty (m)', (o) => Math.round(o.radiusM)),
      col('Located by', (o) => o.locationKind),
      col('Remarks', (o) => o.remarks),
      col('Reported (UTC)', (o) => o.reportedAt),
      col('Joined by', (o) => (o.join ? `${o.join.via}: ${o.join.rule}` : null)),
      col('Releasability', (o) => o.releasability),
    ],
  }),
  define<Api.Offer>({
    name: 'offers',
    title: 'Offers releasable to the reader',
    summary: 'Offers releasable to you under the same filters as GET /api/offers',
    list: '/api/offers',
    rows: key('offers'),
    columns: [
      col('Offer', (o) => o.id),
      col('Nation', (o) => o.nation),
      col('Capability', (o) => o.capabilityLabel),
      col('Quantity', (o) => o.quantity),
      col('Unit', (o) => o.unit),
      col('Days to deploy', (o) => o.daysToDeploy),
      col('Duration (days)', (o) => o.durationDays),
      col('Readiness', (o) => words(o.readiness)),
      col('Lifecycle', (o) => words(o.lifecycle)),
      col('Caveats', (o) => o.caveats.map((c) => c.text)),
      col('Description', (o) => o.description),
      col('Mission', (o) => o.missionId),
      col('Source', (o) => o.source),
      col('Version', (o) => o.version),
      col('Illustrative', (o) => o.illustrative),
      col('Releasability', (o) => o.releasability),
    ],
  }),
  define<Api.Nation>({
    name: 'nations',
    title: 'Coalition nations releasable to the reader',
    summary: 'The coalition nations releasable to you, as GET /api/nations',
    list: '/api/nations',
    rows: key('nations'),
    columns: [
      col('Nation', (n) => n.name),
      col('Code', (n) => n.iso3),
      col('Delegation level', (n) => words(n.delegationLevel)),
      col('Head of delegation', (n) => n.delegationHead),
      col('Role', (n) => n.role),
      col('Offers', (n) => n.offerCount),
      col('Leads', (n) => n.leads.map((l) => `${l.regionName} (${l.lineOfEffort})`)),
      col('Source', (n) => n.source),
      col('Illustrative', (n) => n.illustrative),
      col('Releasability', (n) => n.releasability),
    ],
  }),
  define<Api.Requirement>({
    name: 'requirements',
    title: 'Requirements releasable to the reader',
    summary: 'Requirements releasable to you, as GET /api/requirements',
    list: '/api/requirements',
    rows: key('requirements'),
    columns: [
      col('Requirement', (x) => x.id),
      col('Region', (x) => x.regionName),
      col('Line of effort', (x) => x.lineOfEffortName),
      col('Capability', (x) => x.capabilityName),
      col('Role', (x) => words(x.role)),
      col('Quantity', (x) => x.quantity),
      col('Priority', (x) => x.priority),
      col('Phase', (x) => words(x.phase)),
      col('Deploy within (days)', (x) => x.maxDaysToDeploy),
      col('Preferred nations', (x) => x.preferredNations),
      col('Description', (x) => x.description),
      col('Version', (x) => x.version),
      col('Illustrative', (x) => x.illustrative),
      col('Releasability', (x) => x.releasability),
    ],
  }),
  define<Api.LeadClaim>({
    name: 'lead-claims',
    title: 'Claims to lead a region on a line of effort',
    summary: 'Lead claims under the same filters as GET /api/lead-claims',
    list: '/api/lead-claims',
    rows: key('claims'),
    columns: [
      col('Claim', (c) => c.id),
      col('Region', (c) => c.regionName),
      col('Line of effort', (c) => c.lineOfEffortName),
      col('Nation', (c) => c.nation),
      col('Note', (c) => c.note),
      col('Status', (c) => c.status),
      col('Status set by', (c) => c.statusBy),
      col('Status set at (UTC)', (c) => c.statusAt),
      col('Status note', (c) => c.statusNote),
      col('Releasability', (c) => c.releasability),
    ],
  }),
  define<Api.PlanSummary>({
    name: 'plans',
    title: 'Force-generation plans releasable to the reader',
    summary: 'Plans releasable to you, as GET /api/plans',
    list: '/api/plans',
    rows: key('plans'),
    columns: [
      col('Plan', (p) => p.id),
      col('Number', (p) => p.number),
      col('Title', (p) => p.title),
      col('Status', (p) => words(p.status)),
      col('Method', (p) => words(p.method)),
      col('Coverage', (p) => p.coverage),
      col('Objective', (p) => p.objective),
      col('Based on', (p) => p.basedOn),
      col('Created by', (p) => p.createdBy),
      col('Nation', (p) => p.createdNation),
      col('Created (UTC)', (p) => p.createdAt),
      col('Adopted by', (p) => p.adoptedBy),
      col('Adopted (UTC)', (p) => p.adoptedAt),
      col('Superseded (UTC)', (p) => p.supersededAt),
      col('Releasability', (p) => p.releasability),
    ],
  }),
  define<Api.SustainmentPlanSummary>({
    name: 'sustainment-plans',
    title: 'Sustainment plans releasable to the reader',
    summary: 'Sustainment plans releasable to you, as GET /api/sustainment-plans',
    list: '/api/sustainment-plans',
    rows: key('plans'),
    columns: [
      col('Plan', (p) => p.id),
      col('Title', (p) => p.title),
      col('Status', (p) => p.statusText),
      col('Method', (p) => p.method),
      col('Horizon start', (p) => p.horizonStart),
      col('Horizon (months)', (p) => p.horizonMonths),
      col('Coverage', (p) => p.coverage),
      col('Created by', (p) => p.createdBy),
      col('Nation', (p) => p.createdNation),
      col('Created (UTC)', (p) => p.createdAt),
      col('Releasability', (p) => p.releasability),
    ],
  }),
  define<Api.Order>({
    name: 'orders',
    title: 'Deployment orders releasable to the reader, with their live gate status',
    summary: 'Deployment orders under the same filters as GET /api/orders',
    list: '/api/orders',
    rows: key('orders'),
    columns: [
      col('Order', (o) => o.id),
      col('Offer', (o) => o.offerId),
      col('Nation', (o) => o.nation),
      col('Quantity', (o) => o.quantity),
      col('Region', (o) => o.regionCode),
      col('Line of effort', (o) => words(o.lineOfEffort)),
      col('Role', (o) => words(o.role)),
      col('Sector', (o) => o.sector),
      col('State', (o) => words(o.state)),
      col('Gate', (o) => words(o.gate)),
      col('Live status', (o) => o.live?.message ?? null),
      col('Reasons', (o) => o.reasons),
      col('Override reason', (o) => o.override?.reason ?? null),
      col('Drafted by', (o) => o.draftedBy),
      col('Drafted (UTC)', (o) => o.draftedAt),
      col('Issued by', (o) => o.issuedBy),
      col('Issued (UTC)', (o) => o.issuedAt),
      col('Releasability', (o) => o.releasability),
    ],
  }),
  define<Feature<Api.ZoneProperties>>({
    name: 'zones',
    title: 'Zones releasable to the reader (lines of contact, buffers, withdrawal zones, sectors)',
    summary: 'Zones under the same filters as GET /api/zones',
    list: '/api/zones',
    rows: key('features'),
    servedElsewhere: ['gpkg'],
    geometry: featureGeometry,
    columns: [
      col('Zone', (f) => f.properties.id),
      col('Name', (f) => f.properties.name),
      col('Kind', (f) => ZONE_KIND_NAMES[f.properties.kind as ZoneKind] ?? words(f.properties.kind)),
      col('Weapons withdrawn', (f) => f.properties.weaponClasses.map((c) => c.replaceAll('_', ' '))),
      col('Version', (f) => f.properties.version),
      col('Valid from (UTC)', (f) => f.properties.validFrom),
      col('Valid to (UTC)', (f) => f.properties.validTo),
      col('Geometry', (f) => f.geometry?.type ?? null),
      col('Illustrative', (f) => f.properties.illustrative),
      col('Releasability', (f) => f.properties.releasability),
    ],
  }),
  define<Feature<Api.HubProperties>>({
    name: 'hubs',
    title: 'Hubs and staging sites releasable to the reader',
    summary: 'Hubs and staging sites releasable to you, as GET /api/hubs',
    list: '/api/hubs',
    rows: key('features'),
    geometry: featureGeometry,
    columns: [
      col('Hub', (f) => f.properties.id),
      col('Name', (f) => f.properties.name),
      col('Kind', (f) => words(f.properties.kind)),
      col('Nations', (f) => f.properties.nations),
      col('Symbol (SIDC)', (f) => f.properties.sidc),
      col('Description', (f) => f.properties.description),
      col('Longitude', (f) => (f.geometry as { coordinates?: number[] } | null)?.coordinates?.[0] ?? null),
      col('Latitude', (f) => (f.geometry as { coordinates?: number[] } | null)?.coordinates?.[1] ?? null),
      col('Illustrative', (f) => f.properties.illustrative),
      col('Releasability', (f) => f.properties.releasability),
    ],
  }),
  define<Api.Breach>({
    name: 'breaches',
    title: 'Breaches of the ceasefire rules, their proposed rung and the responses',
    summary: 'Breaches, as GET /api/phases/breaches',
    list: '/api/phases/breaches',
    rows: key('breaches'),
    columns: [
      col('Breach', (b) => b.id),
      col('Rule', (b) => b.rule),
      col('Rule version', (b) => b.version),
      col('Sector', (b) => b.sector),
      col('Day', (b) => b.asOf),
      col('Detected (UTC)', (b) => b.detectedAt),
      col('Explanation', (b) => b.explanation),
      col('Incidents', (b) => b.incidentIds),
      col('Proposed rung', (b) => b.proposedRung?.title ?? null),
      col('Responses', (b) =>
        b.responses.map((r) => `${r.rungId} by ${r.decidedBy} (${r.nation}) at ${r.decidedAt}`),
      ),
      col('Hours to first response', (b) => b.elapsedHours),
      col('Within commitment', (b) => b.withinCommitment),
      col('Releasability', (b) => b.releasability),
    ],
  }),
  define<Api.Truce>({
    name: 'truces',
    title: 'Local truces (repair windows) and whether they held',
    summary: 'Local truces, as GET /api/phases/truces',
    list: '/api/phases/truces',
    rows: key('truces'),
    geometry: (t) => point(t.location),
    columns: [
      col('Truce', (t) => t.id),
      col('Site', (t) => t.site),
      col('Longitude', (t) => t.location[0]),
      col('Latitude', (t) => t.location[1]),
      col('Radius (m)', (t) => t.radiusM),
      col('Start (UTC)', (t) => t.start),
      col('End (UTC)', (t) => t.end),
      col('Purpose', (t) => t.purpose),
      col('Sector', (t) => t.sector),
      col('Held', (t) => (t.held === null ? 'not yet known' : t.held)),
      col('Incidents', (t) => t.incidents.map((i) => i.incidentId)),
      col('Created by', (t) => t.createdBy),
      col('Releasability', (t) => t.releasability),
    ],
  }),
  define<Api.RulesResponse['rules'][number]>({
    name: 'ceasefire-rules',
    title: 'Ceasefire trigger rules: the current version of each, with how many versions it has',
    summary: 'Trigger rules, as GET /api/phases/rules',
    list: '/api/phases/rules',
    rows: key('rules'),
    columns: [
      col('Rule', (r) => r.id),
      col('Version', (r) => r.version),
      col('Title', (r) => r.title),
      col('Rule text', (r) => r.text),
      col('Active', (r) => r.active),
      col('Versions', (r) => r.versions.length),
      col('Written by', (r) => r.createdBy),
      col('Written at', (r) => r.createdAt),
    ],
  }),
  define<Api.ViolationRule>({
    name: 'violation-rules',
    title: 'Violation rules: the current version of each, retired ones marked inactive',
    summary: 'Violation rules, as GET /api/violation-rules',
    list: '/api/violation-rules',
    rows: key('rules'),
    columns: [
      col('Rule', (r) => r.id),
      col('Version', (r) => r.version),
      col('Name', (r) => (typeof r.definition.name === 'string' ? r.definition.name : null)),
      col('Categories', (r) =>
        Array.isArray(r.definition.categories) ? (r.definition.categories as string[]).map(category) : null,
      ),
      col('Zone kind', (r) =>
        typeof r.definition.zoneKind === 'string'
          ? (ZONE_KIND_NAMES[r.definition.zoneKind as ZoneKind] ?? words(r.definition.zoneKind))
          : null,
      ),
      col('Definition (JSON)', (r) => JSON.stringify(r.definition)),
      col('Active', (r) => r.active),
      col('Written by', (r) => r.createdBy),
      col('Written at', (r) => r.createdAt),
    ],
  }),
  define<Api.Decision>({
    name: 'decisions',
    title: 'Decisions of the cell releasable to the reader',
    summary: 'Decisions under the same filters as GET /api/decisions',
    list: '/api/decisions',
    rows: key('decisions'),
    columns: [
      col('Decision', (d) => d.id),
      col('Title', (d) => d.title),
      col('Text', (d) => d.text),
      col('Decided on', (d) => d.decidedOn),
      col('Nation', (d) => d.nationName),
      col('Delegation level', (d) => d.delegationLevelName),
      col('Decided by', (d) => d.decidedBy),
      col('Authority', (d) => d.authority),
      col('Meeting', (d) => d.meetingId),
      col('Recorded by', (d) => d.recordedBy),
      col('Recorded (UTC)', (d) => d.recordedAt),
      col('Releasability', (d) => d.releasability),
    ],
  }),
  define<Api.Action>({
    name: 'actions',
    title: 'Actions of the cell releasable to the reader',
    summary: 'Actions under the same filters as GET /api/actions',
    list: '/api/actions',
    rows: key('actions'),
    columns: [
      col('Action', (a) => a.id),
      col('Title', (a) => a.title),
      col('Detail', (a) => a.detail),
      col('Owner nation', (a) => a.ownerNationName),
      col('Owner', (a) => a.ownerPerson),
      col('Due (UTC)', (a) => a.dueAt),
      col('Status', (a) => a.statusName),
      col('Overdue', (a) => a.overdue),
      col('Created from', (a) => a.createdFrom),
      col('Sector', (a) => a.sector),
      col('Created by', (a) => a.createdBy),
      col('Created (UTC)', (a) => a.createdAt),
      col('Updated (UTC)', (a) => a.updatedAt),
      col('Releasability', (a) => a.releasability),
    ],
  }),
  define<Api.Meeting>({
    name: 'meetings',
    title: 'Meetings of the cell releasable to the reader',
    summary: 'Meetings, as GET /api/meetings',
    list: '/api/meetings',
    rows: key('meetings'),
    columns: [
      col('Meeting', (m) => m.id),
      col('Title', (m) => m.title),
      col('Starts (UTC)', (m) => m.startsAt),
      col('Place', (m) => m.place),
      col('Agenda', (m) => m.agenda),
      col('Created by', (m) => m.createdBy),
      col('Created (UTC)', (m) => m.createdAt),
      col('Releasability', (m) => m.releasability),
    ],
  }),
  define<Api.RegionSecurity>({
    name: 'security-beside-money',
    title:
      'Security beside money: per region, money next to incidents, sectors, route risk and the investment-risk note',
    summary: 'Per region, as GET /api/finance/security (ADR 0043); the note in English',
    list: '/api/finance/security',
    rows: key('regions'),
    columns: [
      col('Region code', (r) => r.region),
      col('Region', (r) => r.name),
      col('Region (Ukrainian)', (r) => r.nameUk),
      col('Promised (EUR)', (r) => r.promised),
      col('Delivered (EUR)', (r) => r.delivered),
      col('Delivered of promised', (r) => r.ratio),
      col('Flows', (r) => r.flows),
      col('Verified incidents', (r) => r.incidents.verified),
      col('Corroborated incidents', (r) => r.incidents.corroborated),
      col('Reported incidents', (r) => r.incidents.reported),
      col('Weighted incidents', (r) => r.incidents.weighted),
      col('Weighted per 100,000 residents', (r) => r.incidents.per100k),
      col('Sectors', (r) =>
        r.sectors
          .map((s) => `${s.name}: ${s.status ? `${s.status} as of ${s.asOf}` : 'no status'}`)
          .join('; '),
      ),
      col('Riskiest route segment', (r) => r.routeRisk?.segment ?? null),
      col('Route risk score', (r) => r.routeRisk?.score ?? null),
      col('Risk score', (r) => r.risk.score),
      col('Risk band', (r) => r.risk.band),
      col('Note', (r) => r.risk.note),
    ],
  }),
  define<Api.FinanceBreakdownRow>({
    name: 'finance-breakdown',
    title: 'Promise to delivery by one dimension, with the lag from promise to half delivered',
    summary: 'Rows of GET /api/finance/breakdown under the same `by`',
    list: '/api/finance/breakdown',
    rows: key('rows'),
    columns: [
      col('Key', (r) => r.key),
      col('Name', (r) => r.name),
      col('Pledged (EUR)', (r) => r.pledged),
      col('Committed (EUR)', (r) => r.committed),
      col('Allocated (EUR)', (r) => r.allocated),
      col('Disbursed (EUR)', (r) => r.disbursed),
      col('Spent (EUR)', (r) => r.spent),
      col('Promised (EUR)', (r) => r.promised),
      col('Delivered (EUR)', (r) => r.delivered),
      col('Delivered of promised', (r) => r.ratio),
      col('Records', (r) => r.flows),
      col('First promised on', (r) => r.lag.promisedFrom),
      col('Half delivered on', (r) => r.lag.halfDeliveredOn),
      col('Days to half delivered', (r) => r.lag.days),
    ],
  }),
  define<Api.ControlAreaVersion>({
    name: 'control-areas',
    title: 'Stored versions of the area each side held',
    summary: 'Control-area versions under the same filters as GET /api/territory/control-areas',
    list: '/api/territory/control-areas',
    rows: key('versions'),
    columns: [
      col('Version', (v) => v.id),
      col('Side', (v) => words(v.side)),
      col('As of', (v) => v.asOf),
      col('Version number', (v) => v.version),
      col('Source', (v) => v.source),
      col('File', (v) => v.fileName),
      col('Area (km²)', (v) => v.areaKm2),
      col('Share of Ukraine (official area)', (v) => v.share.official),
      col('Features read', (v) => v.featuresRead),
      col('Features taken', (v) => v.featuresTaken),
      col('Imported by', (v) => v.importedBy),
      col('Imported (UTC)', (v) => v.importedAt),
      col('Releasability', (v) => v.releasability),
    ],
  }),
  define<Api.LandOptionView>({
    name: 'land-options',
    title: 'Land options releasable to the reader',
    summary: 'Land options under the same filters as GET /api/territory/land-options',
    list: '/api/territory/land-options',
    rows: key('options'),
    columns: [
      col('Version', (o) => o.id),
      col('Option', (o) => o.option),
      col('Version number', (o) => o.version),
      col('Name', (o) => o.name),
      col('Description', (o) => o.description),
      col('Kind', (o) => o.kind),
      col('Occupied side', (o) => o.occupiedSide),
      col('Created by', (o) => o.createdBy),
      col('Created (UTC)', (o) => o.createdAt),
      col('Releasability', (o) => o.releasability),
    ],
  }),
  define<Api.Account>({
    name: 'users',
    title: 'User accounts (admin)',
    summary: 'Every user account, as GET /api/users (admin)',
    list: '/api/users',
    rows: key('users'),
    columns: [
      col('User name', (u) => u.username),
      col('Name', (u) => u.displayName),
      col('Nation', (u) => u.nationName),
      col('Roles', (u) => u.roles.map((r) => r.replaceAll('_', ' '))),
      col('Created (UTC)', (u) => u.createdAt),
      col('Disabled (UTC)', (u) => u.disabledAt),
    ],
  }),
  define<Api.AuditEntryView>({
    name: 'audit',
    title: 'Audit entries the reader may read, newest first',
    summary: 'Audit entries under the same filters as GET /api/audit (every page)',
    list: '/api/audit',
    rows: key('entries'),
    pageLimit: 200,
    columns: [
      col('At (UTC)', (e) => e.at),
      col('Who', (e) => e.actor),
      col('Nation', (e) => e.nation),
      col('Action', (e) => words(e.action)),
      col('Record kind', (e) => words(e.entity)),
      col('Record', (e) => e.entityId),
      col('Before', (e) => (e.before === null || e.before === undefined ? null : JSON.stringify(e.before))),
      col('After', (e) => (e.after === null || e.after === undefined ? null : JSON.stringify(e.after))),
    ],
  }),
];
