/**
 * Decisions of the cell and the records they rested on (issue 21). Recording one reads each
 * linked record as the recorder: a record they may not read is refused exactly as one that does
 * not exist. The decision's label may be no wider than the meet of its records' labels unless
 * the recorder confirms widening with a reason, which the audit entry keeps.
 */
import { formatReleasability, meetLabels } from '@guarantor/core/access';
import type * as Api from '@guarantor/core/api';
import {
  DELEGATION_LEVELS,
  isNoWiderThan,
  LINK_KIND_KEPT,
  LINK_KIND_NAMES,
  LINK_KINDS,
  labelBound,
} from '@guarantor/core/cellwork';
import { asReader, isCoalitionMember, labelColumns, labelOf } from '@guarantor/db';
import {
  type DailyReportReader,
  getDecision,
  getMeeting,
  insertDecision,
  type LinkedRecord,
  listActions,
  listDecisions,
  listLinks,
  readLinked,
  readLinkedNow,
  searchLinkCandidates,
  snapshotHash,
} from '@guarantor/db/cellwork';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { buildDailyReport } from '../../reports/daily.ts';
import { matches } from '../contract.ts';
import { labelFromRequest } from '../inputs.ts';
import type { CellworkContext } from './context.ts';
import { ActionView, CellId, DecisionView, LinkView, presentAction, presentDecision } from './views.ts';

/** A calendar date that exists: 2026-02-30 is refused here, not by the database. */
const isRealDay = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine(isRealDay, 'not a date in the calendar');
const Words = (max: number) => z.string().trim().min(1).max(max);

/** The daily report as a linked record: its totals and sectors as the reader saw them. */
export const dailyReportRecord =
  (nation: string | null, at: Date): DailyReportReader =>
  async (trx, date) => {
    const r = await buildDailyReport(trx, date, { nation }, at);
    return {
      kind: 'daily_report',
      id: date,
      version: null,
      title: `Daily report of ${date}`,
      // An empty meet (`REL TO` with no nation) admits nobody and stays so.
      label:
        r.releasability === 'REL TO'
          ? { rel_kind: 'REL', rel_nations: [] }
          : labelColumns(labelFromRequest(r.releasability, 'links')),
      state: {
        date,
        violations: r.totals.today.all,
        corroborated: r.totals.today.corroborated,
        verified: r.totals.today.verified,
        sectors: Object.fromEntries(r.sectors.map((s) => [s.name, s.today.verified])),
      },
    } satisfies LinkedRecord;
  };

