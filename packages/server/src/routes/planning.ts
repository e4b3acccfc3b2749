/**
 * Planning: requirements (cell staff), the lead matrix, plan runs with their explanations, plan
 * history, diffs and the explicit adoption, and the "who does what where" exports (HXL CSV,
 * XLSX). Everything is computed from what the caller may see; row-level security has already
 * dropped the rest, so a NATIONAL offer of another nation never enters a plan or an export.
 */
import { formatReleasability, meetLabels, type Releasability } from '@guarantor/core/access';
import { indexCatalogue, ROLES, SHIPPED_CATALOGUE } from '@guarantor/core/coalition';
import {
  DEFAULT_PLAN_OPTIONS,
  diffPlans,
  type Plan,
  type PlanInput,
  planGreedy,
  planOptimal,
} from '@guarantor/core/planning';
import { isIso3 } from '@guarantor/core/reference';
import {
  adoptedPlan,
  adoptPlan,
  asReader,
  cellClaims,
  changeLeadClaimStatus,
  deleteRequirement,
  getLeadClaim,
  getPlan,
  holdBackCommitted,
  insertLeadClaim,
  insertPlan,
  insertRequirement,
  type LeadClaimRecord,
  listLeadClaims,
  listLeadRoles,
  listPlans,
  listRequirements,
  meetAll,
  nextRecordId,
  type PlanningActor,
  type PlanningWorld,
  type PlanRecord,
  type PlanSummary,
  planInputOf,
  type RequirementFields,
  type RequirementRecord,
  readPlanningWorld,
  resolveLeadConflict,
  updateRequirement,
  type VersionedWrite,
} from '@guarantor/db';
import ExcelJS from 'exceljs';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { type Principal, requireRole, requireUser } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { labelFromRequest } from './inputs.ts';
import { presentMatrix, WHO_WHAT_WHERE, whoWhatWhereRows } from './planning-matrix.ts';

const catalogue = indexCatalogue(SHIPPED_CATALOGUE);
const PHASES = ['ceasefire_agreed', 'ceasefire_holding', 'force_deploying', 'sustainment'] as const;

const RequirementView = z.object({
  id: z.string(),
  region: z.string(),
  regionName: z.string(),
  lineOfEffort: z.string(),
  lineOfEffortName: z.string(),
  capability: z.string(),
  capabilityName: z.string(),
  role: z.string(),
  quantity: z.number().int(),
  priority: z.number().int(),
  phase: z.string(),
  maxDaysToDeploy: z.number().int(),
  preferredNations: z.array(z.string()),
  description: z.string(),
  illustrative: z.boolean(),
  version: z.number().int(),
  releasability: z.string(),
});

function presentRequirement(r: RequirementRecord): z.infer<typeof RequirementView> {
  return {
    id: r.id,
    region: r.region,
    regionName: catalogue.region.get(r.region)?.name ?? r.region,
    lineOfEffort: r.lineOfEffort,
    lineOfEffortName: catalogue.lineOfEffort.get(r.lineOfEffort)?.name ?? r.lineOfEffort,
    capability: r.capability,
    capabilityName: catalogue.capability.get(r.capability)?.name ?? r.capability,
    role: r.role,
    quantity: r.quantity,
    priority: r.priority,
    phase: r.phase,
    maxDaysToDeploy: r.maxDaysToDeploy,
    preferredNations: [...(r.preferredNations ?? [])],
    description: r.description,
    illustrative: r.illustrative,
    version: r.version,
    releasability: r.releasability,
  };
}

const RequirementBody = z.strictObject({
  region: z.string().min(1).max(40),
  lineOfEffort: z.string().min(1).max(60),
  capability: z.string().min(1).max(60),
  role: z
    .enum(ROLES)
    .optional()
    .describe('defaults to the first role the capability and line of effort share'),
  quantity: z.number().int().positive('must be a whole number above zero').max(1_000_000),
  priority: z.number().int().min(1, 'must be 1 (most urgent) to 5').max(5, 'must be 1 (most urgent) to 5'),
  phase: z.enum(PHASES),
  maxDaysToDeploy: z.number().int().min(0, 'must be 0 or more').max(3650),
  preferredNations: z.array(z.string()).max(60).default([]),
  description: z.string().max(4000).default(''),
  releasability: z.string().max(400).optional().describe('defaults to COALITION'),
});

