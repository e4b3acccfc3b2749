/**
 * Security beside money (issue 18, ADR 0043): per first-level unit, the money booked there next
 * to its incident rate, the ceasefire status of the sectors over it and its route risk, with an
 * investment-risk note whose inputs and weights are shown. Figures are computed per reader
 * (row-level security counts what they may see); the parameters are data the finance officers
 * and cell staff set, audited.
 */
import type * as Api from '@guarantor/core/api';
import {
  formatMinor,
  isIsoDate,
  missingRateRefusal,
  NATIONAL,
  RISK_PARAMETER_KEYS,
  type RiskParameters,
  rateBook,
  regionMoney,
  riskParameterProblems,
  round2,
  weightedIncidents,
} from '@guarantor/core/finance';
import { investmentRiskInWords } from '@guarantor/core/finance/words';
import type { Words } from '@guarantor/core/i18n';
import { aboutField, joined, reasonIn } from '@guarantor/core/i18n/reasons';
import {
  asReader,
  loadRates,
  logisticsCache,
  putRiskParameters,
  type RiskParameterRow,
  riskParameterRows,
  riskParametersOf,
  securityReads,
} from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../app.ts';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { Lang, readerPhrasing } from '../../words.ts';
import { matches } from '../contract.ts';

const Amount = z.string().regex(/^-?\d+(\.\d+)?$/);

const Parameter = matches<Api.RiskParameter>()(
  z.object({
    key: z.string(),
    value: z.number(),
    unit: z.string(),
    description: z.string(),
    updatedBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
  }),
);

const ParametersView = matches<Api.RiskParametersResponse>()(
  z.object({ parameters: z.array(Parameter), changed: z.array(z.string()) }),
);

const Band = z.enum(['low', 'moderate', 'elevated', 'high', 'unknown']);

const SecurityView = matches<Api.FinanceSecurityResponse>()(
  z.object({
    asOf: z.string(),
    windowDays: z.number().int(),
    currency: z.literal('EUR'),
    regions: z.array(
      z.object({
        region: z.string(),
        name: z.string(),
        nameUk: z.string().nullable(),
        population: z.number().nullable(),
        promised: Amount,
        delivered: Amount,
        ratio: z.string().nullable(),
        flows: z.number().int(),
        incidents: z.object({
          verified: z.number().int(),
          corroborated: z.number().int(),
          reported: z.number().int(),
          weighted: z.number(),
          per100k: z.number().nullable(),
        }),
        sectors: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            status: z.enum(['holding', 'fragile', 'broken']).nullable(),
            asOf: z.string().nullable(),
          }),
        ),
        routeRisk: z.object({ score: z.number(), segment: z.string() }).nullable(),
        risk: z.object({
          score: z.number().nullable(),
          band: Band,
          parts: z.array(
            z.object({
              input: z.enum(['incidents', 'gate', 'routes']),
              pressure: z.number().nullable(),
              weight: z.number(),
              contribution: z.number(),
              because: z.string(),
            }),
          ),
          note: z.string(),
        }),
      }),
    ),
    national: z.object({ promised: Amount, delivered: Amount, flows: z.number().int() }),
    unconverted: z.array(
      z.object({
        region: z.string(),
        currency: z.string(),
        date: z.string(),
        amount: Amount,
        reason: z.string(),
      }),
    ),
    populationSource: z.string().nullable(),
    parameters: z.array(Parameter),
    releasability: z.string().nullable(),
  }),
);

function presentParameter(p: RiskParameterRow): Api.RiskParameter {
  return {
    key: p.key,
    value: p.value,
    unit: p.unit,
    description: p.description,
    updatedBy: p.updatedBy,
    updatedAt: p.updatedAt ? p.updatedAt.toISOString() : null,
  };
}

