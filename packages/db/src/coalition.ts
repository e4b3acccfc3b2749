import type { Kysely, Transaction } from 'kysely';
import { labelText, nextRecordId } from './access.ts';
import { appendAudit } from './audit.ts';
import { geoJsonOf } from './postgis.ts';
import type { Database, Labelled, LeadClaimStatus } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A coalition nation's delegation. */
export interface NationRecord {
  readonly iso3: string;
  readonly delegationLevel: Database['coalition_nation']['delegation_level'];
  readonly delegationHead: string | null;
  readonly role: string | null;
  readonly illustrative: boolean;
  readonly source: string | null;
  readonly releasability: string;
}

/** An offer as stored. */
export interface OfferRecord {
  readonly id: string;
  readonly nation: string;
  readonly capability: string;
  readonly quantity: number;
  readonly unit: string;
  readonly daysToDeploy: number;
  readonly durationDays: number | null;
  readonly readiness: Database['offer']['readiness'];
  readonly lifecycle: Database['offer']['lifecycle'];
  readonly caveats: readonly unknown[];
  readonly description: string;
  readonly missionId: string | null;
  readonly illustrative: boolean;
  readonly source: string | null;
  readonly version: number;
  readonly releasability: string;
}

/**
 * A lead claim on a region × line-of-effort cell. Only an `active` claim is a claim; a
 * `declined` (a conflict went to another nation) or `withdrawn` one is kept for the record, with
 * who set it aside, when, and why.
 */
export interface LeadRoleRecord {
  readonly id: string;
  readonly regionCode: string;
  readonly regionName: string;
  readonly lineOfEffort: string;
  readonly leadNation: string;
  readonly contributors: readonly string[];
  readonly note: string | null;
  readonly illustrative: boolean;
  readonly status: LeadClaimStatus;
  readonly statusBy: string | null;
  readonly statusAt: Date | null;
  readonly statusNote: string | null;
  readonly releasability: string;
}

/** A named body or programme from the source document. */
export interface MissionRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly leadNation: string | null;
  readonly contributors: readonly string[];
  readonly role: string | null;
  readonly condition: string | null;
  readonly description: string;
  readonly location: readonly [number, number] | null;
  readonly illustrative: boolean;
  readonly source: string | null;
  readonly releasability: string;
}

/** A hub or staging site. */
export interface HubRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly nations: readonly string[];
  readonly sidc: string;
  readonly description: string;
  readonly location: readonly [number, number];
  readonly illustrative: boolean;
  readonly releasability: string;
}

const nationOf = (r: Database['coalition_nation']): NationRecord => ({
  iso3: r.iso3,
  delegationLevel: r.delegation_level,
  delegationHead: r.delegation_head,
  role: r.role,
  illustrative: r.illustrative,
  source: r.source,
  releasability: labelText(r),
});

/** The coalition's nations the reader may see, by ISO code. */
export async function listNations(db: Db): Promise<readonly NationRecord[]> {
  return (await db.selectFrom('coalition_nation').selectAll().orderBy('iso3').execute()).map(nationOf);
}

/** One nation, or undefined when unknown or not releasable to the reader. */
export async function getNation(db: Db, iso3: string): Promise<NationRecord | undefined> {
  const row = await db.selectFrom('coalition_nation').selectAll().where('iso3', '=', iso3).executeTakeFirst();
  return row && nationOf(row);
}

type OfferRow = Omit<Database['offer'], 'caveats' | 'version' | 'created_at' | 'updated_at'> & {
  caveats: unknown[];
  version: number;
};

const offerOf = (r: OfferRow): OfferRecord => ({
  id: r.id,
  nation: r.nation,
  capability: r.capability,
  quantity: r.quantity,
  unit: r.unit,
  daysToDeploy: r.days_to_deploy,
  durationDays: r.duration_days,
  readiness: r.readiness,
  lifecycle: r.lifecycle,
  caveats: r.caveats,
  description: r.description,
  missionId: r.mission_id,
  illustrative: r.illustrative,
  source: r.source,
  version: r.version,
  releasability: labelText(r as Labelled),
});

/** Filters for listing offers; `q` searches id, capability and description. */
export interface OfferQuery {
  readonly nation?: string;
  readonly capability?: string;
  readonly q?: string;
}

/** Offers the reader may see, filtered. */
export async function listOffers(db: Db, query: OfferQuery = {}): Promise<readonly OfferRecord[]> {
  let select = db.selectFrom('offer').selectAll();
  if (query.nation) select = select.where('nation', '=', query.nation);
  if (query.capability) select = select.where('capability', '=', query.capability);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where((eb) =>
      eb.or([eb('id', 'ilike', like), eb('capability', 'ilike', like), eb('description', 'ilike', like)]),
    );
  }
  return (await select.orderBy('nation').orderBy('id').execute()).map((r) => offerOf(r as OfferRow));
}

/** One offer, or undefined when unknown or not releasable to the reader. */
export async function getOffer(db: Db, id: string): Promise<OfferRecord | undefined> {
  const row = await db.selectFrom('offer').selectAll().where('id', '=', id).executeTakeFirst();
  return row && offerOf(row as OfferRow);
}

/** The next free offer id for a nation (`FRA-4` after `FRA-3`), counting rows the reader cannot see. */
export async function nextOfferId(db: Db, nation: string): Promise<string> {
  const row = await db
    .selectNoFrom((eb) => eb.fn<number>('guarantor_next_offer_number', [eb.val(nation)]).as('n'))
    .executeTakeFirst();
  return `${nation}-${row?.n ?? 1}`;
}