/** Catalogue checks zod cannot do; the error names the field. */
function requirementFields(body: z.infer<typeof RequirementBody>): RequirementFields {
  const bad = (field: string, message: string) =>
    new AppError('requirement.invalid', message, `body.${field}`);
  if (!catalogue.region.has(body.region))
    throw bad(
      'region',
      `unknown region '${body.region}'; use a code of the region catalogue (UA-14, POL, BLACK_SEA…)`,
    );
  const line = catalogue.lineOfEffort.get(body.lineOfEffort);
  if (!line)
    throw bad(
      'lineOfEffort',
      `unknown line of effort '${body.lineOfEffort}'; use one of ${[...catalogue.lineOfEffort.keys()].join(', ')}`,
    );
  const capability = catalogue.capability.get(body.capability);
  if (!capability)
    throw bad(
      'capability',
      `unknown capability '${body.capability}'; use one of ${[...catalogue.capability.keys()].join(', ')}`,
    );
  const role = body.role ?? capability.roles.find((r) => line.roles.includes(r)) ?? capability.roles[0]!;
  if (!capability.roles.includes(role))
    throw bad(
      'role',
      `a ${capability.name} cannot serve as ${role}; it serves ${capability.roles.join(', ')}`,
    );
  body.preferredNations.forEach((n, i) => {
    if (!isIso3(n)) throw bad(`preferredNations.${i}`, `'${n}' is not an ISO 3166-1 alpha-3 code`);
  });
  return {
    region: body.region,
    lineOfEffort: body.lineOfEffort,
    capability: body.capability,
    role,
    quantity: body.quantity,
    priority: body.priority as RequirementFields['priority'],
    phase: body.phase,
    maxDaysToDeploy: body.maxDaysToDeploy,
    preferredNations: body.preferredNations,
    description: body.description,
  };
}

function versioned<T>(result: VersionedWrite<T>, what: string, sent: number): T {
  if (result.ok) return result.value;
  if (result.reason === 'not_found') throw new AppError('not_found', `no ${what} that you may see`);
  throw new AppError(
    'conflict.changed',
    `${what} was changed by someone else: you sent version ${sent}, it is now at version ${(result.current as { version: number }).version}; reload it and apply your change again`,
    'body.version',
  );
}

