/**
 * Promise to delivery by donor, category, DAC sector, region or instrument, with the lag from
 * the first promise to half delivered (issue 18). Summed for the reader: row-level security
 * counts what they may see, and `releasability` is the meet of the labels of the flows summed.
 */
import type * as Api from '@guarantor/core/api';
import { REGIONS } from '@guarantor/core/coalition';
import {
  BREAKDOWN_DIMENSIONS,
  breakdown,
  CROSS_DIMENSIONS,
  type CrossDimension,
  dacSectorName,
  formatMinor,
  KEY_SEPARATOR,
  MAX_CROSSED,
  missingRateRefusal,
  parseBreakdownBy,
  rateBook,
} from '@guarantor/core/finance';
import { reasonIn } from '@guarantor/core/i18n/reasons';
import { asReader, breakdownGroups, financeDonors, flowsLabel, loadRates } from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../app.ts';
import { requireUser } from '../../auth/context.ts';
import { readerWords } from '../../words.ts';
import { matches } from '../contract.ts';

const Amount = z.string().regex(/^-?\d+(\.\d+)?$/);

const BreakdownView = matches<Api.FinanceBreakdownResponse>()(
  z.object({
    by: z.string(),
    dimensions: z.array(z.enum(CROSS_DIMENSIONS)),
    currency: z.literal('EUR'),
    rows: z.array(
      z.object({
        key: z.string(),
        keys: z.array(z.string()),
        name: z.string(),
        names: z.array(z.string()),
        pledged: Amount,
        committed: Amount,
        allocated: Amount,
        disbursed: Amount,
        spent: Amount,
        promised: Amount,
        delivered: Amount,
        ratio: z.string().nullable(),
        flows: z.number().int(),
        lag: z.object({
          promisedFrom: z.string().nullable(),
          halfDeliveredOn: z.string().nullable(),
          days: z.number().int().nullable(),
        }),
      }),
    ),
    unconverted: z.array(
      z.object({
        key: z.string(),
        currency: z.string(),
        date: z.string(),
        amount: Amount,
        reason: z.string(),
      }),
    ),
    releasability: z.string().nullable(),
  }),
);

/** Region names as every page names them (the catalogue's, which reference data stores too). */
const REGION_NAMES = new Map(REGIONS.map((r) => [r.code, r.name]));

export const financeBreakdownRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const { database } = deps;
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/finance/breakdown',
      {
        schema: {
          tags: ['finance'],
          summary:
            'Promise to delivery by donor, category, DAC sector, region or instrument, in euros, with the lag from the first promise to half delivered',
          description:
            'The same rule as the summary (ADR 0027). The lag counts the days from the first promise (commitment, or pledge where nothing is committed) to the day on which half of the promised sum had been delivered (disbursed, or allocated where nothing is disbursed); null while less than half is delivered.',
          querystring: z.strictObject({
            by: z
              .string()
              .max(100)
              .default('donor')
              .superRefine((value, ctx) => {
                const parsed = parseBreakdownBy(value);
                if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
              })
              .describe(
                `what to group by (default: donor): one of ${BREAKDOWN_DIMENSIONS.join(', ')}, or up to ${MAX_CROSSED} crossed with commas, month among them (donor,sector,month); a crossed row's key joins its parts with ${KEY_SEPARATOR}`,
              ),
          }),
          response: { 200: BreakdownView },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const w = await readerWords(database, request);
        const by = request.query.by;
        const dimensions = parseBreakdownBy(by) as readonly CrossDimension[];
        const read = await asReader(database.db, reader, async (trx) => ({
          groups: await breakdownGroups(trx, dimensions),
          rates: await loadRates(trx),
          label: await flowsLabel(trx),
          donors: dimensions.includes('donor') ? await financeDonors(trx) : [],
        }));
        const donorNames = new Map(read.donors.map((d) => [d.code, d.name]));
        const partName = (dimension: CrossDimension, key: string): string => {
          if (dimension === 'donor') return donorNames.get(key) ?? key;
          if (dimension === 'region')
            return key === 'national' ? 'National (no region)' : (REGION_NAMES.get(key) ?? key);
          if (dimension === 'sector') return key === 'unspecified' ? 'No sector given' : dacSectorName(key);
          return key;
        };
        const partsOf = (key: string) => {
          const keys = key.split(KEY_SEPARATOR);
          return { keys, names: keys.map((k, i) => partName(dimensions[i]!, k)) };
        };
        const result = breakdown(read.groups, rateBook(read.rates));
        return {
          by,
          currency: 'EUR' as const,
          dimensions: [...dimensions],
          rows: result.rows.map((r) => {
            const { keys, names } = partsOf(r.key);
            return {
              key: r.key,
              keys,
              name: names.join(' · '),
              names,
              pledged: formatMinor(r.pledged, 'EUR'),
              committed: formatMinor(r.committed, 'EUR'),
              allocated: formatMinor(r.allocated, 'EUR'),
              disbursed: formatMinor(r.disbursed, 'EUR'),
              spent: formatMinor(r.spent, 'EUR'),
              promised: formatMinor(r.promised, 'EUR'),
              delivered: formatMinor(r.delivered, 'EUR'),
              ratio: r.ratio,
              flows: r.flows,
              lag: { ...r.lag },
            };
          }),
          unconverted: result.unconverted.map((u) => ({
            key: u.donor,
            currency: u.currency,
            date: u.date,
            amount: formatMinor(u.amountMinor, u.currency),
            reason: reasonIn(w, { reason: u.reason, refusal: missingRateRefusal(u.currency, u.date) }),
          })),
          releasability: read.label,
        };
      },
    );
  };
