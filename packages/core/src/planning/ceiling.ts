/**
 * Ceilings on the leads and claims any plan can have, tighter than counting cells one at a time.
 *
 * Counting the cells where some nation could reach the lead share (each cell taken alone, see
 * `reach.ts`) ignores that nations share classes and requirements between cells: on the stress
 * instance 26 claimed cells pass that test, yet no plan honours more than 24. Here stage 2's
 * model is relaxed instead: the free allocation on stage 1's optimal face (what fixed pairs
 * take is subtracted from each class and requirement, and the face's floors are kept), every
 * lead column's share row, one lead per cell, and nothing of cohesion; allocations and leads may
 * be fractions. Every plan is a point of it, so the optimum of "most claims" and of "most leads",
 * each rounded down, are valid ceilings. They are bounds, not the exact maxima: the exact lead
 * tier is a MIP that takes 15–23 s on the stress instance (ADR 0011, ADR 0055).
 *
 * One HiGHS model serves both: the second solve only changes costs and starts from the first's
 * basis.
 */
import { createModel, type HighsRuntime, type Row } from './highs.ts';
import type { ReachInput } from './reach.ts';

export interface CeilingInput extends ReachInput {
  /** The lead columns stage 2 made, with the share each must deliver. */
  readonly leads: readonly { readonly key: string; readonly cell: string; readonly needed: number }[];
  readonly claims: ReadonlySet<string>;
  /** Least units a class must send, and a requirement receive, on the optimal face. */
  readonly classFloor: (cls: number) => number;
  readonly requirementFloor: (req: number) => number;
  readonly options: Readonly<Record<string, number | boolean | string>>;
  /** Milliseconds, monotonic (PlanOptions.clock). */
  readonly clock: () => number;
}

export interface RelaxedCeiling {
  readonly leads?: number;
  readonly claims?: number;
  readonly seconds: number;
}

/** The rounded-down LP optima of "most claims" and "most leads"; a bound is absent if its LP fails. */
export function relaxedCeiling(highs: HighsRuntime, s: CeilingInput): RelaxedCeiling {
  const started = s.clock();
  const seconds = () => (s.clock() - started) / 1000;
  if (s.leads.length === 0) return { leads: 0, claims: 0, seconds: 0 };
  const byKey = new Map(s.leads.map((l, i) => [l.key, i]));
  const classTaken = new Map<number, number>();
  const requirementTaken = new Map<number, number>();
  const delivered = new Float64Array(s.leads.length);
  const free: number[] = [];
  for (const k of s.active) {
    const { cls, req } = s.pairs[k]!;
    if (!s.fixed[k]) {
      free.push(k);
      continue;
    }
    classTaken.set(cls, (classTaken.get(cls) ?? 0) + s.x1[k]!);
    requirementTaken.set(req, (requirementTaken.get(req) ?? 0) + s.x1[k]!);
    const i = byKey.get(s.keyOf(k));
    if (i !== undefined) delivered[i]! += s.x1[k]! * Math.min(s.value[req]!, s.leads[i]!.needed);
  }
  const rows: Row[] = [];
  const room = (floor: number, ceiling: number, taken = 0): Row => ({
    lower: floor - taken,
    upper: ceiling - taken,
  });
  const classRow = new Map<number, number>();
  const requirementRow = new Map<number, number>();
  for (const k of free) {
    const { cls, req } = s.pairs[k]!;
    if (!classRow.has(cls))
      classRow.set(cls, rows.push(room(s.classFloor(cls), s.classRoom(cls), classTaken.get(cls))) - 1);
    if (!requirementRow.has(req))
      requirementRow.set(
        req,
        rows.push(room(s.requirementFloor(req), s.requirementRoom(req), requirementTaken.get(req))) - 1,
      );
  }
  // Share rows: Σ value·x − needed·y ≥ −(what fixed pairs already deliver).
  const shareRow = s.leads.map(
    (_, i) => rows.push({ lower: -delivered[i]!, upper: Number.POSITIVE_INFINITY }) - 1,
  );
  const cellRow = new Map<string, number>();
  for (const l of s.leads)
    if (!cellRow.has(l.cell)) cellRow.set(l.cell, rows.push({ lower: 0, upper: 1 }) - 1);
  const columns = free.map((k) => {
    const { cls, req } = s.pairs[k]!;
    const share = byKey.get(s.keyOf(k));
    const rowsOf = [classRow.get(cls)!, requirementRow.get(req)!];
    const values = [1, 1];
    if (share !== undefined) {
      rowsOf.push(shareRow[share]!);
      // Capped at the share, as stage 2 does: the same on whole allocations, tighter here.
      values.push(Math.min(s.value[req]!, s.leads[share]!.needed));
    }
    return { cost: 0, lower: 0, upper: s.upper[k]!, integer: false, rows: rowsOf, values };
  });
  for (const [i, l] of s.leads.entries())
    columns.push({
      cost: s.claims.has(l.key) ? 1 : 0,
      lower: 0,
      upper: 1,
      integer: false,
      rows: [shareRow[i]!, cellRow.get(l.cell)!],
      values: [-l.needed, 1],
    });
  const model = createModel(highs, columns, rows, 'maximize');
  const optimum = (): number | undefined => {
    const { modelStatus } = model.run();
    if (modelStatus !== highs.constants.modelStatus.optimal) return undefined;
    return Math.floor(model.getObjectiveValue() + 1e-6);
  };
  try {
    model.options.set({ output_flag: false, ...s.options, presolve: 'off' });
    const claims = s.claims.size > 0 ? optimum() : 0;
    model.changeColsCost(
      { kind: 'range', from: free.length, to: columns.length - 1 },
      s.leads.map(() => 1),
    );
    const leads = optimum();
    return {
      ...(leads === undefined ? {} : { leads }),
      ...(claims === undefined ? {} : { claims }),
      seconds: seconds(),
    };
  } catch {
    return { seconds: seconds() };
  } finally {
    model.dispose();
  }
}