/**
 * Lead claims the reader may see, with region names, optionally for one nation or line of
 * effort. Only active claims unless `status` says otherwise (`'any'` for every claim kept).
 */
export async function listLeadRoles(
  db: Db,
  filter: { nation?: string; lineOfEffort?: string; status?: LeadClaimStatus | 'any' } = {},
): Promise<readonly LeadRoleRecord[]> {
  let select = db
    .selectFrom('lead_role')
    .innerJoin('region', 'region.code', 'lead_role.region_code')
    .select([
      'lead_role.id',
      'region_code',
      'region.name_en',
      'line_of_effort',
      'lead_nation',
      'contributors',
      'note',
      'illustrative',
      'status',
      'status_by',
      'status_at',
      'status_note',
      'rel_kind',
      'rel_nations',
    ]);
  const status = filter.status ?? 'active';
  if (status !== 'any') select = select.where('status', '=', status);
  if (filter.nation) select = select.where('lead_nation', '=', filter.nation);
  if (filter.lineOfEffort) select = select.where('line_of_effort', '=', filter.lineOfEffort);
  const rows = await select
    .orderBy('region_code')
    .orderBy('line_of_effort')
    .orderBy('lead_role.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.region_code,
    regionName: r.name_en,
    lineOfEffort: r.line_of_effort,
    leadNation: r.lead_nation,
    contributors: r.contributors,
    note: r.note,
    illustrative: r.illustrative,
    status: r.status,
    statusBy: r.status_by,
    statusAt: r.status_at,
    statusNote: r.status_note,
    releasability: labelText(r),
  }));
}

/** Missions the reader may see, optionally those a nation leads or contributes to. */
export async function listMissions(db: Db, nation?: string): Promise<readonly MissionRecord[]> {
  let select = db.selectFrom('mission').select([
    'id',
    'name',
    'kind',
    'lead_nation',
    'contributors',
    'role',
    'condition',
    'description',
    'illustrative',
    'source',
    'rel_kind',
    'rel_nations',
    // A mission may have no location: st_asgeojson(null) is null.
    geoJsonOf('location').$castTo<string | null>().as('location_json'),
  ]);
  if (nation)
    select = select.where((eb) =>
      eb.or([eb('lead_nation', '=', nation), eb(eb.val(nation), '=', eb.fn.any('contributors'))]),
    );
  return (await select.orderBy('id').execute()).map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    leadNation: r.lead_nation,
    contributors: r.contributors,
    role: r.role,
    condition: r.condition,
    description: r.description,
    location: r.location_json ? (JSON.parse(r.location_json).coordinates as [number, number]) : null,
    illustrative: r.illustrative,
    source: r.source,
    releasability: labelText(r),
  }));
}

/** Hubs the reader may see. */
export async function listHubs(db: Db): Promise<readonly HubRecord[]> {
  const rows = await db
    .selectFrom('hub')
    .select([
      'id',
      'name',
      'kind',
      'nations',
      'sidc',
      'description',
      'illustrative',
      'rel_kind',
      'rel_nations',
      geoJsonOf('location').as('location_json'),
    ])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    nations: r.nations,
    sidc: r.sidc,
    description: r.description,
    location: JSON.parse(r.location_json).coordinates as [number, number],
    illustrative: r.illustrative,
    releasability: labelText(r),
  }));
}

/** A first-level unit with its outline as GeoJSON text, for the map. */
export interface RegionShape {
  readonly code: string;
  readonly nameEn: string;
  readonly nameUk: string | null;
  readonly kind: string;
  readonly geometry: unknown;
}

/** The Ukrainian units (kind `ukraine_unit`) with outlines. */
export async function listUnitShapes(db: Db): Promise<readonly RegionShape[]> {
  const rows = await db
    .selectFrom('region')
    .select(['code', 'name_en', 'name_uk', 'kind', geoJsonOf('geom', 5).as('geojson')])
    .where('kind', '=', 'ukraine_unit')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    nameEn: r.name_en,
    nameUk: r.name_uk,
    kind: r.kind,
    geometry: JSON.parse(r.geojson),
  }));
}

/** A hub or staging site as a user records it. */
export interface NewHub {
  readonly name: string;
  readonly kind: string;
  readonly nations: readonly string[];
  readonly sidc: string;
  readonly description: string;
  /** [longitude, latitude]. */
  readonly location: readonly [number, number];
}

/** Records a hub (its id given here, in the creating nation's numbering) with its audit entry. */
export async function insertHub(
  trx: Transaction<Database>,
  hub: NewHub,
  label: Labelled,
  actor: { readonly username: string; readonly nation: string | null; readonly at: Date },
): Promise<string> {
  const { location, ...fields } = hub;
  const row = {
    id: await nextRecordId(trx, 'hub'),
    ...fields,
    nations: [...fields.nations],
    illustrative: false,
    source: null,
    ...label,
  };
  await trx
    .insertInto('hub')
    .values({ ...row, location: `SRID=4326;POINT(${location[0]} ${location[1]})` })
    .execute();
  await appendAudit(trx, {
    actor: actor.username,
    nation: actor.nation,
    action: 'hub.create',
    entity: 'hub',
    entityId: row.id,
    before: null,
    after: { ...row, location },
    label,
    at: actor.at,
  });
  return row.id;
}
