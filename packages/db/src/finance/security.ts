/**
 * Security beside money (issue 18, ADR 0043): per first-level unit, the reader's view of the
 * flows booked there, the incidents in the window, the sectors over it with their latest
 * status, and its population. Run inside `asReader`: row-level security decides what is
 * counted, so each reader gets the figures of what they may see, and the answer says the meet
 * of the labels of the records it counted.
 */
import { formatReleasability, meetLabels } from '@guarantor/core/access';
import {
  type FlowStage,
  type RegionFlowGroup,
  type RegionSector,
  RISK_PARAMETER_KEYS,
  type RiskParameterKey,
  type RiskParameters,
} from '@guarantor/core/finance';
import { DEFAULT_RISK_RULE } from '@guarantor/core/logistics';
import { type Kysely, sql, type Transaction } from 'kysely';
import { labelOf } from '../access.ts';
import { appendAudit } from '../audit.ts';
import { segmentRisksSql } from '../logistics/networks.ts';
import { cachedSegmentRisks, type LogisticsCache, logisticsReadStamp } from '../logistics/risk-cache.ts';
import type { Database, Labelled } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A parameter of the note with its meaning and who changed it last. */
export interface RiskParameterRow {
  readonly key: RiskParameterKey;
  readonly value: number;
  readonly unit: string;
  readonly description: string;
  readonly updatedBy: string | null;
  readonly updatedAt: Date | null;
}

/** The parameters of the investment-risk note, in the order a form shows them. */
export async function riskParameterRows(db: Db): Promise<RiskParameterRow[]> {
  const rows = await db
    .selectFrom('investment_risk_parameter')
    .select(['key', sql<string>`value::text`.as('value'), 'unit', 'description', 'updated_by', 'updated_at'])
    .execute();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return RISK_PARAMETER_KEYS.flatMap((key) => {
    const r = byKey.get(key);
    return r
      ? [
          {
            key,
            value: Number(r.value),
            unit: r.unit,
            description: r.description,
            updatedBy: r.updated_by,
            updatedAt: r.updated_at,
          },
        ]
      : [];
  });
}

/** The parameters as numbers. */
export function riskParametersOf(rows: readonly RiskParameterRow[]): RiskParameters {
  return Object.fromEntries(rows.map((r) => [r.key, r.value])) as RiskParameters;
}

/**
 * Sets the parameters that changed, in one transaction with one audit entry naming the old
 * and new values; returns the keys changed (none: nothing written, nothing audited).
 */
export async function putRiskParameters(
  trx: Transaction<Database>,
  values: RiskParameters,
  actor: { readonly username: string; readonly nation: string },
  at: Date,
): Promise<RiskParameterKey[]> {
  const before = riskParametersOf(await riskParameterRows(trx));
  const changed = RISK_PARAMETER_KEYS.filter((k) => before[k] !== values[k]);
  if (changed.length === 0) return [];
  for (const key of changed) {
    await trx
      .updateTable('investment_risk_parameter')
      .set({ value: String(values[key]), updated_by: actor.username, updated_at: at })
      .where('key', '=', key)
      .execute();
  }
  await appendAudit(trx, {
    actor: actor.username,
    nation: actor.nation,
    action: 'finance.risk_parameters',
    entity: 'investment_risk_parameter',
    entityId: 'investment-risk',
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, values[k]])),
    label: { rel_kind: 'PUBLIC', rel_nations: [] },
    at,
  });
  return changed;
}

/** A first-level unit with what the note needs, as the reader may see it. */
export interface RegionSecurityRead {
  readonly code: string;
  readonly nameEn: string;
  readonly nameUk: string | null;
  readonly population: number | null;
  readonly populationSource: string | null;
  readonly incidents: { verified: number; corroborated: number; reported: number };
  readonly sectors: RegionSector[];
  /** The riskiest route segment through the unit (logistics' rule, ADR 0036); null with none. */
  routeRisk: { score: number; segment: string } | null;
}

/** A route segment the reader may see, a unit it runs through, and its label. */
interface SegmentInRegion extends Labelled {
  readonly segmentId: string;
  readonly networkId: string;
  /** The segment in words: its name, or its two ends' names. */
  readonly name: string;
  readonly region: string;
}

/**
 * Every route segment the reader may see with the first-level units it crosses. Segments of
 * every network count: the note takes the riskiest segment of a unit, whichever network it
 * belongs to.
 */
async function segmentsInRegions(db: Db): Promise<SegmentInRegion[]> {
  const rows = await sql<{ id: string; network_id: string; name: string; code: string } & Labelled>`
    select s.id::text as id, s.network_id::text as network_id,
           coalesce(s.name, concat_ws(' – ', a.name, b.name), 'segment ' || s.id) as name,
           r.code, s.rel_kind, s.rel_nations
      from route_segment s
      join route_node a on a.id = s.from_node
      join route_node b on b.id = s.to_node
      join region r on r.kind = 'ukraine_unit' and st_intersects(r.geom, s.geom)`.execute(db);
  return rows.rows.map((r) => ({
    segmentId: `seg-${r.id}`,
    networkId: `net-${r.network_id}`,
    name: r.name,
    region: r.code,
    rel_kind: r.rel_kind,
    rel_nations: r.rel_nations,
  }));
}

/** Everything the page needs, read in the reader's transaction. */
export interface SecurityReads {
  readonly regions: readonly RegionSecurityRead[];
  readonly flows: readonly RegionFlowGroup[];
  /** The meet of the labels of the records counted; null when nothing was counted. */
  readonly label: string | null;
}

