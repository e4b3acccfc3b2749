/** The response ladder, breaches and the responses recorded on them. */

import type * as Api from '@guarantor/core/api';
import { type ConditionResult, responseTimes } from '@guarantor/core/phases';
import { breachExplanationInWords } from '@guarantor/core/phases/gate-words';
import { asReader } from '@guarantor/db';
import {
  type BreachRow,
  insertResponse,
  listBreaches,
  listResponses,
  listRungs,
  upsertRung,
} from '@guarantor/db/phases';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { Lang, readerPhrasing } from '../../words.ts';
import { matches } from '../contract.ts';
import type { PhaseContext } from './context.ts';
import { actorOf, RuleId } from './views.ts';

export function ladderRoutes({ r, db, clock }: PhaseContext): void {
  const RungView = matches<Api.Rung>()(
    z.object({
      id: z.string(),
      position: z.number().int(),
      title: z.string(),
      respondWithinHours: z.number().int(),
      nations: z.array(z.string()),
      rules: z.array(z.string()),
      minSectors: z.number().int(),
    }),
  );

  r.get(
    '/api/phases/ladder',
    {
      schema: {
        tags: ['phases'],
        summary: 'The response ladder, mildest rung first, with the nations committed to each',
        response: { 200: matches<Api.LadderResponse>()(z.object({ rungs: z.array(RungView) })) },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const rungs = await asReader(db, reader, (trx) => listRungs(trx));
      return { rungs: rungs.map((x) => ({ ...x, nations: [...x.nations], rules: [...x.rules] })) };
    },
  );

  r.put(
    '/api/phases/ladder/:id',
    {
      schema: {
        tags: ['phases'],
        summary: 'Add or change a rung of the ladder (cell staff)',
        params: z.object({ id: RuleId }),
        body: z.strictObject({
          position: z.number().int().min(0).max(1000),
          title: z.string().trim().min(1).max(200),
          respondWithinHours: z
            .number()
            .int()
            .positive()
            .max(24 * 365),
          nations: z.array(z.string().regex(/^[A-Z]{3}$/)).max(60),
          rules: z.array(RuleId).max(50).default([]),
          minSectors: z.number().int().min(1).max(1000).default(1),
        }),
        response: { 200: RungView },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'cell_staff');
      const rung = { id: request.params.id, ...request.body };
      await asReader(db, principal.reader, (trx) => upsertRung(trx, rung, actorOf(principal), clock.now()));
      return rung;
    },
  );

  const BreachView = matches<Api.Breach>()(
    z.object({
      id: z.string(),
      rule: z.string(),
      version: z.number().int(),
      sector: z.string(),
      asOf: z.string(),
      detectedAt: z.string(),
      explanation: z
        .string()
        .describe(
          "why the rule failed in the sector, in the reader's language (a breach recorded before its conditions were kept: the evaluator's English)",
        ),
      incidentIds: z.array(z.string()),
      /** The meet of the cited incidents' labels. */
      releasability: z.string(),
      proposedRung: RungView.nullable(),
      responses: z.array(
        z.object({
          rungId: z.string(),
          decidedAt: z.string(),
          decidedBy: z.string(),
          nation: z.string(),
          note: z.string(),
        }),
      ),
      elapsedHours: z.number().nullable(),
      withinCommitment: z.boolean().nullable(),
    }),
  );

  r.get(
    '/api/phases/breaches',
    {
      schema: {
        tags: ['phases'],
        summary:
          'Breaches, each with its proposed rung, the responses recorded and the time from breach to first response',
        querystring: z.strictObject({ lang: Lang }),
        response: { 200: matches<Api.BreachesResponse>()(z.object({ breaches: z.array(BreachView) })) },
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const ph = await readerPhrasing({ db }, request, request.query.lang);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      const { breaches, responses, rungs } = await asReader(db, reader, async (trx) => ({
        breaches: await listBreaches(trx),
        responses: await listResponses(trx),
        rungs: await listRungs(trx),
      }));
      const coreBreach = (b: BreachRow) => ({
        id: b.id,
        rule: { id: b.ruleId, version: b.ruleVersion },
        sector: b.sector,
        asOf: b.asOf,
        detectedAtMs: b.detectedAt.getTime(),
        explanation: b.explanation,
        conditions: (b.conditions ?? []) as ConditionResult[],
        incidentIds: b.incidentIds,
      });
      const times = responseTimes(
        rungs,
        breaches.map(coreBreach),
        responses.map((x) => ({
          breachId: x.breachId,
          rungId: x.rungId,
          decidedAtMs: x.decidedAt.getTime(),
          by: x.decidedBy,
          nation: x.nation,
        })),
      );
      return {
        breaches: breaches.map((b, i) => {
          const rung = rungs.find((x) => x.id === b.proposedRung);
          return {
            id: b.id,
            rule: b.ruleId,
            version: b.ruleVersion,
            sector: b.sector,
            asOf: b.asOf,
            detectedAt: b.detectedAt.toISOString(),
            explanation: breachExplanationInWords(
              b.explanation,
              b.conditions as readonly ConditionResult[] | null,
              ph,
            ),
            incidentIds: [...b.incidentIds],
            releasability: b.releasability ?? 'COALITION',
            proposedRung: rung ? { ...rung, nations: [...rung.nations], rules: [...rung.rules] } : null,
            responses: responses
              .filter((x) => x.breachId === b.id)
              .map((x) => ({
                rungId: x.rungId,
                decidedAt: x.decidedAt.toISOString(),
                decidedBy: x.decidedBy,
                nation: x.nation,
                note: x.note,
              })),
            elapsedHours:
              times[i]?.elapsedMs == null ? null : Math.round((times[i]!.elapsedMs! / 3_600_000) * 10) / 10,
            withinCommitment: times[i]?.withinCommitment ?? null,
          };
        }),
      };
    },
  );

  r.post(
    '/api/phases/breaches/:id/responses',
    {
      schema: {
        tags: ['phases'],
        summary:
          'Record what the cell decided about a breach (cell staff); the time from breach to response is measured',
        params: z.object({ id: z.string().max(300) }),
        body: z.strictObject({ rungId: RuleId, note: z.string().max(2000).default('') }),
        response: {
          201: matches<Api.BreachResponse>()(
            z.object({
              breachId: z.string(),
              rungId: z.string(),
              decidedAt: z.string(),
              elapsedHours: z.number(),
            }),
          ),
        },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'cell_staff');
      const now = clock.now();
      const result = await asReader(db, principal.reader, async (trx) => {
        const breach = (await listBreaches(trx)).find((b) => b.id === request.params.id);
        if (!breach)
          throw new AppError('not_found', {
            key: 'ladder.breachNotFound',
            params: { id: request.params.id },
          });
        if (!(await listRungs(trx)).some((x) => x.id === request.body.rungId)) {
          throw new AppError(
            'request.invalid',
            { key: 'ladder.rungUnknown', params: { rungId: request.body.rungId } },
            'body.rungId',
          );
        }
        await insertResponse(
          trx,
          {
            breachId: breach.id,
            rungId: request.body.rungId,
            decidedAt: now,
            decidedBy: principal.user.username,
            nation: principal.user.nation,
            note: request.body.note,
          },
          actorOf(principal),
          now,
        );
        return breach;
      });
      return reply.status(201).send({
        breachId: result.id,
        rungId: request.body.rungId,
        decidedAt: now.toISOString(),
        elapsedHours: Math.round(((now.getTime() - result.detectedAt.getTime()) / 3_600_000) * 10) / 10,
      });
    },
  );
}
