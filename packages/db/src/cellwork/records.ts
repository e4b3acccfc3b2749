/**
 * The records a decision can rest on, read as the transaction's reader (row-level security
 * decides what exists for them): what each looked like at decision time and what it looks
 * like now. A record the reader may not read and one that does not exist read the same: null.
 */
import { canonicalJson, meetLabels } from '@guarantor/core/access';
import type { LinkKind } from '@guarantor/core/cellwork';
import { isIsoDate } from '@guarantor/core/finance';
import { sql, type Transaction } from 'kysely';
import { labelColumns, labelOf, labelText } from '../access.ts';
import { sha256Hex } from '../audit.ts';
import { dateText } from '../phases/common.ts';
import type { Database, Labelled } from '../schema.ts';

type Trx = Transaction<Database>;

/** A record as read for a link: its words, label, state and the version it is at. */
export interface LinkedRecord {
  readonly kind: LinkKind;
  readonly id: string;
  /** The version at read time, where the kind keeps versions; null otherwise. */
  readonly version: string | null;
  readonly title: string;
  readonly label: Labelled;
  /** The fields a reader compares, in words and figures (no geometry). */
  readonly state: Readonly<Record<string, unknown>>;
}

/** Reads a daily report as the reader: given by the server, which builds reports. */
export type DailyReportReader = (trx: Trx, date: string) => Promise<LinkedRecord | null>;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const label = (r: Labelled): Labelled => ({ rel_kind: r.rel_kind, rel_nations: [...r.rel_nations] });

/** SHA-256 of a state's canonical JSON: what a stored snapshot is checked against. */
export function snapshotHash(state: unknown): string {
  return sha256Hex(canonicalJson(state));
}

/**
 * A record as it is now, or at `version` where the kind keeps versions (a gate rule's version
 * number; a control-area version is its own id and never changes). Null when the reader may
 * not read it or it does not exist.
 */
