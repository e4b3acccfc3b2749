/** Requirements (the CJSOR lines a plan covers): list, add, edit and delete, each change a version. */

import type * as Api from '@guarantor/core/api';
import {
  asReader,
  deleteRequirement,
  insertRequirement,
  listRequirements,
  nextRecordId,
  updateRequirement,
} from '@guarantor/db';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import { matches } from '../contract.ts';
import { labelFromRequest } from '../inputs.ts';
import type { PlanningContext } from './context.ts';
import {
  presentRequirement,
  RequirementBody,
  RequirementView,
  requirementFields,
  versioned,
} from './views.ts';

export function requirementRoutes({ r, database, actor }: PlanningContext): void {
  r.get(
    '/api/requirements',
    {
      schema: {
        tags: ['planning'],
        summary: 'Requirements releasable to you (CJSOR-like lines), by region and line of effort',
        response: {
          200: matches<Api.RequirementsResponse>()(z.object({ requirements: z.array(RequirementView) })),
        },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const list = await asReader(database.db, reader, (trx) => listRequirements(trx));
      return { requirements: list.map(presentRequirement) };
    },
  );

  r.post(
    '/api/requirements',
    {
      schema: {
        tags: ['planning'],
        summary:
          "Cell staff add a requirement; the server gives its id, R-<your nation>-<n>, numbered among your nation's",
        body: RequirementBody,
        response: { 201: RequirementView },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'cell_staff');
      const fields = requirementFields(request.body);
      const label = request.body.releasability
        ? labelFromRequest(request.body.releasability, 'body.releasability')
        : ({ kind: 'COALITION' } as const);
      const created = await asReader(database.db, principal.reader, async (trx) =>
        insertRequirement(trx, await nextRecordId(trx, 'requirement'), fields, label, actor(principal)),
      );
      return reply.status(201).send(presentRequirement(created));
    },
  );

  r.put(
    '/api/requirements/:id',
    {
      schema: {
        tags: ['planning'],
        summary: 'Cell staff replace a requirement, naming the version they read',
        params: z.object({ id: z.string().max(40) }),
        body: RequirementBody.extend({ version: z.number().int().min(1) }),
        response: { 200: RequirementView },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'cell_staff');
      const fields = requirementFields(request.body);
      const label = request.body.releasability
        ? labelFromRequest(request.body.releasability, 'body.releasability')
        : undefined;
      const { id } = request.params;
      const updated = await asReader(database.db, principal.reader, async (trx) =>
        versioned(
          await updateRequirement(trx, id, request.body.version, fields, label, actor(principal)),
          { key: 'planning.what.requirement', params: { id } },
          request.body.version,
        ),
      );
      return presentRequirement(updated);
    },
  );

  r.delete(
    '/api/requirements/:id',
    {
      schema: {
        tags: ['planning'],
        summary: 'Cell staff delete a requirement, naming the version they read',
        params: z.object({ id: z.string().max(40) }),
        querystring: z.strictObject({ version: z.coerce.number().int().min(1) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'cell_staff');
      const { id } = request.params;
      await asReader(database.db, principal.reader, async (trx) =>
        versioned(
          await deleteRequirement(trx, id, request.query.version, actor(principal)),
          { key: 'planning.what.requirement', params: { id } },
          request.query.version,
        ),
      );
      return reply.status(204).send(null);
    },
  );

  /** The matrix as the caller sees it, over the asked plan or the adopted one. */
}
