import { CAPABILITIES, LINES_OF_EFFORT } from '@guarantor/core/coalition';
import {
  checkTruceWindow,
  compileRule,
  isIsoDate,
  PHASES,
  type Phase,
  RuleError,
  responseTimes,
  TRANSITIONS,
  truceWindow,
} from '@guarantor/core/phases';
import { asReader, getOffer, labelColumns, nextRecordId, type ReaderContext } from '@guarantor/db';
import {
  type Actor,
  addRuleVersion,
  type BreachRow,
  combinedSectorFacts,
  getOrder,
  insertResponse,
  insertTruceWindow,
  listBreaches,
  listGuards,
  listNotifications,
  listOrderEvents,
  listOrders,
  listResponses,
  listRuleVersions,
  listRungs,
  listTruceWindows,
  type OrderRow,
  type PhaseRow,
  phaseTimeline,
  type RuleVersionRow,
  type SectorFacts,
  sectorStatusHistory,
  setGuards,
  upsertRung,
} from '@guarantor/db/phases';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { type Principal, requireRole, requireUser } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { chartCondition, dailySeries } from '../phases/board.ts';
import { dayOf, gateState, vocabularyOf } from '../phases/gate.ts';
import {
  draftOrder,
  failuresOf,
  issueStoredOrder,
  liveChecks,
  pathToDeployment,
  recheckOrder,
  reevaluate,
  transitionPhase,
} from '../phases/service.ts';
import { labelFromRequest } from './inputs.ts';

const PhaseEnum = z.enum(PHASES);
const IsoDateText = z.string().refine(isIsoDate, 'must be a YYYY-MM-DD date');
const RuleId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, - or _, at most 64 characters');

const PhaseView = z.object({
  seq: z.number().int(),
  phase: PhaseEnum,
  from: PhaseEnum.nullable(),
  since: z.string(),
  decidedBy: z.string(),
  nation: z.string(),
  authority: z.string(),
  recordedAt: z.string(),
  override: z.object({ reason: z.string(), bypassed: z.array(z.string()) }).nullable(),
  evaluations: z.array(
    z.object({
      rule: z.string(),
      version: z.number().int(),
      asOf: z.string(),
      pass: z.boolean(),
      failing: z.array(z.string()),
    }),
  ),
  releasability: z.string(),
});

function presentPhase(p: PhaseRow): z.infer<typeof PhaseView> {
  return {
    seq: p.seq,
    phase: p.phase,
    from: p.from,
    since: p.since,
    decidedBy: p.decidedBy,
    nation: p.nation,
    authority: p.authority,
    recordedAt: p.recordedAt.toISOString(),
    override: p.override ? { reason: p.override.reason, bypassed: [...p.override.bypassed] } : null,
    evaluations: (
      p.evaluations as {
        rule: { id: string; version: number };
        asOf: string;
        pass: boolean;
        sectors: { sector: string; pass: boolean; explanation: string }[];
      }[]
    ).map((e) => ({
      rule: e.rule.id,
      version: e.rule.version,
      asOf: e.asOf,
      pass: e.pass,
      failing: e.sectors.filter((s) => !s.pass).map((s) => `${s.sector}: ${s.explanation}`),
    })),
    releasability: p.releasability,
  };
}

const RuleView = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  text: z.string(),
  active: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
});
const presentRule = (r: RuleVersionRow): z.infer<typeof RuleView> => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});

const FailureView = z.object({
  rule: z.string(),
  version: z.number().int(),
  sector: z.string(),
  explanation: z.string(),
  breakingDate: z.string().nullable(),
  incidentIds: z.array(z.string()),
  firstPassDate: z.string(),
});

const BlockerView = z.object({ kind: z.string(), reason: z.string(), waitingFor: z.string().nullable() });
const OrderView = z.object({
  id: z.string(),
  offerId: z.string(),
  nation: z.string(),
  quantity: z.number().int(),
  regionCode: z.string(),
  lineOfEffort: z.string(),
  role: z.string(),
  sector: z.string(),
  state: z.enum(['draft', 'ready_on_gate', 'issued', 'refused']),
  gate: z.enum(['issuable', 'ready_on_gate', 'refused']),
  reasons: z.array(z.string()),
  override: z.object({ reason: z.string() }).nullable(),
  draftedBy: z.string(),
  draftedAt: z.string(),
  issuedBy: z.string().nullable(),
  issuedAt: z.string().nullable(),
  releasability: z.string(),
  live: z.object({ status: z.string(), message: z.string(), blockers: z.array(BlockerView) }).nullable(),
});

function presentOrder(
  o: OrderRow,
  live?: {
    status: string;
    message: string;
    blockers: readonly { kind: string; reason: string; waitingFor: string | null }[];
  },
): z.infer<typeof OrderView> {
  const { label: _label, ...rest } = o;
  return {
    ...rest,
    reasons: [...o.reasons],
    draftedAt: o.draftedAt.toISOString(),
    issuedAt: o.issuedAt?.toISOString() ?? null,
    live: live
      ? { status: live.status, message: live.message, blockers: live.blockers.map((b) => ({ ...b })) }
      : null,
  };
}