export async function readLinked(
  trx: Trx,
  kind: LinkKind,
  id: string,
  options: { readonly version?: string | null; readonly dailyReport?: DailyReportReader } = {},
): Promise<LinkedRecord | null> {
  switch (kind) {
    case 'plan': {
      const p = await trx.selectFrom('plan').selectAll().where('id', '=', id).executeTakeFirst();
      if (!p) return null;
      return {
        kind,
        id,
        version: null,
        title: `${p.id}${p.title ? `: ${p.title}` : ''}`,
        label: label(p),
        state: {
          status: p.status,
          coverage: p.coverage,
          createdBy: p.created_by,
          createdAt: iso(p.created_at),
          adoptedBy: p.adopted_by,
          adoptedAt: iso(p.adopted_at),
          supersededAt: iso(p.superseded_at),
        },
      };
    }
    case 'phase_rule': {
      let q = trx.selectFrom('phase_rule').selectAll().where('id', '=', id);
      q =
        options.version == null
          ? q.orderBy('version', 'desc')
          : /^\d{1,9}$/.test(options.version)
            ? q.where('version', '=', Number(options.version))
            : q.where(() => false as never);
      const r = await q.limit(1).executeTakeFirst();
      if (!r) return null;
      return {
        kind,
        id,
        version: String(r.version),
        title: `Rule ${r.id}${r.title ? `: ${r.title}` : ''} (version ${r.version})`,
        label: label(r),
        state: {
          version: r.version,
          title: r.title,
          text: r.text,
          active: r.active,
          createdBy: r.created_by,
        },
      };
    }
    case 'incident': {
      const i = await trx.selectFrom('incident').selectAll().where('id', '=', id).executeTakeFirst();
      if (!i) return null;
      return {
        kind,
        id,
        version: null,
        title: `Incident ${i.id}: ${i.category.replaceAll('_', ' ')}, ${i.start_at.toISOString().slice(0, 10)}`,
        label: label(i),
        state: {
          category: i.category,
          state: i.state,
          attributedParty: i.attributed_party,
          start: iso(i.start_at),
          end: iso(i.end_at),
          count: Number(i.count_best),
          confidence: i.confidence,
          independentSources: i.independent_sources,
          mergedInto: i.merged_into,
          version: i.version,
        },
      };
    }
    case 'breach': {
      const b = await trx.selectFrom('breach').selectAll().where('id', '=', id).executeTakeFirst();
      if (!b) return null;
      return {
        kind,
        id,
        version: null,
        title: `Breach of rule ${b.rule_id} in ${b.sector} on ${dateText(b.as_of)}`,
        label: label(b),
        state: {
          rule: b.rule_id,
          ruleVersion: b.rule_version,
          sector: b.sector,
          asOf: dateText(b.as_of),
          explanation: b.explanation,
          incidents: b.incident_ids.length,
          proposedRung: b.proposed_rung,
        },
      };
    }
    case 'control_area': {
      const n = /^ca-(\d{1,15})$/.exec(id);
      if (!n) return null;
      const v = await trx
        .selectFrom('control_area_version')
        .select([
          'id',
          'side',
          'as_of',
          'version',
          'source',
          'area_km2',
          'imported_by',
          'imported_at',
          'rel_kind',
          'rel_nations',
        ])
        .where('id', '=', Number(n[1]))
        .executeTakeFirst();
      if (!v) return null;
      return {
        kind,
        id,
        version: id,
        title: `Control area (${v.side}) as of ${dateText(v.as_of)}, ${v.source} version ${v.version}`,
        label: label(v),
        state: {
          side: v.side,
          asOf: dateText(v.as_of),
          version: v.version,
          source: v.source,
          areaKm2: Math.round(v.area_km2 * 10) / 10,
          importedBy: v.imported_by,
          importedAt: iso(v.imported_at),
        },
      };
    }
    case 'finance_flow': {
      const n = /^\d{1,15}$/.test(id) ? Number(id) : null;
      if (n === null) return null;
      const f = await trx
        .selectFrom('finance_flow')
        .selectAll()
        .where('id', '=', String(n))
        .executeTakeFirst();
      if (!f) return null;
      return {
        kind,
        id,
        version: null,
        title: `${f.donor_name} ${f.stage} of ${f.amount_minor} ${f.currency} (minor units) on ${dateText(f.value_date)}`,
        label: label(f),
        state: {
          donor: f.donor_code,
          donorName: f.donor_name,
          stage: f.stage,
          amountMinor: String(f.amount_minor),
          currency: f.currency,
          valueDate: dateText(f.value_date),
          instrument: f.instrument,
          category: f.category,
          region: f.region_code,
          source: f.source,
          sourceKey: f.source_key,
        },
      };
    }
    case 'land_option': {
      const n = /^lo-(\d{1,15})$/.exec(id);
      if (!n) return null;
      const o = await trx
        .selectFrom('land_option_version')
        .select([
          'id',
          'option_key',
          'version',
          'name',
          'description',
          'kind',
          'occupied_side',
          'created_by',
          'created_at',
          'rel_kind',
          'rel_nations',
          sql<number | null>`case when kind = 'area' then st_area(geom::geography) / 1e6 end`.as('area_km2'),
          sql<number | null>`case when kind = 'line' then st_length(geom::geography) / 1e3 end`.as(
            'length_km',
          ),
        ])
        .where('id', '=', Number(n[1]))
        .executeTakeFirst();
      if (!o) return null;
      return {
        kind,
        id,
        version: id,
        title: `Land option ${o.name} (${o.option_key}), version ${o.version}`,
        label: label(o),
        state: {
          option: o.option_key,
          version: o.version,
          name: o.name,
          description: o.description,
          kind: o.kind,
          occupiedSide: o.occupied_side,
          ...(o.area_km2 === null ? {} : { areaKm2: Math.round(Number(o.area_km2) * 10) / 10 }),
          ...(o.length_km === null ? {} : { lengthKm: Math.round(Number(o.length_km) * 100) / 100 }),
          createdBy: o.created_by,
          createdAt: iso(o.created_at),
        },
      };
    }
    case 'gate_evaluation': {
      if (!isIsoDate(id)) return null;
      const evaluated = await trx
        .selectFrom('phase_evaluation')
        .select('evaluated_at')
        .where('as_of', '=', id)
        .executeTakeFirst();
      if (!evaluated) return null;
      const phase = await trx
        .selectFrom('campaign_phase')
        .select(['phase', 'since', 'rel_kind', 'rel_nations'])
        .where('since', '<=', id)
        .orderBy('since', 'desc')
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      // The sector's name where the reader may see its zone (people read names, not ids).
      const sectors = await trx
        .selectFrom('sector_status')
        .leftJoin('zone', 'zone.id', 'sector_status.sector')
        .select([
          'sector_status.sector',
          'sector_status.status',
          'sector_status.as_of',
          'sector_status.reasons',
          'sector_status.rel_kind',
          'sector_status.rel_nations',
          'zone.name',
          'zone.rel_kind as zone_rel_kind',
          'zone.rel_nations as zone_rel_nations',
        ])
        .distinctOn('sector_status.sector')
        .where('sector_status.as_of', '<=', id)
        .orderBy('sector_status.sector')
        .orderBy('sector_status.as_of', 'desc')
        .orderBy('sector_status.id', 'desc')
        .execute();
      // A sector named in the snapshot brings its zone's label into the meet.
      const named = sectors.flatMap((z) =>
        z.name && z.zone_rel_kind
          ? [{ rel_kind: z.zone_rel_kind, rel_nations: z.zone_rel_nations ?? [] }]
          : [],
      );
      const labels = [...(phase ? [phase] : []), ...sectors, ...named].map(labelOf);
      const counts = new Map<string, number>();
      for (const s of sectors) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
      return {
        kind,
        id,
        version: null,
        title: `The gate's evaluation of ${id}: ${
          sectors.length === 0
            ? 'no sector status'
            : ['holding', 'fragile', 'broken']
                .filter((status) => counts.has(status))
                .map((status) => `${counts.get(status)} ${status}`)
                .join(', ')
        }${phase ? `; phase ${phase.phase.replaceAll('_', ' ')}` : ''}`,
        label:
          labels.length === 0
            ? { rel_kind: 'COALITION', rel_nations: [] }
            : labelColumns(labels.reduce(meetLabels)),
        state: {
          asOf: id,
          evaluatedAt: iso(evaluated.evaluated_at),
          phase: phase?.phase ?? null,
          phaseSince: phase ? dateText(phase.since) : null,
          // One entry per sector, in words: a state holds plain values, not lists.
          ...Object.fromEntries(
            sectors.map((s) => [
              `sector ${s.sector}`,
              `${s.name ? `${s.name}: ` : ''}${s.status} as of ${dateText(s.as_of)}${s.reasons.length > 0 ? `: ${s.reasons.join('; ')}` : ''}`,
            ]),
          ),
        },
      };
    }
    case 'daily_report': {
      if (!isIsoDate(id) || !options.dailyReport) return null;
      return options.dailyReport(trx, id);
    }
  }
}

