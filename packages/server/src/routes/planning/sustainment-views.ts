/** Sustainment's zod schemas and presenters: rotations, timelines and multi-period plans in words. */
import type * as Api from '@guarantor/core/api';
import { SHIPPED_CATALOGUE } from '@guarantor/core/coalition';
import { type Phrasing, phrasing } from '@guarantor/core/i18n/words';
import { offerInWords } from '@guarantor/core/lead-matrix';
import {
  cliffInWords,
  monthNumber,
  type OfferRotation,
  offerRotation,
  type Requirement,
  type RequirementTimeline,
  requirementLabel,
  type SustainmentError,
  spanInWords,
  sustainmentReasonInWords,
  validateRotation,
  validateTimeline,
} from '@guarantor/core/planning';
import { nationName } from '@guarantor/core/reference';
import {
  type OfferRecord,
  offerToCore,
  type RequirementRecord,
  type RotationRecord,
  type SustainmentPlanRecord,
  type SustainmentPlanSummary,
  type SustainmentRequirementPart,
  type TimelineRecord,
} from '@guarantor/db';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { matches } from '../contract.ts';
import { encodeCursor } from '../cursor.ts';
import { catalogue } from './views.ts';

const Month = z.string().max(7);

/** A rotation as a liaison writes it; values are checked by core (`validateRotation`). */
export const RotationBody = z.strictObject({
  version: z.number().int().min(0),
  availableFrom: Month,
  monthsDeployed: z.number(),
  monthsRecovering: z.number(),
  rotationalUnits: z.number(),
  mandateEnds: z.string().max(10).nullable(),
  renewalExpected: z.boolean(),
  maxMonths: z.number().nullable(),
});

/** A timeline as cell staff write it; checked by core (`validateTimeline`). */
export const TimelineBody = z.strictObject({
  version: z.number().int().min(0),
  start: Month,
  end: Month.nullable(),
  sizeChanges: z.array(z.strictObject({ from: Month, to: Month.nullable(), quantity: z.number() })).max(60),
});

/** The first core error as the API's 400, naming the body field. */
export function refuse(errors: readonly SustainmentError[]): void {
  const e = errors[0];
  if (e) throw new AppError(e.code, e.refusal, `body.${e.field}`);
}

export function rotationOf(body: z.infer<typeof RotationBody>): OfferRotation {
  const { version: _v, ...rotation } = body;
  refuse(validateRotation(rotation));
  return rotation;
}

export function timelineOf(body: z.infer<typeof TimelineBody>): RequirementTimeline {
  const { version: _v, ...timeline } = body;
  refuse(validateTimeline(timeline));
  return timeline;
}

export const RotationView = matches<Api.SustainmentRotation>()(
  z.object({
    offerId: z.string(),
    offerName: z.string(),
    nation: z.string(),
    nationName: z.string(),
    availableFrom: z.string(),
    monthsDeployed: z.number(),
    monthsRecovering: z.number(),
    rotationalUnits: z.number(),
    mandateEnds: z.string().nullable(),
    renewalExpected: z.boolean(),
    maxMonths: z.number().nullable(),
    version: z.number().int(),
    releasability: z.string(),
  }),
);

export const TimelineView = matches<Api.SustainmentTimeline>()(
  z.object({
    requirementId: z.string(),
    requirementName: z.string(),
    quantity: z.number().int(),
    start: z.string(),
    end: z.string().nullable(),
    sizeChanges: z.array(z.object({ from: z.string(), to: z.string().nullable(), quantity: z.number() })),
    version: z.number().int(),
    releasability: z.string(),
  }),
);

const nation = (iso3: string) => nationName(iso3) ?? iso3;

