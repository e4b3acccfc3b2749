/** What changed between two plans, so a new plan is reviewed before anyone applies it. */
import { cellKey } from '../coalition/index.ts';
import type { Plan, PlanMetrics } from './types.ts';

/** A number before and after; 0 stands for "absent". */
export interface Change {
  readonly before: number;
  readonly after: number;
}

/** The difference between plan `a` (before) and plan `b` (after). */
export interface PlanDiff {
  /** Units of an offer given to a requirement, where they differ. */
  readonly allocations: readonly (Change & { readonly offerId: string; readonly requirementId: string })[];
  /** Units a requirement receives in total, where they differ. */
  readonly requirements: readonly (Change & { readonly requirementId: string })[];
  /** Cells whose lead changed; null when the cell has no lead. */
  readonly leads: readonly {
    readonly region: string;
    readonly lineOfEffort: string;
    readonly before: string | null;
    readonly after: string | null;
  }[];
  readonly metrics: { readonly [K in keyof PlanMetrics]: Change };
  /** The changes in sentences, most important first. */
  readonly summary: readonly string[];
}

function changes<K extends string>(a: ReadonlyMap<K, number>, b: ReadonlyMap<K, number>): [K, Change][] {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys
    .map((k): [K, Change] => [k, { before: a.get(k) ?? 0, after: b.get(k) ?? 0 }])
    .filter(([, c]) => c.before !== c.after);
}

function totals(entries: readonly (readonly [string, number])[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const [k, v] of entries) m.set(k, (m.get(k) ?? 0) + v);
  return m;
}

/** Compares two plans allocation by allocation, requirement by requirement and cell by cell. */
export function diffPlans(a: Plan, b: Plan): PlanDiff {
  const pairKey = (x: { offerId: string; requirementId: string }) => `${x.offerId}\u0000${x.requirementId}`;
  const allocations = changes(
    totals(a.allocations.map((x) => [pairKey(x), x.quantity])),
    totals(b.allocations.map((x) => [pairKey(x), x.quantity])),
  ).map(([k, c]) => {
    const [offerId = '', requirementId = ''] = k.split('\u0000');
    return { offerId, requirementId, ...c };
  });
  const requirements = changes(
    totals(a.allocations.map((x) => [x.requirementId, x.quantity])),
    totals(b.allocations.map((x) => [x.requirementId, x.quantity])),
  ).map(([requirementId, c]) => ({ requirementId, ...c }));

  const leadsA = new Map(a.leads.map((l) => [cellKey(l), l.nation]));
  const leadsB = new Map(b.leads.map((l) => [cellKey(l), l.nation]));
  const leads = [...new Set([...leadsA.keys(), ...leadsB.keys()])]
    .sort()
    .filter((k) => leadsA.get(k) !== leadsB.get(k))
    .map((k) => {
      const [region = '', lineOfEffort = ''] = k.split('|');
      return { region, lineOfEffort, before: leadsA.get(k) ?? null, after: leadsB.get(k) ?? null };
    });

  const metrics = Object.fromEntries(
    (Object.keys(a.metrics) as (keyof PlanMetrics)[]).map((k) => [
      k,
      { before: a.metrics[k], after: b.metrics[k] },
    ]),
  ) as PlanDiff['metrics'];

  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const summary = [
    ...(a.status !== b.status ? [`status ${a.status} → ${b.status}`] : []),
    ...(metrics.coverage.before !== metrics.coverage.after
      ? [`coverage ${pct(metrics.coverage.before)} → ${pct(metrics.coverage.after)}`]
      : []),
    ...requirements.map((r) => `${r.requirementId}: ${r.before} → ${r.after} units`),
    ...leads.map(
      (l) => `lead of ${l.region} / ${l.lineOfEffort}: ${l.before ?? 'none'} → ${l.after ?? 'none'}`,
    ),
    ...allocations.map((x) => `offer ${x.offerId} to ${x.requirementId}: ${x.before} → ${x.after}`),
  ];
  return { allocations, requirements, leads, metrics, summary };
}
