/**
 * Stage 1 without a general LP solver. The coverage LP is a maximum-profit transportation
 * problem (classes supply at most their capacity, requirements take at most their quantity)
 * in which the profit per unit depends on the requirement alone. The vectors of units that
 * requirements can receive form a polymatroid (the flow polymatroid of the bipartite
 * network), so the greedy algorithm is optimal: requirements are opened in falling order of
 * value, one value level at a time, and after each level the flow is a maximum flow into the
 * requirements opened so far (Dinic's algorithm, augmenting on top of the previous flow,
 * which never takes units back from a requirement already opened).
 *
 * The minimum cut left by each level gives the duals (the standard polymatroid duality): with
 * levels L₁ > L₂ > … and δₗ = Lₗ − Lₗ₊₁, a class on the sink side of cut l gets δₗ, and an
 * opened requirement on the source side gets δₗ. The answer is not taken on trust: {@link
 * certify} checks primal feasibility, dual feasibility and complementary slackness in exact
 * integer arithmetic, so what is returned is an optimal vertex with optimal duals (the same
 * certificate an LP solver gives), or nothing.
 */

/** The coverage LP: maximise Σ value(demand)·x subject to supply, demand and pair bounds. */
export interface Transport {
  readonly supplies: number;
  readonly demands: number;
  /** Per pair: its supply node, its demand node and its upper bound. */
  readonly from: ArrayLike<number>;
  readonly to: ArrayLike<number>;
  readonly upper: ArrayLike<number>;
  readonly supply: ArrayLike<number>;
  readonly demand: ArrayLike<number>;
  /** Per demand node: the profit of one unit it receives. */
  readonly value: ArrayLike<number>;
}

/** An optimal flow with optimal duals, in the sign convention of an LP solver (maximise). */
export interface TransportSolution {
  readonly flow: Int32Array;
  /** Row duals: supply rows, then demand rows (≥ 0; positive only on a full row). */
  readonly rowDual: Float64Array;
  /** Row activities, in the same order. */
  readonly rowValue: Float64Array;
  /** Reduced cost of each pair: value − dual(supply) − dual(demand). */
  readonly colDual: Float64Array;
  readonly objective: number;
}

