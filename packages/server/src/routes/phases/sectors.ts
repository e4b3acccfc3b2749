/** The sector board: per-sector evaluation, standing and the streak chart. */

import type * as Api from '@guarantor/core/api';
import type { Phrasing } from '@guarantor/core/i18n/words';
import { type RuleEvaluation, sectorEvaluationInWords, standingReasonInWords } from '@guarantor/core/phases';
import { asReader } from '@guarantor/db';
import { sectorStatusHistory } from '@guarantor/db/phases';
import { z } from 'zod';
import { requireUser } from '../../auth/context.ts';
import { chartCondition, dailySeries } from '../../phases/board.ts';
import { gateState } from '../../phases/gate.ts';
import { failuresOf } from '../../phases/service.ts';
import { readerPhrasing } from '../../words.ts';
import { matches } from '../contract.ts';
import type { PhaseContext } from './context.ts';
import { IsoDateText, PhaseEnum } from './views.ts';

export function sectorRoutes({ r, db, facts, today }: PhaseContext): void {
  r.get(
    '/api/phases/sectors',
    {
      schema: {
        tags: ['phases'],
        summary:
          'Per-sector evaluation and standing as of a date, with the daily series for the streak chart',
        querystring: z.strictObject({
          asOf: IsoDateText.optional(),
          days: z.coerce.number().int().min(7).max(120).default(30),
        }),
        response: {
          200: matches<Api.SectorBoard>()(
            z.object({
              asOf: z.string(),
              phase: PhaseEnum,
              chart: z
                .object({
                  rule: z.string(),
                  version: z.number().int(),
                  limit: z.number(),
                  windowDays: z.number().int(),
                  counts: z.string(),
                })
                .nullable(),
              rules: z.array(
                z.object({
                  id: z.string(),
                  version: z.number().int(),
                  text: z.string(),
                  pass: z.boolean(),
                  firstPassDate: z.string(),
                  deployment: z.boolean(),
                }),
              ),
              sectors: z.array(
                z.object({
                  sector: z.string(),
                  status: z.enum(['holding', 'fragile', 'broken']),
                  reasons: z.array(z.string()),
                  streakDays: z.number().int().nullable(),
                  rules: z.array(
                    z.object({
                      rule: z.string(),
                      version: z.number().int(),
                      pass: z.boolean(),
                      explanation: z.string(),
                      firstPassDate: z.string(),
                      breakingDate: z.string().nullable(),
                      incidentIds: z.array(z.string()),
                    }),
                  ),
                  series: z.array(
                    z.object({
                      date: z.string(),
                      count: z.number(),
                      monitored: z.boolean(),
                      incidentIds: z.array(z.string()),
                    }),
                  ),
                  history: z.array(z.object({ asOf: z.string(), status: z.string() })),
                }),
              ),
            }),
          ),
        },
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const asOf = request.query.asOf ?? today();
      const ph = await readerPhrasing({ db }, request);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      const { gate, history } = await asReader(db, reader, async (trx) => ({
        gate: await gateState(trx, facts, asOf),
        history: await sectorStatusHistory(trx),
      }));
      const chart = chartCondition(gate);
      const failures = failuresOf(gate.evaluations, ph);
      return {
        asOf,
        phase: gate.phase,
        chart: chart && {
          rule: chart.rule,
          version: chart.version,
          limit: chart.condition.maxPerDay,
          windowDays: chart.condition.days,
          counts: chart.condition.span.source,
        },
        rules: gate.evaluations.map((e) => ({
          id: e.rule.id,
          version: e.rule.version,
          text: gate.rules.get(e.rule.id)?.row.text ?? '',
          pass: e.pass,
          firstPassDate: e.firstPassDate,
          deployment: gate.deploymentRules.includes(e.rule.id),
        })),
        sectors: gate.standings.map((s) => {
          const limitResult = chart
            ? gate.evaluations
                .find((e) => e.rule.id === chart.rule)
                ?.sectors.find((x) => x.sector === s.sector)
                ?.conditions.find((c) => c.kind === 'daily_limit' && c.condition === chart.condition)
            : undefined;
          return {
            sector: s.sector,
            status: s.status,
            reasons: standingReasons(gate.evaluations, s.sector, ph),
            streakDays: limitResult && limitResult.kind === 'daily_limit' ? limitResult.streakDays : null,
            rules: gate.evaluations.flatMap((e) => {
              const sector = e.sectors.find((x) => x.sector === s.sector);
              if (!sector) return [];
              const f = failures.find((x) => x.rule === e.rule.id && x.sector === s.sector);
              return [
                {
                  rule: e.rule.id,
                  version: e.rule.version,
                  pass: sector.pass,
                  explanation: sectorEvaluationInWords(sector, ph),
                  firstPassDate: sector.firstPassDate,
                  breakingDate: f?.breakingDate ?? null,
                  incidentIds: [...(f?.incidentIds ?? [])],
                },
              ];
            }),
            series: chart
              ? dailySeries(gate.facts, s.sector, chart.condition.selection, asOf, request.query.days).map(
                  (d) => ({ ...d, incidentIds: [...d.incidentIds] }),
                )
              : [],
            history: history
              .filter((h) => h.sector === s.sector && h.asOf <= asOf)
              .map((h) => ({ asOf: h.asOf, status: h.status })),
          };
        }),
      };
    },
  );
}

/**
 * Why a sector does not hold, one line per failing rule, in the reader's words: the same lines,
 * in the same order, as the standing's English `reasons` (core's sectorStandings).
 */
export function standingReasons(
  evaluations: readonly RuleEvaluation[],
  sector: string,
  ph: Phrasing,
): string[] {
  return evaluations.flatMap((e) =>
    e.sectors
      .filter((x) => x.sector === sector && !x.pass)
      .map((x) => standingReasonInWords(e.rule.id, x, ph)),
  );
}