/**
 * The record's state today, for the "now" column. A control-area version never changes, so
 * today's is the newest version of the same source, side and date (a correction); a finance
 * figure is replaced when its file is imported again, so today's is the row of the same source
 * and key; a gate rule's is its highest version. Null: gone, or no longer readable.
 */
export async function readLinkedNow(
  trx: Trx,
  kind: LinkKind,
  id: string,
  thenState: Readonly<Record<string, unknown>>,
  dailyReport?: DailyReportReader,
): Promise<LinkedRecord | null> {
  if (kind === 'control_area') {
    const latest = await trx
      .selectFrom('control_area_version')
      .select('id')
      .where('source', '=', String(thenState.source))
      .where('side', '=', thenState.side as 'occupied' | 'government')
      .where('as_of', '=', String(thenState.asOf))
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return latest ? readLinked(trx, kind, `ca-${Number(latest.id)}`) : null;
  }
  if (kind === 'land_option') {
    const latest = await trx
      .selectFrom('land_option_version')
      .select('id')
      .where('option_key', '=', String(thenState.option))
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return latest ? readLinked(trx, kind, `lo-${Number(latest.id)}`) : null;
  }
  if (kind === 'finance_flow') {
    const row = await trx
      .selectFrom('finance_flow')
      .select('id')
      .where('source', '=', String(thenState.source))
      .where('source_key', '=', String(thenState.sourceKey))
      .executeTakeFirst();
    return row ? readLinked(trx, kind, String(Number(row.id))) : null;
  }
  return readLinked(trx, kind, id, dailyReport ? { dailyReport } : {});
}

export { labelText };