const NotificationView = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.string(),
  message: z.string(),
  orderId: z.string().nullable(),
  breachId: z.string().nullable(),
  reasons: z.array(z.string()),
  releasability: z.string(),
});

const actorOf = (p: Principal): Actor & { nation: string } => ({
  username: p.user.username,
  nation: p.user.nation,
});
const _SYSTEM_READER: ReaderContext = { nation: null, coalitionMember: true };

function ruleInvalid(error: RuleError, field: string): AppError {
  return new AppError('rule.invalid', error.message, field, {
    code: error.code,
    detail: error.detail,
    line: error.position.line,
    column: error.position.column,
    offset: error.position.offset,
  });
}

/** Options for the phase routes; tests and the monitoring storage pass their own fact source. */
export interface PhaseRouteOptions {
  readonly facts?: SectorFacts;
}

/** Ceasefire first: phases, rules, guards, sector board, breaches and ladder, truces, orders, notifications. */
export const phasesRoutes =
  ({ database, clock }: RouteDeps, options: PhaseRouteOptions = {}): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const facts = options.facts ?? combinedSectorFacts;
    const db = database.db;
    const today = () => dayOf(clock.now());
    const runReevaluation = (asOf: string, actor: Actor) => reevaluate(db, facts, asOf, actor, clock.now());

    r.get(
      '/api/phases',
      {
        schema: {
          tags: ['phases'],
          summary:
            'The current phase, the timeline of phases and decisions (overrides marked), and the guard policy',
          response: {
            200: z.object({
              current: PhaseView.nullable(),
              phase: PhaseEnum,
              allowedNext: z.array(PhaseEnum),
              timeline: z.array(PhaseView),
              guards: z.record(z.string(), z.array(z.string())),
            }),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const [timeline, guards] = await asReader(
          db,
          reader,
          async (trx) => [await phaseTimeline(trx), await listGuards(trx)] as const,
        );
        const current = timeline.at(-1) ?? null;
        const phase = current?.phase ?? 'hostilities';
        return {
          current: current && presentPhase(current),
          phase,
          allowedNext: [...TRANSITIONS[phase]],
          timeline: timeline.map(presentPhase),
          guards: Object.fromEntries(Object.entries(guards).map(([k, v]) => [k, [...(v ?? [])]])),
        };
      },
    );

    r.post(
      '/api/phases/transitions',
      {
        schema: {
          tags: ['phases'],
          summary:
            'Move the campaign to a phase (cell staff). Refused with phase.gate_closed naming every failing rule, sector and day, unless an override with a reason is given; the override is recorded and shown.',
          body: z.strictObject({
            target: PhaseEnum,
            authority: z.string().trim().min(1, 'name the authority the decision rests on').max(500),
            date: IsoDateText.optional().describe(
              'decision date, default today; rules are evaluated as of it',
            ),
            override: z
              .strictObject({ reason: z.string().trim().min(1, 'an override needs a reason').max(2000) })
              .optional(),
          }),
          response: { 201: PhaseView },
        },
      },
      async (request, reply) => {
        const principal = requireRole(request, 'cell_staff');
        const stored = await asReader(db, principal.reader, (trx) =>
          transitionPhase(trx, facts, actorOf(principal), request.body, clock.now()),
        );
        await runReevaluation(today(), actorOf(principal));
        return reply.status(201).send(presentPhase(stored));
      },
    );

    r.post(
      '/api/phases/reevaluate',
      {
        schema: {
          tags: ['phases'],
          summary:
            'Re-evaluate the rules on the monitoring data (monitoring or a timer calls this): records breaches, sector status changes, and tells the cell which orders became issuable',
          body: z.strictObject({ asOf: IsoDateText.optional() }).default({}),
          response: {
            200: z.object({
              from: z.string(),
              to: z.string(),
              breaches: z.array(z.string()),
              sectorChanges: z.array(
                z.object({
                  sector: z.string(),
                  asOf: z.string(),
                  from: z.string().nullable(),
                  to: z.string(),
                }),
              ),
              newlyIssuable: z.array(z.object({ orderId: z.string(), because: z.array(z.string()) })),
            }),
          },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'monitor', 'analyst', 'cell_staff', 'admin');
        const asOf = request.body.asOf ?? today();
        if (asOf > today())
          throw new AppError(
            'request.invalid',
            `asOf ${asOf} is in the future (today is ${today()})`,
            'body.asOf',
          );
        const result = await runReevaluation(asOf, actorOf(principal));
        return {
          ...result,
          breaches: [...result.breaches],
          sectorChanges: [...result.sectorChanges],
          newlyIssuable: result.newlyIssuable.map((n) => ({ orderId: n.orderId, because: [...n.because] })),
        };
      },
    );

    // ------------------------------------------------------------ rules and guards

    r.get(
      '/api/phases/rules',
      {
        schema: {
          tags: ['phases'],
          summary: 'Trigger rules: the current version of each, with every earlier version kept',
          response: { 200: z.object({ rules: z.array(RuleView.extend({ versions: z.array(RuleView) })) }) },
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
          response: { 200: z.object({ id: z.string(), versions: z.array(RuleView) }) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const versions = await asReader(db, reader, (trx) => listRuleVersions(trx, request.params.id));
        if (versions.length === 0) throw new AppError('not_found', `no rule '${request.params.id}'`);
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
            `rule '${id}' exists (version ${existing.at(-1)!.version}); add a version instead`,
            'body.id',
          );
        }
        if (!isNew && existing.length === 0) throw new AppError('not_found', `no rule '${id}'`);
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
          response: { 200: z.object({ phase: PhaseEnum, rules: z.array(z.string()) }) },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'cell_staff');
        const { phase } = request.params;
        if (phase === 'hostilities')
          throw new AppError(
            'request.invalid',
            'hostilities needs no guard: nobody waits for permission to return to it',
            'params.phase',
          );
        await asReader(db, principal.reader, async (trx) => {
          const known = new Set((await listRuleVersions(trx)).map((x) => x.id));
          const unknown = request.body.rules.filter((id) => !known.has(id));
          if (unknown.length > 0)
            throw new AppError(
              'request.invalid',
              `unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; add the rule first`,
              'body.rules',
            );
          await setGuards(trx, phase, request.body.rules, actorOf(principal), clock.now());
        });
        return { phase, rules: request.body.rules };
      },
    );

    // ------------------------------------------------------------ sector board

    r.get(
      '/api/phases/sectors',
      {
        schema: {
          tags: ['phases'],
          summary:
            'Per-sector evaluation and standing as of a date, with the daily series for the streak chart',
          querystring: z.strictObject({
            asOf: IsoDateText.optional(),
            days: z.coerce.number().int().min(7).max(120).default(30),
          }),
          response: {
            200: z.object({
              asOf: z.string(),
              phase: PhaseEnum,
              chart: z
                .object({
                  rule: z.string(),
                  version: z.number().int(),
                  limit: z.number(),
                  windowDays: z.number().int(),
                  counts: z.string(),
                })
                .nullable(),
              rules: z.array(
                z.object({
                  id: z.string(),
                  version: z.number().int(),
                  text: z.string(),
                  pass: z.boolean(),
                  firstPassDate: z.string(),
                  deployment: z.boolean(),
                }),
              ),
              sectors: z.array(
                z.object({
                  sector: z.string(),
                  status: z.enum(['holding', 'fragile', 'broken']),
                  reasons: z.array(z.string()),
                  streakDays: z.number().int().nullable(),
                  rules: z.array(
                    z.object({
                      rule: z.string(),
                      version: z.number().int(),
                      pass: z.boolean(),
                      explanation: z.string(),
                      firstPassDate: z.string(),
                      breakingDate: z.string().nullable(),
                      incidentIds: z.array(z.string()),
                    }),
                  ),
                  series: z.array(
                    z.object({
                      date: z.string(),
                      count: z.number(),
                      monitored: z.boolean(),
                      incidentIds: z.array(z.string()),
                    }),
                  ),
                  history: z.array(z.object({ asOf: z.string(), status: z.string() })),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const asOf = request.query.asOf ?? today();
        const { gate, history } = await asReader(db, reader, async (trx) => ({
          gate: await gateState(trx, facts, asOf),
          history: await sectorStatusHistory(trx),
        }));
        const chart = chartCondition(gate);
        const failures = failuresOf(gate.evaluations);
        return {
          asOf,
          phase: gate.phase,
          chart: chart && {
            rule: chart.rule,
            version: chart.version,
            limit: chart.condition.maxPerDay,
            windowDays: chart.condition.days,
            counts: chart.condition.span.source,
          },
          rules: gate.evaluations.map((e) => ({
            id: e.rule.id,
            version: e.rule.version,
            text: gate.rules.get(e.rule.id)?.row.text ?? '',
            pass: e.pass,
            firstPassDate: e.firstPassDate,
            deployment: gate.deploymentRules.includes(e.rule.id),
          })),
          sectors: gate.standings.map((s) => {
            const limitResult = chart
              ? gate.evaluations
                  .find((e) => e.rule.id === chart.rule)
                  ?.sectors.find((x) => x.sector === s.sector)
                  ?.conditions.find((c) => c.kind === 'daily_limit' && c.condition === chart.condition)
              : undefined;
            return {
              sector: s.sector,
              status: s.status,
              reasons: [...s.reasons],
              streakDays: limitResult && limitResult.kind === 'daily_limit' ? limitResult.streakDays : null,
              rules: gate.evaluations.flatMap((e) => {
                const sector = e.sectors.find((x) => x.sector === s.sector);
                if (!sector) return [];
                const f = failures.find((x) => x.rule === e.rule.id && x.sector === s.sector);
                return [
                  {
                    rule: e.rule.id,
                    version: e.rule.version,
                    pass: sector.pass,
                    explanation: sector.explanation,
                    firstPassDate: sector.firstPassDate,
                    breakingDate: f?.breakingDate ?? null,
                    incidentIds: [...(f?.incidentIds ?? [])],
                  },
                ];
              }),
              series: chart
                ? dailySeries(gate.facts, s.sector, chart.condition.selection, asOf, request.query.days).map(
                    (d) => ({ ...d, incidentIds: [...d.incidentIds] }),
                  )
                : [],
              history: history
                .filter((h) => h.sector === s.sector && h.asOf <= asOf)
                .map((h) => ({ asOf: h.asOf, status: h.status })),
            };
          }),
        };
      },
    );

    // ------------------------------------------------------------ breaches and ladder

    const RungView = z.object({
      id: z.string(),
      position: z.number().int(),
      title: z.string(),
      respondWithinHours: z.number().int(),
      nations: z.array(z.string()),
      rules: z.array(z.string()),
      minSectors: z.number().int(),
    });

    r.get(
      '/api/phases/ladder',
      {
        schema: {
          tags: ['phases'],
          summary: 'The response ladder, mildest rung first, with the nations committed to each',
          response: { 200: z.object({ rungs: z.array(RungView) }) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const rungs = await asReader(db, reader, (trx) => listRungs(trx));
        return { rungs: rungs.map((x) => ({ ...x, nations: [...x.nations], rules: [...x.rules] })) };
      },
    );

    r.put(
      '/api/phases/ladder/:id',
      {
        schema: {
          tags: ['phases'],
          summary: 'Add or change a rung of the ladder (cell staff)',
          params: z.object({ id: RuleId }),
          body: z.strictObject({
            position: z.number().int().min(0).max(1000),
            title: z.string().trim().min(1).max(200),
            respondWithinHours: z
              .number()
              .int()
              .positive()
              .max(24 * 365),
            nations: z.array(z.string().regex(/^[A-Z]{3}$/)).max(60),
            rules: z.array(RuleId).max(50).default([]),
            minSectors: z.number().int().min(1).max(1000).default(1),
          }),
          response: { 200: RungView },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'cell_staff');
        const rung = { id: request.params.id, ...request.body };
        await asReader(db, principal.reader, (trx) => upsertRung(trx, rung, actorOf(principal), clock.now()));
        return rung;
      },
    );

    const BreachView = z.object({
      id: z.string(),
      rule: z.string(),
      version: z.number().int(),
      sector: z.string(),
      asOf: z.string(),
      detectedAt: z.string(),
      explanation: z.string(),
      incidentIds: z.array(z.string()),
      /** The meet of the cited incidents' labels. */
      releasability: z.string(),
      proposedRung: RungView.nullable(),
      responses: z.array(
        z.object({
          rungId: z.string(),
          decidedAt: z.string(),
          decidedBy: z.string(),
          nation: z.string(),
          note: z.string(),
        }),
      ),
      elapsedHours: z.number().nullable(),
      withinCommitment: z.boolean().nullable(),
    });

    r.get(
      '/api/phases/breaches',
      {
        schema: {
          tags: ['phases'],
          summary:
            'Breaches, each with its proposed rung, the responses recorded and the time from breach to first response',
          response: { 200: z.object({ breaches: z.array(BreachView) }) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const { breaches, responses, rungs } = await asReader(db, reader, async (trx) => ({
          breaches: await listBreaches(trx),
          responses: await listResponses(trx),
          rungs: await listRungs(trx),
        }));
        const coreBreach = (b: BreachRow) => ({
          id: b.id,
          rule: { id: b.ruleId, version: b.ruleVersion },
          sector: b.sector,
          asOf: b.asOf,
          detectedAtMs: b.detectedAt.getTime(),
          explanation: b.explanation,
          incidentIds: b.incidentIds,
        });
        const times = responseTimes(
          rungs,
          breaches.map(coreBreach),
          responses.map((x) => ({
            breachId: x.breachId,
            rungId: x.rungId,
            decidedAtMs: x.decidedAt.getTime(),
            by: x.decidedBy,
            nation: x.nation,
          })),
        );
        return {
          breaches: breaches.map((b, i) => {
            const rung = rungs.find((x) => x.id === b.proposedRung);
            return {
              id: b.id,
              rule: b.ruleId,
              version: b.ruleVersion,
              sector: b.sector,
              asOf: b.asOf,
              detectedAt: b.detectedAt.toISOString(),
              explanation: b.explanation,
              incidentIds: [...b.incidentIds],
              releasability: b.releasability ?? 'COALITION',
              proposedRung: rung ? { ...rung, nations: [...rung.nations], rules: [...rung.rules] } : null,
              responses: responses
                .filter((x) => x.breachId === b.id)
                .map((x) => ({
                  rungId: x.rungId,
                  decidedAt: x.decidedAt.toISOString(),
                  decidedBy: x.decidedBy,
                  nation: x.nation,
                  note: x.note,
                })),
              elapsedHours:
                times[i]?.elapsedMs == null ? null : Math.round((times[i]!.elapsedMs! / 3_600_000) * 10) / 10,
              withinCommitment: times[i]?.withinCommitment ?? null,
            };
          }),
        };
      },
    );

    r.post(
      '/api/phases/breaches/:id/responses',
      {
        schema: {
          tags: ['phases'],
          summary:
            'Record what the cell decided about a breach (cell staff); the time from breach to response is measured',
          params: z.object({ id: z.string().max(300) }),
          body: z.strictObject({ rungId: RuleId, note: z.string().max(2000).default('') }),
          response: {
            201: z.object({
              breachId: z.string(),
              rungId: z.string(),
              decidedAt: z.string(),
              elapsedHours: z.number(),
            }),
          },
        },
      },
      async (request, reply) => {
        const principal = requireRole(request, 'cell_staff');
        const now = clock.now();
        const result = await asReader(db, principal.reader, async (trx) => {
          const breach = (await listBreaches(trx)).find((b) => b.id === request.params.id);
          if (!breach) throw new AppError('not_found', `no breach ${request.params.id} that you may see`);
          if (!(await listRungs(trx)).some((x) => x.id === request.body.rungId)) {
            throw new AppError(
              'request.invalid',
              `no rung '${request.body.rungId}' on the ladder`,
              'body.rungId',
            );
          }
          await insertResponse(
            trx,
            {
              breachId: breach.id,
              rungId: request.body.rungId,
              decidedAt: now,
              decidedBy: principal.user.username,
              nation: principal.user.nation,
              note: request.body.note,
            },
            actorOf(principal),
            now,
          );
          return breach;
        });
        return reply.status(201).send({
          breachId: result.id,
          rungId: request.body.rungId,
          decidedAt: now.toISOString(),
          elapsedHours: Math.round(((now.getTime() - result.detectedAt.getTime()) / 3_600_000) * 10) / 10,
        });
      },
    );

    // ------------------------------------------------------------ truce windows

    const TruceView = z.object({
      id: z.string(),
      site: z.string(),
      location: z.tuple([z.number(), z.number()]),
      radiusM: z.number(),
      start: z.string(),
      end: z.string(),
      purpose: z.string(),
      sector: z.string().nullable(),
      createdBy: z.string(),
      releasability: z.string(),
      held: z.boolean().nullable(),
      incidents: z.array(
        z.object({
          incidentId: z.string(),
          category: z.string(),
          distanceM: z.number(),
          certain: z.boolean(),
        }),
      ),
    });

    r.get(
      '/api/phases/truces',
      {
        schema: {
          tags: ['phases'],
          summary:
            'Local truce windows, each checked against the incidents recorded near its site during its time',
          response: { 200: z.object({ truces: z.array(TruceView) }) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const { windows, incidents } = await asReader(db, reader, async (trx) => {
          const windows = await listTruceWindows(trx);
          const exists = await sql<{ t: string | null }>`select to_regclass('incident')::text as t`.execute(
            trx,
          );
          const incidents =
            exists.rows[0]?.t && windows.length > 0
              ? (
                  await sql<{
                    id: string;
                    category: string;
                    lng: number;
                    lat: number;
                    radius_m: number;
                    start_at: Date;
                    end_at: Date;
                  }>`
                  select id, category, ST_X(geom) as lng, ST_Y(geom) as lat, radius_m, start_at, end_at from incident
                  where merged_into is null and state <> 'dismissed'
                    and end_at >= ${new Date(Math.min(...windows.map((w) => w.startAt.getTime())))}
                    and start_at <= ${new Date(Math.max(...windows.map((w) => w.endAt.getTime())))}`.execute(
                    trx,
                  )
                ).rows
              : [];
          return { windows, incidents };
        });
        return {
          truces: windows.map((w) => {
            const check = checkTruceWindow(
              truceWindow({
                id: w.id,
                site: w.site,
                location: w.location,
                radiusM: w.radiusM,
                startMs: w.startAt.getTime(),
                endMs: w.endAt.getTime(),
                purpose: w.purpose,
              }),
              incidents.map((i) => ({
                id: i.id,
                category: i.category as never,
                position: [Number(i.lng), Number(i.lat)] as const,
                radiusM: Number(i.radius_m),
                time: { startMs: new Date(i.start_at).getTime(), endMs: new Date(i.end_at).getTime() },
              })),
            );
            return {
              id: w.id,
              site: w.site,
              location: [w.location[0], w.location[1]] as [number, number],
              radiusM: w.radiusM,
              start: w.startAt.toISOString(),
              end: w.endAt.toISOString(),
              purpose: w.purpose,
              sector: w.sector,
              createdBy: w.createdBy,
              releasability: w.releasability,
              held: w.startAt.getTime() > clock.now().getTime() ? null : check.held,
              incidents: check.incidents.map((x) => ({ ...x })),
            };
          }),
        };
      },
    );

    r.post(
      '/api/phases/truces',
      {
        schema: {
          tags: ['phases'],
          summary:
            'Record a local truce window (cell staff): a named site, a radius and a time, e.g. for repair crews; the server gives its id, truce-<your nation>-<n>',
          body: z.strictObject({
            site: z.string().trim().min(1).max(200),
            location: z.tuple([z.number(), z.number()]).describe('[longitude, latitude]'),
            radiusM: z.number().positive().max(50_000),
            start: z.iso.datetime({ offset: true }),
            end: z.iso.datetime({ offset: true }),
            purpose: z.string().trim().min(1).max(1000),
            sector: z.string().max(100).optional(),
            releasability: z.string().optional(),
          }),
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => {
        const principal = requireRole(request, 'cell_staff');
        const b = request.body;
        let window: ReturnType<typeof truceWindow>;
        try {
          // Checked before it has an id; the stored one is given below ("truce window at <site>: …").
          window = truceWindow({
            id: `at ${b.site}`,
            site: b.site,
            location: b.location,
            radiusM: b.radiusM,
            startMs: Date.parse(b.start),
            endMs: Date.parse(b.end),
            purpose: b.purpose,
          });
        } catch (error) {
          throw new AppError('request.invalid', (error as Error).message, 'body');
        }
        const label = b.releasability
          ? labelColumns(labelFromRequest(b.releasability, 'body.releasability'))
          : { rel_kind: 'COALITION' as const, rel_nations: [] };
        const id = await asReader(db, principal.reader, async (trx) => {
          const id = await nextRecordId(trx, 'truce_window');
          await insertTruceWindow(
            trx,
            {
              id,
              site: window.site,
              location: window.location,
              radiusM: window.radiusM,
              startAt: new Date(window.startMs),
              endAt: new Date(window.endMs),
              purpose: window.purpose,
              sector: b.sector ?? null,
            },
            label,
            actorOf(principal),
            clock.now(),
          );
          return id;
        });
        return reply.status(201).send({ id });
      },
    );

    // ------------------------------------------------------------ deployment orders

    r.get(
      '/api/orders',
      {
        schema: {
          tags: ['phases'],
          summary: 'Deployment orders releasable to you, with their stored state and the live gate status',
          querystring: z.strictObject({
            state: z.enum(['draft', 'ready_on_gate', 'issued', 'refused']).optional(),
          }),
          response: { 200: z.object({ asOf: z.string(), phase: PhaseEnum, orders: z.array(OrderView) }) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const now = clock.now();
        return asReader(db, reader, async (trx) => {
          const orders = await listOrders(trx, request.query);
          const gate = await gateState(trx, facts, dayOf(now));
          const checks = await liveChecks(trx, gate, orders, now);
          return {
            asOf: gate.asOf,
            phase: gate.phase,
            orders: orders.map((o) => presentOrder(o, checks.get(o.id))),
          };
        });
      },
    );

    r.get(
      '/api/orders/:id',
      {
        schema: {
          tags: ['phases'],
          summary:
            'One order with its events (drafted, checked, issuable, issued, refused); 404 when not releasable to you',
          params: z.object({ id: z.string().max(64) }),
          response: {
            200: OrderView.extend({
              events: z.array(
                z.object({
                  at: z.string(),
                  actor: z.string(),
                  kind: z.string(),
                  state: z.string(),
                  phase: z.string(),
                  sectorStatus: z.string(),
                  reasons: z.array(z.string()),
                  overrideReason: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const now = clock.now();
        const found = await asReader(db, reader, async (trx) => {
          const order = await getOrder(trx, request.params.id);
          if (!order) return undefined;
          const gate = await gateState(trx, facts, dayOf(now));
          return {
            order,
            check: (await liveChecks(trx, gate, [order], now)).get(order.id),
            events: await listOrderEvents(trx, order.id),
          };
        });
        if (!found) throw new AppError('not_found', `no order ${request.params.id} that you may see`);
        return {
          ...presentOrder(found.order, found.check),
          events: found.events.map((e) => ({
            at: e.at.toISOString(),
            actor: e.actor,
            kind: e.kind,
            state: e.state,
            phase: e.phase,
            sectorStatus: e.sectorStatus,
            reasons: [...e.reasons],
            overrideReason: e.overrideReason,
          })),
        };
      },
    );

    r.post(
      '/api/orders',
      {
        schema: {
          tags: ['phases'],
          summary:
            "Draft a deployment order (the offer's liaison or cell staff). It is checked at once: issuable, ready_on_gate (waits for the phase or the sector) or refused with every reason. It carries the offer's label unless another is given.",
          body: z.strictObject({
            offerId: z.string().max(64),
            quantity: z.number().int().positive().max(1_000_000),
            regionCode: z.string().max(32),
            lineOfEffort: z.string().max(64),
            sector: z.string().max(100),
            role: z.string().max(32).optional(),
            releasability: z.string().optional(),
          }),
          response: { 201: OrderView.extend({ message: z.string() }) },
        },
      },
      async (request, reply) => {
        const principal = requireRole(request, 'liaison', 'cell_staff');
        const b = request.body;
        const loe = LINES_OF_EFFORT.find((l) => l.id === b.lineOfEffort);
        if (!loe)
          throw new AppError(
            'request.invalid',
            `unknown line of effort '${b.lineOfEffort}'; use one of ${LINES_OF_EFFORT.map((l) => l.id).join(', ')}`,
            'body.lineOfEffort',
          );
        const label = b.releasability
          ? labelColumns(labelFromRequest(b.releasability, 'body.releasability'))
          : null;
        const result = await asReader(db, principal.reader, async (trx) => {
          const offer = await getOffer(trx, b.offerId);
          if (!offer)
            throw new AppError('not_found', `no offer ${b.offerId} that you may see`, 'body.offerId');
          if (!principal.user.roles.includes('cell_staff') && offer.nation !== principal.user.nation) {
            throw new AppError(
              'auth.forbidden',
              `a liaison of ${principal.user.nation} may not draft orders for ${offer.nation}'s offer; the cell staff or a liaison of ${offer.nation} may`,
              'body.offerId',
            );
          }
          if (b.quantity > offer.quantity)
            throw new AppError(
              'request.invalid',
              `offer ${offer.id} holds ${offer.quantity} ${offer.unit}; the order asks for ${b.quantity}`,
              'body.quantity',
            );
          const region = await trx
            .selectFrom('region')
            .select('code')
            .where('code', '=', b.regionCode)
            .executeTakeFirst();
          if (!region)
            throw new AppError('request.invalid', `unknown region '${b.regionCode}'`, 'body.regionCode');
          const capabilityRoles = CAPABILITIES.find((c) => c.id === offer.capability)?.roles ?? [];
          const role = b.role ?? loe.roles.find((x) => capabilityRoles.includes(x));
          if (!role) {
            throw new AppError(
              'request.invalid',
              `a ${offer.capability} can fill none of the roles of ${loe.name} (${loe.roles.join(', ')})`,
              'body.lineOfEffort',
            );
          }
          const offerLabel = labelColumns(labelFromRequest(offer.releasability, 'body.offerId'));
          return draftOrder(
            trx,
            facts,
            actorOf(principal),
            {
              offerId: offer.id,
              quantity: b.quantity,
              regionCode: b.regionCode,
              lineOfEffort: b.lineOfEffort,
              role,
              sector: b.sector,
              label,
            },
            offerLabel,
            clock.now(),
          );
        });
        return reply
          .status(201)
          .send({ ...presentOrder(result.order, result.check), message: result.check.message });
      },
    );

    r.post(
      '/api/orders/:id/check',
      {
        schema: {
          tags: ['phases'],
          summary: 'Check an order against the gate now and record the outcome',
          params: z.object({ id: z.string().max(64) }),
          response: { 200: OrderView.extend({ message: z.string() }) },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'liaison', 'cell_staff');
        const result = await asReader(db, principal.reader, async (trx) => {
          const order = await getOrder(trx, request.params.id);
          if (!order) throw new AppError('not_found', `no order ${request.params.id} that you may see`);
          return recheckOrder(trx, facts, actorOf(principal), order, clock.now());
        });
        return { ...presentOrder(result.order, result.check), message: result.check.message };
      },
    );

    r.post(
      '/api/orders/:id/issue',
      {
        schema: {
          tags: ['phases'],
          summary:
            'Issue an order (cell staff). Refused with phase.gate_closed while the phase or sector gate is shut, or order.refused when a mandate, caveat or support is missing; an override with a reason may set aside only a sector that is not holding, and is recorded.',
          params: z.object({ id: z.string().max(64) }),
          body: z
            .strictObject({
              override: z
                .strictObject({ reason: z.string().trim().min(1, 'an override needs a reason').max(2000) })
                .optional(),
            })
            .default({}),
          response: { 200: OrderView },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'cell_staff');
        const outcome = await asReader(db, principal.reader, async (trx) => {
          const order = await getOrder(trx, request.params.id);
          if (!order) throw new AppError('not_found', `no order ${request.params.id} that you may see`);
          return issueStoredOrder(trx, facts, actorOf(principal), order, request.body.override, clock.now());
        });
        if (!outcome.ok) {
          const gateOnly = outcome.check.status === 'ready_on_gate';
          throw new AppError(
            gateOnly ? 'phase.gate_closed' : 'order.refused',
            outcome.check.message.startsWith('deployment refused')
              ? outcome.check.message
              : `deployment refused: ${outcome.check.blockers.map((b) => b.reason).join('; ')}`,
            undefined,
            { orderId: outcome.order.id, status: outcome.check.status, blockers: outcome.check.blockers },
          );
        }
        return presentOrder(outcome.order);
      },
    );

    r.get(
      '/api/notifications',
      {
        schema: {
          tags: ['phases'],
          summary:
            'What the cell was told: orders that became issuable and why, breaches, sector status and phase changes',
          response: { 200: z.object({ notifications: z.array(NotificationView) }) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const rows = await asReader(db, reader, (trx) => listNotifications(trx));
        return {
          notifications: rows.map((n) => ({ ...n, at: n.at.toISOString(), reasons: [...n.reasons] })),
        };
      },
    );

    // ------------------------------------------------------------ what stands between us and deployment

    r.get(
      '/api/phases/deployment-gate',
      {
        schema: {
          tags: ['phases'],
          summary:
            'What stands between us and deployment: every phase still to pass with its failing rules and sectors, sectors not holding, and missing mandates',
          response: {
            200: z.object({
              asOf: z.string(),
              phase: PhaseEnum,
              open: z.boolean(),
              steps: z.array(
                z.object({
                  phase: PhaseEnum,
                  rules: z.array(
                    z.object({
                      id: z.string(),
                      version: z.number().int(),
                      pass: z.boolean(),
                      firstPassDate: z.string(),
                    }),
                  ),
                  failures: z.array(FailureView),
                  policyProblems: z.array(z.string()),
                  earliest: z.string().nullable(),
                }),
              ),
              sectors: z.array(
                z.object({ sector: z.string(), status: z.string(), reasons: z.array(z.string()) }),
              ),
              mandates: z.array(
                z.object({
                  offerId: z.string(),
                  nation: z.string(),
                  status: z.string(),
                  body: z.string().nullable(),
                  orders: z.array(z.string()),
                }),
              ),
              orders: z.array(
                z.object({ id: z.string(), status: z.string(), blockers: z.array(BlockerView) }),
              ),
              noSectors: z.boolean(),
            }),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const now = clock.now();
        return asReader(db, reader, async (trx) => {
          const gate = await gateState(trx, facts, dayOf(now));
          const orders = (await listOrders(trx)).filter((o) => o.state !== 'issued');
          const checks = await liveChecks(trx, gate, orders, now);
          const offers = await trx
            .selectFrom('offer')
            .select(['id', 'nation', 'caveats'])
            .where('lifecycle', '<>', 'withdrawn')
            .orderBy('id')
            .execute();
          const mandates = offers.flatMap((o) => {
            const c = (o.caveats as { kind: string; status?: string; body?: string }[]).find(
              (x) => x.kind === 'national_mandate',
            );
            if (!c || c.status === 'granted') return [];
            return [
              {
                offerId: o.id,
                nation: o.nation,
                status: c.status ?? 'none',
                body: c.body ?? null,
                orders: orders.filter((x) => x.offerId === o.id).map((x) => x.id),
              },
            ];
          });
          const steps = pathToDeployment(gate.phase).map((phase) => {
            const refs = gate.policy[phase] ?? [];
            const evaluations = gate.evaluations.filter((e) => refs.some((x) => x.id === e.rule.id));
            const failing = evaluations.filter((e) => !e.pass);
            return {
              phase,
              rules: evaluations.map((e) => ({
                id: e.rule.id,
                version: e.rule.version,
                pass: e.pass,
                firstPassDate: e.firstPassDate,
              })),
              failures: failuresOf(evaluations).map((f) => ({ ...f, incidentIds: [...f.incidentIds] })),
              policyProblems: [...(gate.policyProblems[phase] ?? [])],
              earliest:
                failing.length === 0
                  ? gate.asOf
                  : (failing
                      .map((e) => e.firstPassDate)
                      .sort()
                      .at(-1) ?? null),
            };
          });
          return {
            asOf: gate.asOf,
            phase: gate.phase,
            open: steps.length === 0 && gate.standings.every((s) => s.status === 'holding'),
            steps,
            sectors: gate.standings
              .filter((s) => s.status !== 'holding')
              .map((s) => ({ ...s, reasons: [...s.reasons] })),
            mandates,
            orders: orders.map((o) => ({
              id: o.id,
              status: checks.get(o.id)?.status ?? o.gate,
              blockers: (checks.get(o.id)?.blockers ?? []).map((b) => ({ ...b })),
            })),
            noSectors: gate.sectors.length === 0,
          };
        });
      },
    );
  };

/** Whether a phase name is valid, for callers outside the routes. */
export const isPhase = (value: string): value is Phase => (PHASES as readonly string[]).includes(value);
