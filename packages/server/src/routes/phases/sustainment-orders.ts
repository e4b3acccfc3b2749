/**
 * Orders from a sustainment plan (issue 19, ADR 0046): for a month of a stored plan, one
 * deployment order per offer and requirement the plan puts units on that month. Each order is
 * checked against the ceasefire gate at once, as any order, and also waits for its month: it is
 * "ready on gate" until the phase and the sector allow deployment (ceasefire first, always) and
 * the month has come.
 */

import { meetLabels, parseReleasability } from '@guarantor/core/access';
import type * as Api from '@guarantor/core/api';
import { CAPABILITIES, LINES_OF_EFFORT, SHIPPED_CATALOGUE } from '@guarantor/core/coalition';
import { capitalise, type Phrasing } from '@guarantor/core/i18n/words';
import { offerInWords } from '@guarantor/core/lead-matrix';
import { monthKey, monthNumber } from '@guarantor/core/planning';
import type { Database } from '@guarantor/db';
import {
  appendAudit,
  asReader,
  getOffer,
  getSustainmentPlan,
  labelColumns,
  type SustainmentPlanRecord,
} from '@guarantor/db';
import { listOrders, sectorsOfRegions } from '@guarantor/db/phases';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { dayOf, gateState } from '../../phases/gate.ts';
import { draftOrder, liveChecks } from '../../phases/service.ts';
import { Lang, phrasingFor, readerPhrasing } from '../../words.ts';
import { matches } from '../contract.ts';
import { requirementName } from '../planning/sustainment-views.ts';
import type { PhaseContext } from './context.ts';
import { actorOf, messageIn, OrderView, presentOrder } from './views.ts';

const Params = z.object({ id: z.string().max(40) });
const Month = z.string().max(7);

const LineView = z.object({
  offerId: z.string(),
  offerName: z.string(),
  nation: z.string(),
  nationName: z.string(),
  requirementId: z.string(),
  requirementName: z.string(),
  regionCode: z.string(),
  lineOfEffort: z.string(),
  lineOfEffortName: z.string(),
  quantity: z.number().int(),
  sector: z.string().nullable(),
  sectorName: z.string().nullable(),
  problem: z.string().nullable(),
});

/** A drafted line: the offer as the reader sees it and the role it fills, or why it cannot be drafted. */
type Line = Api.SustainmentOrderLine & {
  role: string | null;
  offerLabel: string | null;
  /** Why it cannot be drafted, as facts (`sustainmentLine.*`), worded for the reader and in English for the audit. */
  why: { readonly key: string; readonly params: Readonly<Record<string, string | number>> } | null;
};

/** Why a line cannot be drafted, in a language's words. */
const whyInWords = (why: NonNullable<Line['why']>, ph: Phrasing) => {
  const params: Record<string, string | number> = { ...why.params };
  if (typeof params.region === 'string') params.regionName = ph.region(params.region, SHIPPED_CATALOGUE);
  if (typeof params.lineOfEffort === 'string') params.lineName = ph.lineOfEffort(params.lineOfEffort);
  if (typeof params.capability === 'string') params.capabilityName = ph.capability(params.capability);
  if (typeof params.unit === 'string' && typeof params.held === 'number')
    params.holds = ph.quantity(params.held, params.unit);
  return ph.say(why.key, params);
};