/**
 * Reads the units of Ukraine with the flows booked to them (and national ones), incidents of
 * the `windowDays` days up to `asOf` by state, and the sectors valid on `asOf` over each unit.
 */
export async function securityReads(
  db: Db,
  options: {
    readonly asOf: Date;
    readonly windowDays: number;
    /** Reuse segment risk computed earlier for the same reader (ADR 0048); afresh without. */
    readonly riskCache?: { readonly cache: LogisticsCache; readonly nowMs: number };
  },
): Promise<SecurityReads> {
  const from = new Date(options.asOf.getTime() - options.windowDays * 86_400_000);
  const units = await db
    .selectFrom('region')
    .leftJoin('unit_population', 'unit_population.code', 'region.code')
    .select([
      'region.code',
      'region.name_en',
      'region.name_uk',
      sql<string | null>`unit_population.population::text`.as('population'),
      'unit_population.source',
    ])
    .where('region.kind', '=', 'ukraine_unit')
    .orderBy('region.name_en')
    .execute();
  const incidents = await sql<{ code: string; state: string; n: string } & Labelled>`
    select r.code, i.state, i.rel_kind, i.rel_nations, count(*)::text as n
      from incident i
      join region r on r.kind = 'ukraine_unit' and st_intersects(r.geom, i.geom)
     where i.merged_into is null and i.state <> 'dismissed'
       and i.end_at >= ${from} and i.start_at <= ${options.asOf}
     group by r.code, i.state, i.rel_kind, i.rel_nations`.execute(db);
  const sectors = await sql<
    { code: string; id: string; name: string; status: string | null; as_of: string | null } & Labelled
  >`
    select r.code, z.id, z.name, s.status, to_char(s.as_of, 'YYYY-MM-DD') as as_of,
           z.rel_kind, z.rel_nations, s.rel_kind as status_rel_kind, s.rel_nations as status_rel_nations
      from zone z
      join region r on r.kind = 'ukraine_unit' and st_intersects(r.geom, z.geom)
      left join lateral (
        select status, as_of, rel_kind, rel_nations from sector_status
         where sector = z.id and as_of <= ${options.asOf}
         order by as_of desc, id desc limit 1
      ) s on true
     where z.kind = 'sector'
       and (z.valid_from is null or z.valid_from <= ${options.asOf})
       and (z.valid_to is null or z.valid_to > ${options.asOf})
     order by r.code, z.name`.execute(db);
  const flows = await db
    .selectFrom('finance_flow')
    .select([
      'region_code',
      'stage',
      'currency',
      'rel_kind',
      'rel_nations',
      sql<string>`to_char(value_date, 'YYYY-MM-DD')`.as('date'),
      sql<string>`sum(amount_minor)::text`.as('amount'),
      sql<string>`count(*)::text`.as('flows'),
    ])
    .groupBy(['region_code', 'stage', 'currency', 'value_date', 'rel_kind', 'rel_nations'])
    .execute();

  const labels: Labelled[] = [...incidents.rows, ...flows];
  const byUnit = new Map<string, RegionSecurityRead>(
    units.map((u) => [
      u.code,
      {
        code: u.code,
        nameEn: u.name_en,
        nameUk: u.name_uk,
        population: u.population === null ? null : Number(u.population),
        populationSource: u.source,
        incidents: { verified: 0, corroborated: 0, reported: 0 },
        sectors: [],
        routeRisk: null,
      },
    ]),
  );
  for (const row of incidents.rows) {
    const unit = byUnit.get(row.code);
    if (!unit) continue;
    const state =
      row.state === 'attributed' ? 'verified' : (row.state as 'verified' | 'corroborated' | 'reported');
    unit.incidents[state] += Number(row.n);
  }
  for (const row of sectors.rows as ((typeof sectors.rows)[number] & {
    status_rel_kind: Labelled['rel_kind'] | null;
    status_rel_nations: string[] | null;
  })[]) {
    byUnit.get(row.code)?.sectors.push({
      id: row.id,
      name: row.name,
      status: row.status as RegionSector['status'],
      asOf: row.as_of,
    });
    labels.push(row);
    if (row.status_rel_kind)
      labels.push({ rel_kind: row.status_rel_kind, rel_nations: row.status_rel_nations ?? [] });
  }
  const segments = await segmentsInRegions(db);
  labels.push(...segments);
  const rule = { ...DEFAULT_RISK_RULE, days: options.windowDays };
  const stamp = options.riskCache && (await logisticsReadStamp(db));
  for (const networkId of new Set(segments.map((s) => s.networkId))) {
    const risk = options.riskCache
      ? await cachedSegmentRisks(
          db,
          options.riskCache.cache,
          networkId,
          rule,
          options.asOf,
          options.riskCache.nowMs,
          stamp,
          false,
        )
      : await segmentRisksSql(db, networkId, rule, options.asOf);
    if (!risk) continue;
    for (const s of segments) {
      if (s.networkId !== networkId) continue;
      const unit = byUnit.get(s.region);
      const score = risk.scores.get(s.segmentId) ?? 0;
      if (unit && (unit.routeRisk === null || score > unit.routeRisk.score))
        unit.routeRisk = { score, segment: s.name };
    }
  }
  return {
    regions: [...byUnit.values()],
    flows: flows.map((f) => ({
      region: f.region_code,
      stage: f.stage as FlowStage,
      currency: f.currency,
      date: f.date,
      amountMinor: BigInt(f.amount),
      flows: Number(f.flows),
    })),
    label: labels.length === 0 ? null : formatReleasability(labels.map(labelOf).reduce(meetLabels)),
  };
}
