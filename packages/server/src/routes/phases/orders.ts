/** Deployment orders: drafts, checks against the gate, issue. */

import type * as Api from '@guarantor/core/api';
import { CAPABILITIES, LINES_OF_EFFORT } from '@guarantor/core/coalition';
import type { Words } from '@guarantor/core/i18n';
import type { Phrasing } from '@guarantor/core/i18n/words';
import type { Blocker, OrderContext } from '@guarantor/core/phases';
import { blockerInWords } from '@guarantor/core/phases/gate-words';
import { asReader, type Database, getOffer, labelColumns } from '@guarantor/db';
import {
  getOrder,
  listOrderEvents,
  listOrders,
  type OrderEventRow,
  type OrderRow,
  regionExists,
  regionsBySector,
} from '@guarantor/db/phases';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { dayOf, gateState } from '../../phases/gate.ts';
import { checkIn, targetOf } from '../../phases/orders.ts';
import { draftOrder, issueStoredOrder, liveChecks, recheckOrder } from '../../phases/service.ts';
import { Lang, phrasingFor, readerPhrasing } from '../../words.ts';
import { matches } from '../contract.ts';
import { labelFromRequest } from '../inputs.ts';
import type { PhaseContext } from './context.ts';
import { actorOf, blockersIn, messageIn, OrderView, PhaseEnum, presentOrder } from './views.ts';