export const financeSecurityRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const { database, clock } = deps;
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/finance/security',
      {
        schema: {
          tags: ['finance'],
          summary:
            'Security beside money: per region, money promised and delivered next to its incident rate, the ceasefire status of its sectors and route risk, with an investment-risk note',
          description:
            'Computed for the reader: only records the reader may see are counted, and `releasability` is the meet of their labels. The note is a weighted mean of the inputs available, each from 0 to 1, with the weights and saturations of GET /api/finance/risk-parameters (ADR 0043); an input that is not available is left out and said so.',
          querystring: z.strictObject({
            asOf: z
              .string()
              .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
              .optional()
              .describe(
                'the day of the note (default today); incidents are counted over the window up to it',
              ),
            lang: Lang,
          }),
          response: { 200: SecurityView },
        },
      },
      async (request, reply) => {
        const { reader } = requireUser(request);
        const ph = await readerPhrasing(database, request, request.query.lang);
        reply.header('content-language', ph.language).header('vary', 'accept-language');
        const asOfDay = request.query.asOf ?? clock.now().toISOString().slice(0, 10);
        if (!isIsoDate(asOfDay))
          throw new AppError(
            'request.invalid',
            { key: 'finance.asOfNotDay', params: { asOfDay } },
            'query.asOf',
          );
        const asOf = new Date(`${asOfDay}T23:59:59.999Z`);
        const read = await asReader(database.db, reader, async (trx) => {
          const parameters = await riskParameterRows(trx);
          const p = riskParametersOf(parameters);
          return {
            parameters,
            p,
            reads: await securityReads(trx, {
              asOf,
              windowDays: p.window_days,
              riskCache: { cache: logisticsCache(database.db), nowMs: clock.now().getTime() },
            }),
            rates: await loadRates(trx),
          };
        });
        const money = regionMoney(read.reads.flows, rateBook(read.rates));
        const populations = new Set(
          read.reads.regions.map((u) => u.populationSource).filter((s) => s !== null),
        );
        const regions = read.reads.regions.map((u): Api.RegionSecurity => {
          const m = money.byRegion.get(u.code);
          const weighted = weightedIncidents(u.incidents, read.p);
          const note = investmentRiskInWords(
            { incidents: u.incidents, population: u.population, sectors: u.sectors, routeRisk: u.routeRisk },
            read.p,
            ph,
          );
          return {
            region: u.code,
            name: u.nameEn,
            nameUk: u.nameUk,
            population: u.population,
            promised: formatMinor(m?.promised ?? 0n, 'EUR'),
            delivered: formatMinor(m?.delivered ?? 0n, 'EUR'),
            ratio: m?.ratio ?? null,
            flows: m?.flows ?? 0,
            incidents: {
              ...u.incidents,
              weighted: round2(weighted),
              per100k: u.population ? round2((weighted / u.population) * 100_000) : null,
            },
            sectors: u.sectors,
            routeRisk: u.routeRisk,
            risk: { score: note.score, band: note.band, parts: [...note.parts], note: note.note },
          };
        });
        const national = money.byRegion.get(NATIONAL);
        return {
          asOf: asOfDay,
          windowDays: read.p.window_days,
          currency: 'EUR' as const,
          regions,
          national: {
            promised: formatMinor(national?.promised ?? 0n, 'EUR'),
            delivered: formatMinor(national?.delivered ?? 0n, 'EUR'),
            flows: national?.flows ?? 0,
          },
          unconverted: money.unconverted.map((u) => ({
            region: u.donor,
            currency: u.currency,
            date: u.date,
            amount: formatMinor(u.amountMinor, u.currency),
            reason: reasonIn(ph.words, { reason: u.reason, refusal: missingRateRefusal(u.currency, u.date) }),
          })),
          populationSource: populations.size === 0 ? null : [...populations].join('; '),
          parameters: read.parameters.map(presentParameter),
          releasability: read.reads.label,
        };
      },
    );

    r.get(
      '/api/finance/risk-parameters',
      {
        schema: {
          tags: ['finance'],
          summary:
            'The parameters of the investment-risk note: weights, window, saturations, with their meaning',
          response: { 200: ParametersView },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const rows = await asReader(database.db, reader, (trx) => riskParameterRows(trx));
        return { parameters: rows.map(presentParameter), changed: [] };
      },
    );

    r.put(
      '/api/finance/risk-parameters',
      {
        schema: {
          tags: ['finance'],
          summary: 'Set the parameters of the investment-risk note (finance officers, cell staff); audited',
          description:
            'Send every parameter. Weights and saturations are 0 or more; the state and gate inputs are shares from 0 to 1; the window is 1 to 366 days; at least one weight must be more than 0. Nothing is stored unless all hold together.',
          body: z.strictObject({
            values: z.strictObject(
              Object.fromEntries(RISK_PARAMETER_KEYS.map((k) => [k, z.number()])) as Record<
                (typeof RISK_PARAMETER_KEYS)[number],
                z.ZodNumber
              >,
            ),
          }),
          response: { 200: ParametersView },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'finance', 'cell_staff');
        const values = request.body.values as RiskParameters;
        const problems = riskParameterProblems(values);
        if (problems.length > 0) {
          const first = problems[0]!;
          throw new AppError(
            'request.invalid',
            joined(problems.map((p) => aboutField(`values.${p.key}`, p.refusal))),
            `values.${first.key}`,
            (w: Words) => ({
              problems: problems.map((p) => ({
                key: p.key,
                message: reasonIn(w, { reason: p.message, refusal: p.refusal }),
              })),
            }),
          );
        }
        return asReader(database.db, principal.reader, async (trx) => {
          const changed = await putRiskParameters(
            trx,
            values,
            { username: principal.user.username, nation: principal.user.nation },
            clock.now(),
          );
          return { parameters: (await riskParameterRows(trx)).map(presentParameter), changed };
        });
      },
    );
  };