/** The month's lines of a plan: units of each offer on each requirement that month, in words. */
async function linesOf(
  trx: Transaction<Database>,
  plan: SustainmentPlanRecord,
  month: string,
  ph: Phrasing,
): Promise<Line[]> {
  const units = new Map<string, { offerId: string; requirementId: string; quantity: number }>();
  for (const c of plan.result.commitments)
    if (c.from <= month && month <= c.to) {
      const key = `${c.offerId}\u0000${c.requirementId}`;
      const at = units.get(key) ?? { offerId: c.offerId, requirementId: c.requirementId, quantity: 0 };
      at.quantity += c.quantity;
      units.set(key, at);
    }
  const requirements = new Map(plan.input.requirements.map((r) => [r.id, r]));
  const planned = new Map(plan.input.offers.map((o) => [o.id, o]));
  const sectors = await sectorsOfRegions(trx, [
    ...new Set([...units.values()].map((u) => requirements.get(u.requirementId)?.region ?? '')),
  ]);
  const lines: Line[] = [];
  for (const u of units.values()) {
    const r = requirements.get(u.requirementId);
    const o = planned.get(u.offerId);
    if (!r || !o || u.quantity <= 0) continue;
    const offer = await getOffer(trx, u.offerId);
    const loe = LINES_OF_EFFORT.find((l) => l.id === r.lineOfEffort);
    const capabilityRoles = CAPABILITIES.find((c) => c.id === o.capability)?.roles ?? [];
    const role = loe?.roles.find((x) => capabilityRoles.includes(x)) ?? null;
    const sector = sectors.get(r.region)?.id ?? null;
    const why: Line['why'] = !offer
      ? { key: 'sustainmentLine.withdrawn', params: { offer: u.offerId } }
      : u.quantity > offer.quantity
        ? {
            key: 'sustainmentLine.shrunk',
            params: { offer: u.offerId, held: offer.quantity, unit: offer.unit, planned: u.quantity },
          }
        : sector === null
          ? { key: 'sustainmentLine.noSector', params: { region: r.region } }
          : role === null
            ? {
                key: 'sustainmentLine.noRole',
                params: { capability: o.capability, lineOfEffort: r.lineOfEffort },
              }
            : null;
    lines.push({
      offerId: u.offerId,
      offerName: offerInWords(o, SHIPPED_CATALOGUE, ph),
      nation: o.nation,
      nationName: ph.nation(o.nation),
      requirementId: r.id,
      requirementName: requirementName(r, ph),
      regionCode: r.region,
      lineOfEffort: r.lineOfEffort,
      lineOfEffortName: loe ? capitalise(ph.lineOfEffort(loe.id)) : r.lineOfEffort,
      quantity: u.quantity,
      sector,
      sectorName: sectors.get(r.region)?.name ?? null,
      problem: why && whyInWords(why, ph),
      role,
      offerLabel: offer?.releasability ?? null,
      why,
    });
  }
  return lines.sort(
    (a, b) => a.requirementName.localeCompare(b.requirementName) || a.nationName.localeCompare(b.nationName),
  );
}

const present = ({ role: _r, offerLabel: _l, why: _w, ...line }: Line): Api.SustainmentOrderLine => line;

