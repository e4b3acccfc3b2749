/**
 * Actions (issue 21): who must do what by when, what created it, its status, and the overdue
 * list per nation. A due date in the past is refused at creation. An action is no more
 * releasable than what created it.
 */
import { formatReleasability, type Releasability } from '@guarantor/core/access';
import type * as Api from '@guarantor/core/api';
import {
  ACTION_STATUSES,
  dueRefusal,
  isNoWiderThan,
  labelBound,
  overdueByNation,
} from '@guarantor/core/cellwork';
import { asReader, isCoalitionMember, labelColumns, labelOf } from '@guarantor/db';
import {
  getAction,
  getDecision,
  getMeeting,
  insertAction,
  listActions,
  setActionStatus,
} from '@guarantor/db/cellwork';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { readerPhrasing } from '../../words.ts';
import { matches } from '../contract.ts';
import { labelFromRequest } from '../inputs.ts';
import type { CellworkContext } from './context.ts';
import { ActionView, actionWording, CellId, nationWords, presentAction } from './views.ts';

const Iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code');

export function actionRoutes({ r, database, clock }: CellworkContext): void {
  r.get(
    '/api/actions',
    {
      schema: {
        tags: ['cell'],
        summary: 'Actions you may read, soonest due first; filter by owner nation',
        querystring: z.strictObject({ nation: Iso3.optional() }),
        response: { 200: matches<Api.ActionsResponse>()(z.object({ actions: z.array(ActionView) })) },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const now = clock.now();
      const ph = await readerPhrasing(database, request);
      const { rows, wording } = await asReader(database.db, reader, async (trx) => {
        const rows = await listActions(trx, request.query.nation ? { nation: request.query.nation } : {});
        return { rows, wording: await actionWording(trx, rows, ph) };
      });
      return { actions: rows.map((a) => presentAction(a, now, wording)) };
    },
  );

  r.get(
    '/api/actions/overdue',
    {
      schema: {
        tags: ['cell'],
        summary:
          'Open actions past their due date, per owner nation (nations in alphabetical order, oldest due first)',
        response: {
          200: matches<Api.OverdueResponse>()(
            z.object({
              asOf: z.string(),
              nations: z.array(
                z.object({ nation: z.string(), nationName: z.string(), actions: z.array(ActionView) }),
              ),
            }),
          ),
        },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const now = clock.now();
      const ph = await readerPhrasing(database, request);
      const { rows, wording } = await asReader(database.db, reader, async (trx) => {
        const rows = await listActions(trx);
        return { rows, wording: await actionWording(trx, rows, ph) };
      });
      const groups = overdueByNation(
        rows.map((a) => ({ ...a, dueAtMs: a.dueAt.getTime() })),
        now.getTime(),
      );
      return {
        asOf: now.toISOString(),
        nations: groups.map((g) => ({
          nation: g.nation,
          nationName: nationWords(g.nation),
          actions: g.actions.map((a) => presentAction(a, now, wording)),
        })),
      };
    },
  );

  r.get(
    '/api/actions/:id',
    {
      schema: {
        tags: ['cell'],
        summary: 'One action',
        params: z.object({ id: z.string().max(100) }),
        response: { 200: ActionView },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const ph = await readerPhrasing(database, request);
      const found = await asReader(database.db, reader, async (trx) => {
        const a = await getAction(trx, request.params.id);
        return a && { a, wording: await actionWording(trx, [a], ph) };
      });
      if (!found) throw new AppError('not_found', { key: 'cellwork.actionNotFound' });
      return presentAction(found.a, clock.now(), found.wording);
    },
  );

  r.post(
    '/api/actions',
    {
      schema: {
        tags: ['cell'],
        summary:
          'Create an action (cell staff): owner nation and person, due date, and the decision, incident or meeting that raised it',
        description:
          'A due date in the past is refused (cell.due_in_past). The label may be no wider than that of the decision, incident or meeting it comes from; one you may not read is refused as one that does not exist.',
        body: z
          .strictObject({
            title: z.string().trim().min(1).max(300),
            detail: z.string().max(10_000).default(''),
            ownerNation: Iso3,
            ownerPerson: z.string().trim().min(1).max(200).optional(),
            dueAt: z.iso
              .datetime({ offset: true })
              .describe('ISO 8601 with a time zone, e.g. 2026-12-01T12:00:00Z'),
            remindBeforeHours: z.number().int().min(0).max(8760).default(24),
            decisionId: CellId('DEC').optional(),
            incidentId: z.string().trim().min(1).max(200).optional(),
            meetingId: CellId('MTG').optional(),
            releasability: z.string().max(200),
          })
          .refine((b) => b.decisionId || b.incidentId || b.meetingId, {
            message: 'name what raised this action: decisionId, incidentId or meetingId',
            path: ['decisionId'],
          }),
        response: { 201: ActionView },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'cell_staff');
      const body = request.body;
      const now = clock.now();
      const label = labelFromRequest(body.releasability, 'body.releasability');
      const due = Date.parse(body.dueAt);
      // core's check decides; the refusal is worded from the catalogue in the reader's language.
      if (dueRefusal(due, now.getTime()))
        throw new AppError(
          'cell.due_in_past',
          Number.isFinite(due)
            ? {
                key: 'cellwork.dueInPast',
                params: { due: new Date(due).toISOString(), now: now.toISOString() },
              }
            : { key: 'cellwork.dueNotDate' },
          'body.dueAt',
        );
      if (!(await isCoalitionMember(database.db, body.ownerNation))) {
        throw new AppError(
          'cell.not_member',
          { key: 'cellwork.ownerNotMember', params: { nation: body.ownerNation } },
          'body.ownerNation',
        );
      }
      const action = await asReader(database.db, principal.reader, async (trx) => {
        const sources: Releasability[] = [];
        if (body.decisionId) {
          const d = await getDecision(trx, body.decisionId);
          if (!d) throw new AppError('not_found', { key: 'cellwork.decisionIdNotFound' }, 'body.decisionId');
          sources.push(labelOf(d.label));
        }
        if (body.meetingId) {
          const m = await getMeeting(trx, body.meetingId);
          if (!m) throw new AppError('not_found', { key: 'cellwork.meetingIdNotFound' }, 'body.meetingId');
          sources.push(labelOf(m.label));
        }
        if (body.incidentId) {
          const i = await trx
            .selectFrom('incident')
            .select(['rel_kind', 'rel_nations'])
            .where('id', '=', body.incidentId)
            .executeTakeFirst();
          if (!i) throw new AppError('not_found', { key: 'cellwork.incidentIdNotFound' }, 'body.incidentId');
          sources.push(labelOf(i));
        }
        const bound = labelBound(sources);
        if (!isNoWiderThan(label, bound)) {
          throw new AppError(
            'releasability.wider',
            {
              key: 'cellwork.actionLabelWider',
              params: { label: formatReleasability(label), bound: formatReleasability(bound) },
            },
            'body.releasability',
            { bound: formatReleasability(bound) },
          );
        }
        return insertAction(
          trx,
          {
            title: body.title,
            detail: body.detail,
            ownerNation: body.ownerNation,
            ownerPerson: body.ownerPerson ?? null,
            dueAt: new Date(body.dueAt),
            remindBeforeHours: body.remindBeforeHours,
            origin: 'user',
            decisionId: body.decisionId ?? null,
            incidentId: body.incidentId ?? null,
            breachId: null,
            meetingId: body.meetingId ?? null,
            sector: null,
            label: labelColumns(label),
          },
          { username: principal.user.username, nation: principal.user.nation },
          now,
        );
      });
      return reply.status(201).send(presentAction(action!, now));
    },
  );

  r.post(
    '/api/actions/:id/status',
    {
      schema: {
        tags: ['cell'],
        summary: "Change an action's status (cell staff, or a liaison of the owner nation)",
        params: z.object({ id: z.string().max(100) }),
        body: z.strictObject({ status: z.enum(ACTION_STATUSES), note: z.string().max(2000).default('') }),
        response: { 200: ActionView },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'cell_staff', 'liaison');
      const now = clock.now();
      const updated = await asReader(database.db, principal.reader, async (trx) => {
        const a = await getAction(trx, request.params.id);
        if (!a) throw new AppError('not_found', { key: 'cellwork.actionNotFound' });
        if (!principal.user.roles.includes('cell_staff') && a.ownerNation !== principal.user.nation) {
          throw new AppError('auth.forbidden', {
            key: 'cellwork.actionOtherNation',
            params: { nation: { nation: a.ownerNation } },
          });
        }
        if (a.status === request.body.status) {
          throw new AppError(
            'cell.status_refused',
            {
              key: 'cellwork.actionStatusAlready',
              params: { status: { term: `common.actionStatus.${a.status}`, lower: true } },
            },
            'body.status',
          );
        }
        return setActionStatus(
          trx,
          a,
          request.body.status,
          request.body.note,
          { username: principal.user.username, nation: principal.user.nation },
          now,
        );
      });
      return presentAction(updated, now);
    },
  );
}
