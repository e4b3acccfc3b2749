/**
 * The lead matrix: region × line of effort → who claims the lead and who contributes. Like
 * OCHA's one lead agency per cluster, each active cell should have exactly one lead, and that
 * lead should be allowed there and actually contribute. The analysis flags each case that is not so.
 */
import {
  type Catalogue,
  type CaveatFacts,
  type CaveatTarget,
  type CaveatViolation,
  cellKey,
  checkCaveats,
  indexCatalogue,
  type LeadClaim,
  type Offer,
  SHIPPED_CATALOGUE,
} from '../coalition/index.ts';
import type { Allocation, Requirement } from '../planning/index.ts';

/** One cell of the matrix. */
export interface LeadMatrixCell {
  readonly region: string;
  readonly lineOfEffort: string;
  /** Nations claiming the lead, sorted. */
  readonly claims: readonly string[];
  /** Nations with units allocated here, most units first. */
  readonly contributors: readonly { readonly nation: string; readonly units: number }[];
  readonly requirementIds: readonly string[];
}

/** Something in the matrix that needs a decision by the cell staff. */
export type LeadFlag = {
  readonly region: string;
  readonly lineOfEffort: string;
  readonly message: string;
} & (
  | {
      readonly kind: 'gap';
      readonly requirementId: string;
      readonly capability: string;
      readonly required: number;
      readonly allocated: number;
    }
  | { readonly kind: 'no_lead' }
  | { readonly kind: 'conflict'; readonly nations: readonly string[] }
  | {
      readonly kind: 'lead_forbidden';
      readonly nation: string;
      readonly reasons: readonly string[];
      /** The first broken caveat of each offer, for a sentence in names (violationInWords). */
      readonly violations: readonly {
        readonly offerId: string;
        readonly role: string;
        readonly violation: CaveatViolation;
      }[];
    }
  | { readonly kind: 'lead_contributes_nothing'; readonly nation: string }
);

/** What the matrix is built from; `allocations` come from an accepted plan or are entered by hand. */
export interface LeadMatrixInput {
  readonly requirements: readonly Requirement[];
  readonly offers: readonly Offer[];
  readonly claims: readonly LeadClaim[];
  readonly allocations: readonly Allocation[];
  readonly facts: CaveatFacts;
  readonly atMs: number;
  readonly catalogue?: Catalogue;
}

/** The matrix and its flags. */
export interface LeadMatrix {
  readonly cells: readonly LeadMatrixCell[];
  readonly flags: readonly LeadFlag[];
}

/** Builds the matrix over every cell that has a requirement or a claim, and flags what is wrong. */
export function analyseLeadMatrix(input: LeadMatrixInput): LeadMatrix {
  const catalogue = input.catalogue ?? SHIPPED_CATALOGUE;
  const offerById = new Map(input.offers.map((o) => [o.id, o]));
  const reqById = new Map(input.requirements.map((r) => [r.id, r]));
  const keys = new Map<string, { region: string; lineOfEffort: string }>();
  for (const c of [...input.requirements, ...input.claims])
    keys.set(cellKey(c), { region: c.region, lineOfEffort: c.lineOfEffort });

  const given = new Map<string, number>();
  const units = new Map<string, Map<string, number>>();
  for (const a of input.allocations) {
    const r = reqById.get(a.requirementId);
    const o = offerById.get(a.offerId);
    if (!r || !o) continue;
    given.set(r.id, (given.get(r.id) ?? 0) + a.quantity);
    const byNation = units.get(cellKey(r)) ?? new Map<string, number>();
    byNation.set(o.nation, (byNation.get(o.nation) ?? 0) + a.quantity);
    units.set(cellKey(r), byNation);
  }

  const cells: LeadMatrixCell[] = [];
  const flags: LeadFlag[] = [];
  for (const [key, { region, lineOfEffort }] of [...keys].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const where = `${region} / ${lineOfEffort}`;
    const requirements = input.requirements.filter((r) => cellKey(r) === key);
    const claims = [...new Set(input.claims.filter((c) => cellKey(c) === key).map((c) => c.nation))].sort();
    const contributors = [...(units.get(key) ?? [])]
      .map(([nation, n]) => ({ nation, units: n }))
      .sort((a, b) => b.units - a.units || (a.nation < b.nation ? -1 : 1));
    cells.push({ region, lineOfEffort, claims, contributors, requirementIds: requirements.map((r) => r.id) });

    for (const r of requirements) {
      const allocated = given.get(r.id) ?? 0;
      if (allocated < r.quantity)
        flags.push({
          kind: 'gap',
          region,
          lineOfEffort,
          requirementId: r.id,
          capability: r.capability,
          required: r.quantity,
          allocated,
          message: `gap in ${where}: ${r.id} has ${allocated} of ${r.quantity} ${r.capability}`,
        });
    }
    if (requirements.length > 0 && claims.length === 0)
      flags.push({ kind: 'no_lead', region, lineOfEffort, message: `no nation claims the lead of ${where}` });
    if (claims.length > 1)
      flags.push({
        kind: 'conflict',
        region,
        lineOfEffort,
        nations: claims,
        message: `${claims.join(' and ')} both claim the lead of ${where}`,
      });

    // Targets: the roles the cell's requirements need, or the line of effort's roles if none.
    const roles =
      requirements.length > 0
        ? [...new Set(requirements.map((r) => r.role))]
        : (indexCatalogue(catalogue).lineOfEffort.get(lineOfEffort)?.roles ?? []);
    const targets: CaveatTarget[] = roles.map((role) => ({ region, lineOfEffort, role, atMs: input.atMs }));
    for (const nation of claims) {
      const own = input.offers.filter((o) => o.nation === nation && o.lifecycle !== 'withdrawn');
      const checked = own.flatMap((o) =>
        targets.map((t) => ({
          offerId: o.id,
          role: t.role,
          check: checkCaveats(o, t, input.facts, catalogue),
        })),
      );
      const checks = checked.map((c) => c.check);
      if (own.length > 0 && targets.length > 0 && checks.every((c) => !c.ok)) {
        const reasons = [...new Set(checks.flatMap((c) => (c.ok ? [] : c.violations.map((v) => v.message))))];
        flags.push({
          kind: 'lead_forbidden',
          region,
          lineOfEffort,
          nation,
          reasons,
          violations: checked.flatMap(({ offerId, role, check }) =>
            check.ok || !check.violations[0] ? [] : [{ offerId, role, violation: check.violations[0] }],
          ),
          message: `${nation} claims the lead of ${where} but its caveats forbid every offer there: ${reasons[0]}`,
        });
      }
      if (!contributors.some((c) => c.nation === nation))
        flags.push({
          kind: 'lead_contributes_nothing',
          region,
          lineOfEffort,
          nation,
          message: `${nation} claims the lead of ${where} but contributes no units to it`,
        });
    }
  }
  return { cells, flags };
}
