import { LANGUAGES } from '@guarantor/core/i18n';
import { addDays, isIsoDate } from '@guarantor/core/phases';
import { asReader, userLanguage } from '@guarantor/db';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireUser } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { answerLanguage, wordsFor } from '../i18n.ts';
import { buildDailyReport } from '../reports/daily.ts';
import { dailyReportHtml, spotReportHtml } from '../reports/html.ts';
import { dailyReportPdf, spotReportPdf } from '../reports/pdf.ts';
import { buildSpotReport } from '../reports/spot.ts';

const Format = z.enum(['html', 'pdf']).default('html');
const Lang = z
  .enum(LANGUAGES, { error: 'must be en, uk or fr' })
  .optional()
  .describe(
    "the report's language; default the user's chosen language, else the browser's (Accept-Language), else en",
  );

/** The daily report and spot reports, as HTML or PDF, made from what the reader may see. */
export const reportsRoutes =
  ({ database, clock }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    /** The report's words: `?lang=`, else the user's language, else Accept-Language, else English. */
    const wordsOf = async (request: FastifyRequest, asked: (typeof LANGUAGES)[number] | undefined) => {
      const { user } = requireUser(request);
      const chosen = asked ? null : await userLanguage(database.db, user.id);
      return wordsFor(answerLanguage(asked, chosen, request.headers['accept-language']));
    };

    r.get(
      '/api/reports/daily',
      {
        schema: {
          tags: ['reports'],
          summary:
            'The daily report (OSCE SMM habit): violations per sector against the previous day, by category, notable incidents, movement restrictions, sources active and down, a map',
          querystring: z.strictObject({
            date: z
              .string()
              .refine(isIsoDate, 'must be a date YYYY-MM-DD')
              .optional()
              .describe('UTC day; default yesterday'),
            format: Format,
            lang: Lang,
          }),
        },
      },
      async (request, reply) => {
        const { reader } = requireUser(request);
        const w = await wordsOf(request, request.query.lang);
        const now = clock.now();
        const date = request.query.date ?? addDays(now.toISOString().slice(0, 10), -1);
        const report = await asReader(database.db, reader, (trx) => buildDailyReport(trx, date, reader, now));
        reply
          .header('x-releasability', report.releasability)
          .header('cache-control', 'private, no-store')
          .header('content-language', w.language)
          .header('vary', 'accept-language');
        if (request.query.format === 'pdf') {
          return reply
            .type('application/pdf')
            .header('content-disposition', `inline; filename="guarantor-daily-${date}.pdf"`)
            .send(await dailyReportPdf(report, w));
        }
        return reply.type('text/html; charset=utf-8').send(dailyReportHtml(report, w));
      },
    );

    r.get(
      '/api/reports/spot/:incidentId',
      {
        schema: {
          tags: ['reports'],
          summary:
            'A spot report for one incident: what, where, when, sources, fusion explanation, history, claims, zones, rules',
          params: z.object({ incidentId: z.string().min(1).max(300) }),
          querystring: z.strictObject({ format: Format, lang: Lang }),
        },
      },
      async (request, reply) => {
        const { reader } = requireUser(request);
        const w = await wordsOf(request, request.query.lang);
        const { incidentId } = request.params;
        const report = await asReader(database.db, reader, (trx) =>
          buildSpotReport(trx, incidentId, clock.now()),
        );
        if (!report)
          throw new AppError('not_found', { key: 'incidents.notFound', params: { id: incidentId } });
        reply
          .header('x-releasability', report.releasability)
          .header('cache-control', 'private, no-store')
          .header('content-language', w.language)
          .header('vary', 'accept-language');
        if (request.query.format === 'pdf') {
          return reply
            .type('application/pdf')
            .header('content-disposition', `inline; filename="guarantor-spot-${incidentId}.pdf"`)
            .send(await spotReportPdf(report, w));
        }
        return reply.type('text/html; charset=utf-8').send(spotReportHtml(report, w));
      },
    );
  };
