import { createEngine, type FusionEngine, type JoinGraph } from './engine.ts';
import { EARTH_RADIUS_M } from './geo.ts';
import { type FusionNode, joinEdge } from './join.ts';
import type { FusionOptions, FusionRules } from './rules.ts';
import { CATEGORIES, type JoinEdge } from './types.ts';

const RAD = Math.PI / 180;

interface Cell {
  readonly key: number;
  readonly nodes: FusionNode[];
}

/**
 * One level of one category's hashed grid: cells of `cellDeg` degrees by `bucketMs` of time,
 * sized from the category's own tolerances. A node lives in the level whose cell is at least
 * as large as its own reach and half-duration, in the cell holding its centre and mid-time,
 * so a query only has to look a few cells around itself.
 */
interface Level {
  readonly category: number;
  readonly cellDeg: number;
  readonly bucketMs: number;
  readonly nx: number;
  readonly ny: number;
  readonly cells: Map<number, Cell>;
  /** Largest reach and half-duration ever stored here, and whether any sector was (never lowered: safe). */
  maxReachM: number;
  maxHalfMs: number;
  hasSectors: boolean;
}

/**
 * The streaming engine's graph: per category, a multi-level hashed grid over space and time
 * finds the few candidates a new observation could join (per-observation cost O(candidates),
 * not O(n)); a query visits only the grids of compatible categories, each with the pair's own
 * tolerance, so a 24-hour damage report does not widen every explosion's search. And
 * a union-find whose components also form circular member lists keeps the incidents. Removing
 * an observation rebuilds only its own component from the index.
 */
class IndexedGraph implements JoinGraph {
  private readonly parent: number[] = [];
  private readonly size: number[] = [];
  /** Members of a component form a cycle through `next`; union splices two cycles. */
  private readonly next: number[] = [];
  private readonly nodeOf: (FusionNode | undefined)[] = [];
  private readonly cellOf: (Cell | undefined)[] = [];
  private readonly levelOf: (Level | undefined)[] = [];
  private readonly found: FusionNode[] = [];
  private readonly levels = new Map<number, Level>();
  /** levelsOf[category]: that category's grid levels. */
  private readonly levelsOf: Level[][] = CATEGORIES.map(() => []);
  /** compatibleWith[category]: the categories it may join, itself included. */
  private readonly compatibleWith: readonly (readonly number[])[];

  constructor(private readonly rules: FusionRules) {
    const n = CATEGORIES.length;
    this.compatibleWith = CATEGORIES.map((_, a) =>
      CATEGORIES.map((_, b) => b).filter((b) => rules.compatible[a * n + b]),
    );
  }

