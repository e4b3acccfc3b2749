/**
 * HiGHS (WebAssembly) for the planner: loading it once, building a model from columns and rows,
 * and running one stage with a note of what happened.
 */
import type { PlanOptions } from './types.ts';

export type HighsRuntime = Awaited<ReturnType<typeof import('highs')['default']>>;
let runtime: Promise<HighsRuntime> | undefined;

/** Loads the HiGHS WebAssembly module once per process. */
export function loadHighs(): Promise<HighsRuntime> {
  runtime ??= import('highs').then((m) => m.default());
  return runtime;
}

export interface Column {
  readonly cost: number;
  readonly lower: number;
  readonly upper: number;
  readonly integer: boolean;
  readonly rows: readonly number[];
  readonly values: readonly number[];
}

export interface Row {
  readonly lower: number;
  readonly upper: number;
}

export interface StageResult {
  readonly status: 'optimal' | 'limited' | 'failed';
  readonly colValue?: Float64Array;
  readonly colDual?: Float64Array;
  readonly rowValue?: Float64Array;
  readonly rowDual?: Float64Array;
  readonly note: string;
}

/** A HiGHS model of `columns` and `rows`; the caller disposes of it. */
export function createModel(
  highs: HighsRuntime,
  columns: readonly Column[],
  rows: readonly Row[],
  sense: 'minimize' | 'maximize',
) {
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const c of columns) {
    for (let i = 0; i < c.rows.length; i++) {
      indices.push(c.rows[i]!);
      values.push(c.values[i]!);
    }
    starts.push(indices.length);
  }
  const integer = columns.some((c) => c.integer);
  return highs.createModel({
    numCols: columns.length,
    numRows: rows.length,
    sense: highs.constants.objectiveSense[sense],
    colCost: columns.map((c) => c.cost),
    colLower: columns.map((c) => c.lower),
    colUpper: columns.map((c) => c.upper),
    rowLower: rows.map((r) => r.lower),
    rowUpper: rows.map((r) => r.upper),
    matrix: { format: 'csc', numRows: rows.length, numCols: columns.length, starts, indices, values },
    ...(integer ? { integrality: columns.map((c) => (c.integer ? 1 : 0)) } : {}),
  });
}

export function runStage(
  highs: HighsRuntime,
  name: string,
  columns: readonly Column[],
  rows: readonly Row[],
  sense: 'minimize' | 'maximize',
  options: Readonly<Record<string, number | boolean | string>>,
  start?: readonly number[],
  exportModel?: PlanOptions['exportModel'],
): StageResult {
  const integer = columns.some((c) => c.integer);
  const model = createModel(highs, columns, rows, sense);
  try {
    model.options.set({ output_flag: false, ...options });
    exportModel?.(name, model.exportModel('mps'), start);
    if (start) model.setSolution({ colValue: start });
    const { modelStatus } = model.run();
    const gap = integer ? `, gap ${Number(model.info.get('mip_gap')).toExponential(1)}` : '';
    const note = `${name}: ${columns.length} columns, ${rows.length} rows, HiGHS model status ${modelStatus}${gap}, ${model.getRunTime().toFixed(3)} s`;
    const feasible =
      Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
    if (!feasible) return { status: 'failed', note };
    const solution = model.getSolution();
    return {
      status: modelStatus === highs.constants.modelStatus.optimal ? 'optimal' : 'limited',
      ...solution,
      note,
    };
  } catch (error) {
    return { status: 'failed', note: `${name}: HiGHS failed: ${(error as Error).message}` };
  } finally {
    model.dispose();
  }
}
