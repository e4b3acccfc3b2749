/**
 * Sustainment (issue 19): the time fields of offers (a liaison's rotation and mandate) and of
 * requirements (cell staff's months and size changes), multi-period plans run, stored and read,
 * and a plan's workbook. Everything is computed from what the caller may see.
 */

import { parseReleasability } from '@guarantor/core/access';
import type * as Api from '@guarantor/core/api';
import type { Refusal } from '@guarantor/core/i18n/refusals';
import type { Phrasing } from '@guarantor/core/i18n/words';
import { monthKey, monthNumber } from '@guarantor/core/planning';
import {
  asReader,
  getOffer,
  getRequirement,
  getSustainmentPlan,
  getSustainmentRequirement,
  listOffers,
  listRequirements,
  listRotations,
  listSustainmentPlans,
  listTimelines,
  putRotation,
  putTimeline,
} from '@guarantor/db';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { runSustainmentPlan } from '../../planning/sustainment-run.ts';
import { sustainmentWorkbook } from '../../planning/sustainment-workbook.ts';
import { Lang, readerPhrasing } from '../../words.ts';
import { matches } from '../contract.ts';
import { decodeCursor } from '../cursor.ts';
import { labelFromRequest } from '../inputs.ts';
import type { PlanningContext } from './context.ts';
import {
  presentRotation,
  presentSustainmentExplanation,
  presentSustainmentPlan,
  presentSustainmentSummary,
  presentTimeline,
  presentUncovered,
  RotationBody,
  RotationView,
  rotationOf,
  SustainmentExplanationView,
  SustainmentPlanView,
  SustainmentRun,
  SustainmentSummaryView,
  SustainmentUncoveredPageView,
  TimelineBody,
  TimelineView,
  timelineOf,
  UNCOVERED_PAGE,
} from './sustainment-views.ts';

const Params = z.object({ id: z.string().max(40) });

