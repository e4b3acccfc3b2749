/**
 * The records of one kind a decision could rest on, found by words or a date: what the link
 * picker on the decision form lists. Read as the transaction's reader, so row-level security
 * leaves out what they may not read; each candidate is then read as a link would be
 * (`readLinked`), so the name and label shown are the ones the decision will keep.
 */
import type { LinkCandidate } from '@guarantor/core/api';
import type { LinkKind } from '@guarantor/core/cellwork';
import { isIsoDate } from '@guarantor/core/finance';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import { labelText } from '../access.ts';
import type { Database } from '../schema.ts';
import { readLinked } from './records.ts';

type Trx = Transaction<Database>;

/** A record the picker offers: its id (sent with the decision), its name, and its label. */
export type { LinkCandidate };

/** `%q%` for ILIKE, with the pattern characters in `q` taken literally. */
const pattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const utcDay = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD')`;
const dayText = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** True where any of `texts` contains `q` (case-insensitive); true for every row when q is empty. */
function matching(q: string, texts: readonly RawBuilder<string>[]): RawBuilder<boolean> {
  if (q === '') return sql<boolean>`true`;
  return sql<boolean>`concat_ws(' ', ${sql.join(texts)}) ilike ${pattern(q)}`;
}

/**
 * Up to `limit` records of `kind` the reader may read whose name, id or date contains `q`,
 * newest first. `today` (YYYY-MM-DD) anchors the daily reports offered: the last fortnight and
 * the days with incidents the reader sees, or the very day typed.
 */
export async function searchLinkCandidates(
  trx: Trx,
  kind: LinkKind,
  q: string,
  today: string,
  limit = 20,
): Promise<readonly LinkCandidate[]> {
  const query = q.trim();
  let ids: string[];
  switch (kind) {
    case 'plan':
      ids = (
        await trx
          .selectFrom('plan')
          .select('id')
          .where(matching(query, [sql.ref('id'), sql.ref('title'), utcDay('created_at')]))
          .orderBy('created_at', 'desc')
          .limit(limit)
          .execute()
      ).map((r) => r.id);
      break;
    case 'phase_rule':
      ids = (
        await trx
          .selectFrom('phase_rule')
          .select('id')
          .distinctOn('id')
          .where(matching(query, [sql.ref('id'), sql.ref('title')]))
          .orderBy('id')
          .orderBy('version', 'desc')
          .limit(limit)
          .execute()
      ).map((r) => r.id);
      break;
    case 'incident':
      ids = (
        await trx
          .selectFrom('incident')
          .select('id')
          .where('merged_into', 'is', null)
          .where(
            matching(query, [
              sql.ref('id'),
              sql<string>`replace(category, '_', ' ')`,
              utcDay('start_at'),
              sql<string>`coalesce(attributed_party, '')`,
            ]),
          )
          .orderBy('start_at', 'desc')
          .orderBy('id')
          .limit(limit)
          .execute()
      ).map((r) => r.id);
      break;
    case 'breach':
      ids = (
        await trx
          .selectFrom('breach')
          .select('id')
          .where(matching(query, [sql.ref('rule_id'), sql.ref('sector'), dayText('as_of'), sql.ref('id')]))
          .orderBy('as_of', 'desc')
          .orderBy('id')
          .limit(limit)
          .execute()
      ).map((r) => r.id);
      break;
    case 'control_area':
      ids = (
        await trx
          .selectFrom('control_area_version')
          .select('id')
          .where(
            matching(query, [
              sql<string>`'ca-' || id`,
              sql<string>`side::text`,
              sql.ref('source'),
              dayText('as_of'),
            ]),
          )
          .orderBy('as_of', 'desc')
          .orderBy('version', 'desc')
          .limit(limit)
          .execute()
      ).map((r) => `ca-${Number(r.id)}`);
      break;
    case 'finance_flow':
      ids = (
        await trx
          .selectFrom('finance_flow')
          .select('id')
          .where(
            matching(query, [
              sql.ref('donor_name'),
              sql.ref('donor_code'),
              sql<string>`stage::text`,
              sql.ref('currency'),
              dayText('value_date'),
              sql<string>`coalesce(region_code, '')`,
            ]),
          )
          .orderBy('value_date', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .execute()
      ).map((r) => String(Number(r.id)));
      break;
    case 'land_option':
      ids = (
        await trx
          .selectFrom('land_option_version')
          .select('id')
          .where(matching(query, [sql.ref('name'), sql.ref('option_key'), sql<string>`'lo-' || id`]))
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit)
          .execute()
      ).map((r) => `lo-${Number(r.id)}`);
      break;
    case 'gate_evaluation':
      ids = (
        await trx
          .selectFrom('phase_evaluation')
          .select(dayText('as_of').as('day'))
          .where(matching(query, [dayText('as_of')]))
          .orderBy('as_of', 'desc')
          .limit(limit)
          .execute()
      ).map((r) => r.day);
      break;
    case 'daily_report': {
      // The report of any day can be linked; offer the day typed, the last fortnight and the days
      // with incidents the reader sees. The label is computed per reader when linked.
      const days = new Set<string>();
      if (isIsoDate(query)) days.add(query);
      const t = Date.parse(`${today}T00:00:00Z`);
      for (let i = 1; i <= 14; i++) days.add(new Date(t - i * 86_400_000).toISOString().slice(0, 10));
      const seen = await trx
        .selectFrom('incident')
        .select(utcDay('start_at').as('day'))
        .distinct()
        .where(matching(query, [utcDay('start_at')]))
        .orderBy('day', 'desc')
        .limit(limit)
        .execute();
      for (const r of seen) days.add(r.day);
      const list = [...days].filter((d) => d.includes(query) && d <= today).sort((a, b) => (a < b ? 1 : -1));
      return list.slice(0, limit).map((day) => ({
        kind,
        id: day,
        title: `Daily report of ${day}`,
        day,
        releasability: null,
      }));
    }
  }
  const found: LinkCandidate[] = [];
  for (const id of ids) {
    const rec = await readLinked(trx, kind, id);
    if (!rec) continue;
    found.push({
      kind,
      id,
      title: rec.title,
      day: dayOf(rec.state),
      releasability: labelText(rec.label),
    });
  }
  return found;
}

/** The day a record's state is about: its date, start, as-of or value date. */
function dayOf(state: Readonly<Record<string, unknown>>): string | null {
  for (const k of ['asOf', 'start', 'valueDate', 'createdAt']) {
    const v = state[k];
    if (typeof v === 'string' && /^\d{4}-\d\d-\d\d/.test(v)) return v.slice(0, 10);
  }
  return null;
}