/** "Monitoring team in Donetsk Oblast (R-01)"; in another language, as that language names it. */
export function requirementName(r: Pick<Requirement, 'id' | 'capability' | 'region'>, ph?: Phrasing): string {
  if (ph && ph.language !== 'en') return requirementLabel(r, ph);
  const what = catalogue.capability.get(r.capability)?.name ?? r.capability.replaceAll('_', ' ');
  const where = catalogue.region.get(r.region)?.name ?? r.region;
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} in ${where} (${r.id})`;
}

/** An offer's stored rotation, or (version 0) what the planner assumes without one. */
export function presentRotation(
  o: OfferRecord,
  stored: RotationRecord | undefined,
  firstMonth: string,
  ph?: Phrasing,
): Api.SustainmentRotation {
  return {
    offerId: o.id,
    offerName: offerInWords(offerToCore(o), SHIPPED_CATALOGUE, ph),
    nation: o.nation,
    nationName: ph ? ph.nation(o.nation) : nation(o.nation),
    availableFrom: stored?.availableFrom ?? firstMonth,
    monthsDeployed: stored?.monthsDeployed ?? Math.max(1, Math.round(offerToCore(o).durationDays / 30.4375)),
    monthsRecovering: stored?.monthsRecovering ?? 1200,
    rotationalUnits: stored?.rotationalUnits ?? 0,
    mandateEnds: stored?.mandateEnds ?? null,
    renewalExpected: stored?.renewalExpected ?? false,
    maxMonths: stored?.maxMonths ?? null,
    version: stored?.version ?? 0,
    releasability: o.releasability,
  };
}

/** A requirement's stored timeline, or (version 0) every month from `firstMonth`. */
export function presentTimeline(
  r: RequirementRecord,
  stored: TimelineRecord | undefined,
  firstMonth: string,
  ph?: Phrasing,
): Api.SustainmentTimeline {
  return {
    requirementId: r.id,
    requirementName: requirementName(r, ph),
    quantity: r.quantity,
    start: stored?.start ?? firstMonth,
    end: stored?.end ?? null,
    sizeChanges: (stored?.sizeChanges ?? []).map((c) => ({ ...c })),
    version: stored?.version ?? 0,
    releasability: r.releasability,
  };
}

/** A plan's run: horizon, overlap, renewals and the time limit, each with a default. */
export const SustainmentRun = z.strictObject({
  title: z.string().max(200).default(''),
  method: z.enum(['optimal', 'greedy']).default('optimal'),
  horizonStart: Month.optional(),
  horizonMonths: z.number().int().min(1).max(60).default(36),
  overlapDays: z.number().int().min(0).max(60).default(14),
  assumeRenewal: z.boolean().default(true),
  timeLimitS: z.number().min(0.1).max(60).default(10),
  /** Plan only from records releasable to this audience, and label the plan so (as `POST /api/plans`). */
  releasability: z.string().max(200).optional(),
});

const STATUS_TEXT: Record<Api.SustainmentPlanSummary['status'], string> = {
  optimal: 'Proven best (within the gap)',
  time_limited: 'Best found before the time limit, not proven best',
  heuristic: 'Solver failed: the rolling-horizon plan stands in',
  greedy: 'Rolling-horizon plan (month by month, no look-ahead)',
};

const SummaryShape = {
  id: z.string(),
  title: z.string(),
  status: z.enum(['optimal', 'time_limited', 'heuristic', 'greedy']),
  statusText: z.string(),
  method: z.enum(['optimal', 'greedy']),
  horizonStart: z.string(),
  horizonMonths: z.number().int(),
  coverage: z.number(),
  createdBy: z.string(),
  createdNation: z.string(),
  createdAt: z.string(),
  releasability: z.string(),
};

export const SustainmentSummaryView = matches<Api.SustainmentPlanSummary>()(z.object(SummaryShape));

export function presentSustainmentSummary(s: SustainmentPlanSummary): Api.SustainmentPlanSummary {
  return {
    id: s.id,
    title: s.title,
    status: s.status,
    statusText: STATUS_TEXT[s.status],
    method: s.method,
    horizonStart: s.horizonStart,
    horizonMonths: s.horizonMonths,
    coverage: s.coverage,
    createdBy: s.createdBy,
    createdNation: s.createdNation,
    createdAt: s.createdAt.toISOString(),
    releasability: s.releasability,
  };
}

const UncoveredFields = {
  requirementId: z.string(),
  requirementName: z.string(),
  from: z.string(),
  to: z.string(),
  required: z.number(),
  allocated: z.number(),
  summary: z.string(),
  candidateCount: z
    .number()
    .int()
    .describe(
      'how many offers the explanation names; read them from /api/sustainment-plans/{id}/requirements/{requirementId}/explanation',
    ),
  omitted: z.number().int(),
};
const UncoveredShape = z.object(UncoveredFields);

/** One requirement's short spans with their candidates, offer by offer. */
export const SustainmentExplanationView = matches<Api.SustainmentExplanation>()(
  z.object({
    planId: z.string(),
    requirementId: z.string(),
    requirementName: z.string(),
    month: z.string().nullable(),
    met: z.boolean(),
    spans: z.array(
      z.object({
        ...UncoveredFields,
        candidates: z.array(
          z.object({
            offerId: z.string(),
            offerName: z.string(),
            nation: z.string(),
            nationName: z.string(),
            kind: z.string(),
            text: z.string(),
          }),
        ),
      }),
    ),
  }),
);

export const SustainmentPlanView = matches<Api.SustainmentPlanView>()(
  z.object({
    ...SummaryShape,
    months: z.array(z.string()),
    overlapDays: z.number(),
    coverageByMonth: z.array(z.number()),
    timeline: z.array(
      z.object({
        requirementId: z.string(),
        requirementName: z.string(),
        region: z.string(),
        cells: z.array(
          z.object({
            needed: z.number(),
            units: z.number(),
            nations: z.array(z.string()),
            handover: z.enum(['relief_in_place', 'rotation']).nullable(),
          }),
        ),
      }),
    ),
    nations: z.array(z.object({ nation: z.string(), nationName: z.string(), units: z.array(z.number()) })),
    leads: z.array(
      z.object({
        region: z.string(),
        regionName: z.string(),
        lineOfEffort: z.string(),
        lineOfEffortName: z.string(),
        nation: z.string(),
        nationName: z.string(),
        from: z.string(),
        to: z.string(),
      }),
    ),
    cliffs: z.array(
      z.object({
        month: z.string(),
        cause: z.enum(['mandate_end', 'mandate_renewal', 'rotation', 'duration']),
        nation: z.string(),
        nationName: z.string(),
        offerIds: z.array(z.string()),
        requirements: z.array(
          z.object({
            requirementId: z.string(),
            requirementName: z.string(),
            lost: z.number(),
            after: z.number(),
            needed: z.number(),
          }),
        ),
        nextBestFill: z.array(
          z.object({ offerId: z.string(), nation: z.string(), nationName: z.string(), units: z.number() }),
        ),
        message: z.string(),
      }),
    ),
    uncovered: z.array(UncoveredShape).describe('the first page of short spans, in the plan’s order'),
    uncoveredTotal: z.number().int().min(0),
    uncoveredNext: z
      .string()
      .nullable()
      .describe('cursor of the next page: GET /api/sustainment-plans/{id}/uncovered?cursor='),
    metrics: z.object({
      coverage: z.number(),
      unitMonthsRequired: z.number(),
      unitMonthsAllocated: z.number(),
      reliefsInPlace: z.number(),
      rotations: z.number(),
      leadChanges: z.number(),
      cellMonthsWithLead: z.number(),
      activeCellMonths: z.number(),
    }),
    proof: z.object({ coverageCeiling: z.number(), gap: z.number().nullable() }),
    rejected: z.array(z.object({ kind: z.string(), id: z.string(), reason: z.string() })),
    notes: z.array(z.string()),
  }),
);

/** Short spans a plan's answer carries; the rest are read a page at a time (ADR 0046). */
export const UNCOVERED_PAGE = 200;

/** A page of a plan's short spans. */
export const SustainmentUncoveredPageView = matches<Api.SustainmentUncoveredPage>()(
  z.object({
    planId: z.string(),
    uncovered: z.array(UncoveredShape),
    total: z.number().int().min(0),
    next: z.string().nullable(),
  }),
);

/** The cursor of the page of `plan`'s short spans that starts at `offset`. */
export const uncoveredCursor = (planId: string, offset: number) =>
  encodeCursor('sustainment-uncovered', [planId, offset]);

/** The short spans [offset, offset + limit) of a stored plan, in words. */
export function presentUncovered(
  plan: SustainmentPlanRecord,
  offset: number,
  limit: number,
  ph: Phrasing = phrasing(),
): Api.SustainmentUncoveredPage {
  const requirements = new Map(plan.input.requirements.map((r) => [r.id, r]));
  const reqName = requirementNamer(requirements, ph);
  const say = sayAgain(plan.input, requirements, ph);
  const all = plan.result.uncovered;
  const end = Math.min(all.length, offset + limit);
  return {
    planId: plan.id,
    uncovered: all.slice(offset, end).map((u) => ({
      requirementId: u.requirementId,
      requirementName: reqName(u.requirementId),
      from: u.from,
      to: u.to,
      required: u.required,
      allocated: u.allocated,
      summary: say.span(u, u.counts),
      candidateCount: u.candidateCount,
      omitted: u.omitted,
    })),
    total: all.length,
    next: end < all.length ? uncoveredCursor(plan.id, end) : null,
  };
}

/**
 * A stored plan, names in words, with the first page of its short spans (every span when
 * `allSpans`: the workbook's).
 */
export function presentSustainmentPlan(
  plan: SustainmentPlanRecord,
  /** The reader's language; English (the stored sentences) when not given. */
  ph: Phrasing = phrasing(),
  options: { readonly allSpans?: boolean } = {},
): Api.SustainmentPlanView {
  const result = plan.result;
  const requirements = new Map(plan.input.requirements.map((r) => [r.id, r]));
  const reqName = requirementNamer(requirements, ph);
  const say = sayAgain(plan.input, requirements, ph);
  const spans = presentUncovered(plan, 0, options.allSpans ? result.uncovered.length : UNCOVERED_PAGE, ph);
  const months = result.coverageByMonth.map((m) => m.month);
  const index = new Map(months.map((m, i) => [m, i]));
  const span = (from: string, to: string) => {
    const out: number[] = [];
    for (let t = index.get(from)!; t <= index.get(to)!; t++) out.push(t);
    return out;
  };
  const timeline = result.needs.map((n) => {
    const cells: Api.SustainmentCell[] = n.byMonth.map((needed) => ({
      needed,
      units: 0,
      nations: [],
      handover: null,
    }));
    const byNation = n.byMonth.map(() => new Map<string, number>());
    for (const c of result.commitments)
      if (c.requirementId === n.requirementId)
        for (const t of span(c.from, c.to)) {
          cells[t]!.units += c.quantity;
          byNation[t]!.set(c.nation, (byNation[t]!.get(c.nation) ?? 0) + c.quantity);
        }
    byNation.forEach((m, t) => {
      cells[t]!.nations = [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
    });
    for (const h of result.handovers)
      if (h.requirementId === n.requirementId) {
        const t = index.get(h.month)!;
        // A relief in place between nations outranks a rotation inside one.
        if (cells[t]!.handover !== 'relief_in_place') cells[t]!.handover = h.kind;
      }
    const r = requirements.get(n.requirementId);
    return {
      requirementId: n.requirementId,
      requirementName: reqName(n.requirementId),
      region: r?.region ?? '',
      cells,
    };
  });
  const nationUnits = new Map<string, number[]>();
  for (const c of result.commitments) {
    const row = nationUnits.get(c.nation) ?? months.map(() => 0);
    for (const t of span(c.from, c.to)) row[t]! += c.quantity;
    nationUnits.set(c.nation, row);
  }
  return {
    ...presentSustainmentSummary(plan),
    months,
    overlapDays: result.overlapDays,
    coverageByMonth: result.coverageByMonth.map((m) => m.coverage),
    timeline,
    nations: [...nationUnits]
      .map(([iso3, units]) => ({ nation: iso3, nationName: ph.nation(iso3), units }))
      .sort((a, b) => a.nationName.localeCompare(b.nationName)),
    leads: result.leads.map((l) => ({
      region: l.region,
      regionName: ph.region(l.region),
      lineOfEffort: l.lineOfEffort,
      lineOfEffortName: ph.lineOfEffort(l.lineOfEffort),
      nation: l.nation,
      nationName: ph.nation(l.nation),
      from: l.from,
      to: l.to,
    })),
    cliffs: result.cliffs.map((c) => ({
      month: c.month,
      cause: c.cause,
      nation: c.nation,
      nationName: ph.nation(c.nation),
      offerIds: [...c.offerIds],
      requirements: c.requirements.map((x) => ({ ...x, requirementName: reqName(x.requirementId) })),
      nextBestFill: c.nextBestFill.map((f) => ({ ...f, nationName: ph.nation(f.nation) })),
      message: say.cliff(c),
    })),
    uncovered: spans.uncovered,
    uncoveredTotal: spans.total,
    uncoveredNext: spans.next,
    metrics: { ...result.metrics },
    proof: { coverageCeiling: result.proof.coverageCeiling, gap: result.proof.gap ?? null },
    rejected: result.rejected.map((x) => ({ ...x })),
    notes: [...result.notes],
  };
}

/**
 * One requirement's short spans of a stored plan (those holding `month` when one is named),
 * offer by offer in words. The caller has checked the plan was given the requirement.
 */
export function presentSustainmentExplanation(
  part: SustainmentRequirementPart,
  requirementId: string,
  month: string | null,
  /** The reader's language; English (the stored sentences) when not given. */
  ph: Phrasing = phrasing(),
): Api.SustainmentExplanation {
  const offers = new Map(part.input.offers.map((o) => [o.id, o]));
  const requirements = new Map(part.input.requirements.map((r) => [r.id, r]));
  const reqName = requirementNamer(requirements, ph);
  const say = sayAgain(part.input, requirements, ph);
  const r = requirements.get(requirementId);
  const spans = part.uncovered
    .filter((u) => month === null || (u.from <= month && month <= u.to))
    .map((u) => ({
      requirementId: u.requirementId,
      requirementName: reqName(u.requirementId),
      from: u.from,
      to: u.to,
      required: u.required,
      allocated: u.allocated,
      // A plan stored before spans kept their counts: every candidate kept means they can be counted.
      summary: say.span(u, u.counts ?? (u.omitted === 0 ? countKinds(u.candidates) : undefined)),
      candidateCount: u.candidates.length,
      omitted: u.omitted,
      candidates: u.candidates.map((c) => {
        const o = offers.get(c.offerId);
        return {
          offerId: c.offerId,
          offerName: o ? offerInWords(o, SHIPPED_CATALOGUE, ph) : c.offerId,
          nation: c.nation,
          nationName: ph.nation(c.nation),
          kind: c.reason.kind,
          text:
            o && r
              ? sustainmentReasonInWords(c.reason, o, r, { requirement: reqName, phrasing: ph })
              : c.reason.message,
        };
      }),
    }));
  return {
    planId: part.plan.id,
    requirementId,
    requirementName: reqName(requirementId),
    month,
    met: spans.length === 0,
    spans,
  };
}

/** A requirement by name in the reader's language (English as it always read). */
function requirementNamer(requirements: ReadonlyMap<string, Requirement>, ph: Phrasing) {
  return (id: string) => {
    const r = requirements.get(id);
    return r ? requirementName(r, ph) : id;
  };
}

const countKinds = (candidates: readonly { readonly reason: { readonly kind: string } }[]) => {
  const counts: Record<string, number> = {};
  for (const c of candidates) counts[c.reason.kind] = (counts[c.reason.kind] ?? 0) + 1;
  return counts;
};

/**
 * The plan's sentences in the reader's language, from its stored data (ADR 0052): English
 * readers get the sentences as stored; a span stored without its counts keeps its English.
 */
function sayAgain(
  input: SustainmentPlanRecord['input'],
  requirements: ReadonlyMap<string, Requirement>,
  ph: Phrasing,
) {
  const offers = new Map(input.offers.map((o) => [o.id, o]));
  const h0 = monthNumber(input.horizon.start);
  return {
    cliff: (c: SustainmentPlanRecord['result']['cliffs'][number]) => {
      const offer = offers.get(c.offerIds[0] ?? '');
      if (ph.language === 'en' || !offer) return c.message;
      return cliffInWords(
        c,
        offerRotation(offer, input.rotations[offer.id], h0),
        (id) => requirements.get(id),
        ph,
      );
    },
    span: (
      u: {
        readonly requirementId: string;
        readonly from: string;
        readonly to: string;
        readonly required: number;
        readonly allocated: number;
        readonly summary: string;
      },
      counts: Readonly<Record<string, number>> | undefined,
    ) => {
      const r = requirements.get(u.requirementId);
      if (ph.language === 'en' || !r || !counts) return u.summary;
      return spanInWords(u, r, new Map(Object.entries(counts)), ph);
    },
  };
}
