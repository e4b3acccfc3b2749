/** Violation rules (versions, never rewritten) and violation counts per sector and day. */
import type * as Api from '@guarantor/core/api';
import { ViolationRuleError } from '@guarantor/core/zones';
import { addViolationRuleVersion, asReader, computeViolations, listViolationRules } from '@guarantor/db';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError, worded } from '../../errors.ts';
import { matches } from '../contract.ts';
import { documentedAs, ViolationRuleShape } from '../documented.ts';
import type { ZoneContext } from './context.ts';
import { IsoDate, Levels, span } from './views.ts';

export function violationRoutes({ r, database, clock }: ZoneContext): void {
  r.get(
    '/api/violation-rules',
    {
      schema: {
        tags: ['zones'],
        summary: 'Violation rules (current version of each, retired ones marked inactive)',
        response: {
          200: matches<Api.ViolationRulesResponse>()(
            z.object({
              rules: z.array(
                z.object({
                  id: z.string(),
                  version: z.number().int(),
                  active: z.boolean(),
                  definition: documentedAs(z.record(z.string(), z.unknown()), ViolationRuleShape),
                  createdBy: z.string(),
                  createdAt: z.string(),
                }),
              ),
            }),
          ),
        },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const rules = await asReader(database.db, reader, (trx) => listViolationRules(trx));
      return {
        rules: rules.map((x) => ({
          id: x.rule.id,
          version: x.version,
          active: x.active,
          definition: { ...x.rule },
          createdBy: x.createdBy,
          createdAt: x.createdAt.toISOString(),
        })),
      };
    },
  );

  r.post(
    '/api/violation-rules',
    {
      schema: {
        tags: ['zones'],
        summary: 'Add a version of a violation rule (analysts, cell staff); earlier versions are kept',
        body: z.strictObject({
          definition: documentedAs(z.record(z.string(), z.unknown()), ViolationRuleShape),
          active: z.boolean().default(true),
        }),
        response: {
          201: matches<Api.ViolationRuleVersion>()(z.object({ id: z.string(), version: z.number().int() })),
        },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'analyst', 'cell_staff');
      try {
        const version = await asReader(database.db, principal.reader, (trx) =>
          addViolationRuleVersion(trx, request.body.definition, {
            actor: { username: principal.user.username, nation: principal.user.nation },
            active: request.body.active,
            at: clock.now(),
          }),
        );
        return reply.status(201).send({ id: String(request.body.definition.id), version });
      } catch (error) {
        if (error instanceof ViolationRuleError) {
          const problems = error.problems;
          throw new AppError(
            'violation_rule.invalid',
            error.refusal,
            `body.definition.${error.field}`,
            worded((say) => ({
              problems: problems.map((p) => ({
                field: `body.definition.${p.field}`,
                message: say(p.refusal),
              })),
            })),
          );
        }
        throw error;
      }
    },
  );

  r.get(
    '/api/violations/counts',
    {
      schema: {
        tags: ['zones'],
        summary:
          'Violations per sector, UTC day and category (all, corroborated, verified), as you may see them; the ceasefire gate reads the same',
        querystring: z.strictObject({ from: IsoDate, to: IsoDate }),
        response: {
          200: matches<Api.ViolationsResponse>()(
            z.object({
              counts: z.array(
                z.object({
                  sector: z.string().nullable(),
                  date: z.string(),
                  category: z.string(),
                  ...Levels,
                }),
              ),
            }),
          ),
        },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const { from, to } = request.query;
      span(from, to);
      const result = await asReader(database.db, reader, (trx) => computeViolations(trx, from, to));
      return { counts: [...result.counts] };
    },
  );
}
