/**
 * IATI 2.03 in and out, and the flows as HXL-tagged CSV and XLSX (issue 18, ADR 0033). An
 * activity file is refused whole when any element breaks the schema where Guarantor reads it;
 * transactions of types Guarantor does not track are skipped and listed in the report; a
 * disbursement past its activity's commitment is stored only with the officer's reason.
 */
import type * as Api from '@guarantor/core/api';
import {
  dacSectorName,
  formatMinor,
  IatiRefusal,
  iatiActivitiesXml,
  overCommitments,
  parseIatiActivities,
  STAGE_NAMES,
} from '@guarantor/core/finance';
import type { Words } from '@guarantor/core/i18n';
import { reasonIn, reasonValue } from '@guarantor/core/i18n/reasons';
import { asReader, type ExportRecord, exportFlows, replaceIatiFlows } from '@guarantor/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteDeps } from '../../app.ts';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { exceljs } from '../../exports/excel.ts';
import { readerWords } from '../../words.ts';
import { matches } from '../contract.ts';
import { labelFromRequest } from '../inputs.ts';
import { csvCell } from '../planning/views.ts';
import type { Router } from '../router.ts';

/** 64 MB, the parser's own bound (IATI_LIMITS); a larger body is a 413 before it is read. */
export const IATI_BODY_LIMIT = 64 * 1024 * 1024;
/** Flows one export holds; more is a 413 saying so. */
const EXPORT_LIMIT = 200_000;

const IatiImportView = matches<Api.IatiImportResponse>()(
  z.object({
    source: z.string(),
    rowsRead: z.number().int(),
    stored: z.number().int(),
    replaced: z.number().int(),
    activities: z.number().int(),
    donors: z.number().int(),
    skipped: z.array(z.object({ element: z.string(), reason: z.string() })),
    overCommitted: z.array(
      z.object({
        activityId: z.string(),
        currency: z.string(),
        committed: z.string(),
        disbursed: z.string(),
      }),
    ),
    regions: z.object({ booked: z.number().int(), withPoints: z.number().int() }),
  }),
);

/** The body as UTF-8 text, or a refusal naming the body. */
function xmlText(request: FastifyRequest): string {
  const body = request.body;
  if (!(body instanceof Uint8Array)) throw new AppError('import.refused', { key: 'iati.sendXml' }, 'body');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new AppError('import.refused', { key: 'iati.notUtf8' }, 'body');
  }
}

/** The HXL-tagged columns of the flows export: header, then the HXL hashtag row. */
export const FLOW_COLUMNS: readonly {
  header: string;
  tag: string;
  value: (f: ExportRecord) => string | number;
}[] = [
  { header: 'Activity', tag: '#activity+code', value: (f) => f.activityId ?? '' },
  { header: 'Activity title', tag: '#activity+name', value: (f) => f.activityTitle ?? '' },
  { header: 'Donor', tag: '#org+funder+name', value: (f) => f.donorName },
  { header: 'Donor code', tag: '#org+funder+code', value: (f) => f.donor },
  { header: 'Stage', tag: '#status+stage', value: (f) => STAGE_NAMES[f.stage] },
  { header: 'IATI transaction type', tag: '#indicator+iati_type', value: (f) => f.iatiTransactionType ?? '' },
  { header: 'Amount', tag: '#value', value: (f) => formatMinor(f.amountMinor, f.currency) },
  { header: 'Currency', tag: '#currency', value: (f) => f.currency },
  { header: 'Value date', tag: '#date', value: (f) => f.date },
  { header: 'Instrument', tag: '#financing+type', value: (f) => f.instrument.replace('_', '-') },
  { header: 'Sector', tag: '#sector+name', value: (f) => (f.sectorCode ? dacSectorName(f.sectorCode) : '') },
  { header: 'DAC sector code', tag: '#sector+code', value: (f) => f.sectorCode ?? '' },
  { header: 'Category', tag: '#sector+category', value: (f) => f.category ?? '' },
  { header: 'Recipient country', tag: '#country+code', value: (f) => f.recipientCountry ?? '' },
  { header: 'Region', tag: '#adm1+code', value: (f) => f.regionCode ?? f.recipientRegion ?? '' },
  { header: 'Recipient', tag: '#org+impl+name', value: (f) => f.recipient ?? '' },
  {
    header: 'Reason past commitment',
    tag: '#description+over_commitment',
    value: (f) => f.overCommitmentReason ?? '',
  },
  { header: 'Source document', tag: '#meta+source', value: (f) => f.sourceDocument },
  { header: 'Source', tag: '#meta+source+code', value: (f) => f.source },
  { header: 'Where in the source', tag: '#meta+row', value: (f) => f.sourceKey },
  { header: 'Releasability', tag: '#meta+releasability', value: (f) => f.releasability },
];