export function sustainmentOrderRoutes({ r, db, facts, clock }: PhaseContext): void {
  const currentMonth = () => {
    const now = clock.now();
    return monthKey(now.getUTCFullYear() * 12 + now.getUTCMonth());
  };

  /** The plan as the reader sees it (a hidden plan and a free id: the same 404), and the month checked. */
  const planAndMonth = async (trx: Transaction<Database>, id: string, month: string, field: string) => {
    const plan = await getSustainmentPlan(trx, id);
    if (!plan)
      throw new AppError('not_found', { key: 'sustainment.planNotFound', params: { id } }, 'params.id');
    if (Number.isNaN(monthNumber(month)))
      throw new AppError(
        'sustainment.invalid_month',
        { key: 'sustainmentOrders.monthNotMonth', params: { month } },
        field,
      );
    const t = monthNumber(month) - monthNumber(plan.horizonStart);
    if (t < 0 || t >= plan.horizonMonths)
      throw new AppError(
        'sustainment.outside_horizon',
        {
          key: 'sustainmentOrders.outsideHorizon',
          params: { month, horizonMonths: plan.horizonMonths, horizonStart: plan.horizonStart },
        },
        field,
      );
    return plan;
  };
  const draftedFor = async (trx: Transaction<Database>, planId: string, month: string) =>
    (await listOrders(trx)).filter((o) => o.sustainment?.planId === planId && o.sustainment.month === month);

  r.get(
    '/api/sustainment-plans/:id/orders',
    {
      schema: {
        tags: ['phases'],
        summary:
          "What drafting orders for a month of a sustainment plan would order (which nation's unit covers which requirement, in which sector), and the orders already drafted from it for that month",
        params: Params,
        querystring: z.strictObject({ month: Month, lang: Lang }),
        response: {
          200: matches<Api.SustainmentOrdersPreview>()(
            z.object({
              planId: z.string(),
              planTitle: z.string(),
              month: z.string(),
              currentMonth: z.string(),
              lines: z.array(LineView),
              drafted: z.array(OrderView),
            }),
          ),
        },
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const { month, lang } = request.query;
      const now = clock.now();
      const ph = await readerPhrasing({ db }, request, lang);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      return asReader(db, reader, async (trx) => {
        const plan = await planAndMonth(trx, request.params.id, month, 'query.month');
        const drafted = await draftedFor(trx, plan.id, month);
        const gate = await gateState(trx, facts, dayOf(now));
        const checks = await liveChecks(trx, gate, drafted, now);
        return {
          planId: plan.id,
          planTitle: plan.title,
          month,
          currentMonth: currentMonth(),
          lines: (await linesOf(trx, plan, month, ph)).map(present),
          drafted: drafted.map((o) => presentOrder(o, checks.get(o.id), ph)),
        };
      });
    },
  );

  r.post(
    '/api/sustainment-plans/:id/orders',
    {
      schema: {
        tags: ['phases'],
        summary:
          "Cell staff draft the deployment orders of one month of a sustainment plan: one per offer and requirement the plan puts units on that month. Each is checked at once and waits ready_on_gate for the ceasefire gate (phase and sector) and for its month; each carries the meet of the plan's label and its offer's. Lines without a sector, role or offer are skipped and named.",
        params: Params,
        body: z.strictObject({ month: Month }),
        response: {
          201: matches<Api.SustainmentOrdersDrafted>()(
            z.object({
              planId: z.string(),
              month: z.string(),
              orders: z.array(OrderView.extend({ message: z.string() })),
              skipped: z.array(
                z.object({ offerId: z.string(), requirementId: z.string(), reason: z.string() }),
              ),
              message: z.string(),
            }),
          ),
        },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'cell_staff');
      const { month } = request.body;
      const now = clock.now();
      const ph = await readerPhrasing({ db }, request);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      const result = await asReader(db, principal.reader, async (trx) => {
        const plan = await planAndMonth(trx, request.params.id, month, 'body.month');
        if (month < currentMonth())
          throw new AppError(
            'sustainment.past_month',
            { key: 'sustainmentOrders.pastMonth', params: { month, current: currentMonth() } },
            'body.month',
          );
        const already = await draftedFor(trx, plan.id, month);
        if (already.length > 0)
          throw new AppError(
            'order.already_drafted',
            {
              key: 'sustainmentOrders.drafted',
              params: { month, id: plan.id, orders: already.map((o) => o.id).join(', ') },
            },
            'body.month',
          );
        const lines = await linesOf(trx, plan, month, ph);
        const ready = lines.filter((l) => l.problem === null);
        if (ready.length === 0)
          throw new AppError(
            'sustainment.nothing_to_order',
            lines.length === 0
              ? { key: 'sustainmentOrders.noUnits', params: { id: plan.id, month } }
              : {
                  key: 'sustainmentOrders.noLineOrderable',
                  params: { month, problems: lines.map((l) => l.problem).join('; ') },
                },
            'body.month',
          );
        const planLabel = parseReleasability(plan.releasability);
        const orders: Api.OrderOutcome[] = [];
        for (const line of ready) {
          const label = labelColumns(meetLabels(planLabel, parseReleasability(line.offerLabel!)));
          const drafted = await draftOrder(
            trx,
            facts,
            actorOf(principal),
            {
              offerId: line.offerId,
              quantity: line.quantity,
              regionCode: line.regionCode,
              lineOfEffort: line.lineOfEffort,
              role: line.role!,
              sector: line.sector!,
              label,
              sustainment: { planId: plan.id, month, requirementId: line.requirementId },
            },
            label,
            now,
          );
          orders.push({
            ...presentOrder(drafted.order, drafted.check, ph),
            message: messageIn(drafted.check, drafted.order.id, ph),
          });
        }
        // The audit keeps the reasons in English, whatever the language of the one who drafted.
        const english = phrasingFor('en');
        const refused = lines.filter((l) => l.why !== null);
        const skipped = refused.map((l) => ({
          offerId: l.offerId,
          requirementId: l.requirementId,
          reason: l.problem!,
        }));
        const skippedEn = refused.map((l) => ({
          offerId: l.offerId,
          requirementId: l.requirementId,
          reason: whyInWords(l.why!, english),
        }));
        await appendAudit(trx, {
          actor: principal.user.username,
          nation: principal.user.nation,
          action: 'sustainment_plan.orders',
          entity: 'sustainment_plan',
          entityId: plan.id,
          before: null,
          after: { month, orders: orders.map((o) => o.id), skipped: skippedEn },
          label: labelColumns(planLabel),
          at: now,
        });
        const waiting = orders.filter((o) => o.state === 'ready_on_gate').length;
        return {
          planId: plan.id,
          month,
          orders,
          skipped,
          message: `${orders.length} order${orders.length === 1 ? '' : 's'} drafted for ${month} from ${plan.id}; ${waiting} ready on gate${skipped.length > 0 ? `; ${skipped.length} line${skipped.length === 1 ? '' : 's'} skipped` : ''}`,
        };
      });
      return reply.status(201).send(result);
    },
  );
}
