/** Plans: run (HiGHS or greedy), list, read, compare, adopt. */
import { formatReleasability } from '@guarantor/core/access';
import type * as Api from '@guarantor/core/api';
import { diffPlans } from '@guarantor/core/planning';
import {
  adoptedPlan,
  adoptPlan,
  asReader,
  getPlan,
  getPlanOutline,
  getPlanRequirement,
  holdBackCommitted,
  insertPlan,
  listPlans,
  meetAll,
  planInputOf,
  readPlanningWorld,
} from '@guarantor/db';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { Lang, readerPhrasing } from '../../words.ts';
import { matches } from '../contract.ts';
import { labelFromRequest } from '../inputs.ts';
import type { PlanningContext } from './context.ts';
import {
  covers,
  forAudience,
  PlanExplanationView,
  PlanRun,
  PlanSummaryView,
  PlanView,
  presentExplanation,
  presentPlan,
  presentSummary,
  runPlan,
} from './views.ts';

export function planRoutes({ r, database, clock, actor }: PlanningContext): void {
  r.post(
    '/api/plans',
    {
      schema: {
        tags: ['planning'],
        summary:
          'Computes a plan from what you may see and stores it (not adopted); returns it as GET /api/plans/{id} does',
        body: PlanRun,
        response: { 201: PlanView },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'analyst', 'cell_staff');
      const body = request.body;
      const audience = body.releasability
        ? labelFromRequest(body.releasability, 'body.releasability')
        : undefined;
      const at = clock.now();
      const read = await asReader(database.db, principal.reader, async (trx) => {
        if (body.basedOn && !(await getPlan(trx, body.basedOn)))
          throw new AppError(
            'not_found',
            { key: 'plans.notFound', params: { id: body.basedOn } },
            'body.basedOn',
          );
        return readPlanningWorld(trx, at.getTime());
      });
      const { world, left } = forAudience(read, audience);
      // Offers whose units are all committed stay in the label: the notes name them.
      const labels = [
        ...world.snapshot.offers.map((o) => world.labels.get(`offer:${o.id}`)!),
        ...world.snapshot.requirements.map((x) => world.labels.get(`requirement:${x.id}`)!),
      ];
      const label = audience ?? meetAll(labels);
      // Units committed by issued deployment orders are not there to plan again.
      const held = holdBackCommitted(
        world.snapshot,
        world.commitments,
        (c) => covers(c.label, label),
        world.unseenCommitments,
      );
      const result = await runPlan(planInputOf(held.snapshot), body);
      const notes = [
        ...(left.length > 0
          ? [`not releasable to ${formatReleasability(label)}, left out: ${left.join(', ')}`]
          : []),
        ...held.notes,
      ];
      const stored = await asReader(database.db, principal.reader, async (trx) => {
        const summary = await insertPlan(
          trx,
          {
            title: body.title,
            method: body.method,
            options: {
              timeLimitS: body.timeLimitS,
              mipRelGap: body.mipRelGap,
              audience: audience ? formatReleasability(audience) : null,
            },
            input: held.snapshot,
            result: { ...result, notes: [...result.notes, ...notes] },
            basedOn: body.basedOn ?? null,
            label,
          },
          actor(principal),
        );
        return (await getPlanOutline(trx, summary.id))!;
      });
      request.log.info(
        { plan: stored.id, status: stored.status, coverage: stored.coverage },
        'plan computed',
      );
      return reply.status(201).send(presentPlan(stored, await readerPhrasing(database, request)));
    },
  );

  r.get(
    '/api/plans',
    {
      schema: {
        tags: ['planning'],
        summary: 'Stored plans releasable to you, newest first',
        response: { 200: matches<Api.PlansResponse>()(z.object({ plans: z.array(PlanSummaryView) })) },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const plans = await asReader(database.db, reader, (trx) => listPlans(trx));
      return { plans: plans.map(presentSummary) };
    },
  );

  r.get(
    '/api/plans/:id',
    {
      schema: {
        tags: ['planning'],
        summary:
          'One plan: allocations, leads, figures, and each unmet requirement with how many offers explain it (the explanations are read per requirement)',
        params: z.object({ id: z.string().max(40) }),
        querystring: z.strictObject({ lang: Lang }),
        response: { 200: PlanView },
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const ph = await readerPhrasing(database, request, request.query.lang);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      const plan = await asReader(database.db, reader, (trx) => getPlanOutline(trx, request.params.id));
      if (!plan)
        throw new AppError('not_found', { key: 'plans.notFound', params: { id: request.params.id } });
      return presentPlan(plan, ph);
    },
  );

  r.get(
    '/api/plans/:id/requirements/:requirementId/explanation',
    {
      schema: {
        tags: ['planning'],
        summary:
          "Why one requirement of a plan is unmet, offer by offer (the plan's offers only: whoever may read the plan may read them)",
        params: z.object({ id: z.string().max(40), requirementId: z.string().max(60) }),
        querystring: z.strictObject({ lang: Lang }),
        response: { 200: PlanExplanationView },
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const { id, requirementId } = request.params;
      const ph = await readerPhrasing(database, request, request.query.lang);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      const part = await asReader(database.db, reader, (trx) => getPlanRequirement(trx, id, requirementId));
      // Neither id is echoed: the URL holds two, and either may be one the reader may not see.
      if (!part) throw new AppError('not_found', { key: 'plans.noSuchPlan' }, 'params.id');
      if (!part.input.requirements.some((q) => q.id === requirementId))
        throw new AppError('not_found', { key: 'plans.requirementNotInPlan' }, 'params.requirementId');
      return presentExplanation(part, requirementId, ph);
    },
  );

  r.get(
    '/api/plans/:id/diff',
    {
      schema: {
        tags: ['planning'],
        summary:
          'What changes from plan `against` (default: the plan it is based on, else the adopted one) to this plan',
        params: z.object({ id: z.string().max(40) }),
        querystring: z.strictObject({ against: z.string().max(40).optional(), lang: Lang }),
        response: {
          200: matches<Api.PlanDiff>()(
            z.object({
              before: z.string(),
              after: z.string(),
              summary: z.array(z.string()),
              allocations: z.array(
                z.object({
                  offerId: z.string(),
                  requirementId: z.string(),
                  before: z.number(),
                  after: z.number(),
                }),
              ),
              requirements: z.array(
                z.object({ requirementId: z.string(), before: z.number(), after: z.number() }),
              ),
              leads: z.array(
                z.object({
                  region: z.string(),
                  lineOfEffort: z.string(),
                  before: z.string().nullable(),
                  after: z.string().nullable(),
                }),
              ),
              metrics: z.record(z.string(), z.object({ before: z.number(), after: z.number() })),
            }),
          ),
        },
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const { id } = request.params;
      const ph = await readerPhrasing(database, request, request.query.lang);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      const pair = await asReader(database.db, reader, async (trx) => {
        const after = await getPlan(trx, id);
        if (!after) throw new AppError('not_found', { key: 'plans.notFound', params: { id } }, 'params.id');
        const againstId = request.query.against ?? after.basedOn ?? (await adoptedPlan(trx))?.id;
        if (!againstId || againstId === id)
          throw new AppError(
            'request.invalid',
            { key: 'plans.nothingToCompare', params: { id } },
            'query.against',
          );
        const before = await getPlan(trx, againstId);
        if (!before)
          throw new AppError(
            'not_found',
            { key: 'plans.notFound', params: { id: againstId } },
            'query.against',
          );
        return { before, after };
      });
      const d = diffPlans(pair.before.result, pair.after.result, ph);
      return {
        before: pair.before.id,
        after: pair.after.id,
        summary: [...d.summary],
        allocations: [...d.allocations],
        requirements: [...d.requirements],
        leads: [...d.leads],
        metrics: { ...d.metrics },
      };
    },
  );

  r.post(
    '/api/plans/:id/adopt',
    {
      schema: {
        tags: ['planning'],
        summary:
          'Cell staff adopt a plan: the explicit step that puts it in force (audited); earlier adopted plans are superseded',
        params: z.object({ id: z.string().max(40) }),
        response: {
          200: matches<Api.Adoption>()(z.object({ plan: PlanSummaryView, superseded: z.array(z.string()) })),
        },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'cell_staff');
      const { id } = request.params;
      const result = await asReader(database.db, principal.reader, (trx) =>
        adoptPlan(trx, id, actor(principal)),
      );
      if (!result.ok) {
        if (result.reason === 'not_found')
          throw new AppError('not_found', { key: 'plans.notFound', params: { id } });
        throw new AppError(
          'plan.not_adoptable',
          {
            key: result.reason === 'already_adopted' ? 'plans.alreadyAdopted' : 'plans.superseded',
            params: { id },
          },
          'params.id',
        );
      }
      return { plan: presentSummary(result.plan), superseded: [...result.superseded] };
    },
  );
}