/** The IATI and flow-export routes, inside the finance plugin. */
export function iatiRoutes(app: FastifyInstance, r: Router, { database, clock }: RouteDeps): void {
  for (const type of ['application/xml', 'text/xml']) {
    app.addContentTypeParser(
      type,
      { parseAs: 'buffer', bodyLimit: IATI_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
  }

  async function flowsFor(request: FastifyRequest): Promise<ExportRecord[]> {
    const { reader } = requireUser(request);
    const { flows, more } = await asReader(database.db, reader, (trx) => exportFlows(trx, EXPORT_LIMIT));
    if (more)
      throw new AppError('export.too_large', { key: 'iati.exportTooLarge', params: { max: EXPORT_LIMIT } });
    return flows;
  }

  r.post(
    '/api/finance/import/iati',
    {
      bodyLimit: IATI_BODY_LIMIT,
      schema: {
        tags: ['finance'],
        summary:
          'Import an IATI 2.03 activity file (finance officers, cell staff): transactions become flows; replaces what the same source said',
        description:
          "TransactionType 12, 2, 3 and 4 become pledge, commitment, disbursement and expenditure; other types are skipped and listed with the reason. Another version is a 400 iati.version_unsupported naming it; DOCTYPE or ENTITY declarations are refused; a file that breaks the 2.03 schema where Guarantor reads it is refused whole (400 iati.invalid, each problem by element in error.details.rejected). Disbursements past their activity's commitment need overCommitmentReason (400 finance.over_commitment otherwise). Nothing is stored unless everything is.",
        querystring: z.strictObject({
          source: z
            .string()
            .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'a short name: a-z, 0-9, . _ -')
            .describe('the name of this file; importing it again replaces it'),
          releasability: z.string().default('COALITION'),
          document: z.string().min(1).max(300).optional().describe('the source document to cite'),
          overCommitmentReason: z
            .string()
            .trim()
            .min(3, 'say why the disbursements exceed the commitment')
            .max(1000)
            .optional()
            .describe(
              "why disbursements may exceed their activity's commitment (stored on them and audited)",
            ),
        }),
        response: { 200: IatiImportView },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'finance', 'cell_staff');
      const query = request.query;
      const label = labelFromRequest(query.releasability, 'query.releasability');
      let read: ReturnType<typeof parseIatiActivities>;
      try {
        read = parseIatiActivities(xmlText(request));
      } catch (error) {
        if (!(error instanceof IatiRefusal)) throw error;
        if (error.kind === 'version')
          throw new AppError('iati.version_unsupported', error.refusal, 'body', {
            version: error.version ?? null,
          });
        if (error.kind === 'too_large') throw new AppError('request.too_large', error.refusal, 'body');
        throw new AppError(
          'import.refused',
          { key: 'imports.fileRefused', params: { reason: { refusal: error.refusal } } },
          'body',
        );
      }
      if (read.problems.length > 0) {
        const first = read.problems[0]!;
        throw new AppError(
          'iati.invalid',
          {
            key: 'iati.problems',
            params: {
              count: read.problems.length,
              activities: read.activitiesRead,
              element: first.element,
              reason: reasonValue(first),
            },
          },
          'body',
          (w: Words) => ({
            rejected: read.problems.map((p) => ({ element: p.element, reason: reasonIn(w, p) })),
          }),
        );
      }
      const over = overCommitments(read.flows);
      const overView = over.map((o) => ({
        activityId: o.activityId,
        currency: o.currency,
        committed: formatMinor(o.committedMinor, o.currency),
        disbursed: formatMinor(o.disbursedMinor, o.currency),
      }));
      if (over.length > 0 && !query.overCommitmentReason) {
        throw new AppError(
          'finance.over_commitment',
          {
            key: 'iati.overCommitment',
            params: {
              count: over.length,
              activityId: overView[0]!.activityId,
              disbursed: overView[0]!.disbursed,
              committed: overView[0]!.committed,
              currency: overView[0]!.currency,
            },
          },
          'query.overCommitmentReason',
          { overCommitted: overView },
        );
      }
      const stored = await asReader(database.db, principal.reader, (trx) =>
        replaceIatiFlows(
          trx,
          query.source,
          {
            donors: read.donors,
            flows: read.flows,
            skipped: read.skipped.length,
            overCommitted: over.map((o) => o.activityId),
          },
          {
            actor: { username: principal.user.username, nation: principal.user.nation },
            label,
            at: clock.now(),
            sourceDocument: query.document ?? 'IATI activity file',
            overCommitmentReason: over.length > 0 ? (query.overCommitmentReason ?? null) : null,
          },
        ),
      );
      const w = await readerWords(database, request);
      return {
        source: stored.source,
        rowsRead: read.transactionsRead,
        stored: stored.flows,
        replaced: stored.replaced,
        activities: read.activitiesRead,
        donors: stored.donors,
        skipped: read.skipped.map((s) => ({ element: s.element, reason: reasonIn(w, s) })),
        overCommitted: overView,
        regions: stored.regions,
      };
    },
  );

  r.get(
    '/api/finance/activities.xml',
    {
      schema: {
        tags: ['finance'],
        summary:
          'The flows you may see as IATI 2.03 activity XML (validates against the IATI schema); allocations have no IATI type and are left out',
        produces: ['application/xml'],
      },
    },
    async (request, reply) => {
      const flows = await flowsFor(request);
      if (flows.every((f) => f.stage === 'allocation'))
        throw new AppError('not_found', { key: 'iati.nothingToExport' });
      const out = iatiActivitiesXml(flows, { generatedAt: clock.now() });
      reply
        .header('content-type', 'application/xml; charset=utf-8')
        .header('content-disposition', 'attachment; filename="guarantor-iati-activities.xml"')
        .header('x-iati-left-out', String(out.leftOut));
      return out.xml;
    },
  );

  r.get(
    '/api/finance/flows.csv',
    {
      schema: {
        tags: ['finance'],
        summary: 'Every flow you may see as HXL-tagged CSV (UTF-8 with BOM, hashtags in the second row)',
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const flows = await flowsFor(request);
      const lines = [
        FLOW_COLUMNS.map((c) => c.header),
        FLOW_COLUMNS.map((c) => c.tag),
        ...flows.map((f) => FLOW_COLUMNS.map((c) => c.value(f))),
      ].map((row) => row.map(csvCell).join(','));
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="finance-flows.hxl.csv"');
      return `\ufeff${lines.join('\r\n')}\r\n`;
    },
  );

  r.get(
    '/api/finance/flows.xlsx',
    {
      schema: {
        tags: ['finance'],
        summary: 'Every flow you may see as an XLSX workbook (the same columns and HXL hashtags as the CSV)',
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const flows = await flowsFor(request);
      const workbook = new (await exceljs()).Workbook();
      workbook.creator = 'Guarantor';
      workbook.created = clock.now();
      const sheet = workbook.addWorksheet('Finance flows');
      sheet.addRow(FLOW_COLUMNS.map((c) => c.header)).font = { bold: true };
      sheet.addRow(FLOW_COLUMNS.map((c) => c.tag)).font = { italic: true };
      // Text cells that look like formulas are stored as text by exceljs; amounts stay text, exact.
      for (const f of flows) sheet.addRow(FLOW_COLUMNS.map((c) => c.value(f)));
      sheet.views = [{ state: 'frozen', ySplit: 2 }];
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="finance-flows.xlsx"');
      return reply.send(buffer);
    },
  );
}
