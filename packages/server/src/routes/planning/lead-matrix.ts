/** The lead matrix (who leads which region and line of effort) as JSON, HXL CSV and XLSX, and resolving contested cells. */

import type * as Api from '@guarantor/core/api';
import { SHIPPED_CATALOGUE } from '@guarantor/core/coalition';
import type { Phrasing } from '@guarantor/core/i18n/words';
import {
  adoptedPlan,
  asReader,
  cellClaims,
  getPlan,
  listLeadRoles,
  readPlanningWorld,
  resolveLeadConflict,
} from '@guarantor/db';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { exceljs } from '../../exports/excel.ts';
import { cellNames, presentMatrix, WHO_WHAT_WHERE, whoWhatWhereRows } from '../../planning/lead-matrix.ts';
import { Lang, readerPhrasing } from '../../words.ts';
import { matches } from '../contract.ts';
import type { PlanningContext } from './context.ts';
import { cellOrThrow, csvCell, iso, LeadClaimView, MatrixQuery, MatrixView, presentClaim } from './views.ts';

export function leadMatrixRoutes({ r, database, clock, actor }: PlanningContext): void {
  const matrixFor = async (request: FastifyRequest, planId: string | undefined, ph?: Phrasing) => {
    const { reader } = requireUser(request);
    const found = await asReader(database.db, reader, async (trx) => {
      const plan = planId ? await getPlan(trx, planId) : await adoptedPlan(trx);
      if (planId && !plan) return undefined;
      const world = await readPlanningWorld(trx, clock.now().getTime());
      // Every kept claim is shown; only the active ones are claims (readPlanningWorld's).
      return { world, leadRoles: await listLeadRoles(trx, { status: 'any' }), plan };
    });
    if (!found)
      throw new AppError('not_found', { key: 'plans.notFound', params: { id: planId } }, 'query.plan');
    return presentMatrix(found.world, found.leadRoles, found.plan, ph);
  };

  r.get(
    '/api/lead-matrix',
    {
      schema: {
        tags: ['planning'],
        summary: 'Region × line of effort: claims, planned leads, contributors, gaps and conflicts',
        querystring: MatrixQuery.extend({ lang: Lang }),
        response: { 200: MatrixView },
      },
    },
    async (request, reply) => {
      const ph = await readerPhrasing(database, request, request.query.lang);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      const m = await matrixFor(request, request.query.plan, ph);
      return {
        ...m,
        regions: SHIPPED_CATALOGUE.regions.map((x) => ({ code: x.code, name: x.name, kind: x.kind })),
        linesOfEffort: SHIPPED_CATALOGUE.linesOfEffort.map((x) => ({ id: x.id, name: x.name })),
        cells: m.cells.map((c) => ({
          ...c,
          claims: c.claims.map((x) => ({
            ...x,
            contributors: [...x.contributors],
            statusAt: iso(x.statusAt),
          })),
          contributors: [...c.contributors],
          requirements: [...c.requirements],
          offers: [...c.offers],
          flags: [...c.flags],
        })),
        flags: m.flags.map((f) => ({
          kind: f.kind,
          region: f.region,
          lineOfEffort: f.lineOfEffort,
          message: f.message,
          words: f.words,
        })),
      };
    },
  );

  r.get(
    '/api/lead-matrix.csv',
    {
      schema: {
        tags: ['planning'],
        summary: '"Who does what where" as HXL-tagged CSV (a header row, then the HXL 1.1 hashtag row)',
        querystring: MatrixQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const m = await matrixFor(request, request.query.plan);
      const lines = [
        WHO_WHAT_WHERE.map((c) => csvCell(c.header)).join(','),
        WHO_WHAT_WHERE.map((c) => c.tag).join(','),
        ...whoWhatWhereRows(m).map((row) => row.map(csvCell).join(',')),
      ];
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="who-does-what-where.hxl.csv"');
      return `${lines.join('\r\n')}\r\n`;
    },
  );

  r.get(
    '/api/lead-matrix.xlsx',
    {
      schema: {
        tags: ['planning'],
        summary: '"Who does what where" as an XLSX workbook (same rows and HXL tags as the CSV)',
        querystring: MatrixQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const m = await matrixFor(request, request.query.plan);
      const workbook = new (await exceljs()).Workbook();
      workbook.creator = 'Guarantor';
      workbook.created = clock.now();
      const sheet = workbook.addWorksheet('Who does what where');
      sheet.addRow(WHO_WHAT_WHERE.map((c) => c.header)).font = { bold: true };
      sheet.addRow(WHO_WHAT_WHERE.map((c) => c.tag)).font = { italic: true };
      // Text cells that look like formulas are stored as text by exceljs; no escaping needed.
      for (const row of whoWhatWhereRows(m)) sheet.addRow(row);
      sheet.views = [{ state: 'frozen', ySplit: 2 }];
      sheet.columns.forEach((col, i) => {
        col.width = Math.max(12, Math.min(60, WHO_WHAT_WHERE[i]!.header.length + 4));
      });
      const flags = workbook.addWorksheet('Flags');
      flags.addRow(['Flag', 'Area', 'Line of effort', 'Area code', 'Line of effort code', 'In codes']).font =
        { bold: true };
      for (const f of m.flags) {
        const names = cellNames(f);
        flags.addRow([
          f.words,
          names.regionName,
          names.lineOfEffortName,
          f.region,
          f.lineOfEffort,
          f.message,
        ]);
      }
      flags.getColumn(1).width = 100;
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="who-does-what-where.xlsx"');
      return reply.send(buffer);
    },
  );

  r.post(
    '/api/lead-matrix/resolve',
    {
      schema: {
        tags: ['planning'],
        summary:
          'Cell staff resolve a conflict: one claimant keeps the lead, the other claims are kept as declined',
        body: z.strictObject({
          region: z.string().min(1).max(40),
          lineOfEffort: z.string().min(1).max(60),
          nation: z.string().min(1).max(3).describe('the claimant chosen to lead'),
          reason: z.string().min(1, 'say why this claimant leads').max(1000),
        }),
        response: {
          200: matches<Api.LeadResolution>()(
            z.object({ chosen: LeadClaimView, declined: z.array(LeadClaimView) }),
          ),
        },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'cell_staff');
      const { region, lineOfEffort, nation, reason } = request.body;
      cellOrThrow(region, lineOfEffort);
      const result = await asReader(database.db, principal.reader, async (trx) => {
        const claims = (await cellClaims(trx, region, lineOfEffort)).filter((c) => c.status === 'active');
        const chosen = claims.find((c) => c.nation === nation);
        if (!chosen)
          throw new AppError(
            'lead_claim.not_in_conflict',
            {
              key: 'leadMatrix.notClaimant',
              params: {
                nation,
                region,
                lineOfEffort,
                claimants: claims.map((c) => c.nation).join(', ') || {
                  refusal: { key: 'leadMatrix.noClaimants' },
                },
              },
            },
            'body.nation',
          );
        const others = claims.filter((c) => c !== chosen);
        if (others.length === 0)
          throw new AppError('lead_claim.not_in_conflict', {
            key: 'leadMatrix.oneClaimant',
            params: { region, lineOfEffort, nation },
          });
        return resolveLeadConflict(trx, chosen, others, reason, actor(principal));
      });
      return { chosen: presentClaim(result.chosen), declined: result.declined.map(presentClaim) };
    },
  );
}