export function orderRoutes({ r, db, facts, clock }: PhaseContext): void {
  r.get(
    '/api/orders',
    {
      schema: {
        tags: ['phases'],
        summary: 'Deployment orders releasable to you, with their stored state and the live gate status',
        querystring: z.strictObject({
          state: z.enum(['draft', 'ready_on_gate', 'issued', 'refused']).optional(),
          lang: Lang,
        }),
        response: {
          200: matches<Api.OrdersResponse>()(
            z.object({ asOf: z.string(), phase: PhaseEnum, orders: z.array(OrderView) }),
          ),
        },
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const now = clock.now();
      const { lang, ...query } = request.query;
      const ph = await readerPhrasing({ db }, request, lang);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      return asReader(db, reader, async (trx) => {
        const orders = await listOrders(trx, query);
        const gate = await gateState(trx, facts, dayOf(now));
        const checks = await liveChecks(trx, gate, orders, now);
        return {
          asOf: gate.asOf,
          phase: gate.phase,
          orders: orders.map((o) => presentOrder(o, checks.get(o.id), ph)),
        };
      });
    },
  );

  r.get(
    '/api/orders/:id',
    {
      schema: {
        tags: ['phases'],
        summary:
          'One order with its events (drafted, checked, issuable, issued, refused); 404 when not releasable to you',
        params: z.object({ id: z.string().max(64) }),
        querystring: z.strictObject({ lang: Lang }),
        response: {
          200: matches<Api.OrderDetail>()(
            OrderView.extend({
              events: z.array(
                z.object({
                  at: z.string(),
                  actor: z.string(),
                  kind: z.string(),
                  state: z.string(),
                  phase: z.string(),
                  sectorStatus: z.string(),
                  reasons: z.array(z.string()),
                  overrideReason: z.string().nullable(),
                }),
              ),
            }),
          ),
        },
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const now = clock.now();
      const ph = await readerPhrasing({ db }, request, request.query.lang);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      const found = await asReader(db, reader, async (trx) => {
        const order = await getOrder(trx, request.params.id);
        if (!order) return undefined;
        const gate = await gateState(trx, facts, dayOf(now));
        return {
          order,
          check: (await liveChecks(trx, gate, [order], now)).get(order.id),
          events: await listOrderEvents(trx, order.id),
        };
      });
      if (!found)
        throw new AppError('not_found', { key: 'orders.notFound', params: { id: request.params.id } });
      return {
        ...presentOrder(found.order, found.check, ph),
        events: found.events.map((e) => ({
          at: e.at.toISOString(),
          actor: e.actor,
          kind: e.kind,
          state: e.state,
          phase: e.phase,
          sectorStatus: e.sectorStatus,
          reasons: eventReasons(found.order, e, ph),
          overrideReason: e.overrideReason,
        })),
      };
    },
  );

  r.post(
    '/api/orders',
    {
      schema: {
        tags: ['phases'],
        summary:
          "Draft a deployment order (the offer's liaison or cell staff). It is checked at once: issuable, ready_on_gate (waits for the phase or the sector) or refused with every reason. It carries the offer's label unless another is given.",
        body: z.strictObject({
          offerId: z.string().max(64),
          quantity: z.number().int().positive().max(1_000_000),
          regionCode: z.string().max(32),
          lineOfEffort: z.string().max(64),
          sector: z.string().max(100),
          role: z.string().max(32).optional(),
          releasability: z.string().optional(),
        }),
        response: { 201: matches<Api.OrderOutcome>()(OrderView.extend({ message: z.string() })) },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'liaison', 'cell_staff');
      const b = request.body;
      const loe = LINES_OF_EFFORT.find((l) => l.id === b.lineOfEffort);
      if (!loe)
        throw new AppError(
          'request.invalid',
          {
            key: 'planning.unknownLineOfEffort',
            params: { lineOfEffort: b.lineOfEffort, choices: LINES_OF_EFFORT.map((l) => l.id).join(', ') },
          },
          'body.lineOfEffort',
        );
      const label = b.releasability
        ? labelColumns(labelFromRequest(b.releasability, 'body.releasability'))
        : null;
      const result = await asReader(db, principal.reader, async (trx) => {
        const offer = await getOffer(trx, b.offerId);
        if (!offer)
          throw new AppError(
            'not_found',
            { key: 'offers.notFound', params: { id: b.offerId } },
            'body.offerId',
          );
        if (!principal.user.roles.includes('cell_staff') && offer.nation !== principal.user.nation) {
          throw new AppError(
            'auth.forbidden',
            { key: 'orders.otherNation', params: { mine: principal.user.nation, theirs: offer.nation } },
            'body.offerId',
          );
        }
        if (b.quantity > offer.quantity)
          throw new AppError(
            'request.invalid',
            {
              key: 'orders.quantityExceeds',
              params: { id: offer.id, held: offer.quantity, unit: offer.unit, asked: b.quantity },
            },
            'body.quantity',
          );
        const region = await regionExists(trx, b.regionCode);
        if (!region)
          throw new AppError(
            'request.invalid',
            { key: 'orders.unknownRegion', params: { regionCode: b.regionCode } },
            'body.regionCode',
          );
        await regionInSector(trx, b.regionCode, b.sector);
        const capabilityRoles = CAPABILITIES.find((c) => c.id === offer.capability)?.roles ?? [];
        const role = b.role ?? loe.roles.find((x) => capabilityRoles.includes(x));
        if (!role) {
          throw new AppError(
            'request.invalid',
            {
              key: 'orders.capabilityFitsNoRole',
              params: { capability: offer.capability, lineOfEffort: loe.name, roles: loe.roles.join(', ') },
            },
            'body.lineOfEffort',
          );
        }
        const offerLabel = labelColumns(labelFromRequest(offer.releasability, 'body.offerId'));
        return draftOrder(
          trx,
          facts,
          actorOf(principal),
          {
            offerId: offer.id,
            quantity: b.quantity,
            regionCode: b.regionCode,
            lineOfEffort: b.lineOfEffort,
            role,
            sector: b.sector,
            label,
          },
          offerLabel,
          clock.now(),
        );
      });
      const ph = await readerPhrasing({ db }, request);
      return reply
        .status(201)
        .header('content-language', ph.language)
        .header('vary', 'accept-language')
        .send({
          ...presentOrder(result.order, result.check, ph),
          message: messageIn(result.check, result.order.id, ph),
        });
    },
  );

  r.post(
    '/api/orders/:id/check',
    {
      schema: {
        tags: ['phases'],
        summary: 'Check an order against the gate now and record the outcome',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: matches<Api.OrderOutcome>()(OrderView.extend({ message: z.string() })) },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'liaison', 'cell_staff');
      const result = await asReader(db, principal.reader, async (trx) => {
        const order = await getOrder(trx, request.params.id);
        if (!order)
          throw new AppError('not_found', { key: 'orders.notFound', params: { id: request.params.id } });
        return recheckOrder(trx, facts, actorOf(principal), order, clock.now());
      });
      const ph = await readerPhrasing({ db }, request);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      return {
        ...presentOrder(result.order, result.check, ph),
        message: messageIn(result.check, result.order.id, ph),
      };
    },
  );

  r.post(
    '/api/orders/:id/issue',
    {
      schema: {
        tags: ['phases'],
        summary:
          'Issue an order (cell staff). Refused with phase.gate_closed while the phase or sector gate is shut, or order.refused when a mandate, caveat or support is missing; an override with a reason may set aside only a sector that is not holding, and is recorded.',
        params: z.object({ id: z.string().max(64) }),
        body: z
          .strictObject({
            override: z
              .strictObject({ reason: z.string().trim().min(1, 'an override needs a reason').max(2000) })
              .optional(),
          })
          .default({}),
        response: { 200: OrderView },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'cell_staff');
      const outcome = await asReader(db, principal.reader, async (trx) => {
        const order = await getOrder(trx, request.params.id);
        if (!order)
          throw new AppError('not_found', { key: 'orders.notFound', params: { id: request.params.id } });
        return issueStoredOrder(trx, facts, actorOf(principal), order, request.body.override, clock.now());
      });
      if (!outcome.ok) {
        const { check, order } = outcome;
        const gateOnly = check.status === 'ready_on_gate';
        const refusedByCheck = check.message.startsWith('deployment refused');
        const error = new AppError(
          gateOnly ? 'phase.gate_closed' : 'order.refused',
          refusedByCheck
            ? { key: 'common.reason', params: { reason: check.message } }
            : {
                key: 'orders.deploymentRefused',
                params: { reasons: check.blockers.map((b) => b.reason).join('; ') },
              },
          undefined,
          // The blockers in the words of the language the answer is written in (ADR 0057).
          (w: Words) => ({
            orderId: order.id,
            status: check.status,
            blockers: blockersIn(check.blockers, w.language === 'en' ? undefined : phrasingFor(w.language)),
          }),
        );
        // The reasons said from the blockers' facts, in that language too ("deployment refused: …"
        // in English either way).
        error.sayIn = (w) => {
          const ph = phrasingFor(w.language);
          return ph.say('orderGate.refused', {
            reasons: check.blockers.map((b) => blockerInWords(b, ph)).join(ph.say('orderGate.reasonsJoiner')),
          });
        };
        throw error;
      }
      return presentOrder(outcome.order);
    },
  );
}

/**
 * An event's reasons in the reader's words: the check is made again from the context stored with
 * the event, and each reason it gives again word for word is said from its facts; any other (a
 * context stored before the facts were kept) is given as stored.
 */
function eventReasons(order: OrderRow, e: OrderEventRow, ph: Phrasing): string[] {
  if (ph.language === 'en' || e.reasons.length === 0) return [...e.reasons];
  let blockers: readonly Blocker[];
  try {
    blockers = checkIn(targetOf(order), e.context as OrderContext).blockers;
  } catch {
    return [...e.reasons];
  }
  return e.reasons.map((r) => {
    const b = blockers.find((x) => x.reason === r);
    return b ? blockerInWords(b, ph) : r;
  });
}

/**
 * Refuses an order whose region does not lie in its sector (shares no area with the sector's
 * zone). A sector known only from imported facts has no outline to check against, nor has a
 * region without one (a staging country); those pass here and meet the gate's own checks.
 */
async function regionInSector(trx: Transaction<Database>, regionCode: string, sector: string): Promise<void> {
  const rows = await regionsBySector(trx, regionCode, sector);
  const asked = rows.find((x) => x.code === regionCode);
  if (!asked || asked.inside) return;
  const inside = rows.filter((x) => x.inside).map((x) => `${x.name} (${x.code})`);
  throw new AppError(
    'order.region_outside_sector',
    {
      key: inside.length ? 'orders.regionOutsideSector' : 'orders.regionOutsideSectorNoRegion',
      params: {
        region: asked.name,
        regionCode,
        sectorName: asked.sectorName,
        sector,
        inside: inside.join(', '),
      },
    },
    'body.regionCode',
  );
}