const Reason = z.object({ kind: z.string(), message: z.string() });
const PlanSummaryView = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  status: z.string(),
  method: z.string(),
  coverage: z.number(),
  objective: z.number(),
  basedOn: z.string().nullable(),
  createdBy: z.string(),
  createdNation: z.string(),
  createdAt: z.string(),
  adoptedBy: z.string().nullable(),
  adoptedAt: z.string().nullable(),
  supersededAt: z.string().nullable(),
  releasability: z.string(),
});
const PlanView = PlanSummaryView.extend({
  metrics: z.record(z.string(), z.number()),
  allocations: z.array(z.object({ offerId: z.string(), requirementId: z.string(), quantity: z.number() })),
  leads: z.array(
    z.object({ region: z.string(), lineOfEffort: z.string(), nation: z.string(), share: z.number() }),
  ),
  shortfalls: z.array(
    z.object({
      requirementId: z.string(),
      required: z.number(),
      allocated: z.number(),
      summary: z.string(),
      candidates: z.array(z.object({ offerId: z.string(), nation: z.string(), reason: Reason })),
    }),
  ),
  claims: z.array(
    z.object({
      region: z.string(),
      lineOfEffort: z.string(),
      nation: z.string(),
      outcome: z.enum(['honoured', 'forbidden', 'short', 'outweighed', 'unrequired']),
      share: z.number(),
      message: z.string(),
    }),
  ),
  rejected: z.array(z.object({ kind: z.string(), id: z.string(), reason: z.string() })),
  notes: z.array(z.string()),
  ceiling: z
    .object({ leads: z.number(), claims: z.number() })
    .nullable()
    .describe(
      'for a time-limited plan, the most leads and honoured claims any plan could have (each cell taken alone); null otherwise',
    ),
  requirements: z.array(
    z.object({
      id: z.string(),
      region: z.string(),
      lineOfEffort: z.string(),
      capability: z.string(),
      quantity: z.number(),
      priority: z.number(),
    }),
  ),
  inputCounts: z.object({ offers: z.number(), requirements: z.number(), leadClaims: z.number() }),
  options: z.unknown(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function presentSummary(p: PlanSummary): z.infer<typeof PlanSummaryView> {
  return {
    ...p,
    createdAt: p.createdAt.toISOString(),
    adoptedAt: iso(p.adoptedAt),
    supersededAt: iso(p.supersededAt),
  };
}

function presentPlan(p: PlanRecord): z.infer<typeof PlanView> {
  const r = p.result;
  return {
    ...presentSummary(p),
    metrics: { ...r.metrics },
    allocations: [...r.allocations],
    leads: [...r.leads],
    shortfalls: r.shortfalls.map((s) => ({
      requirementId: s.requirementId,
      required: s.required,
      allocated: s.allocated,
      summary: s.summary,
      candidates: s.candidates.map((c) => ({
        offerId: c.offerId,
        nation: c.nation,
        reason: { kind: c.reason.kind, message: c.reason.message },
      })),
    })),
    // Plans stored before claims were explained have none.
    claims: [...(r.claims ?? [])],
    rejected: [...r.rejected],
    notes: [...r.notes],
    ceiling: r.ceiling ? { ...r.ceiling } : null,
    requirements: p.input.requirements.map(
      ({ id, region, lineOfEffort, capability, quantity, priority }) => ({
        id,
        region,
        lineOfEffort,
        capability,
        quantity,
        priority,
      }),
    ),
    inputCounts: {
      offers: p.input.offers.length,
      requirements: p.input.requirements.length,
      leadClaims: p.input.leadClaims.length,
    },
    options: p.options,
  };
}

const PlanRun = z.strictObject({
  title: z.string().max(200).default(''),
  method: z.enum(['optimal', 'greedy']).default('optimal'),
  timeLimitS: z
    .number()
    .min(0.1)
    .max(60)
    .default(5)
    .describe('wall-clock limit of each HiGHS stage; a limited stage returns the best plan found'),
  mipRelGap: z.number().min(0).max(1).default(DEFAULT_PLAN_OPTIONS.mipRelGap),
  basedOn: z.string().max(40).optional().describe('the plan this one is meant to replace (for the diff)'),
  releasability: z
    .string()
    .max(400)
    .optional()
    .describe('the audience: only inputs releasable to it are planned, and the plan carries it'),
});

/** True when `label` admits every reader `audience` admits. */
const covers = (label: Releasability, audience: Releasability) =>
  formatReleasability(meetLabels(label, audience)) === formatReleasability(audience);

/** Runs a solver and never throws: a crash becomes the greedy plan, marked `heuristic`. */
async function runPlan(input: PlanInput, body: z.infer<typeof PlanRun>): Promise<Plan> {
  // The planner reads no clock of its own: the wall times in its notes and the time left for
  // stage 2's MIP after steering come from this one.
  const options = { timeLimitS: body.timeLimitS, mipRelGap: body.mipRelGap, clock: () => performance.now() };
  if (body.method === 'greedy') return planGreedy(input, options);
  try {
    return await planOptimal(input, options);
  } catch (error) {
    const greedy = planGreedy(input, options);
    return {
      ...greedy,
      status: 'heuristic',
      notes: [...greedy.notes, `the solver failed (${(error as Error).message}); the greedy plan stands in`],
    };
  }
}

/** Restricts the world to what `audience` may read; the left-out ids are returned too. */
function forAudience(world: PlanningWorld, audience: Releasability | undefined) {
  if (!audience) return { world, left: [] as string[] };
  const keep = (key: string) => covers(world.labels.get(key)!, audience);
  const s = world.snapshot;
  const offers = s.offers.filter((o) => keep(`offer:${o.id}`));
  const requirements = s.requirements.filter((r) => keep(`requirement:${r.id}`));
  const left = [
    ...s.offers.filter((o) => !offers.includes(o)).map((o) => `offer ${o.id}`),
    ...s.requirements.filter((r) => !requirements.includes(r)).map((r) => `requirement ${r.id}`),
  ];
  return { world: { ...world, snapshot: { ...s, offers, requirements } }, left };
}

const LEAD_CLAIM_STATUSES = ['active', 'declined', 'withdrawn'] as const;

const MatrixView = z.object({
  basis: z.object({ planId: z.string(), status: z.string(), adopted: z.boolean() }).nullable(),
  regions: z.array(z.object({ code: z.string(), name: z.string(), kind: z.string() })),
  linesOfEffort: z.array(z.object({ id: z.string(), name: z.string() })),
  cells: z.array(
    z.object({
      region: z.string(),
      regionName: z.string(),
      lineOfEffort: z.string(),
      lineOfEffortName: z.string(),
      state: z.string(),
      claims: z.array(
        z.object({
          nation: z.string(),
          leadRoleId: z.string(),
          note: z.string().nullable(),
          contributors: z.array(z.string()),
          status: z
            .enum(LEAD_CLAIM_STATUSES)
            .describe('only active claims count; declined and withdrawn ones are kept for the record'),
          statusBy: z.string().nullable(),
          statusAt: z.string().nullable(),
          statusNote: z.string().nullable(),
        }),
      ),
      plannedLead: z.string().nullable(),
      contributors: z.array(z.object({ nation: z.string(), units: z.number() })),
      requirements: z.array(
        z.object({
          id: z.string(),
          capability: z.string(),
          quantity: z.number(),
          allocated: z.number(),
          priority: z.number(),
        }),
      ),
      offers: z.array(
        z.object({
          offerId: z.string(),
          nation: z.string(),
          capability: z.string(),
          requirementId: z.string(),
          allocated: z.number(),
          refusal: z.string().nullable(),
        }),
      ),
      flags: z.array(
        z.object({
          kind: z.string(),
          nation: z
            .string()
            .optional()
            .describe('the nation a lead_forbidden or lead_contributes_nothing flag is about'),
          message: z.string(),
        }),
      ),
      releasability: z.string(),
    }),
  ),
  flags: z.array(
    z.object({ kind: z.string(), region: z.string(), lineOfEffort: z.string(), message: z.string() }),
  ),
});

const MatrixQuery = z.strictObject({
  plan: z.string().max(40).optional().describe('a plan id; default: the adopted plan in force, if any'),
});

const LeadClaimView = z.object({
  id: z.string(),
  region: z.string(),
  regionName: z.string(),
  lineOfEffort: z.string(),
  lineOfEffortName: z.string(),
  nation: z.string(),
  note: z.string().nullable(),
  status: z
    .enum(LEAD_CLAIM_STATUSES)
    .describe('only active claims count; declined and withdrawn ones are kept for the record'),
  statusBy: z.string().nullable().describe('who last set the status: the resolver, or the liaison'),
  statusAt: z.string().nullable(),
  statusNote: z.string().nullable().describe('for a declined claim: the nation chosen and the reason'),
  releasability: z.string(),
});

function presentClaim(c: LeadClaimRecord): z.infer<typeof LeadClaimView> {
  return {
    id: c.id,
    region: c.region,
    regionName: catalogue.region.get(c.region)?.name ?? c.region,
    lineOfEffort: c.lineOfEffort,
    lineOfEffortName: catalogue.lineOfEffort.get(c.lineOfEffort)?.name ?? c.lineOfEffort,
    nation: c.nation,
    note: c.note,
    status: c.status,
    statusBy: c.statusBy,
    statusAt: iso(c.statusAt),
    statusNote: c.statusNote,
    releasability: c.releasability,
  };
}

const LeadClaimBody = z.strictObject({
  region: z.string().min(1).max(40),
  lineOfEffort: z.string().min(1).max(60),
  note: z.string().max(1000).optional(),
  releasability: z.string().max(400).optional().describe('defaults to COALITION'),
});

/** Refuses a cell outside the catalogue, naming the field. */
function cellOrThrow(region: string, lineOfEffort: string): void {
  if (!catalogue.region.has(region))
    throw new AppError(
      'lead_claim.invalid',
      `unknown region '${region}'; use a code of the region catalogue`,
      'body.region',
    );
  if (!catalogue.lineOfEffort.has(lineOfEffort))
    throw new AppError(
      'lead_claim.invalid',
      `unknown line of effort '${lineOfEffort}'; use one of ${[...catalogue.lineOfEffort.keys()].join(', ')}`,
      'body.lineOfEffort',
    );
}

export const planningRoutes =
  ({ database, clock }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const actor = (p: Principal): PlanningActor => ({
      username: p.user.username,
      nation: p.user.nation,
      at: clock.now(),
    });

    r.get(
      '/api/requirements',
      {
        schema: {
          tags: ['planning'],
          summary: 'Requirements releasable to you (CJSOR-like lines), by region and line of effort',
          response: { 200: z.object({ requirements: z.array(RequirementView) }) },
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
            `requirement ${id}`,
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
            `requirement ${id}`,
            request.query.version,
          ),
        );
        return reply.status(204).send(null);
      },
    );

    /** The matrix as the caller sees it, over the asked plan or the adopted one. */
    const matrixFor = async (request: FastifyRequest, planId: string | undefined) => {
      const { reader } = requireUser(request);
      const found = await asReader(database.db, reader, async (trx) => {
        const plan = planId ? await getPlan(trx, planId) : await adoptedPlan(trx);
        if (planId && !plan) return undefined;
        const world = await readPlanningWorld(trx, clock.now().getTime());
        // Every kept claim is shown; only the active ones are claims (readPlanningWorld's).
        return { world, leadRoles: await listLeadRoles(trx, { status: 'any' }), plan };
      });
      if (!found) throw new AppError('not_found', `no plan ${planId} that you may see`, 'query.plan');
      return presentMatrix(found.world, found.leadRoles, found.plan);
    };

    r.get(
      '/api/lead-matrix',
      {
        schema: {
          tags: ['planning'],
          summary: 'Region × line of effort: claims, planned leads, contributors, gaps and conflicts',
          querystring: MatrixQuery,
          response: { 200: MatrixView },
        },
      },
      async (request) => {
        const m = await matrixFor(request, request.query.plan);
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
        const workbook = new ExcelJS.Workbook();
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
        flags.addRow(['Kind', 'Area code', 'Line of effort', 'Message']).font = { bold: true };
        for (const f of m.flags) flags.addRow([f.kind, f.region, f.lineOfEffort, f.message]);
        const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="who-does-what-where.xlsx"');
        return reply.send(buffer);
      },
    );

    r.post(
      '/api/plans',
      {
        schema: {
          tags: ['planning'],
          summary:
            'Computes a plan from what you may see and stores it (not adopted); returns it with explanations',
          body: PlanRun,
          response: { 201: PlanView },
        },
      },
      async (request, reply) => {
        const principal = requireRole(request, 'analyst', 'cell_staff');
        const body = request.body;
        const audience = body.releasability
          ? labelFromRequest(body.releasability, 'body.releasability')
          : undefined;
        const at = clock.now();
        const read = await asReader(database.db, principal.reader, async (trx) => {
          if (body.basedOn && !(await getPlan(trx, body.basedOn)))
            throw new AppError('not_found', `no plan ${body.basedOn} that you may see`, 'body.basedOn');
          return readPlanningWorld(trx, at.getTime());
        });
        const { world, left } = forAudience(read, audience);
        // Offers whose units are all committed stay in the label: the notes name them.
        const labels = [
          ...world.snapshot.offers.map((o) => world.labels.get(`offer:${o.id}`)!),
          ...world.snapshot.requirements.map((x) => world.labels.get(`requirement:${x.id}`)!),
        ];
        const label = audience ?? meetAll(labels);
        // Units committed by issued deployment orders are not there to plan again.
        const held = holdBackCommitted(
          world.snapshot,
          world.commitments,
          (c) => covers(c.label, label),
          world.unseenCommitments,
        );
        const result = await runPlan(planInputOf(held.snapshot), body);
        const notes = [
          ...(left.length > 0
            ? [`not releasable to ${formatReleasability(label)}, left out: ${left.join(', ')}`]
            : []),
          ...held.notes,
        ];
        const stored = await asReader(database.db, principal.reader, async (trx) => {
          const summary = await insertPlan(
            trx,
            {
              title: body.title,
              method: body.method,
              options: {
                timeLimitS: body.timeLimitS,
                mipRelGap: body.mipRelGap,
                audience: audience ? formatReleasability(audience) : null,
              },
              input: held.snapshot,
              result: { ...result, notes: [...result.notes, ...notes] },
              basedOn: body.basedOn ?? null,
              label,
            },
            actor(principal),
          );
          return (await getPlan(trx, summary.id))!;
        });
        request.log.info(
          { plan: stored.id, status: stored.status, coverage: stored.coverage },
          'plan computed',
        );
        return reply.status(201).send(presentPlan(stored));
      },
    );

    r.get(
      '/api/plans',
      {
        schema: {
          tags: ['planning'],
          summary: 'Stored plans releasable to you, newest first',
          response: { 200: z.object({ plans: z.array(PlanSummaryView) }) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const plans = await asReader(database.db, reader, (trx) => listPlans(trx));
        return { plans: plans.map(presentSummary) };
      },
    );

    r.get(
      '/api/plans/:id',
      {
        schema: {
          tags: ['planning'],
          summary: 'One plan: allocations, leads, figures, and why each unmet requirement is unmet',
          params: z.object({ id: z.string().max(40) }),
          response: { 200: PlanView },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const plan = await asReader(database.db, reader, (trx) => getPlan(trx, request.params.id));
        if (!plan) throw new AppError('not_found', `no plan ${request.params.id} that you may see`);
        return presentPlan(plan);
      },
    );

    r.get(
      '/api/plans/:id/diff',
      {
        schema: {
          tags: ['planning'],
          summary:
            'What changes from plan `against` (default: the plan it is based on, else the adopted one) to this plan',
          params: z.object({ id: z.string().max(40) }),
          querystring: z.strictObject({ against: z.string().max(40).optional() }),
          response: {
            200: z.object({
              before: z.string(),
              after: z.string(),
              summary: z.array(z.string()),
              allocations: z.array(
                z.object({
                  offerId: z.string(),
                  requirementId: z.string(),
                  before: z.number(),
                  after: z.number(),
                }),
              ),
              requirements: z.array(
                z.object({ requirementId: z.string(), before: z.number(), after: z.number() }),
              ),
              leads: z.array(
                z.object({
                  region: z.string(),
                  lineOfEffort: z.string(),
                  before: z.string().nullable(),
                  after: z.string().nullable(),
                }),
              ),
              metrics: z.record(z.string(), z.object({ before: z.number(), after: z.number() })),
            }),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const { id } = request.params;
        const pair = await asReader(database.db, reader, async (trx) => {
          const after = await getPlan(trx, id);
          if (!after) throw new AppError('not_found', `no plan ${id} that you may see`, 'params.id');
          const againstId = request.query.against ?? after.basedOn ?? (await adoptedPlan(trx))?.id;
          if (!againstId || againstId === id)
            throw new AppError(
              'request.invalid',
              `plan ${id} has no plan to compare with; name one with ?against=PLAN-<n>`,
              'query.against',
            );
          const before = await getPlan(trx, againstId);
          if (!before)
            throw new AppError('not_found', `no plan ${againstId} that you may see`, 'query.against');
          return { before, after };
        });
        const d = diffPlans(pair.before.result, pair.after.result);
        return {
          before: pair.before.id,
          after: pair.after.id,
          summary: [...d.summary],
          allocations: [...d.allocations],
          requirements: [...d.requirements],
          leads: [...d.leads],
          metrics: { ...d.metrics },
        };
      },
    );

    r.post(
      '/api/plans/:id/adopt',
      {
        schema: {
          tags: ['planning'],
          summary:
            'Cell staff adopt a plan: the explicit step that puts it in force (audited); earlier adopted plans are superseded',
          params: z.object({ id: z.string().max(40) }),
          response: { 200: z.object({ plan: PlanSummaryView, superseded: z.array(z.string()) }) },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'cell_staff');
        const { id } = request.params;
        const result = await asReader(database.db, principal.reader, (trx) =>
          adoptPlan(trx, id, actor(principal)),
        );
        if (!result.ok) {
          if (result.reason === 'not_found')
            throw new AppError('not_found', `no plan ${id} that you may see`);
          throw new AppError(
            'plan.not_adoptable',
            result.reason === 'already_adopted'
              ? `plan ${id} is already adopted`
              : `plan ${id} was superseded by a later adoption; run a new plan instead`,
            'params.id',
          );
        }
        return { plan: presentSummary(result.plan), superseded: [...result.superseded] };
      },
    );

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
          response: { 200: z.object({ claims: z.array(LeadClaimView) }) },
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
            throw new AppError(
              'conflict.exists',
              `${nation} already claims the lead of ${region} / ${lineOfEffort}; withdraw that claim to change it`,
            );
          if (mine)
            throw new AppError(
              'conflict.exists',
              `${nation}'s claim to lead ${region} / ${lineOfEffort} is kept as ${mine.status}; re-assert it with POST /api/lead-claims/${mine.id}/reassert`,
            );
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
      if (!claim) throw new AppError('not_found', `no lead claim ${id} that you may see`, 'params.id');
      if (claim.nation !== principal.user.nation)
        throw new AppError(
          'auth.forbidden',
          `lead claim ${id} is ${claim.nation}'s; a liaison withdraws or re-asserts only their own nation's claims`,
        );
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
            throw new AppError(
              'conflict.exists',
              `lead claim ${id} was withdrawn already; re-assert it with POST /api/lead-claims/${id}/reassert`,
            );
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
            throw new AppError(
              'conflict.exists',
              `lead claim ${id} is active; there is nothing to re-assert`,
            );
          return changeLeadClaimStatus(trx, mine, 'active', request.body?.note ?? null, actor(principal));
        });
        return presentClaim(claim);
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
          response: { 200: z.object({ chosen: LeadClaimView, declined: z.array(LeadClaimView) }) },
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
              `${nation} does not claim ${region} / ${lineOfEffort}; choose one of ${claims.map((c) => c.nation).join(', ') || 'its claimants (there are none)'}`,
              'body.nation',
            );
          const others = claims.filter((c) => c !== chosen);
          if (others.length === 0)
            throw new AppError(
              'lead_claim.not_in_conflict',
              `${region} / ${lineOfEffort} has one claimant (${nation}); there is no conflict to resolve`,
            );
          return resolveLeadConflict(trx, chosen, others, reason, actor(principal));
        });
        return { chosen: presentClaim(result.chosen), declined: result.declined.map(presentClaim) };
      },
    );
  };

function csvCell(value: unknown): string {
  const text = String(value ?? '');
  // A leading = + - @ would run as a formula in a spreadsheet; HXL tags start with # and are safe.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
