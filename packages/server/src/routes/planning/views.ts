/** The planning routes' zod schemas, presenters and helpers, shared by the files of this folder. */

import { formatReleasability, meetLabels, type Releasability } from '@guarantor/core/access';
import type * as Api from '@guarantor/core/api';
import { CAPABILITIES, indexCatalogue, ROLES, SHIPPED_CATALOGUE } from '@guarantor/core/coalition';
import type { Refusal } from '@guarantor/core/i18n/refusals';
import { type Phrasing, phrasing } from '@guarantor/core/i18n/words';
import { offerInWords, refusalInWords } from '@guarantor/core/lead-matrix';
import {
  claimInWords,
  DEFAULT_PLAN_OPTIONS,
  type Plan,
  type PlanInput,
  planGreedy,
  planOptimal,
  refusal as refusalOf,
  requirementLabel,
  shortfallInWords,
} from '@guarantor/core/planning';
import { isIso3 } from '@guarantor/core/reference';
import type {
  LeadClaimRecord,
  PlanInputSnapshot,
  PlanningWorld,
  PlanOutline,
  PlanRequirementPart,
  PlanSummary,
  RequirementFields,
  RequirementRecord,
  VersionedWrite,
} from '@guarantor/db';
import { planInputOf } from '@guarantor/db';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { CELL_STATES, cellNames } from '../../planning/lead-matrix.ts';
import { matches } from '../contract.ts';
import { documentedAs, PlanOptionsShape } from '../documented.ts';

export const catalogue = indexCatalogue(SHIPPED_CATALOGUE);
export const PHASES = ['ceasefire_agreed', 'ceasefire_holding', 'force_deploying', 'sustainment'] as const;

/** A cell's region and line of effort with their catalogue names (`cellNames`). */
const CellNamesShape = {
  region: z.string(),
  regionName: z.string(),
  lineOfEffort: z.string(),
  lineOfEffortName: z.string(),
};

export const RequirementView = matches<Api.Requirement>()(
  z.object({
    id: z.string(),
    ...CellNamesShape,
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
  }),
);