export function sustainmentRoutes({ r, database, clock, actor }: PlanningContext): void {
  /** The month after the clock's: where a new plan's horizon starts by default. */
  const nextMonth = () => {
    const now = clock.now();
    return monthKey(now.getUTCFullYear() * 12 + now.getUTCMonth() + 1);
  };
  const stale = (what: Refusal, sent: number, current: number) =>
    new AppError(
      'conflict.changed',
      { key: 'common.changedBySomeoneElse', params: { what: { refusal: what }, sent, current } },
      'body.version',
    );

  r.get(
    '/api/sustainment/settings',
    {
      schema: {
        tags: ['planning'],
        summary:
          'Every offer and requirement you may see with its time fields: rotation and mandate, months and size changes (version 0: none stored yet, the defaults the planner assumes)',
        response: {
          200: matches<Api.SustainmentSettings>()(
            z.object({ rotations: z.array(RotationView), timelines: z.array(TimelineView) }),
          ),
        },
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const first = nextMonth();
      const ph = await readerPhrasing(database, request);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      return asReader(database.db, reader, async (trx) => {
        const rotations = new Map((await listRotations(trx)).map((x) => [x.offerId, x]));
        const timelines = new Map((await listTimelines(trx)).map((x) => [x.requirementId, x]));
        return {
          rotations: (await listOffers(trx)).map((o) => presentRotation(o, rotations.get(o.id), first, ph)),
          timelines: (await listRequirements(trx)).map((x) =>
            presentTimeline(x, timelines.get(x.id), first, ph),
          ),
        };
      });
    },
  );

  r.put(
    '/api/offers/:id/rotation',
    {
      schema: {
        tags: ['planning'],
        summary:
          "A liaison sets their own nation's offer's rotation (months deployed and recovering, rotational units), mandate end and duration caveat, naming the version they read (0 for the first)",
        params: Params,
        body: RotationBody,
        response: { 200: RotationView },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'liaison');
      const rotation = rotationOf(request.body);
      const ph = await readerPhrasing(database, request);
      const { id } = request.params;
      const { version } = request.body;
      return asReader(database.db, principal.reader, async (trx) => {
        const offer = await getOffer(trx, id);
        if (!offer) throw new AppError('not_found', { key: 'offers.notFound', params: { id } });
        if (offer.nation !== principal.user.nation)
          throw new AppError(
            'auth.forbidden',
            { key: 'offers.otherNation', params: { mine: principal.user.nation, theirs: offer.nation, id } },
            'params.id',
          );
        const written = await putRotation(
          trx,
          id,
          version,
          rotation,
          parseReleasability(offer.releasability),
          actor(principal),
        );
        if (!written.ok)
          throw stale({ key: 'sustainment.what.rotation', params: { id } }, version, written.current);
        return presentRotation(offer, written.record, nextMonth(), ph);
      });
    },
  );

  r.put(
    '/api/requirements/:id/timeline',
    {
      schema: {
        tags: ['planning'],
        summary:
          'Cell staff set when a requirement is needed (start, end or open-ended) and its size changes (surge, drawdown), naming the version they read (0 for the first)',
        params: Params,
        body: TimelineBody,
        response: { 200: TimelineView },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'cell_staff');
      const timeline = timelineOf(request.body);
      const ph = await readerPhrasing(database, request);
      const { id } = request.params;
      const { version } = request.body;
      return asReader(database.db, principal.reader, async (trx) => {
        const requirement = await getRequirement(trx, id);
        if (!requirement)
          throw new AppError('not_found', { key: 'sustainment.requirementNotFound', params: { id } });
        const written = await putTimeline(
          trx,
          id,
          version,
          timeline,
          parseReleasability(requirement.releasability),
          actor(principal),
        );
        if (!written.ok)
          throw stale({ key: 'sustainment.what.timeline', params: { id } }, version, written.current);
        return presentTimeline(requirement, written.record, nextMonth(), ph);
      });
    },
  );

  r.post(
    '/api/sustainment-plans',
    {
      schema: {
        tags: ['planning'],
        summary:
          'Computes a multi-period (sustainment) plan over a horizon of months from what you may see, and stores it: the timeline, handovers, leads, mandate cliffs and why each short month is short',
        body: SustainmentRun,
        response: { 201: SustainmentPlanView },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'analyst', 'cell_staff');
      const body = request.body;
      const horizonStart = body.horizonStart ?? nextMonth();
      if (Number.isNaN(monthNumber(horizonStart)))
        throw new AppError(
          'sustainment.invalid_month',
          { key: 'sustainment.horizonStartNotMonth', params: { horizonStart } },
          'body.horizonStart',
        );
      const audience = body.releasability
        ? labelFromRequest(body.releasability, 'body.releasability')
        : undefined;
      const stored = await runSustainmentPlan(
        database.db,
        principal.reader,
        { ...body, horizonStart, audience },
        actor(principal),
      );
      request.log.info(
        { plan: stored.id, status: stored.status, coverage: stored.coverage },
        'sustainment plan computed',
      );
      return reply.status(201).send(presentSustainmentPlan(stored, await readerPhrasing(database, request)));
    },
  );

  r.get(
    '/api/sustainment-plans',
    {
      schema: {
        tags: ['planning'],
        summary: 'Stored sustainment plans releasable to you, newest first',
        response: {
          200: matches<Api.SustainmentPlansResponse>()(z.object({ plans: z.array(SustainmentSummaryView) })),
        },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const plans = await asReader(database.db, reader, (trx) => listSustainmentPlans(trx));
      return { plans: plans.map(presentSustainmentSummary) };
    },
  );

  const storedPlan = async (request: Parameters<typeof requireUser>[0], id: string) => {
    const { reader } = requireUser(request);
    const plan = await asReader(database.db, reader, (trx) => getSustainmentPlan(trx, id));
    if (!plan) throw new AppError('not_found', { key: 'sustainment.planNotFound', params: { id } });
    return plan;
  };
  const planFor = async (
    request: Parameters<typeof requireUser>[0],
    id: string,
    ph?: Phrasing,
    options?: { readonly allSpans?: boolean },
  ) => presentSustainmentPlan(await storedPlan(request, id), ph, options);

  r.get(
    '/api/sustainment-plans/:id',
    {
      schema: {
        tags: ['planning'],
        summary:
          'One sustainment plan: the requirement × month timeline by nation with handovers, the mandate cliffs, each nation’s units over time, leads, and each short span with how many offers explain it (the explanations are read per requirement)',
        params: Params,
        querystring: z.strictObject({ lang: Lang }),
        response: { 200: SustainmentPlanView },
      },
    },
    async (request, reply) => {
      const ph = await readerPhrasing(database, request, request.query.lang);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      return planFor(request, request.params.id, ph);
    },
  );

  r.get(
    '/api/sustainment-plans/:id/uncovered',
    {
      schema: {
        tags: ['planning'],
        summary: `A sustainment plan's short spans a page at a time, in the plan's order (the plan itself carries the first ${UNCOVERED_PAGE}); pages by cursor`,
        params: Params,
        querystring: z.strictObject({
          cursor: z.string().max(1024).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(UNCOVERED_PAGE),
          lang: Lang,
        }),
        response: { 200: SustainmentUncoveredPageView },
      },
    },
    async (request, reply) => {
      const ph = await readerPhrasing(database, request, request.query.lang);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      const { id } = request.params;
      const offset =
        request.query.cursor === undefined
          ? 0
          : decodeCursor('sustainment-uncovered', request.query.cursor, ([planId, at, ...rest]) =>
              planId === id && Number.isSafeInteger(at) && (at as number) >= 0 && rest.length === 0
                ? (at as number)
                : undefined,
            );
      return presentUncovered(await storedPlan(request, id), offset, request.query.limit, ph);
    },
  );

  r.get(
    '/api/sustainment-plans/:id/requirements/:requirementId/explanation',
    {
      schema: {
        tags: ['planning'],
        summary:
          "Why one requirement of a sustainment plan is short, offer by offer, in every month or (month=YYYY-MM) in one (the plan's offers only: whoever may read the plan may read them)",
        params: z.object({ id: z.string().max(40), requirementId: z.string().max(60) }),
        querystring: z.strictObject({ month: z.string().max(7).optional(), lang: Lang }),
        response: { 200: SustainmentExplanationView },
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const ph = await readerPhrasing(database, request, request.query.lang);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      const { id, requirementId } = request.params;
      const month = request.query.month ?? null;
      if (month !== null && Number.isNaN(monthNumber(month)))
        throw new AppError(
          'sustainment.invalid_month',
          { key: 'sustainment.monthNotMonth', params: { month } },
          'query.month',
        );
      const part = await asReader(database.db, reader, (trx) =>
        getSustainmentRequirement(trx, id, requirementId),
      );
      // Neither id is echoed: the URL holds two, and either may be one the reader may not see.
      if (!part) throw new AppError('not_found', { key: 'sustainment.noSuchPlan' }, 'params.id');
      if (!part.input.requirements.some((q) => q.id === requirementId))
        throw new AppError('not_found', { key: 'plans.requirementNotInPlan' }, 'params.requirementId');
      if (month !== null) {
        const t = monthNumber(month) - monthNumber(part.plan.horizonStart);
        if (t < 0 || t >= part.plan.horizonMonths)
          throw new AppError(
            'sustainment.outside_horizon',
            {
              key: 'sustainment.outsideHorizon',
              params: { month, horizonStart: part.plan.horizonStart, horizonMonths: part.plan.horizonMonths },
            },
            'query.month',
          );
      }
      return presentSustainmentExplanation(part, requirementId, month, ph);
    },
  );

  r.get(
    '/api/sustainment-plans/:id/export.xlsx',
    {
      schema: {
        tags: ['planning'],
        summary: 'A sustainment plan as an XLSX workbook: timeline, cliffs, nations over time, shortfalls',
        params: Params,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const plan = await planFor(request, request.params.id, undefined, { allSpans: true });
      const buffer = await sustainmentWorkbook(plan, clock.now());
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="sustainment-${plan.id}.xlsx"`);
      return reply.send(buffer);
    },
  );
}
