/** The deployment gate: what stands between today and deployment. */

import type * as Api from '@guarantor/core/api';
import { asReader, listOfferCaveats } from '@guarantor/db';
import { listOrders } from '@guarantor/db/phases';
import { z } from 'zod';
import { requireUser } from '../../auth/context.ts';
import { dayOf, gateState } from '../../phases/gate.ts';
import { failuresOf, liveChecks, pathToDeployment } from '../../phases/service.ts';
import { Lang, readerPhrasing } from '../../words.ts';
import { matches } from '../contract.ts';
import type { PhaseContext } from './context.ts';
import { standingReasons } from './sectors.ts';
import { BlockerView, blockersIn, FailureView, PhaseEnum } from './views.ts';

export function gateRoutes({ r, db, facts, clock }: PhaseContext): void {
  r.get(
    '/api/phases/deployment-gate',
    {
      schema: {
        tags: ['phases'],
        summary:
          'What stands between us and deployment: every phase still to pass with its failing rules and sectors, sectors not holding, and missing mandates',
        querystring: z.strictObject({ lang: Lang }),
        response: {
          200: matches<Api.DeploymentGate>()(
            z.object({
              asOf: z.string(),
              phase: PhaseEnum,
              open: z.boolean(),
              steps: z.array(
                z.object({
                  phase: PhaseEnum,
                  rules: z.array(
                    z.object({
                      id: z.string(),
                      version: z.number().int(),
                      pass: z.boolean(),
                      firstPassDate: z.string(),
                    }),
                  ),
                  failures: z.array(FailureView),
                  policyProblems: z.array(z.string()),
                  earliest: z.string().nullable(),
                }),
              ),
              sectors: z.array(
                z.object({ sector: z.string(), status: z.string(), reasons: z.array(z.string()) }),
              ),
              mandates: z.array(
                z.object({
                  offerId: z.string(),
                  nation: z.string(),
                  status: z.string(),
                  body: z.string().nullable(),
                  orders: z.array(z.string()),
                }),
              ),
              orders: z.array(
                z.object({ id: z.string(), status: z.string(), blockers: z.array(BlockerView) }),
              ),
              noSectors: z.boolean(),
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
      return asReader(db, reader, async (trx) => {
        const gate = await gateState(trx, facts, dayOf(now));
        const orders = (await listOrders(trx)).filter((o) => o.state !== 'issued');
        const checks = await liveChecks(trx, gate, orders, now);
        const offers = await listOfferCaveats(trx);
        const mandates = offers.flatMap((o) => {
          const c = o.caveats.find((x) => x.kind === 'national_mandate');
          if (!c || c.status === 'granted') return [];
          return [
            {
              offerId: o.id,
              nation: o.nation,
              status: c.status ?? 'none',
              body: c.body ?? null,
              orders: orders.filter((x) => x.offerId === o.id).map((x) => x.id),
            },
          ];
        });
        const steps = pathToDeployment(gate.phase).map((phase) => {
          const refs = gate.policy[phase] ?? [];
          const evaluations = gate.evaluations.filter((e) => refs.some((x) => x.id === e.rule.id));
          const failing = evaluations.filter((e) => !e.pass);
          return {
            phase,
            rules: evaluations.map((e) => ({
              id: e.rule.id,
              version: e.rule.version,
              pass: e.pass,
              firstPassDate: e.firstPassDate,
            })),
            failures: failuresOf(evaluations, ph).map((f) => ({ ...f, incidentIds: [...f.incidentIds] })),
            policyProblems: [...(gate.policyProblems[phase] ?? [])],
            earliest:
              failing.length === 0
                ? gate.asOf
                : (failing
                    .map((e) => e.firstPassDate)
                    .sort()
                    .at(-1) ?? null),
          };
        });
        return {
          asOf: gate.asOf,
          phase: gate.phase,
          open: steps.length === 0 && gate.standings.every((s) => s.status === 'holding'),
          steps,
          sectors: gate.standings
            .filter((s) => s.status !== 'holding')
            .map((s) => ({ ...s, reasons: standingReasons(gate.evaluations, s.sector, ph) })),
          mandates,
          orders: orders.map((o) => ({
            id: o.id,
            status: checks.get(o.id)?.status ?? o.gate,
            blockers: blockersIn(checks.get(o.id)?.blockers ?? [], ph.language === 'en' ? undefined : ph),
          })),
          noSectors: gate.sectors.length === 0,
        };
      });
    },
  );
}
