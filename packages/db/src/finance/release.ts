/**
 * Who may see an imported finance source, and announcing it (issue 18): "a pledge can be
 * NATIONAL until announced". A source (one imported file, `kiel-r29@FRA`) is released whole to
 * a wider label: its flows and its needs change label together, and the release is one audit
 * entry. Run inside `asReader`: row-level security lets a reader see, and so release, only the
 * sources their nation may read, and only to a label their nation may read too.
 */
import {
  formatReleasability,
  meetLabels,
  parseReleasability,
  type Releasability,
} from '@guarantor/core/access';
import type { Refusal } from '@guarantor/core/i18n/refusals';
import { zoneIdNation } from '@guarantor/core/zones';
import { type Kysely, sql, type Transaction } from 'kysely';
import { labelColumns, labelOf } from '../access.ts';
import { appendAudit } from '../audit.ts';
import type { Database } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** One imported source as the reader may see it. */
export interface FinanceSource {
  readonly source: string;
  readonly sourceDocument: string;
  readonly flows: number;
  readonly needs: number;
  readonly importedBy: string;
  readonly importedAt: Date;
  /** Its records' labels, narrowest first (one, unless the source was released in part). */
  readonly labels: readonly string[];
}

/** The nation that imported a source (`kiel-r29@FRA` → FRA): the namespace zones use too; null without one. */
export const sourceOwner: (source: string) => string | null = zoneIdNation;

/** Every imported source of flows and needs the reader may see, newest import first. */
export async function financeSources(db: Db): Promise<FinanceSource[]> {
  const rows = await sql<{
    source: string;
    document: string;
    kind: 'flow' | 'need';
    n: string;
    imported_by: string;
    imported_at: Date;
    rel_kind: string;
    rel_nations: string[];
  }>`
    select source, source_document as document, 'flow' as kind, count(*)::text as n,
           max(imported_by) as imported_by, max(imported_at) as imported_at, rel_kind, rel_nations
    from finance_flow group by source, source_document, rel_kind, rel_nations
    union all
    select source, max(assessment_title) as document, 'need' as kind, count(*)::text as n,
           max(imported_by) as imported_by, max(imported_at) as imported_at, rel_kind, rel_nations
    from finance_need group by source, rel_kind, rel_nations`.execute(db);
  const bySource = new Map<
    string,
    {
      source: string;
      sourceDocument: string;
      flows: number;
      needs: number;
      importedBy: string;
      importedAt: Date;
      labels: Releasability[];
    }
  >();
  for (const r of rows.rows) {
    const entry = bySource.get(r.source) ?? {
      source: r.source,
      sourceDocument: r.document,
      flows: 0,
      needs: 0,
      importedBy: r.imported_by,
      importedAt: new Date(r.imported_at),
      labels: [],
    };
    if (r.kind === 'flow') entry.flows += Number(r.n);
    else entry.needs += Number(r.n);
    if (new Date(r.imported_at) > entry.importedAt) entry.importedAt = new Date(r.imported_at);
    entry.labels.push(labelOf({ rel_kind: r.rel_kind as never, rel_nations: r.rel_nations }));
    bySource.set(r.source, entry);
  }
  return [...bySource.values()]
    .map((e) => ({
      ...e,
      labels: [...new Set(e.labels.sort((a, b) => width(a) - width(b)).map(formatReleasability))],
    }))
    .sort((a, b) => b.importedAt.getTime() - a.importedAt.getTime() || (a.source < b.source ? -1 : 1));
}

/** Orders labels from narrow to wide for display (not a lattice order: REL lists are not compared). */
function width(label: Releasability): number {
  return { NATIONAL: 0, REL: 1, COALITION: 2, PUBLIC: 3 }[label.kind];
}

/** True when `wider` admits every reader `label` admits: the meet of the two is `label` itself. */
export function widens(label: Releasability, wider: Releasability): boolean {
  return formatReleasability(meetLabels(label, wider)) === formatReleasability(label);
}

/**
 * Why a release was refused: the source is not there for the reader, or the label would narrow it.
 * `refusal` is the catalogue key and values the server puts in the reader's words (ADR 0051).
 */
export class ReleaseRefusal extends Error {
  readonly kind: 'not_found' | 'narrows' | 'unchanged' | 'not_yours';
  readonly refusal: Refusal;
  constructor(kind: 'not_found' | 'narrows' | 'unchanged' | 'not_yours', refusal: Refusal) {
    super(`${refusal.key} ${JSON.stringify(refusal.params ?? {})}`);
    this.kind = kind;
    this.refusal = refusal;
  }
}

/**
 * Releases a source whole to `to`, which must admit every reader its records admit today (a
 * release widens; narrowing means importing again under the narrower label). The audit entry
 * carries the source's label before the release: whoever could read the source may read that
 * it was released, and no one else learns it existed.
 */
export async function releaseFinanceSource(
  trx: Transaction<Database>,
  source: string,
  to: string,
  actor: { readonly username: string; readonly nation: string | null; readonly at: Date },
): Promise<{ source: string; before: string; after: string; flows: number; needs: number }> {
  const wider = parseReleasability(to);
  const labels = await sql<{ rel_kind: string; rel_nations: string[] }>`
    select distinct rel_kind, rel_nations from finance_flow where source = ${source}
    union
    select distinct rel_kind, rel_nations from finance_need where source = ${source}`.execute(trx);
  if (labels.rows.length === 0)
    throw new ReleaseRefusal('not_found', { key: 'finance.release.notFound', params: { source } });
  // A nation announces what it imported: the source's namespace names the importing nation.
  const owner = sourceOwner(source);
  if (owner !== null && owner !== actor.nation)
    throw new ReleaseRefusal('not_yours', { key: 'finance.release.notYours', params: { source, owner } });
  const current = labels.rows.map((r) =>
    labelOf({ rel_kind: r.rel_kind as never, rel_nations: r.rel_nations }),
  );
  const before = current.reduce(meetLabels);
  const narrower = current.filter((l) => !widens(l, wider));
  if (narrower.length > 0)
    throw new ReleaseRefusal('narrows', {
      key: 'finance.release.narrows',
      params: { to: formatReleasability(wider), source, label: formatReleasability(narrower[0]!) },
    });
  if (current.every((l) => formatReleasability(l) === formatReleasability(wider)))
    throw new ReleaseRefusal('unchanged', {
      key: 'finance.release.unchanged',
      params: { source, label: formatReleasability(wider) },
    });
  const columns = labelColumns(wider);
  const flows = await trx
    .updateTable('finance_flow')
    .set(columns)
    .where('source', '=', source)
    .executeTakeFirst();
  const needs = await trx
    .updateTable('finance_need')
    .set(columns)
    .where('source', '=', source)
    .executeTakeFirst();
  const result = {
    source,
    before: formatReleasability(before),
    after: formatReleasability(wider),
    flows: Number(flows.numUpdatedRows),
    needs: Number(needs.numUpdatedRows),
  };
  await appendAudit(trx, {
    actor: actor.username,
    nation: actor.nation,
    action: 'finance.release',
    entity: 'finance_flow',
    entityId: source,
    before: { releasability: result.before },
    after: { releasability: result.after, flows: result.flows, needs: result.needs },
    label: labelColumns(before),
    at: actor.at,
  });
  return result;
}
