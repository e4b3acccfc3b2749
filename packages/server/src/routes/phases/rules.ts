/** Trigger rules (every version kept) and the guard policy of each phase. */

import type * as Api from '@guarantor/core/api';
import { compileRule, evaluateRule, RuleError, sectorEvaluationInWords } from '@guarantor/core/phases';
import { asReader } from '@guarantor/db';
import { addRuleVersion, listRuleVersions, setGuards } from '@guarantor/db/phases';
import { z } from 'zod';
import { type Principal, requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { gateState, vocabularyOf } from '../../phases/gate.ts';
import { readerPhrasing } from '../../words.ts';
import { matches } from '../contract.ts';
import type { PhaseContext } from './context.ts';
import {
  actorOf,
  PhaseEnum,
  presentEvaluation,
  presentRule,
  RuleId,
  RuleView,
  ruleInvalid,
} from './views.ts';

export function ruleRoutes({ r, db, facts, clock, today }: PhaseContext): void {
  r.get(
    '/api/phases/rules',
    {
      schema: {
        tags: ['phases'],
        summary: 'Trigger rules: the current version of each, with every earlier version kept',
        response: {
          200: matches<Api.RulesResponse>()(
            z.object({ rules: z.array(RuleView.extend({ versions: z.array(RuleView) })) }),
          ),
        },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const all = await asReader(db, reader, (trx) => listRuleVersions(trx));
      const ids = [...new Set(all.map((x) => x.id))];
      return {
        rules: ids.map((id) => {
          const versions = all.filter((x) => x.id === id);
          return { ...presentRule(versions.at(-1)!), versions: versions.map(presentRule) };
        }),
      };
    },
  );

  r.get(
    '/api/phases/rules/:id',
    {
      schema: {
        tags: ['phases'],
        summary: 'Every version of one rule, oldest first',
        params: z.object({ id: RuleId }),
        response: {
          200: matches<Api.RuleHistory>()(z.object({ id: z.string(), versions: z.array(RuleView) })),
        },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const versions = await asReader(db, reader, (trx) => listRuleVersions(trx, request.params.id));
      if (versions.length === 0)
        throw new AppError('not_found', { key: 'rules.notFound', params: { id: request.params.id } });
      return { id: request.params.id, versions: versions.map(presentRule) };
    },
  );

  const RuleInput = z.strictObject({
    title: z.string().max(200).default(''),
    text: z.string().min(1).max(4000),
    active: z.boolean().default(true),
  });

  const saveRule = async (
    principal: Principal,
    id: string,
    input: z.infer<typeof RuleInput>,
    isNew: boolean,
  ) =>
    asReader(db, principal.reader, async (trx) => {
      const existing = await listRuleVersions(trx, id);
      if (isNew && existing.length > 0) {
        throw new AppError(
          'conflict.exists',
          { key: 'rules.exists', params: { id, version: existing.at(-1)!.version } },
          'body.id',
        );
      }
      if (!isNew && existing.length === 0)
        throw new AppError('not_found', { key: 'rules.notFound', params: { id } });
      const sectors = await facts.listSectors(trx);
      try {
        compileRule({ id, version: 1, text: input.text }, vocabularyOf(sectors));
      } catch (error) {
        if (error instanceof RuleError) throw ruleInvalid(error, 'body.text');
        throw error;
      }
      return addRuleVersion(trx, { id, ...input }, actorOf(principal), clock.now());
    });

  r.post(
    '/api/phases/rules',
    {
      schema: {
        tags: ['phases'],
        summary:
          'Add a trigger rule (analyst). A rule that does not parse, names an unknown sector, category or zone, or cannot terminate is refused with rule.invalid and its line, column and offset.',
        body: RuleInput.extend({ id: RuleId }),
        response: { 201: RuleView },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'analyst');
      const { id, ...input } = request.body;
      return reply.status(201).send(presentRule(await saveRule(principal, id, input, true)));
    },
  );

  r.post(
    '/api/phases/rules/preview',
    {
      schema: {
        tags: ['phases'],
        summary:
          'Evaluate a rule text as of today on the monitoring data you may read, saving nothing (analyst): per sector, whether it passes and why; a text that does not compile is refused with rule.invalid and its line, column and offset, as saving it would be',
        body: z.strictObject({
          id: RuleId.optional().describe("the rule's id, to compare with its current version"),
          text: z.string().min(1).max(4000),
        }),
        response: {
          200: matches<Api.RulePreview>()(
            z.object({
              asOf: z.string(),
              pass: z.boolean(),
              firstPassDate: z.string(),
              sectors: z.array(
                z.object({
                  sector: z.string(),
                  pass: z.boolean(),
                  explanation: z.string(),
                  firstPassDate: z.string(),
                }),
              ),
              current: z
                .object({ version: z.number().int(), pass: z.boolean(), failing: z.array(z.string()) })
                .nullable(),
            }),
          ),
        },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'analyst');
      const { id, text } = request.body;
      const asOf = today();
      const ph = await readerPhrasing({ db }, request);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      const gate = await asReader(db, principal.reader, (trx) => gateState(trx, facts, asOf));
      let compiled: ReturnType<typeof compileRule>;
      try {
        compiled = compileRule({ id: id ?? 'preview', version: 1, text }, vocabularyOf(gate.sectors));
      } catch (error) {
        if (error instanceof RuleError) throw ruleInvalid(error, 'body.text');
        throw error;
      }
      const evaluation = evaluateRule(compiled, { asOf, sectors: gate.sectors, facts: gate.facts });
      const current = id ? gate.evaluations.find((e) => e.rule.id === id) : undefined;
      return {
        asOf,
        pass: evaluation.pass,
        firstPassDate: evaluation.firstPassDate,
        sectors: evaluation.sectors.map((s) => ({
          sector: s.sector,
          pass: s.pass,
          explanation: sectorEvaluationInWords(s, ph),
          firstPassDate: s.firstPassDate,
        })),
        current: current
          ? {
              version: current.rule.version,
              pass: current.pass,
              failing: presentEvaluation(current, ph).failing,
            }
          : null,
      };
    },
  );

  r.post(
    '/api/phases/rules/:id/versions',
    {
      schema: {
        tags: ['phases'],
        summary:
          'Add the next version of a rule (analyst); earlier versions are kept. `active: false` retires it.',
        params: z.object({ id: RuleId }),
        body: RuleInput,
        response: { 201: RuleView },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'analyst');
      return reply
        .status(201)
        .send(presentRule(await saveRule(principal, request.params.id, request.body, false)));
    },
  );

  r.put(
    '/api/phases/guards/:phase',
    {
      schema: {
        tags: ['phases'],
        summary: 'Set the rules that guard entry into a phase (cell staff)',
        params: z.object({ phase: PhaseEnum }),
        body: z.strictObject({ rules: z.array(RuleId).max(50) }),
        response: {
          200: matches<Api.PhaseGuard>()(z.object({ phase: PhaseEnum, rules: z.array(z.string()) })),
        },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'cell_staff');
      const { phase } = request.params;
      if (phase === 'hostilities')
        throw new AppError('request.invalid', { key: 'rules.hostilitiesNoGuard' }, 'params.phase');
      await asReader(db, principal.reader, async (trx) => {
        const known = new Set((await listRuleVersions(trx)).map((x) => x.id));
        const unknown = request.body.rules.filter((id) => !known.has(id));
        if (unknown.length > 0)
          throw new AppError(
            'request.invalid',
            { key: 'rules.unknown', params: { count: unknown.length, rules: unknown.join(', ') } },
            'body.rules',
          );
        await setGuards(trx, phase, request.body.rules, actorOf(principal), clock.now());
      });
      return { phase, rules: request.body.rules };
    },
  );
}