/** The keys whose values differ between two states. */
function changedKeys(a: Record<string, unknown>, b: Record<string, unknown> | null): string[] {
  if (!b) return [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

export function decisionRoutes({ r, database, clock }: CellworkContext): void {
  r.get(
    '/api/decisions',
    {
      schema: {
        tags: ['cell'],
        summary: 'Decisions of the cell you may read, newest first',
        querystring: z.strictObject({ meeting: CellId('MTG').optional() }),
        response: { 200: matches<Api.DecisionsResponse>()(z.object({ decisions: z.array(DecisionView) })) },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const rows = await asReader(database.db, reader, (trx) =>
        listDecisions(trx, request.query.meeting ? { meetingId: request.query.meeting } : {}),
      );
      return { decisions: rows.map(presentDecision) };
    },
  );

  r.get(
    '/api/decisions/link-candidates',
    {
      schema: {
        tags: ['cell'],
        summary:
          'The records of one kind you may read that a decision could rest on, found by name, id or date (the link picker of the decision form), newest first',
        querystring: z.strictObject({
          kind: z.enum(LINK_KINDS, {
            error: `must be one of ${LINK_KINDS.join(', ')}`,
          }),
          q: z.string().max(200).default('').describe('words, an id or a date (YYYY-MM-DD) the record has'),
        }),
        response: {
          200: matches<Api.LinkCandidatesResponse>()(
            z.object({
              kind: z.enum(LINK_KINDS),
              kindName: z.string(),
              candidates: z.array(
                z.object({
                  kind: z.enum(LINK_KINDS),
                  id: z.string(),
                  title: z.string(),
                  day: z.string().nullable(),
                  releasability: z.string().nullable(),
                }),
              ),
            }),
          ),
        },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const { kind, q } = request.query;
      const today = clock.now().toISOString().slice(0, 10);
      const candidates = await asReader(database.db, reader, (trx) =>
        searchLinkCandidates(trx, kind, q, today),
      );
      return { kind, kindName: LINK_KIND_NAMES[kind], candidates: [...candidates] };
    },
  );

  r.get(
    '/api/decisions/:id',
    {
      schema: {
        tags: ['cell'],
        summary:
          'A decision with each record it rested on as it was when decided (its version then, or the snapshot taken then) beside its state today, and the actions it raised',
        params: z.object({ id: z.string().max(100) }),
        response: {
          200: matches<Api.DecisionDetail>()(
            z.object({ decision: DecisionView, links: z.array(LinkView), actions: z.array(ActionView) }),
          ),
        },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const now = clock.now();
      const found = await asReader(database.db, reader, async (trx) => {
        const decision = await getDecision(trx, request.params.id);
        if (!decision) return null;
        const daily = dailyReportRecord(reader.nation, now);
        const links: Api.DecisionLink[] = [];
        for (const l of await listLinks(trx, decision.id)) {
          const kept = LINK_KIND_KEPT[l.kind];
          // A versioned kind's version at decision time is read back from its own table.
          const version =
            kept === 'version'
              ? await readLinked(trx, l.kind, l.recordId, { version: l.recordVersion })
              : null;
          const then = (version?.state ?? l.snapshot) as Record<string, Api.LinkValue>;
          const today = await readLinkedNow(trx, l.kind, l.recordId, l.snapshot, daily);
          links.push({
            kind: l.kind,
            kindName: LINK_KIND_NAMES[l.kind],
            recordId: l.recordId,
            title: l.title,
            kept,
            version: l.recordVersion,
            atDecision: then,
            thenSha256: l.snapshotSha256,
            today: today ? ({ ...today.state } as Record<string, Api.LinkValue>) : null,
            nowVersion: today?.version ?? null,
            changed: changedKeys(then, today ? { ...today.state } : null),
            releasability: formatReleasability(labelOf(l.recordLabel)),
            linkedAt: l.linkedAt.toISOString(),
          });
        }
        const actions = await listActions(trx, { decisionId: decision.id });
        return { decision, links, actions };
      });
      if (!found) throw new AppError('not_found', { key: 'cellwork.decisionNotFound' });
      return {
        decision: presentDecision(found.decision),
        links: found.links,
        actions: found.actions.map((a) => presentAction(a, now)),
      };
    },
  );

  r.post(
    '/api/decisions',
    {
      schema: {
        tags: ['cell'],
        summary:
          'Record a decision (cell staff): who decided, at which level, under which authority, on what date, and the records it rested on',
        description:
          'A linked record you may not read is refused as one that does not exist (404). The label may be no wider than the meet of the linked records’ labels; to widen it, send widen: {confirm: true, reason}.',
        body: z.strictObject({
          title: Words(300),
          text: z.string().max(20_000).default(''),
          decidedOn: Day,
          nation: z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code'),
          delegationLevel: z.enum(DELEGATION_LEVELS),
          decidedBy: Words(200).describe('the person who decided, by name or office'),
          authority: Words(500).describe('under which authority: a mandate, a resolution, an agreement'),
          meetingId: CellId('MTG').optional(),
          links: z
            .array(z.strictObject({ kind: z.enum(LINK_KINDS), id: z.string().trim().min(1).max(200) }))
            .max(50)
            .default([]),
          releasability: z.string().max(200),
          widen: z.strictObject({ confirm: z.literal(true), reason: Words(2000) }).optional(),
        }),
        response: { 201: DecisionView },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'cell_staff');
      const body = request.body;
      const label = labelFromRequest(body.releasability, 'body.releasability');
      const now = clock.now();
      if (!(await isCoalitionMember(database.db, body.nation))) {
        throw new AppError(
          'cell.not_member',
          { key: 'cellwork.deciderNotMember', params: { nation: body.nation } },
          'body.nation',
        );
      }
      const decision = await asReader(database.db, principal.reader, async (trx) => {
        if (body.meetingId && !(await getMeeting(trx, body.meetingId))) {
          throw new AppError('not_found', { key: 'cellwork.meetingIdNotFound' }, 'body.meetingId');
        }
        const daily = dailyReportRecord(principal.reader.nation, now);
        const records: LinkedRecord[] = [];
        for (const [i, link] of body.links.entries()) {
          const rec = await readLinked(trx, link.kind, link.id, { dailyReport: daily });
          // Hidden and missing read alike: no id is echoed, no existence told.
          if (!rec) {
            throw new AppError(
              'not_found',
              {
                key: 'cellwork.linkNotFound',
                params: { i, kind: { refusal: { key: `cellwork.linkKind.${link.kind}` } } },
              },
              `body.links.${i}`,
            );
          }
          records.push(rec);
        }
        const bound = labelBound(records.map((x) => labelOf(x.label)));
        const widened = !isNoWiderThan(label, bound);
        if (widened && !body.widen) {
          throw new AppError(
            'releasability.wider',
            {
              key: 'cellwork.decisionLabelWider',
              params: { label: formatReleasability(label), bound: formatReleasability(bound) },
            },
            'body.releasability',
            { bound: formatReleasability(bound) },
          );
        }
        return insertDecision(
          trx,
          {
            title: body.title,
            text: body.text,
            decidedOn: body.decidedOn,
            nation: body.nation,
            delegationLevel: body.delegationLevel,
            decidedBy: body.decidedBy,
            authority: body.authority,
            meetingId: body.meetingId ?? null,
            bound: labelColumns(bound),
            widenReason: widened ? body.widen!.reason : null,
            label: labelColumns(label),
            links: records.map((x) => ({
              kind: x.kind,
              recordId: x.id,
              recordVersion: x.version,
              title: x.title,
              snapshot: x.state,
              snapshotSha256: snapshotHash(x.state),
              recordLabel: x.label,
              linkLabel: labelColumns(meetLabels(labelOf(x.label), label)),
            })),
          },
          { username: principal.user.username, nation: principal.user.nation },
          now,
        );
      });
      return reply.status(201).send(presentDecision(decision));
    },
  );
}
