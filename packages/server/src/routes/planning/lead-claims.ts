/** Lead claims: a nation's claim to lead a cell, withdrawn or reasserted. */

import type * as Api from '@guarantor/core/api';
import {
  asReader,
  cellClaims,
  changeLeadClaimStatus,
  getLeadClaim,
  insertLeadClaim,
  listLeadClaims,
} from '@guarantor/db';
import { z } from 'zod';
import { type Principal, requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { matches } from '../contract.ts';
import { labelFromRequest } from '../inputs.ts';
import type { PlanningContext } from './context.ts';
import { cellOrThrow, LEAD_CLAIM_STATUSES, LeadClaimBody, LeadClaimView, presentClaim } from './views.ts';

export function leadClaimRoutes({ r, database, actor }: PlanningContext): void {
  r.get(
    '/api/lead-claims',
    {
      schema: {
        tags: ['planning'],
        summary:
          'Lead claims releasable to you, active, declined (a conflict went to another nation) and withdrawn',
        querystring: z.strictObject({
          region: z.string().max(40).optional(),
          lineOfEffort: z.string().max(60).optional(),
          nation: z
            .string()
            .regex(/^[A-Z]{3}$/)
            .optional(),
          status: z.enum(LEAD_CLAIM_STATUSES).optional(),
        }),
        response: { 200: matches<Api.LeadClaimsResponse>()(z.object({ claims: z.array(LeadClaimView) })) },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const claims = await asReader(database.db, reader, (trx) => listLeadClaims(trx, request.query));
      return { claims: claims.map(presentClaim) };
    },
  );

  r.post(
    '/api/lead-claims',
    {
      schema: {
        tags: ['planning'],
        summary: "A liaison claims their own nation's lead of a region × line-of-effort cell",
        body: LeadClaimBody,
        response: { 201: LeadClaimView },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'liaison');
      const { region, lineOfEffort } = request.body;
      cellOrThrow(region, lineOfEffort);
      const label = request.body.releasability
        ? labelFromRequest(request.body.releasability, 'body.releasability')
        : ({ kind: 'COALITION' } as const);
      const created = await asReader(database.db, principal.reader, async (trx) => {
        const nation = principal.user.nation;
        const mine = (await cellClaims(trx, region, lineOfEffort)).find((c) => c.nation === nation);
        if (mine?.status === 'active')
          throw new AppError('conflict.exists', {
            key: 'leadClaims.alreadyClaimed',
            params: { nation, region, lineOfEffort },
          });
        if (mine)
          throw new AppError('conflict.exists', {
            key: 'leadClaims.keptAs',
            params: { nation, region, lineOfEffort, status: mine.status, id: mine.id },
          });
        return insertLeadClaim(
          trx,
          { region, lineOfEffort, note: request.body.note ?? null },
          label,
          actor(principal),
        );
      });
      return reply.status(201).send(presentClaim(created));
    },
  );

  /** The caller's own nation's claim, or the error a liaison reads. */
  const ownClaim = async (trx: Parameters<typeof getLeadClaim>[0], principal: Principal, id: string) => {
    const claim = await getLeadClaim(trx, id);
    if (!claim) throw new AppError('not_found', { key: 'leadClaims.notFound', params: { id } }, 'params.id');
    if (claim.nation !== principal.user.nation)
      throw new AppError('auth.forbidden', {
        key: 'leadClaims.otherNation',
        params: { id, nation: claim.nation },
      });
    return claim;
  };

  r.delete(
    '/api/lead-claims/:id',
    {
      schema: {
        tags: ['planning'],
        summary:
          "A liaison withdraws their own nation's lead claim (active or declined); it is kept as withdrawn",
        params: z.object({ id: z.string().max(120) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'liaison');
      const { id } = request.params;
      await asReader(database.db, principal.reader, async (trx) => {
        const claim = await ownClaim(trx, principal, id);
        if (claim.status === 'withdrawn')
          throw new AppError('conflict.exists', { key: 'leadClaims.withdrawnAlready', params: { id } });
        await changeLeadClaimStatus(trx, claim, 'withdrawn', null, actor(principal));
      });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/lead-claims/:id/reassert',
    {
      schema: {
        tags: ['planning'],
        summary:
          "A liaison re-asserts their own nation's declined or withdrawn lead claim; a conflict it lost is open again",
        params: z.object({ id: z.string().max(120) }),
        body: z.strictObject({ note: z.string().max(1000).optional() }).optional(),
        response: { 200: LeadClaimView },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'liaison');
      const { id } = request.params;
      const claim = await asReader(database.db, principal.reader, async (trx) => {
        const mine = await ownClaim(trx, principal, id);
        if (mine.status === 'active')
          throw new AppError('conflict.exists', { key: 'leadClaims.active', params: { id } });
        return changeLeadClaimStatus(trx, mine, 'active', request.body?.note ?? null, actor(principal));
      });
      return presentClaim(claim);
    },
  );
}
