/**
 * Reconstruction finance (issue 18): import the Kiel tracker, euro reference rates and needs
 * (finance officers, cell staff); read promise to delivery per donor and category, needs
 * coverage, and the flows behind any figure, as the reader's label allows (row-level security
 * sums only what the reader may see).
 */
import type * as Api from '@guarantor/core/api';
import {
  formatMinor,
  fromEur,
  type ImportProblem,
  INSTRUMENTS,
  type Instrument,
  isCurrency,
  MissingRateError,
  missingRateRefusal,
  parseEcbRates,
  parseKielCsv,
  parseNeeds,
  type RateBook,
  rateBook,
} from '@guarantor/core/finance';
import type { Words } from '@guarantor/core/i18n';
import { reasonIn, reasonValue } from '@guarantor/core/i18n/reasons';
import {
  asReader,
  financeSummary,
  flowsBySector,
  flowsLabel,
  listFlows,
  listNeeds,
  loadRates,
  putRates,
  replaceKielFlows,
  replaceNeeds,
} from '@guarantor/db';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../app.ts';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { readerWords } from '../../words.ts';
import { labelFromRequest } from '../inputs.ts';
import { csvCell } from '../planning/views.ts';
import { iatiRoutes } from './iati.ts';
import {
  FlowsView,
  ImportView,
  presentFlow,
  presentNeeds,
  presentRate,
  SUMMARY_CSV_COLUMNS,
  SummaryView,
} from './views.ts';

/** Bytes of one imported file: the ECB's whole history is under 2 MB. */
const FINANCE_BODY_LIMIT = 16 * 1024 * 1024;

const SourceName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'a short name: a-z, 0-9, . _ -')
  .describe('the name of this file, e.g. kiel-r29; importing it again replaces it');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');