/** Solves `t` exactly when every value, bound and capacity is a whole number; else null. */
export function solveTransport(t: Transport): TransportSolution | null {
  const m = t.from.length;
  const nS = t.supplies;
  const nD = t.demands;
  for (let k = 0; k < m; k++) if (!Number.isInteger(t.upper[k]!)) return null;
  for (let j = 0; j < nD; j++)
    if (!Number.isInteger(t.value[j]!) || t.value[j]! <= 0 || !Number.isInteger(t.demand[j]!)) return null;
  for (let i = 0; i < nS; i++) if (!Number.isInteger(t.supply[i]!)) return null;
  const source = nS + nD;
  const sink = source + 1;
  const n = sink + 1;

  // Arcs in pairs (forward 2a, backward 2a+1): pairs, then source arcs, then sink arcs.
  const arcs = m + nS + nD;
  const head = new Int32Array(2 * arcs);
  const cap = new Float64Array(2 * arcs);
  for (let k = 0; k < m; k++) {
    head[2 * k] = nS + t.to[k]!;
    head[2 * k + 1] = t.from[k]!;
    cap[2 * k] = t.upper[k]!;
  }
  for (let i = 0; i < nS; i++) {
    head[2 * (m + i)] = i;
    head[2 * (m + i) + 1] = source;
    cap[2 * (m + i)] = t.supply[i]!;
  }
  // Sink arcs open (get their capacity) level by level.
  const sinkArc = (j: number) => 2 * (m + nS + j);
  for (let j = 0; j < nD; j++) {
    head[sinkArc(j)] = sink;
    head[sinkArc(j) + 1] = nS + j;
  }
  // Adjacency in CSR form: out[first[v] .. first[v + 1]) are the arcs leaving v.
  const first = new Int32Array(n + 1);
  for (let e = 0; e < 2 * arcs; e++) first[head[e ^ 1]! + 1]!++;
  for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
  const out = new Int32Array(2 * arcs);
  const fill = first.slice(0, n);
  for (let e = 0; e < 2 * arcs; e++) out[fill[head[e ^ 1]!]!++] = e;

  const order = Array.from({ length: nD }, (_, j) => j).sort((x, y) => t.value[y]! - t.value[x]!);
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const current = new Int32Array(n);
  const opened = new Uint8Array(nD);
  const rowDual = new Float64Array(nS + nD);

  /** Levels of the residual graph from the source; true when the sink is reached. */
  const bfs = (): boolean => {
    level.fill(-1);
    level[source] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = source;
    while (qh < qt) {
      const v = queue[qh++]!;
      if (level[sink] !== -1 && level[v]! >= level[sink]!) break;
      for (let p = first[v]!; p < first[v + 1]!; p++) {
        const e = out[p]!;
        const w = head[e]!;
        if (cap[e]! > 0 && level[w] === -1) {
          level[w] = level[v]! + 1;
          queue[qt++] = w;
        }
      }
    }
    return level[sink] !== -1;
  };
  const augment = (v: number, limit: number): number => {
    if (v === sink) return limit;
    const next = level[v]! + 1;
    for (; current[v]! < first[v + 1]!; current[v]!++) {
      const e = out[current[v]!]!;
      if (cap[e]! <= 0 || level[head[e]!] !== next) continue;
      const pushed = augment(head[e]!, Math.min(limit, cap[e]!));
      if (pushed > 0) {
        cap[e]! -= pushed;
        cap[e ^ 1]! += pushed;
        return pushed;
      }
    }
    return 0;
  };

  for (let start = 0; start < nD; ) {
    const value = t.value[order[start]!]!;
    let end = start;
    while (end < nD && t.value[order[end]!]! === value) {
      const j = order[end++]!;
      opened[j] = 1;
      cap[sinkArc(j)] = t.demand[j]!;
    }
    while (bfs()) {
      current.set(first.subarray(0, n));
      while (augment(source, Number.POSITIVE_INFINITY) > 0);
    }
    // The last search stopped short of the sink: what it reached is the source side of a
    // minimum cut. (A search that stops early only stops once the sink is found, so here it
    // ran to the end.)
    const delta = value - (end < nD ? t.value[order[end]!]! : 0);
    for (let i = 0; i < nS; i++) if (level[i] === -1) rowDual[i]! += delta;
    for (let j = 0; j < nD; j++) if (opened[j] && level[nS + j] !== -1) rowDual[nS + j]! += delta;
    start = end;
  }

  const flow = new Int32Array(m);
  for (let k = 0; k < m; k++) flow[k] = cap[2 * k + 1]!;
  return certify(t, flow, rowDual);
}

/**
 * The optimality certificate of the transportation LP, checked in exact integer arithmetic:
 * the flow respects every bound, the duals are non-negative, every pair's reduced cost has
 * the sign its flow allows (≤ 0 at the lower bound, = 0 in between, ≥ 0 at the upper bound),
 * and a row with a positive dual is full. Then the flow is optimal and the duals are optimal.
 */
export function certify(t: Transport, flow: Int32Array, rowDual: Float64Array): TransportSolution | null {
  const nS = t.supplies;
  const m = t.from.length;
  const rowValue = new Float64Array(nS + t.demands);
  const colDual = new Float64Array(m);
  let objective = 0;
  for (let k = 0; k < m; k++) {
    const x = flow[k]!;
    if (x < 0 || x > t.upper[k]!) return null;
    rowValue[t.from[k]!]! += x;
    rowValue[nS + t.to[k]!]! += x;
    const rc = t.value[t.to[k]!]! - rowDual[t.from[k]!]! - rowDual[nS + t.to[k]!]!;
    if (!Number.isInteger(rc)) return null;
    if ((x > 0 && rc < 0) || (x < t.upper[k]! && rc > 0)) return null;
    colDual[k] = rc;
    objective += x * t.value[t.to[k]!]!;
  }
  for (let r = 0; r < rowValue.length; r++) {
    const bound = r < nS ? t.supply[r]! : t.demand[r - nS]!;
    if (rowValue[r]! > bound || rowDual[r]! < 0) return null;
    if (rowDual[r]! > 0 && rowValue[r]! !== bound) return null;
  }
  return { flow, rowDual, rowValue, colDual, objective };
}
