/**
 * What the public transparency page reads, run inside `asAnonymous` so that row-level
 * security admits PUBLIC rows only (migration 0021, ADR 0033): finance sums by sector, the
 * coalition's released missions and contributions, and the dated changes the feed lists.
 */
import type { FlowStage } from '@guarantor/core/finance';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Sums per sector (DAC code, or the Kiel category where a source gives no sector), stage, currency and day. */
export async function sectorGroups(db: Db): Promise<
  {
    sectorCode: string | null;
    category: string | null;
    stage: FlowStage;
    currency: string;
    date: string;
    amountMinor: bigint;
    flows: number;
  }[]
> {
  const rows = await db
    .selectFrom('finance_flow')
    .select([
      'sector_code',
      'category',
      'stage',
      'currency',
      sql<string>`to_char(value_date, 'YYYY-MM-DD')`.as('date'),
      sql<string>`sum(amount_minor)::text`.as('amount'),
      sql<string>`count(*)::text`.as('flows'),
    ])
    .groupBy(['sector_code', 'category', 'stage', 'currency', 'value_date'])
    .execute();
  return rows.map((r) => ({
    sectorCode: r.sector_code,
    category: r.category,
    stage: r.stage,
    currency: r.currency,
    date: r.date,
    amountMinor: BigInt(r.amount),
    flows: Number(r.flows),
  }));
}

/** A mission as released. */
export interface ReleasedMission {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly leadNation: string | null;
  readonly contributors: readonly string[];
  readonly role: string | null;
}

/** A contribution (offer) as released. */
export interface ReleasedOffer {
  readonly id: string;
  readonly nation: string;
  readonly capability: string;
  readonly quantity: number;
  readonly unit: string;
  readonly lifecycle: string;
  readonly missionId: string | null;
  readonly updatedAt: Date;
}

/** The missions and offers the reader may see (PUBLIC, as the anonymous role). */
export async function releasedForces(
  db: Db,
): Promise<{ missions: ReleasedMission[]; offers: ReleasedOffer[] }> {
  const missions = await db
    .selectFrom('mission')
    .select(['id', 'name', 'kind', 'lead_nation', 'contributors', 'role'])
    .orderBy('id')
    .execute();
  const offers = await db
    .selectFrom('offer')
    .select(['id', 'nation', 'capability', 'quantity', 'unit', 'lifecycle', 'mission_id', 'updated_at'])
    .orderBy('nation')
    .orderBy('id')
    .execute();
  return {
    missions: missions.map((m) => ({
      id: m.id,
      name: m.name,
      kind: m.kind,
      leadNation: m.lead_nation,
      contributors: m.contributors,
      role: m.role,
    })),
    offers: offers.map((o) => ({
      id: o.id,
      nation: o.nation,
      capability: o.capability,
      quantity: o.quantity,
      unit: o.unit,
      lifecycle: o.lifecycle,
      missionId: o.mission_id,
      updatedAt: o.updated_at,
    })),
  };
}

/** A dated change the public may see, newest first: finance sources, sector statuses, phases, deployed contributions. */
export interface PublicChange {
  readonly kind: 'finance' | 'sector_status' | 'phase' | 'deployment';
  readonly key: string;
  readonly at: Date;
  readonly subject: string;
  readonly detail: string;
  readonly count: number;
}

/** The latest changes the reader may see, newest first, at most `limit`. */
export async function publicChanges(db: Db, limit: number): Promise<PublicChange[]> {
  const finance = await db
    .selectFrom('finance_flow')
    .select([
      'source',
      'source_document',
      sql<Date>`max(imported_at)`.as('at'),
      sql<string>`count(*)::text`.as('n'),
    ])
    .groupBy(['source', 'source_document'])
    .execute();
  const statuses = await db
    .selectFrom('sector_status')
    .select(['id', 'sector', 'status', 'recorded_at', sql<string>`to_char(as_of, 'YYYY-MM-DD')`.as('as_of')])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const phases = await db
    .selectFrom('campaign_phase')
    .select(['seq', 'phase', 'recorded_at', sql<string>`to_char(since, 'YYYY-MM-DD')`.as('since')])
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  const deployed = await db
    .selectFrom('offer')
    .select(['id', 'nation', 'capability', 'quantity', 'updated_at'])
    .where('lifecycle', '=', 'deployed')
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
  const all: PublicChange[] = [
    ...finance.map((f) => ({
      kind: 'finance' as const,
      key: `finance-${f.source}`,
      at: new Date(f.at),
      subject: f.source_document,
      detail: f.source,
      count: Number(f.n),
    })),
    ...statuses.map((s) => ({
      kind: 'sector_status' as const,
      key: `sector-status-${s.id}`,
      at: s.recorded_at,
      subject: s.sector,
      detail: `${s.status} as of ${s.as_of}`,
      count: 1,
    })),
    ...phases.map((p) => ({
      kind: 'phase' as const,
      key: `phase-${p.seq}`,
      at: p.recorded_at,
      subject: p.phase,
      detail: `since ${p.since}`,
      count: 1,
    })),
    ...deployed.map((o) => ({
      kind: 'deployment' as const,
      key: `deployment-${o.id}`,
      at: o.updated_at,
      subject: o.nation,
      detail: o.capability,
      count: o.quantity,
    })),
  ];
  return all.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.key < b.key ? -1 : 1)).slice(0, limit);
}

/** Sector zones' names by id, as the reader may see them. */
export async function sectorNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('zone').select(['id', 'name']).where('kind', '=', 'sector').execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