  private find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  }

  private union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    const t = this.next[ra]!;
    this.next[ra] = this.next[rb]!;
    this.next[rb] = t;
  }

  private reset(k: number): void {
    this.parent[k] = k;
    this.size[k] = 1;
    this.next[k] = k;
  }

  private levelFor(node: FusionNode): Level {
    const c = node.category;
    const own = this.rules.pairTolerance[c * CATEGORIES.length + c]!;
    // Cells of 3× the category's distance tolerance and buckets of 4× its time tolerance: most
    // cells are empty, so fewer, larger cells (a query touches about 2×3×2 of them) beat
    // tighter ones; the factors were tuned on bench/fusion.ts.
    const baseM = Math.max(own.distanceM, 100) * 3;
    const baseMs = Math.max(own.timeMs, 60_000) * 4;
    const halfMs = (node.endMs - node.startMs) / 2;
    const s = node.reachM <= baseM ? 0 : Math.ceil(Math.log2(node.reachM / baseM));
    const t = halfMs <= baseMs ? 0 : Math.ceil(Math.log2(halfMs / baseMs));
    const id = (c * 64 + s) * 64 + t;
    let level = this.levels.get(id);
    if (!level) {
      const cellDeg = (baseM * 2 ** s) / EARTH_RADIUS_M / RAD;
      level = {
        category: c,
        cellDeg,
        bucketMs: baseMs * 2 ** t,
        nx: Math.ceil(360 / cellDeg),
        ny: Math.ceil(180 / cellDeg) + 1,
        cells: new Map(),
        maxReachM: 0,
        maxHalfMs: 0,
        hasSectors: false,
      };
      this.levels.set(id, level);
      this.levelsOf[c]!.push(level);
    }
    level.maxReachM = Math.max(level.maxReachM, node.reachM);
    level.maxHalfMs = Math.max(level.maxHalfMs, halfMs);
    level.hasSectors ||= node.region.kind === 'sector';
    return level;
  }

  /**
   * A 30-bit hash of a cell, so Map keys stay small integers (V8 Smis: no boxing). Colliding
   * cells share one bucket: that only adds candidates, which the join test then rejects.
   */
  private static cellKey(x: number, rowHash: number): number {
    return (Math.imul(x, 73_856_093) ^ rowHash) & 0x3fffffff;
  }

  private static rowHash(iy: number, it: number): number {
    return Math.imul(iy, 19_349_663) ^ Math.imul(it, 83_492_791);
  }

  /**
   * Every stored node that could possibly join `q` (a superset; a node may appear twice when
   * cells collide, which the callers tolerate), in a buffer reused by the next call.
   */
  private candidates(q: FusionNode): readonly FusionNode[] {
    const found = this.found;
    found.length = 0;
    const [lng, lat] = q.region.centre;
    const midMs = (q.startMs + q.endMs) / 2;
    const halfMs = (q.endMs - q.startMs) / 2;
    for (const category of this.compatibleWith[q.category]!) {
      for (const level of this.levelsOf[category]!) this.gather(q, lng, lat, midMs, halfMs, level);
    }
    return found;
  }

  /** Adds the nodes of `level` in the cells around `q` to the candidates. */
  private gather(q: FusionNode, lng: number, lat: number, midMs: number, halfMs: number, level: Level): void {
    const found = this.found;
    const cells = level.cells;
    if (cells.size === 0) return;
    const tolerance = this.rules.pairTolerance[q.category * CATEGORIES.length + level.category]!;
    // Disc to disc is a haversine test, matched exactly; sectors are measured in a tangent
    // plane, so 10 % + 100 m of slack keeps their candidates a superset.
    const reachM = q.reachM + level.maxReachM + tolerance.distanceM;
    const rangeM = q.region.kind === 'disc' && !level.hasSectors ? reachM * (1 + 1e-9) : reachM * 1.1 + 100;
    // Times are whole ms, so mid-times and half-durations are exact halves: no slack needed.
    const rangeMs = halfMs + level.maxHalfMs + tolerance.timeMs;
    const angle = rangeM / EARTH_RADIUS_M;
    const dLat = angle / RAD;
    const cosLat = Math.cos(Math.min(90, Math.abs(lat) + dLat) * RAD);
    const dLng =
      Math.sin(angle) >= cosLat || angle >= Math.PI / 2 ? 180 : Math.asin(Math.sin(angle) / cosLat) / RAD;
    const d = level.cellDeg;
    const nx = level.nx;
    let ix0 = Math.floor((lng - dLng + 180) / d);
    let ix1 = Math.floor((lng + dLng + 180) / d);
    if (ix1 - ix0 + 1 >= nx) [ix0, ix1] = [0, nx - 1];
    const iy0 = Math.max(0, Math.floor((lat - dLat + 90) / d));
    const iy1 = Math.min(level.ny - 1, Math.floor((lat + dLat + 90) / d));
    const it0 = Math.floor((midMs - rangeMs) / level.bucketMs);
    const it1 = Math.floor((midMs + rangeMs) / level.bucketMs);
    // A huge region (an oblast, a week) would touch more cells than the level holds: scan it.
    if ((ix1 - ix0 + 1) * (iy1 - iy0 + 1) * (it1 - it0 + 1) > cells.size) {
      for (const cell of cells.values()) for (const p of cell.nodes) found.push(p);
      return;
    }
    for (let it = it0; it <= it1; it++) {
      for (let iy = iy0; iy <= iy1; iy++) {
        const row = IndexedGraph.rowHash(iy, it);
        for (let ix = ix0; ix <= ix1; ix++) {
          const cell = cells.get(IndexedGraph.cellKey(((ix % nx) + nx) % nx, row));
          if (cell === undefined) continue;
          const nodes = cell.nodes;
          for (let i = 0; i < nodes.length; i++) found.push(nodes[i]!);
        }
      }
    }
  }

  /** Unites `node` with every joinable stored node. */
  private link(node: FusionNode): void {
    const k = node.key;
    for (const p of this.candidates(node)) {
      if (this.find(p.key) !== this.find(k) && joinEdge(node, p, this.rules)) this.union(k, p.key);
    }
  }

  insert(node: FusionNode): void {
    const k = node.key;
    this.reset(k);
    this.link(node);
    const level = this.levelFor(node);
    const [lng, lat] = node.region.centre;
    const ix = Math.floor((lng + 180) / level.cellDeg) % level.nx;
    const it = Math.floor((node.startMs + node.endMs) / 2 / level.bucketMs);
    const key = IndexedGraph.cellKey(ix, IndexedGraph.rowHash(Math.floor((lat + 90) / level.cellDeg), it));
    let cell = level.cells.get(key);
    if (!cell) {
      cell = { key, nodes: [] };
      level.cells.set(key, cell);
    }
    cell.nodes.push(node);
    this.nodeOf[k] = node;
    this.cellOf[k] = cell;
    this.levelOf[k] = level;
  }

  remove(node: FusionNode): void {
    const k = node.key;
    const members = this.component(node).filter((n) => n !== node);
    const cell = this.cellOf[k]!;
    const level = this.levelOf[k]!;
    const nodes = cell.nodes;
    nodes[nodes.indexOf(node)] = nodes[nodes.length - 1]!;
    nodes.pop();
    if (nodes.length === 0) level.cells.delete(cell.key);
    this.nodeOf[k] = undefined;
    this.cellOf[k] = undefined;
    this.levelOf[k] = undefined;
    // The rest of the component may fall apart: relink it from the index, locally.
    for (const m of members) this.reset(m.key);
    for (const m of members) this.link(m);
  }

  component(node: FusionNode): readonly FusionNode[] {
    const out = [node];
    for (let k = this.next[node.key]!; k !== node.key; k = this.next[k]!) out.push(this.nodeOf[k]!);
    return out;
  }

  components(): readonly (readonly FusionNode[])[] {
    const groups = new Map<number, FusionNode[]>();
    for (const level of this.levels.values()) {
      for (const cell of level.cells.values()) {
        for (const node of cell.nodes) {
          const root = this.find(node.key);
          const group = groups.get(root);
          if (group) group.push(node);
          else groups.set(root, [node]);
        }
      }
    }
    return [...groups.values()];
  }

  edges(component: readonly FusionNode[]): readonly JoinEdge[] {
    const edges: JoinEdge[] = [];
    const root = this.find(component[0]!.key);
    for (const q of component) {
      for (const p of this.candidates(q)) {
        // q.uid < p.uid takes each pair once; a repeat from colliding cells is a duplicate edge,
        // which the spanning tree ignores.
        if (q.uid < p.uid && this.find(p.key) === root) {
          const edge = joinEdge(q, p, this.rules);
          if (edge) edges.push(edge);
        }
      }
    }
    return edges;
  }
}

/** The streaming engine: indexed joins, near O(log n) per observation; equal to the naive one. */
export function createIndexedFusionEngine(options?: FusionOptions): FusionEngine {
  return createEngine((rules) => new IndexedGraph(rules), options);
}
