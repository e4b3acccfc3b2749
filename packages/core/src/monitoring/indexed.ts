import { createEngine, type FusionEngine, type JoinGraph } from './engine.ts';
import { EARTH_RADIUS_M } from './geo.ts';
import { type FusionNode, joinEdge } from './join.ts';
import type { FusionOptions, FusionRules } from './rules.ts';
import type { JoinEdge } from './types.ts';

const RAD = Math.PI / 180;

interface Cell {
  readonly key: number;
  readonly nodes: FusionNode[];
}

/**
 * One level of the hashed grid: cells of `cellDeg` degrees by `bucketMs` of time. A node lives
 * in the level whose cell is at least as large as its own reach and half-duration, in the cell
 * holding its centre and mid-time, so a query only has to look a few cells around itself.
 */
interface Level {
  readonly cellDeg: number;
  readonly bucketMs: number;
  readonly nx: number;
  readonly ny: number;
  readonly cells: Map<number, Cell>;
  /** Largest reach and half-duration ever stored here (never lowered: a safe over-estimate). */
  maxReachM: number;
  maxHalfMs: number;
}

/**
 * The streaming engine's graph: a multi-level hashed grid over space and time finds the few
 * candidates a new observation could join (per-observation cost O(candidates), not O(n)), and
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
  private readonly seen: number[] = [];
  private stamp = 0;
  private readonly levels = new Map<number, Level>();
  private readonly baseM: number;
  private readonly baseMs: number;

  constructor(private readonly rules: FusionRules) {
    // A cell of the largest distance tolerance keeps the common query to a 3×3 block or so.
    this.baseM = Math.max(rules.maxDistanceM, 100);
    this.baseMs = Math.max(rules.maxTimeMs, 60_000);
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
    const halfMs = (node.endMs - node.startMs) / 2;
    const s = node.reachM <= this.baseM ? 0 : Math.ceil(Math.log2(node.reachM / this.baseM));
    const t = halfMs <= this.baseMs ? 0 : Math.ceil(Math.log2(halfMs / this.baseMs));
    const id = s * 64 + t;
    let level = this.levels.get(id);
    if (!level) {
      const cellDeg = (this.baseM * 2 ** s) / EARTH_RADIUS_M / RAD;
      level = {
        cellDeg,
        bucketMs: this.baseMs * 2 ** t,
        nx: Math.ceil(360 / cellDeg),
        ny: Math.ceil(180 / cellDeg) + 1,
        cells: new Map(),
        maxReachM: 0,
        maxHalfMs: 0,
      };
      this.levels.set(id, level);
    }
    level.maxReachM = Math.max(level.maxReachM, node.reachM);
    level.maxHalfMs = Math.max(level.maxHalfMs, halfMs);
    return level;
  }

  private cellKey(level: Level, ix: number, iy: number, it: number): number {
    // Keys of far-apart cells may collide once it·nx·ny passes 2⁵³; that only adds candidates.
    return (((ix % level.nx) + level.nx) % level.nx) + level.nx * (iy + level.ny * it);
  }

  /** Calls visit once for every stored node that could possibly join `q` (a superset). */
  private candidates(q: FusionNode, visit: (p: FusionNode) => void): void {
    const stamp = ++this.stamp;
    const seen = this.seen;
    const see = (cell: Cell) => {
      for (const p of cell.nodes) {
        if (seen[p.key] === stamp) continue;
        seen[p.key] = stamp;
        visit(p);
      }
    };
    const [lng, lat] = q.region.centre;
    const midMs = (q.startMs + q.endMs) / 2;
    const halfMs = (q.endMs - q.startMs) / 2;
    for (const level of this.levels.values()) {
      if (level.cells.size === 0) continue;
      // 10 % + 100 m of slack covers the tangent-plane distances used for sectors.
      const rangeM = (q.reachM + level.maxReachM + this.rules.maxDistanceM) * 1.1 + 100;
      const rangeMs = halfMs + level.maxHalfMs + this.rules.maxTimeMs + 1;
      const angle = rangeM / EARTH_RADIUS_M;
      const dLat = angle / RAD;
      const cosLat = Math.cos(Math.min(90, Math.abs(lat) + dLat) * RAD);
      const dLng =
        Math.sin(angle) >= cosLat || angle >= Math.PI / 2 ? 180 : Math.asin(Math.sin(angle) / cosLat) / RAD;
      const d = level.cellDeg;
      let ix0 = Math.floor((lng - dLng + 180) / d);
      let ix1 = Math.floor((lng + dLng + 180) / d);
      if (ix1 - ix0 + 1 >= level.nx) [ix0, ix1] = [0, level.nx - 1];
      const iy0 = Math.max(0, Math.floor((lat - dLat + 90) / d));
      const iy1 = Math.min(level.ny - 1, Math.floor((lat + dLat + 90) / d));
      const it0 = Math.floor((midMs - rangeMs) / level.bucketMs);
      const it1 = Math.floor((midMs + rangeMs) / level.bucketMs);
      // A huge region (an oblast, a week) would touch more cells than the level holds: scan it.
      if ((ix1 - ix0 + 1) * (iy1 - iy0 + 1) * (it1 - it0 + 1) > level.cells.size) {
        for (const cell of level.cells.values()) see(cell);
        continue;
      }
      for (let it = it0; it <= it1; it++) {
        for (let iy = iy0; iy <= iy1; iy++) {
          for (let ix = ix0; ix <= ix1; ix++) {
            const cell = level.cells.get(this.cellKey(level, ix, iy, it));
            if (cell) see(cell);
          }
        }
      }
    }
  }

  /** Unites `node` with every joinable stored node. */
  private link(node: FusionNode): void {
    const k = node.key;
    this.candidates(node, (p) => {
      if (this.find(p.key) !== this.find(k) && joinEdge(node, p, this.rules)) this.union(k, p.key);
    });
  }

  insert(node: FusionNode): void {
    const k = node.key;
    this.reset(k);
    this.link(node);
    const level = this.levelFor(node);
    const [lng, lat] = node.region.centre;
    const key = this.cellKey(
      level,
      Math.floor((lng + 180) / level.cellDeg),
      Math.floor((lat + 90) / level.cellDeg),
      Math.floor((node.startMs + node.endMs) / 2 / level.bucketMs),
    );
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
      this.candidates(q, (p) => {
        if (q.uid < p.uid && this.find(p.key) === root) {
          const edge = joinEdge(q, p, this.rules);
          if (edge) edges.push(edge);
        }
      });
    }
    return edges;
  }
}

/** The streaming engine: indexed joins, near O(log n) per observation; equal to the naive one. */
export function createIndexedFusionEngine(options?: FusionOptions): FusionEngine {
  return createEngine((rules) => new IndexedGraph(rules), options);
}
