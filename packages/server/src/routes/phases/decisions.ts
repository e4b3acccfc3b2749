/** The phase timeline, phase decisions (with overrides) and the re-evaluation. */

import type * as Api from '@guarantor/core/api';
import { TRANSITIONS } from '@guarantor/core/phases';
import { clearedInWords } from '@guarantor/core/phases/gate-words';
import { asReader } from '@guarantor/db';
import { listGuards, phaseTimeline } from '@guarantor/db/phases';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { previewTransition, transitionPhase } from '../../phases/service.ts';
import { readerPhrasing } from '../../words.ts';
import { matches } from '../contract.ts';
import type { PhaseContext } from './context.ts';
import {
  AttachedEvaluationView,
  actorOf,
  IsoDateText,
  PhaseEnum,
  PhaseView,
  presentEvaluation,
  presentPhase,
} from './views.ts';

export function decisionRoutes({ r, db, facts, clock, today, runReevaluation }: PhaseContext): void {
  r.get(
    '/api/phases',
    {
      schema: {
        tags: ['phases'],
        summary:
          'The current phase, the timeline of phases and decisions (overrides marked), and the guard policy',
        response: {
          200: matches<Api.PhasesResponse>()(
            z.object({
              current: PhaseView.nullable(),
              phase: PhaseEnum,
              allowedNext: z.array(PhaseEnum),
              timeline: z.array(PhaseView),
              guards: z.record(z.string(), z.array(z.string())),
            }),
          ),
        },
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const ph = await readerPhrasing({ db }, request);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      const [timeline, guards] = await asReader(
        db,
        reader,
        async (trx) => [await phaseTimeline(trx), await listGuards(trx)] as const,
      );
      const current = timeline.at(-1) ?? null;
      const phase = current?.phase ?? 'hostilities';
      return {
        current: current && presentPhase(current, ph),
        phase,
        allowedNext: [...TRANSITIONS[phase]],
        timeline: timeline.map((p) => presentPhase(p, ph)),
        guards: Object.fromEntries(Object.entries(guards).map(([k, v]) => [k, [...(v ?? [])]])),
      };
    },
  );

  r.post(
    '/api/phases/transitions',
    {
      schema: {
        tags: ['phases'],
        summary:
          'Move the campaign to a phase (cell staff). Refused with phase.gate_closed naming every failing rule, sector and day, unless an override with a reason is given; the override is recorded and shown.',
        body: z.strictObject({
          target: PhaseEnum,
          authority: z.string().trim().min(1, 'name the authority the decision rests on').max(500),
          date: IsoDateText.optional().describe('decision date, default today; rules are evaluated as of it'),
          override: z
            .strictObject({ reason: z.string().trim().min(1, 'an override needs a reason').max(2000) })
            .optional(),
        }),
        response: { 201: PhaseView },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'cell_staff');
      const stored = await asReader(db, principal.reader, (trx) =>
        transitionPhase(trx, facts, actorOf(principal), request.body, clock.now()),
      );
      await runReevaluation(today(), actorOf(principal));
      return reply.status(201).send(presentPhase(stored));
    },
  );

  r.post(
    '/api/phases/transitions/preview',
    {
      schema: {
        tags: ['phases'],
        summary:
          "What recording a phase decision would do, recording nothing (cell staff): allowed, refused unless overridden (with what the override would set aside), or refused; with the guarding rules' evaluations the decision would carry",
        body: z.strictObject({
          target: PhaseEnum,
          date: IsoDateText.optional().describe('decision date, default today'),
        }),
        response: {
          200: matches<Api.TransitionPreview>()(
            z.object({
              from: PhaseEnum,
              target: PhaseEnum,
              asOf: z.string(),
              outcome: z.enum(['allowed', 'needs_override', 'refused']),
              reasons: z.array(z.string()),
              evaluations: z.array(AttachedEvaluationView),
            }),
          ),
        },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'cell_staff');
      const ph = await readerPhrasing({ db }, request);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      const preview = await asReader(db, principal.reader, (trx) =>
        previewTransition(
          trx,
          facts,
          actorOf(principal),
          request.body.target,
          request.body.date,
          clock.now(),
          ph,
        ),
      );
      return {
        ...preview,
        reasons: [...preview.reasons],
        evaluations: preview.evaluations.map((e) => presentEvaluation(e, ph)),
      };
    },
  );

  r.post(
    '/api/phases/reevaluate',
    {
      schema: {
        tags: ['phases'],
        summary:
          'Re-evaluate the rules on the monitoring data (monitoring or a timer calls this): records breaches, sector status changes, and tells the cell which orders became issuable',
        body: z.strictObject({ asOf: IsoDateText.optional() }).default({}),
        response: {
          200: matches<Api.Reevaluation>()(
            z.object({
              from: z.string(),
              to: z.string(),
              breaches: z.array(z.string()),
              sectorChanges: z.array(
                z.object({
                  sector: z.string(),
                  asOf: z.string(),
                  from: z.string().nullable(),
                  to: z.string(),
                }),
              ),
              newlyIssuable: z.array(
                z.object({
                  orderId: z.string(),
                  because: z.array(z.string()).describe("what cleared for it, in the reader's language"),
                }),
              ),
            }),
          ),
        },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'monitor', 'analyst', 'cell_staff', 'admin');
      const asOf = request.body.asOf ?? today();
      if (asOf > today())
        throw new AppError(
          'request.invalid',
          { key: 'phases.asOfInFuture', params: { asOf, today: today() } },
          'body.asOf',
        );
      const result = await runReevaluation(asOf, actorOf(principal));
      const ph = await readerPhrasing({ db }, request);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      return {
        ...result,
        breaches: [...result.breaches],
        sectorChanges: [...result.sectorChanges],
        newlyIssuable: result.newlyIssuable.map((n) => ({
          orderId: n.orderId,
          because:
            ph.language === 'en' || !n.cleared ? [...n.because] : n.cleared.map((c) => clearedInWords(c, ph)),
        })),
      };
    },
  );
}