const SummaryQuery = z.strictObject({
  byMonth: z.enum(['true', 'false']).default('false').describe('one row per donor, category and month'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional()
    .describe('also show promised and delivered in this currency, at the rate of rateDate'),
  rateDate: Day.optional().describe('the day whose euro reference rate converts to `currency`'),
});

/** The body as UTF-8 text, or a refusal naming the body. */
function bodyText(request: FastifyRequest): string {
  const body = request.body;
  if (!(body instanceof Uint8Array)) {
    throw new AppError('import.refused', { key: 'finance.sendCsv' }, 'body');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new AppError('import.refused', { key: 'finance.notUtf8' }, 'body');
  }
}

/** Refuses a whole file when any row has a problem: nothing is stored, every problem is in details. */
function refuseOnProblems(problems: readonly ImportProblem[], rowsRead: number): void {
  if (problems.length === 0) return;
  const first = problems[0]!;
  const header = first.field === 'header' || (first.row === 1 && rowsRead === 0);
  throw new AppError(
    header ? 'import.refused' : 'import.rows_rejected',
    {
      key: header ? 'finance.fileRefused' : 'finance.rowProblems',
      params: {
        count: problems.length,
        rows: rowsRead,
        row: first.row,
        field: first.field,
        reason: reasonValue(first),
      },
    },
    'body',
    (w: Words) => ({
      rejected: problems.map((p) => ({ row: p.row, field: p.field, reason: reasonIn(w, p) })),
    }),
  );
}

export const financeRoutes =
  (deps: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const { database, clock } = deps;
    const r = app.withTypeProvider<ZodTypeProvider>();
    app.addContentTypeParser(
      'text/csv',
      { parseAs: 'buffer', bodyLimit: FINANCE_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    iatiRoutes(app, r, deps);

    /** The summary as the reader may see it, with the display currency's rate when asked. */
    async function summaryFor(
      request: FastifyRequest,
      query: z.infer<typeof SummaryQuery>,
    ): Promise<Api.FinanceSummaryResponse> {
      const { reader } = requireUser(request);
      if ((query.currency === undefined) !== (query.rateDate === undefined)) {
        throw new AppError(
          'request.invalid',
          { key: 'finance.currencyAndRateDate' },
          query.currency ? 'query.rateDate' : 'query.currency',
        );
      }
      if (query.currency && !isCurrency(query.currency)) {
        throw new AppError(
          'request.invalid',
          { key: 'finance.currencyUnknown', params: { currency: query.currency } },
          'query.currency',
        );
      }
      const read = await asReader(database.db, reader, async (trx) => ({
        summary: await financeSummary(trx, { byMonth: query.byMonth === 'true' }),
        needs: await listNeeds(trx),
        sectorFlows: await flowsBySector(trx),
        rates: await loadRates(trx),
        label: await flowsLabel(trx),
      }));
      const book: RateBook = rateBook(read.rates);
      const w = await readerWords(database, request);
      let display: Api.FinanceRate | null = null;
      const toDisplay = (eur: bigint): string | null => {
        if (!query.currency || !query.rateDate) return null;
        const c = fromEur(book, eur, query.currency, query.rateDate);
        display ??= presentRate(c, query.currency);
        return formatMinor(c.minor, query.currency);
      };
      if (query.currency && query.rateDate) {
        try {
          toDisplay(0n);
        } catch (error) {
          if (error instanceof MissingRateError)
            throw new AppError('finance.rate_missing', error.refusal, 'query.rateDate');
          throw error;
        }
      }
      const donors = new Map(read.summary.donors.map((d) => [d.code, d]));
      return {
        currency: 'EUR',
        rows: read.summary.rows.map((row) => {
          const donor = donors.get(row.donor);
          const promised = toDisplay(row.promised);
          return {
            donor: row.donor,
            donorName: donor?.name ?? row.donor,
            donorKind: donor?.kind ?? 'institution',
            category: row.category,
            month: row.month,
            pledged: formatMinor(row.pledged, 'EUR'),
            committed: formatMinor(row.committed, 'EUR'),
            allocated: formatMinor(row.allocated, 'EUR'),
            disbursed: formatMinor(row.disbursed, 'EUR'),
            spent: formatMinor(row.spent, 'EUR'),
            promised: formatMinor(row.promised, 'EUR'),
            delivered: formatMinor(row.delivered, 'EUR'),
            ratio: row.ratio,
            flows: row.flows,
            display: promised === null ? null : { promised, delivered: toDisplay(row.delivered)! },
          };
        }),
        conversions: read.summary.conversions.map((c) => ({ ...c })),
        unconverted: read.summary.unconverted.map((u) => ({
          donor: u.donor,
          currency: u.currency,
          date: u.date,
          amount: formatMinor(u.amountMinor, u.currency),
          reason: reasonIn(w, { reason: u.reason, refusal: missingRateRefusal(u.currency, u.date) }),
        })),
        display,
        needs: presentNeeds(read.needs, read.sectorFlows, book, w),
        releasability: read.label,
      };
    }

    r.get(
      '/api/finance/summary',
      {
        schema: {
          tags: ['finance'],
          summary:
            'Promise to delivery per donor and category (and month), in euros, with needs coverage per sector',
          description:
            'Promised is the committed sum (IATI 2), or the pledged sum (IATI 12) where nothing is committed; delivered is the disbursed sum (IATI 3), or the allocated sum where nothing is disbursed (ADR 0027). Each flow is converted to euros at the rate of its own date; a sum with no loaded rate is listed in `unconverted`, never guessed.',
          querystring: SummaryQuery,
          response: { 200: SummaryView },
        },
      },
      async (request) => summaryFor(request, request.query),
    );

    r.get(
      '/api/finance/summary.csv',
      {
        schema: {
          tags: ['finance'],
          summary: 'The promise-to-delivery summary as CSV (euros)',
          querystring: SummaryQuery,
          produces: ['text/csv'],
        },
      },
      async (request, reply) => {
        const s = await summaryFor(request, request.query);
        const lines = [
          SUMMARY_CSV_COLUMNS.join(','),
          ...s.rows.map((row) =>
            [
              row.donor,
              row.donorName,
              row.donorKind,
              row.category,
              row.month ?? '',
              row.pledged,
              row.committed,
              row.allocated,
              row.disbursed,
              row.spent,
              row.promised,
              row.delivered,
              row.ratio ?? '',
              row.flows,
            ]
              .map(csvCell)
              .join(','),
          ),
        ];
        reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="finance-summary.csv"');
        return `${lines.join('\r\n')}\r\n`;
      },
    );

    r.get(
      '/api/finance/flows',
      {
        schema: {
          tags: ['finance'],
          summary:
            'The flows behind a figure, each with its euro figure and rate: a donor, category and month of the summary, or a sector, region or instrument of the breakdown (the same keys), combined as given',
          querystring: z.strictObject({
            donor: z
              .string()
              .regex(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, 'a donor code (FRA, EU)')
              .optional(),
            category: z.enum(['military', 'financial', 'humanitarian', 'unsplit']).optional(),
            month: Month.optional(),
            sector: z
              .string()
              .regex(/^(\d{3}|unspecified)$/, "a DAC sector category's three digits (151), or unspecified")
              .optional(),
            region: z
              .string()
              .regex(/^(UA-\d{2}|national)$/, 'a region code (UA-63), or national')
              .optional(),
            instrument: z.enum(INSTRUMENTS as [Instrument, ...Instrument[]]).optional(),
            limit: z.coerce.number().int().min(1).max(5000).default(500),
          }),
          response: { 200: FlowsView },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const { flows, more, rates } = await asReader(database.db, reader, async (trx) => ({
          ...(await listFlows(trx, request.query)),
          rates: await loadRates(trx),
        }));
        const book = rateBook(rates);
        const w = await readerWords(database, request);
        return { flows: flows.map((f) => presentFlow(f, book, w)), more };
      },
    );

    const importSchema = (summary: string, description: string, labelled: boolean) => ({
      bodyLimit: FINANCE_BODY_LIMIT,
      schema: {
        tags: ['finance'],
        summary,
        description: `${description} A file with any problem is refused whole (400 import.rows_rejected, every problem by row and field in error.details.rejected); nothing is stored.`,
        querystring: labelled
          ? z.strictObject({
              source: SourceName,
              releasability: z.string().default('COALITION'),
              document: z.string().min(1).max(300).optional().describe('the source document to cite'),
            })
          : z.strictObject({ source: z.string().min(1).max(100).default('ECB euro reference rates') }),
        response: { 200: ImportView },
      },
    });

    r.post(
      '/api/finance/import/kiel',
      importSchema(
        'Import a Kiel Ukraine Support Tracker data-explorer CSV (finance officers, cell staff); replaces what the same source said',
        "Columns country, iso, year, month, total, financial, humanitarian, military, commitments, to_be_allocated (EUR billions). Each row gives an allocation per category and a commitment; the tracker's identities are checked. The source lives in your namespace (kiel-r29@FRA).",
        true,
      ),
      async (request) => {
        const principal = requireRole(request, 'finance', 'cell_staff');
        const query = request.query as { source: string; releasability: string; document?: string };
        const label = labelFromRequest(query.releasability, 'query.releasability');
        const read = parseKielCsv(bodyText(request));
        refuseOnProblems(read.problems, read.rowsRead);
        const stored = await asReader(database.db, principal.reader, (trx) =>
          replaceKielFlows(trx, query.source, read, {
            actor: { username: principal.user.username, nation: principal.user.nation },
            label,
            at: clock.now(),
            sourceDocument: query.document ?? 'Kiel Ukraine Support Tracker',
          }),
        );
        return {
          source: stored.source,
          rowsRead: read.rowsRead,
          stored: stored.flows,
          replaced: stored.replaced,
        };
      },
    );

    r.post(
      '/api/finance/import/rates',
      importSchema(
        "Import euro reference rates (the ECB's eurofxref-hist.csv layout: Date, then a column per currency, units per 1 EUR)",
        'A rate already held for a currency and day is replaced. Rates are public reference data.',
        false,
      ),
      async (request) => {
        const principal = requireRole(request, 'finance', 'cell_staff');
        const query = request.query as { source: string };
        const read = parseEcbRates(bodyText(request), query.source);
        refuseOnProblems(read.problems, read.rowsRead);
        const stored = await asReader(database.db, principal.reader, (trx) =>
          putRates(trx, read.rates, {
            actor: { username: principal.user.username, nation: principal.user.nation },
            at: clock.now(),
          }),
        );
        return { source: query.source, rowsRead: read.rowsRead, stored: stored.rates, replaced: 0 };
      },
    );

    r.post(
      '/api/finance/import/needs',
      importSchema(
        'Import reconstruction needs per sector (assessment, sector, damage_usd, needs_usd, source_url, page, as_stated)',
        'Every row needs its source_url; a figure the source rounds ("almost", "over") is marked rounded.',
        true,
      ),
      async (request) => {
        const principal = requireRole(request, 'finance', 'cell_staff');
        const query = request.query as { source: string; releasability: string };
        const label = labelFromRequest(query.releasability, 'query.releasability');
        const read = parseNeeds(bodyText(request));
        refuseOnProblems(read.problems, read.rowsRead);
        const stored = await asReader(database.db, principal.reader, (trx) =>
          replaceNeeds(trx, query.source, read.needs, {
            actor: { username: principal.user.username, nation: principal.user.nation },
            label,
            at: clock.now(),
          }),
        );
        return { source: stored.source, rowsRead: read.rowsRead, stored: stored.needs, replaced: 0 };
      },
    );
  };