export function presentRequirement(r: RequirementRecord): Api.Requirement {
  return {
    id: r.id,
    ...cellNames(r),
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

export const RequirementBody = z.strictObject({
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
export function requirementFields(body: z.infer<typeof RequirementBody>): RequirementFields {
  const bad = (field: string, refusal: Refusal) =>
    new AppError('requirement.invalid', refusal, `body.${field}`);
  if (!catalogue.region.has(body.region))
    throw bad('region', { key: 'requirements.unknownRegion', params: { region: body.region } });
  const line = catalogue.lineOfEffort.get(body.lineOfEffort);
  if (!line)
    throw bad('lineOfEffort', {
      key: 'planning.unknownLineOfEffort',
      params: { lineOfEffort: body.lineOfEffort, choices: [...catalogue.lineOfEffort.keys()].join(', ') },
    });
  const capability = catalogue.capability.get(body.capability);
  if (!capability)
    throw bad('capability', {
      key: 'requirements.unknownCapability',
      params: { capability: body.capability, choices: [...catalogue.capability.keys()].join(', ') },
    });
  const role = body.role ?? capability.roles.find((r) => line.roles.includes(r)) ?? capability.roles[0]!;
  if (!capability.roles.includes(role))
    throw bad('role', {
      key: 'requirements.roleMismatch',
      params: { capability: capability.name, role, roles: capability.roles.join(', ') },
    });
  body.preferredNations.forEach((n, i) => {
    if (!isIso3(n))
      throw bad(`preferredNations.${i}`, { key: 'requirements.notIso3', params: { nation: n } });
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

export function versioned<T>(result: VersionedWrite<T>, what: Refusal, sent: number): T {
  if (result.ok) return result.value;
  if (result.reason === 'not_found')
    throw new AppError('not_found', { key: 'planning.notFound', params: { what: { refusal: what } } });
  throw new AppError(
    'conflict.changed',
    {
      key: 'common.changedBySomeoneElse',
      params: { what: { refusal: what }, sent, current: (result.current as { version: number }).version },
    },
    'body.version',
  );
}

export const Reason = z.object({ kind: z.string(), message: z.string() });
export const PlanSummaryView = matches<Api.PlanSummary>()(
  z.object({
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
  }),
);
export const PlanView = matches<Api.Plan>()(
  PlanSummaryView.extend({
    metrics: z.record(z.string(), z.number()),
    unitTotals: z.array(z.object({ unit: z.string(), required: z.number(), allocated: z.number() })),
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
        candidateCount: z
          .number()
          .int()
          .describe(
            'how many offers the explanation names; read them from /api/plans/{id}/requirements/{requirementId}/explanation',
          ),
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
    options: documentedAs(z.unknown(), PlanOptionsShape),
  }),
);

const CandidateView = z.object({
  offerId: z.string(),
  nation: z.string(),
  reason: Reason.extend({
    words: z.string().describe('the reason in names, for a reader (caveats by region and role name)'),
  }),
});

export const PlanExplanationView = matches<Api.PlanExplanation>()(
  z.object({
    planId: z.string(),
    requirementId: z.string(),
    required: z.number(),
    allocated: z.number(),
    met: z.boolean().describe('true when the plan meets the requirement in full: no offer is explained'),
    summary: z.string(),
    candidates: z.array(CandidateView),
  }),
);

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentSummary(p: PlanSummary): Api.PlanSummary {
  return {
    ...p,
    createdAt: p.createdAt.toISOString(),
    adoptedAt: iso(p.adoptedAt),
    supersededAt: iso(p.supersededAt),
  };
}

/** Required and allocated per kind of unit, in the catalogue's order of capabilities. */
function unitTotals(p: PlanOutline): Api.Plan['unitTotals'] {
  const unitOf = (capability: string) => CAPABILITIES.find((c) => c.id === capability)?.unit ?? capability;
  const requirement = new Map(p.input.requirements.map((r) => [r.id, r]));
  const totals = new Map<string, { unit: string; required: number; allocated: number }>();
  const at = (unit: string) => {
    const t = totals.get(unit) ?? { unit, required: 0, allocated: 0 };
    totals.set(unit, t);
    return t;
  };
  for (const r of p.input.requirements) at(unitOf(r.capability)).required += r.quantity;
  for (const a of p.result.allocations) {
    const r = requirement.get(a.requirementId);
    if (r) at(unitOf(r.capability)).allocated += a.quantity;
  }
  return [...totals.values()];
}

/** "Monitoring team in Kyiv (R-02)", in the reader's language. */
function requirementNamer(input: PlanInputSnapshot, ph: Phrasing) {
  const requirements = new Map(input.requirements.map((q) => [q.id, q]));
  return (id: string) => {
    const q = requirements.get(id);
    return q ? requirementLabel(q, ph) : id;
  };
}

/** One requirement's explanation, offer by offer, with each reason in names. */
export function presentExplanation(
  part: PlanRequirementPart,
  requirementId: string,
  ph: Phrasing = phrasing(),
): Api.PlanExplanation {
  const requirement = part.input.requirements.find((q) => q.id === requirementId)!;
  const offers = new Map(part.input.offers.map((o) => [o.id, o]));
  const name = requirementNamer(part.input, ph);
  // English readers get the summary the plan stored; other languages, the same from its data.
  const english = ph.language === 'en';
  const s = part.shortfall;
  if (!s)
    return {
      planId: part.plan.id,
      requirementId,
      required: requirement.quantity,
      allocated: part.allocations.reduce((n, a) => n + a.quantity, 0),
      met: true,
      summary: english ? 'met in full' : shortfallInWords(requirement, 0, null, ph),
      candidates: [],
    };
  return {
    planId: part.plan.id,
    requirementId,
    required: s.required,
    allocated: s.allocated,
    met: false,
    summary: english ? s.summary : shortfallInWords(requirement, s.allocated, s.candidates, ph),
    candidates: s.candidates.map((c) => {
      const offer = offers.get(c.offerId);
      return {
        offerId: c.offerId,
        nation: c.nation,
        reason: {
          kind: c.reason.kind,
          message: c.reason.message,
          words: offer
            ? refusalInWords(c.reason, offer, requirement, { requirement: name, phrasing: ph })
            : c.reason.message,
        },
      };
    }),
  };
}

export function presentPlan(
  p: PlanOutline,
  /** The reader's language for the claims' sentences; English (as stored) when not given. */
  ph: Phrasing = phrasing(),
): Api.Plan {
  const r = p.result;
  return {
    ...presentSummary(p),
    metrics: { ...r.metrics },
    unitTotals: unitTotals(p),
    allocations: [...r.allocations],
    leads: [...r.leads],
    shortfalls: r.shortfalls.map((s) => ({
      requirementId: s.requirementId,
      required: s.required,
      allocated: s.allocated,
      summary: s.summary,
      candidateCount: s.candidateCount,
    })),
    // Plans stored before claims were explained have none.
    claims: (r.claims ?? []).map(({ because: _because, ...c }) => ({
      ...c,
      message: claimInWords({ ...c, because: _because }, ph, { refusal: refusalNamer(p.input, ph) }),
    })),
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

export const PlanRun = z.strictObject({
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
export const covers = (label: Releasability, audience: Releasability) =>
  formatReleasability(meetLabels(label, audience)) === formatReleasability(audience);

/** Runs a solver and never throws: a crash becomes the greedy plan, marked `heuristic`. */
export async function runPlan(input: PlanInput, body: z.infer<typeof PlanRun>): Promise<Plan> {
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
export function forAudience(world: PlanningWorld, audience: Releasability | undefined) {
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

export const LEAD_CLAIM_STATUSES = ['active', 'declined', 'withdrawn'] as const;

export const MatrixView = matches<Api.LeadMatrix>()(
  z.object({
    basis: z.object({ planId: z.string(), status: z.string(), adopted: z.boolean() }).nullable(),
    regions: z.array(z.object({ code: z.string(), name: z.string(), kind: z.string() })),
    linesOfEffort: z.array(z.object({ id: z.string(), name: z.string() })),
    cells: z.array(
      z.object({
        ...CellNamesShape,
        state: z.enum(CELL_STATES),
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
            offerTitle: z
              .string()
              .describe('what the offer is, how much and whose: "Monitoring team, 4 teams (Norway)"'),
            nation: z.string(),
            capability: z.string(),
            requirementId: z.string(),
            allocated: z.number(),
            refusal: z.string().nullable(),
            refusalWords: z.string().nullable().describe('the refusal in names, for a reader'),
          }),
        ),
        flags: z.array(
          z.object({
            kind: z.string(),
            nation: z
              .string()
              .optional()
              .describe('the nation a lead_forbidden or lead_contributes_nothing flag is about'),
            message: z.string().describe("the engine's sentence, in codes"),
            words: z.string().describe('the flag as a sentence in names, for a reader'),
          }),
        ),
        releasability: z.string(),
      }),
    ),
    flags: z.array(
      z.object({
        kind: z.string(),
        region: z.string(),
        lineOfEffort: z.string(),
        message: z.string(),
        words: z.string(),
      }),
    ),
  }),
);

export const MatrixQuery = z.strictObject({
  plan: z.string().max(40).optional().describe('a plan id; default: the adopted plan in force, if any'),
});

export const LeadClaimView = matches<Api.LeadClaim>()(
  z.object({
    id: z.string(),
    ...CellNamesShape,
    nation: z.string(),
    note: z.string().nullable(),
    status: z
      .enum(LEAD_CLAIM_STATUSES)
      .describe('only active claims count; declined and withdrawn ones are kept for the record'),
    statusBy: z.string().nullable().describe('who last set the status: the resolver, or the liaison'),
    statusAt: z.string().nullable(),
    statusNote: z.string().nullable().describe('for a declined claim: the nation chosen and the reason'),
    releasability: z.string(),
  }),
);

export function presentClaim(c: LeadClaimRecord): Api.LeadClaim {
  return {
    id: c.id,
    ...cellNames(c),
    nation: c.nation,
    note: c.note,
    status: c.status,
    statusBy: c.statusBy,
    statusAt: iso(c.statusAt),
    statusNote: c.statusNote,
    releasability: c.releasability,
  };
}

export const LeadClaimBody = z.strictObject({
  region: z.string().min(1).max(40),
  lineOfEffort: z.string().min(1).max(60),
  note: z.string().max(1000).optional(),
  releasability: z.string().max(400).optional().describe('defaults to COALITION'),
});

/** Refuses a cell outside the catalogue, naming the field. */
export function cellOrThrow(region: string, lineOfEffort: string): void {
  if (!catalogue.region.has(region))
    throw new AppError(
      'lead_claim.invalid',
      { key: 'planning.unknownRegion', params: { region } },
      'body.region',
    );
  if (!catalogue.lineOfEffort.has(lineOfEffort))
    throw new AppError(
      'lead_claim.invalid',
      {
        key: 'planning.unknownLineOfEffort',
        params: { lineOfEffort, choices: [...catalogue.lineOfEffort.keys()].join(', ') },
      },
      'body.lineOfEffort',
    );
}

export { csvCell } from '../../exports/table.ts';

/** An offer's refusal for a requirement, said in the reader's language from the plan's input. */
function refusalNamer(input: PlanInputSnapshot, ph: Phrasing) {
  let plan: PlanInput | undefined;
  return (offerId: string, requirementId: string) => {
    const o = input.offers.find((x) => x.id === offerId);
    const r = input.requirements.find((x) => x.id === requirementId);
    if (!o || !r) return undefined;
    plan ??= planInputOf(input);
    const why = refusalOf(o, r, plan);
    return why
      ? ph.say('claim.offerRefusal', {
          offer: offerInWords(o, SHIPPED_CATALOGUE, ph),
          why: refusalInWords(why, o, r, { phrasing: ph }),
        })
      : undefined;
  };
}
