/**
 * Humanitarian presence (3W): who is present in each first-level unit, from HXL tables. A
 * source is one file's name in its importer's namespace (`ocha-3w@FRA`, as zones are, ADR
 * 0013): a new import of it replaces its rows, and a hidden source of another nation is never
 * touched or revealed. Read per region, merged over the sources the reader may see.
 */
import { formatReleasability, meetLabels, type Releasability } from '@guarantor/core/access';
import type { PresenceRow } from '@guarantor/core/imports';
import type { Kysely, Transaction } from 'kysely';
import { labelColumns, labelOf } from './access.ts';
import { appendAudit } from './audit.ts';
import type { Database } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Who imports, for the namespace and the audit log. */
export interface PresenceActor {
  readonly username: string;
  readonly nation: string | null;
}

/** What an import did, and the units it could not place. */
export interface PresenceImportSummary {
  /** The source as stored, in the importer's namespace. */
  readonly source: string;
  readonly regions: number;
  /** Units named by a name this store does not know, or a code that is not Ukraine's. */
  readonly unplaced: readonly { readonly unit: string; readonly reason: string }[];
}

/** The first-level units by code, and by lower-cased English and Ukrainian names (with or without "oblast"). */
async function regionIndex(db: Db): Promise<{ codes: Set<string>; byName: Map<string, string> }> {
  const regions = await db.selectFrom('region').select(['code', 'name_en', 'name_uk']).execute();
  const byName = new Map<string, string>();
  const key = (name: string) =>
    name
      .toLowerCase()
      .replace(/\s+(oblast|область)$/u, '')
      .trim();
  for (const r of regions) {
    byName.set(key(r.name_en), r.code);
    if (r.name_uk) byName.set(key(r.name_uk), r.code);
  }
  return { codes: new Set(regions.map((r) => r.code)), byName };
}

/** Stores one source's presence, replacing what that source said before, in the caller's transaction. */
export async function replacePresence(
  trx: Transaction<Database>,
  source: string,
  units: readonly PresenceRow[],
  options: { readonly actor: PresenceActor; readonly label: Releasability; readonly at: Date },
): Promise<PresenceImportSummary> {
  const stored = options.actor.nation ? `${source}@${options.actor.nation}` : source;
  const { codes, byName } = await regionIndex(trx);
  const unplaced: { unit: string; reason: string }[] = [];
  const rows = new Map<string, PresenceRow>();
  for (const unit of units) {
    const code =
      unit.regionCode ??
      byName.get(
        (unit.regionName ?? '')
          .toLowerCase()
          .replace(/\s+(oblast|область)$/u, '')
          .trim(),
      );
    if (!code || !codes.has(code)) {
      unplaced.push({
        unit: unit.regionCode ?? unit.regionName ?? '?',
        reason:
          codes.size === 0
            ? 'the store holds no first-level units yet: start the server once, or run guarantor seed'
            : unit.regionCode
              ? `${unit.regionCode} is not a first-level unit of Ukraine`
              : `no first-level unit of Ukraine is named '${unit.regionName}'; give #adm1+code`,
      });
      continue;
    }
    rows.set(code, unit);
  }
  await trx.deleteFrom('humanitarian_presence').where('source', '=', stored).execute();
  const label = labelColumns(options.label);
  if (rows.size > 0) {
    await trx
      .insertInto('humanitarian_presence')
      .values(
        [...rows].map(([code, u]) => ({
          source: stored,
          region_code: code,
          organisations: [...u.organisations],
          organisation_count: u.organisationCount,
          sectors: [...u.sectors],
          people_reached: u.peopleReached,
          imported_by: options.actor.username,
          imported_at: options.at,
          ...label,
        })),
      )
      .execute();
  }
  await appendAudit(trx, {
    actor: options.actor.username,
    nation: options.actor.nation,
    action: 'presence.import',
    entity: 'humanitarian_presence',
    entityId: stored,
    before: null,
    after: { regions: [...rows.keys()], unplaced },
    label,
    at: options.at,
  });
  return { source: stored, regions: rows.size, unplaced };
}

/** Presence in one first-level unit, merged over the sources the reader may see. */
export interface RegionPresence {
  readonly regionCode: string;
  /** Its English name. */
  readonly regionName: string;
  readonly organisations: readonly string[];
  /** The largest count any source gives, or the organisations named when that is more. */
  readonly organisationCount: number;
  readonly sectors: readonly string[];
  /** The largest figure any source gives (sources may count the same people). */
  readonly peopleReached: number | null;
  readonly sources: readonly string[];
  /** The meet of the rows' labels. */
  readonly releasability: string;
}

/** Every region's presence the reader may see (row-level security decides), by region code. */
export async function listPresence(db: Db): Promise<readonly RegionPresence[]> {
  const rows = await db
    .selectFrom('humanitarian_presence')
    .innerJoin('region', 'region.code', 'humanitarian_presence.region_code')
    .selectAll('humanitarian_presence')
    .select('region.name_en')
    .orderBy('region_code')
    .orderBy('source')
    .execute();
  const byRegion = new Map<string, (typeof rows)[number][]>();
  for (const row of rows) byRegion.set(row.region_code, [...(byRegion.get(row.region_code) ?? []), row]);
  return [...byRegion].map(([regionCode, list]) => {
    const organisations = [...new Set(list.flatMap((r) => r.organisations))].sort();
    const counts = list.map((r) => r.organisation_count ?? 0);
    const reached = list
      .map((r) => (r.people_reached === null ? null : Number(r.people_reached)))
      .filter((n) => n !== null);
    return {
      regionCode,
      regionName: list[0]!.name_en,
      organisations,
      organisationCount: Math.max(organisations.length, ...counts),
      sectors: [...new Set(list.flatMap((r) => r.sectors))].sort(),
      peopleReached: reached.length > 0 ? Math.max(...reached) : null,
      sources: list.map((r) => r.source),
      releasability: formatReleasability(list.map(labelOf).reduce(meetLabels)),
    };
  });
}
