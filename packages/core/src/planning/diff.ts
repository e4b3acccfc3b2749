/** What changed between two plans, so a new plan is reviewed before anyone applies it. */
import { cellKey } from '../coalition/index.ts';
import { type Phrasing, phrasing } from '../i18n/words/index.ts';
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

/**
 * Compares two plans allocation by allocation, requirement by requirement and cell by cell;
 * the summary in the reader's language (English, in codes, when no phrasing is given).
 */
export function diffPlans(a: Plan, b: Plan, ph: Phrasing = phrasing()): PlanDiff {
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

  const summary = diffInWords({ allocations, requirements, leads, metrics }, a.status, b.status, ph);
  return { allocations, requirements, leads, metrics, summary };
}

/**
 * The changes in sentences, most important first. English keeps the codes it has always
 * written ("lead of UA-51 / maritime_security: ROU → TUR"); other languages name them.
 */
export function diffInWords(
  d: Pick<PlanDiff, 'allocations' | 'requirements' | 'leads' | 'metrics'>,
  statusBefore: string,
  statusAfter: string,
  ph: Phrasing = phrasing(),
): string[] {
  const en = ph.language === 'en';
  const percent = new Intl.NumberFormat(ph.words.locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const status = (s: string) => ph.word('diff.status', s, s);
  const nation = (n: string | null) => (n === null ? ph.say('diff.none') : en ? n : ph.nation(n));
  const { coverage } = d.metrics;
  return [
    ...(statusBefore !== statusAfter
      ? [ph.say('diff.planStatus', { before: status(statusBefore), after: status(statusAfter) })]
      : []),
    ...(coverage.before !== coverage.after
      ? [
          ph.say('diff.coverage', {
            before: percent.format(coverage.before),
            after: percent.format(coverage.after),
          }),
        ]
      : []),
    ...d.requirements.map((r) =>
      ph.say('diff.requirement', { id: r.requirementId, before: r.before, after: r.after }),
    ),
    ...d.leads.map((l) =>
      ph.say('diff.lead', {
        region: en ? l.region : ph.region(l.region),
        line: en ? l.lineOfEffort : ph.lineOfEffort(l.lineOfEffort),
        before: nation(l.before),
        after: nation(l.after),
      }),
    ),
    ...d.allocations.map((x) =>
      ph.say('diff.allocation', {
        offer: x.offerId,
        requirement: x.requirementId,
        before: x.before,
        after: x.after,
      }),
    ),
  ];
}
