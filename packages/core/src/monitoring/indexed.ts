import { createEngine, type FusionEngine, type JoinGraph } from './engine.ts';
import { EARTH_RADIUS_M } from './geo.ts';
import { IntMap } from './intmap.ts';
import {
  closerAttachment,
  coincident,
  type FusionNode,
  type Gaps,
  joinEdge,
  joins,
  timeJoins,
} from './join.ts';
import type { FusionOptions, FusionRules } from './rules.ts';
import type { NodeStore } from './store.ts';
import { CATEGORIES, type JoinEdge } from './types.ts';

const RAD = Math.PI / 180;
const N = CATEGORIES.length;
/** No node (an empty cell, no attachment, the end of a list); IntMap.NONE is the same value. */
const NONE = -1;
/** A cell whose nodes are not known to be one precise component (Level.reps). */
const MIXED = -2;
/** What near() knows of a pair without the exact test. */
const NO = 0;
const MAYBE = 1;
const SURE = 2;
/** Per-key record layout (see IndexedGraph.f64 / i32): 64 bytes, eight doubles. */
const RECORD_BYTES = 64;
const F_UX = 0;
const F_UY = 1;
const F_UZ = 2;
const F_REACH = 3;
const F_START = 4;
const F_END = 5;
const I_NEXT = 14;
const I_KIND = 15;
const CATEGORY = 0xff;
const VAGUE = 0x100;
const DISC = 0x200;

/**
 * One level of one category's hashed grid: cells of `cellDeg` degrees by `bucketMs` of time,
 * sized from the category's own tolerances. A node lives in the level whose cell is at least
 * as large as its own reach and half-duration, in the cell holding its centre and mid-time,
 * so a query only has to look a few cells around itself. A cell is the head of a doubly linked
 * list of node keys (the record's I_NEXT, and cellPrev), so the grid allocates nothing per node.
 * Cells are stored in blocks of 4 × 4 (in longitude and latitude, one time bucket): a block is
 * found by one hash lookup and holds its 16 list heads side by side, so a query that spans
 * 3 × 3 cells usually costs one or two lookups per time bucket, not nine.
 */
interface Level {
  /** Its place in IndexedGraph.levelList. */
  readonly index: number;
  readonly category: number;
  readonly cellDeg: number;
  readonly bucketMs: number;
  readonly nx: number;
  readonly ny: number;
  /** Block hash → block number (IntMap.NONE, which is NONE, when absent). */
  readonly blocks: IntMap;
  /** heads[16 · block + 4 · (iy mod 4) + (ix mod 4)]: first node key in that cell, or NONE. */
  heads: Int32Array;
  /**
   * reps[slot]: a key of the one union-find component that every node in the cell belongs to,
   * when all of them are precise and in one component; MIXED otherwise (see linkPrecise).
   */
  reps: Int32Array;
  blockCount: number;
  /** Nodes stored in this level now. */
  nodes: number;
  /** Largest reach and half-duration ever stored here, and whether any sector was (never lowered: safe). */
  maxReachM: number;
  maxHalfMs: number;
  hasSectors: boolean;
}

/**
 * The streaming engine's graph, kept incrementally under the rule of README "Vague
 * observations":
 * - precise nodes: a union-find over the join relation, whose components also form circular
 *   member lists (`next`);
 * - a vague node with precise neighbours: a pointer to the closest one (`attach`), listed under
 *   it (`attachedTo`), so it follows that node's component and never merges two;
 * - vague nodes without: a second family of union-find components over near-coincidence.
 * Per category, a multi-level hashed grid over space and time finds the few candidates a node
 * could join (per-observation cost O(candidates), not O(n)); a query visits only the grids of
 * compatible categories, each with the pair's own tolerance. Removing a node rebuilds only its
 * own component (and re-attaches the vague nodes that pointed at it). Per-node state lives in
 * typed arrays indexed by the node's key, so the hot path allocates nothing.
 */
class IndexedGraph implements JoinGraph {
  private capacity = 0;
  private parent = new Int32Array(0);
  private size = new Int32Array(0);
  /** Members of a component form a cycle through `next`; union splices two cycles. */
  private next = new Int32Array(0);
  /** A vague node's closest precise neighbour, or NONE. */
  private attach = new Int32Array(0);
  private attachDistanceM = new Float64Array(0);
  private attachGapMs = new Float64Array(0);
  /**
   * The fields a candidate test reads, one 64-byte record per key so that a test costs one
   * cache line, not one per field: doubles ux, uy, uz (unit vector of the centre, for a cheap
   * lower bound on distances), reachM, startMs, endMs at f64[8k + F_*]; the next key in the
   * node's grid cell and the node's kind (category | VAGUE | DISC) at i32[16k + I_*].
   */
  private f64 = new Float64Array(0);
  private i32 = new Int32Array(0);
  private cellPrev = new Int32Array(0);
  /** The node's slot in its level's heads. */
  private slotOf = new Int32Array(0);
  /** The index in `levelList` of the level the key is placed in; NONE for a free key. */
  private levelOf = new Int32Array(0);
  private readonly levelList: Level[] = [];
  /** attachedTo[precise key]: the vague nodes attached to it. */
  private readonly attachedTo: (number[] | undefined)[] = [];
  /** Candidate keys of the last query (a superset; repeats possible when cells collide). */
  private found = new Int32Array(1024);
  private foundCount = 0;
  private readonly levels = new Map<number, Level>();
  /** levelsOf[category]: that category's grid levels. */
  private readonly levelsOf: Level[][] = CATEGORIES.map(() => []);
  /** compatibleWith[category]: the categories it may join, itself included. */
  private readonly compatibleWith: readonly (readonly number[])[];
  private readonly compatible: Uint8Array;
  private readonly toleranceM: Float64Array;
  private readonly toleranceMs: Float64Array;

  private readonly rules: FusionRules;
  private readonly nodes: NodeStore;
  constructor(rules: FusionRules, nodes: NodeStore) {
    this.rules = rules;
    this.nodes = nodes;
    this.compatibleWith = CATEGORIES.map((_, a) =>
      CATEGORIES.map((_, b) => b).filter((b) => rules.compatible[a * N + b]),
    );
    this.compatible = Uint8Array.from(rules.compatible, (c) => (c ? 1 : 0));
    this.toleranceM = Float64Array.from(rules.pairTolerance, (t) => t.distanceM);
    this.toleranceMs = Float64Array.from(rules.pairTolerance, (t) => t.timeMs);
  }

  private grow(k: number): void {
    if (k < this.capacity) return;
    const capacity = Math.max(1024, this.capacity * 2, k + 1);
    const int32 = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    const float64 = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.parent = int32(this.parent);
    this.size = int32(this.size);
    this.next = int32(this.next);
    this.attach = int32(this.attach);
    this.attachDistanceM = float64(this.attachDistanceM);
    this.attachGapMs = float64(this.attachGapMs);
    const record = new ArrayBuffer(capacity * RECORD_BYTES);
    new Uint8Array(record).set(new Uint8Array(this.f64.buffer));
    this.f64 = new Float64Array(record);
    this.i32 = new Int32Array(record);
    this.cellPrev = int32(this.cellPrev);
    this.slotOf = int32(this.slotOf);
    this.levelOf = int32(this.levelOf);
    this.levelOf.fill(NONE, this.capacity);
    this.capacity = capacity;
  }

  private find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      const up = parent[parent[x]!]!;
      parent[x] = up;
      x = up;
    }
    return x;
  }

  private union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    const size = this.size;
    if (size[ra]! < size[rb]!) {
      const t = ra;
      ra = rb;
      rb = t;
    }
    this.parent[rb] = ra;
    size[ra]! += size[rb]!;
    const next = this.next;
    const t = next[ra]!;
    next[ra] = next[rb]!;
    next[rb] = t;
  }

  private reset(k: number): void {
    this.parent[k] = k;
    this.size[k] = 1;
    this.next[k] = k;
  }

  private levelFor(node: FusionNode): Level {
    const c = node.category;
    const own = this.rules.pairTolerance[c * N + c]!;
    // Cells of 3× the category's distance tolerance and buckets of 4× its time tolerance: most
    // cells are empty, so fewer, larger cells (a query touches about 2×2×2 of them) beat
    // tighter ones; the factors were tuned on bench/fusion.ts (2× and 1× were no faster).
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
        index: this.levelList.length,
        category: c,
        cellDeg,
        bucketMs: baseMs * 2 ** t,
        nx: Math.ceil(360 / cellDeg),
        ny: Math.ceil(180 / cellDeg) + 1,
        blocks: new IntMap(),
        heads: new Int32Array(0),
        reps: new Int32Array(0),
        blockCount: 0,
        nodes: 0,
        maxReachM: 0,
        maxHalfMs: 0,
        hasSectors: false,
      };
      this.levels.set(id, level);
      this.levelList.push(level);
      this.levelsOf[c]!.push(level);
    }
    if (node.reachM > level.maxReachM) level.maxReachM = node.reachM;
    if (halfMs > level.maxHalfMs) level.maxHalfMs = halfMs;
    if (node.region.kind === 'sector') level.hasSectors = true;
    return level;
  }

  /**
   * A 30-bit hash of a block (bx = ix / 4, and rowHash of iy / 4 and the time bucket). Colliding
   * blocks share one block's lists: that only adds candidates, which the join test then rejects.
   */
  private static cellKey(x: number, rowHash: number): number {
    return (Math.imul(x, 73_856_093) ^ rowHash) & 0x3fffffff;
  }

  private static rowHash(iy: number, it: number): number {
    return Math.imul(iy, 19_349_663) ^ Math.imul(it, 83_492_791);
  }

  /** Collects into `found` every stored node that could possibly join `q` (a superset). */
  private candidates(q: FusionNode): number {
    this.foundCount = 0;
    const lng = q.lng;
    const lat = q.lat;
    const midMs = (q.startMs + q.endMs) / 2;
    const halfMs = (q.endMs - q.startMs) / 2;
    const compatible = this.compatibleWith[q.category]!;
    for (let c = 0; c < compatible.length; c++) {
      const levels = this.levelsOf[compatible[c]!]!;
      for (let l = 0; l < levels.length; l++) this.gather(q, lng, lat, midMs, halfMs, levels[l]!);
    }
    return this.foundCount;
  }

  private push(k: number): void {
    if (this.foundCount === this.found.length) {
      const bigger = new Int32Array(this.found.length * 2);
      bigger.set(this.found);
      this.found = bigger;
    }
    this.found[this.foundCount++] = k;
  }

  /** The block holding cell (ix, iy, it) of `level`, made when `create`; NONE when absent. */
  private static block(level: Level, ix: number, iy: number, it: number, create: boolean): number {
    const key = IndexedGraph.cellKey(ix >> 2, IndexedGraph.rowHash(iy >> 2, it));
    let b = level.blocks.get(key);
    if (b !== NONE || !create) return b;
    b = level.blockCount++;
    if (level.heads.length < level.blockCount * 16) {
      const heads = new Int32Array(Math.max(256, level.heads.length * 2)).fill(NONE);
      heads.set(level.heads);
      level.heads = heads;
      const reps = new Int32Array(heads.length).fill(MIXED);
      reps.set(level.reps);
      level.reps = reps;
    }
    level.blocks.set(key, b);
    return b;
  }

  /** Adds the nodes of `level` in the cells around `q` to the candidates. */
  private gather(q: FusionNode, lng: number, lat: number, midMs: number, halfMs: number, level: Level): void {
    if (level.nodes === 0) return;
    const pair = q.category * N + level.category;
    // Disc to disc is a haversine test, matched exactly; sectors are measured in a tangent
    // plane, so 10 % + 100 m of slack keeps their candidates a superset.
    const reachM = q.reachM + level.maxReachM + this.toleranceM[pair]!;
    const rangeM = q.region.kind === 'disc' && !level.hasSectors ? reachM * (1 + 1e-9) : reachM * 1.1 + 100;
    // Times are whole ms, so mid-times and half-durations are exact halves: no slack needed.
    const rangeMs = halfMs + level.maxHalfMs + this.toleranceMs[pair]!;
    const angle = rangeM / EARTH_RADIUS_M;
    const dLat = angle / RAD;
    const cosLat = Math.cos(Math.min(90, Math.abs(lat) + dLat) * RAD);
    const dLng =
      Math.sin(angle) >= cosLat || angle >= Math.PI / 2 ? 180 : Math.asin(Math.sin(angle) / cosLat) / RAD;
    const d = level.cellDeg;
    const nx = level.nx;
    // The x range, as one or two plain ranges of cells: a0…a1, and b0…b1 for the part beyond
    // the antimeridian. That part is found from its longitude, not by adding nx to a cell
    // index: the last column is narrower than the others unless d divides 360, so nx cells are
    // not 360° (a query at 179.96° once missed a report at -179.99° in cell 0).
    const west = lng - dLng;
    const east = lng + dLng;
    let a0 = Math.max(0, Math.floor((west + 180) / d));
    let a1 = Math.min(nx - 1, Math.floor((east + 180) / d));
    let b0 = 0;
    let b1 = -1;
    if (west < -180) b0 = Math.min(nx - 1, Math.floor((west + 540) / d));
    if (west < -180) b1 = nx - 1;
    else if (east >= 180) b1 = Math.min(nx - 1, Math.floor((east - 180) / d));
    if (east - west >= 360 || (b1 >= b0 && b0 <= a1 && b1 >= a0)) {
      a0 = 0;
      a1 = nx - 1;
      b1 = -1;
    }
    const iy0 = Math.max(0, Math.floor((lat - dLat + 90) / d));
    const iy1 = Math.min(level.ny - 1, Math.floor((lat + dLat + 90) / d));
    const it0 = Math.floor((midMs - rangeMs) / level.bucketMs);
    const it1 = Math.floor((midMs + rangeMs) / level.bucketMs);
    const i32 = this.i32;
    // A huge region (an oblast, a week) would touch more cells than the level holds: scan it,
    // keeping only the nodes within the time tolerance (the exact test of joinEdge).
    const heads = level.heads;
    if ((a1 - a0 + 1 + Math.max(0, b1 - b0 + 1)) * (iy1 - iy0 + 1) * (it1 - it0 + 1) > level.nodes) {
      const toleranceMs = this.toleranceMs[pair]!;
      const f64 = this.f64;
      for (let h = 0; h < level.blockCount * 16; h++) {
        if (this.linking !== NONE && level.reps[h]! >= 0) {
          this.linkCell(level, h);
          continue;
        }
        if (this.linking !== NONE && heads[h] !== NONE) this.noteMixed(level, h);
        for (let p = heads[h]!; p !== NONE; p = i32[p * 16 + I_NEXT]!) {
          const gapMs = Math.max(q.startMs, f64[p * 8 + F_START]!) - Math.min(q.endMs, f64[p * 8 + F_END]!);
          if (Math.max(0, gapMs) <= toleranceMs) this.push(p);
        }
      }
      return;
    }
    for (let it = it0; it <= it1; it++) {
      for (let by = iy0 >> 2; by <= iy1 >> 2; by++) {
        const y0 = Math.max(iy0, by << 2);
        const y1 = Math.min(iy1, (by << 2) + 3);
        this.gatherRow(level, a0, a1, by, y0, y1, it);
        if (b1 >= b0) this.gatherRow(level, b0, b1, by, y0, y1, it);
      }
    }
  }

  /** The nodes in cells x0…x1 (no wrap) × y0…y1 (all in block row `by`) of time bucket `it`. */
  private gatherRow(
    level: Level,
    x0: number,
    x1: number,
    by: number,
    y0: number,
    y1: number,
    it: number,
  ): void {
    const heads = level.heads;
    const i32 = this.i32;
    for (let bx = x0 >> 2; bx <= x1 >> 2; bx++) {
      const b = IndexedGraph.block(level, bx << 2, by << 2, it, false);
      if (b === NONE) continue;
      const xa = Math.max(x0, bx << 2);
      const xb = Math.min(x1, (bx << 2) + 3);
      for (let iy = y0; iy <= y1; iy++) {
        const row = b * 16 + ((iy & 3) << 2);
        for (let ix = xa; ix <= xb; ix++) {
          const slot = row + (ix & 3);
          if (this.linking !== NONE) {
            if (level.reps[slot]! >= 0) {
              this.linkCell(level, slot);
              continue;
            }
            if (heads[slot] !== NONE) this.noteMixed(level, slot);
          }
          for (let p = heads[slot]!; p !== NONE; p = i32[p * 16 + I_NEXT]!) this.push(p);
        }
      }
    }
  }

  /**
   * NO when k and p surely do not join: incompatible, apart in time (timeJoins, exactly as in
   * joinEdge), or too far apart in space by a lower bound (the chord between the centres never
   * exceeds the great-circle distance; sectors get the index's 10 % + 100 m slack). SURE when
   * two discs surely join: compatible, within the time tolerance (exact), and their centres'
   * great-circle distance, taken from the chord, clears the reach by 1e-9 relative + 1 mm. That
   * margin is far wider than where this arithmetic and the haversine of joinEdge can disagree
   * (both are within about 1e-11 relative below a quarter of the Earth's circumference, where
   * alone SURE is given), so SURE never says yes where joinEdge says no. MAYBE: test exactly.
   */
  private near(k: number, p: number): number {
    const f64 = this.f64;
    const i32 = this.i32;
    const kindK = i32[k * 16 + I_KIND]!;
    const kindP = i32[p * 16 + I_KIND]!;
    const pair = (kindK & CATEGORY) * N + (kindP & CATEGORY);
    if (this.compatible[pair] === 0) return NO;
    const a = k * 8;
    const b = p * 8;
    if (
      !timeJoins(
        f64[a + F_START]!,
        f64[a + F_END]!,
        f64[b + F_START]!,
        f64[b + F_END]!,
        this.toleranceMs[pair]!,
      )
    )
      return NO;
    const dx = f64[a + F_UX]! - f64[b + F_UX]!;
    const dy = f64[a + F_UY]! - f64[b + F_UY]!;
    const dz = f64[a + F_UZ]! - f64[b + F_UZ]!;
    const chord = Math.sqrt(dx * dx + dy * dy + dz * dz);
    const chordM = chord * EARTH_RADIUS_M;
    const reachM = f64[a + F_REACH]! + f64[b + F_REACH]! + this.toleranceM[pair]!;
    if ((kindK & kindP & DISC) === 0) return chordM <= reachM * 1.1 + 100 ? MAYBE : NO;
    if (chordM > reachM * (1 + 1e-9) + 1e-3) return NO;
    if (chord >= 1) return MAYBE;
    const arcM = 2 * EARTH_RADIUS_M * Math.asin(chord / 2);
    return arcM * (1 + 1e-9) + 1e-3 <= reachM ? SURE : MAYBE;
  }

  private isVague(k: number): boolean {
    return (this.i32[k * 16 + I_KIND]! & VAGUE) !== 0;
  }

  /**
   * Unites a precise node with every precise node it joins; returns the count of candidates.
   * A cell whose nodes are all precise and one component (Level.reps) is not listed: once the
   * node has joined any of them it has joined the component, so the rest are skipped, and a
   * cell of k's own component is skipped whole. Without this, a dense burst (thousands of
   * reports of one place in one cell) made every insert test every earlier report (O(n²)).
   * Cells listed in full are checked afterwards and marked one component when they are.
   * The vague candidates a caller reads from `found` (claimVague) are always listed: a cell
   * holding a vague node is never marked.
   */
  private linkPrecise(node: FusionNode): number {
    const k = node.key;
    this.linking = k;
    this.linkNode = node;
    this.mixedCount = 0;
    let n: number;
    try {
      n = this.candidates(node);
    } finally {
      this.linking = NONE;
      this.linkNode = undefined;
    }
    const found = this.found;
    for (let i = 0; i < n; i++) {
      const p = found[i]!;
      if (this.isVague(p)) continue;
      const near = this.near(k, p);
      if (near === NO || this.find(p) === this.find(k)) continue;
      if (near === SURE || joins(node, this.nodes.node(p), this.rules)) this.union(k, p);
    }
    this.markWholeCells(k);
    return n;
  }

  /** The key being linked by linkPrecise (NONE otherwise), and its node. */
  private linking = NONE;
  private linkNode: FusionNode | undefined;
  /** Cells linkPrecise listed in full: level index and slot, pairwise. */
  private mixed = new Int32Array(64);
  private mixedCount = 0;

  private noteMixed(level: Level, slot: number): void {
    if (this.mixedCount + 2 > this.mixed.length) {
      const bigger = new Int32Array(this.mixed.length * 2);
      bigger.set(this.mixed);
      this.mixed = bigger;
    }
    this.mixed[this.mixedCount++] = level.index;
    this.mixed[this.mixedCount++] = slot;
  }

  /** linkPrecise in a cell of one other component: unite with it at the first node that joins. */
  private linkCell(level: Level, slot: number): void {
    const k = this.linking;
    const rep = level.reps[slot]!;
    if (this.find(rep) === this.find(k)) return;
    const node = this.linkNode!;
    const i32 = this.i32;
    for (let p = level.heads[slot]!; p !== NONE; p = i32[p * 16 + I_NEXT]!) {
      const near = this.near(k, p);
      if (near === NO) continue;
      if (near === SURE || joins(node, this.nodes.node(p), this.rules)) {
        this.union(k, p);
        return;
      }
    }
  }

  /** After linkPrecise: cells listed in full whose nodes are all precise and in k's component now. */
  private markWholeCells(k: number): void {
    const root = this.find(k);
    const i32 = this.i32;
    for (let i = 0; i < this.mixedCount; i += 2) {
      const level = this.levelList[this.mixed[i]!]!;
      const slot = this.mixed[i + 1]!;
      let whole = level.heads[slot] !== NONE;
      for (let p = level.heads[slot]!; whole && p !== NONE; p = i32[p * 16 + I_NEXT]!)
        whole = (i32[p * 16 + I_KIND]! & VAGUE) === 0 && this.find(p) === root;
      if (whole) level.reps[slot] = k;
    }
    this.mixedCount = 0;
  }

  /** Unites a vague node without precise neighbours with every such node it nearly coincides with. */
  private linkOrphan(node: FusionNode): void {
    const k = node.key;
    const n = this.candidates(node);
    const found = this.found;
    for (let i = 0; i < n; i++) {
      const p = found[i]!;
      if (p === k || !this.isVague(p) || this.attach[p] !== NONE) continue;
      if (this.near(k, p) === NO || this.find(p) === this.find(k)) continue;
      const other = this.nodes.node(p);
      const edge = joinEdge(node, other, this.rules);
      if (edge && coincident(node, other, edge, this.rules)) this.union(k, p);
    }
  }

  /** The closest precise neighbour of a vague node, or NONE; records the edge's gaps. */
  private bestPrecise(node: FusionNode): number {
    const k = node.key;
    const n = this.candidates(node);
    const found = this.found;
    let best = NONE;
    let bestEdge: JoinEdge | undefined;
    for (let i = 0; i < n; i++) {
      const p = found[i]!;
      if (p === k || this.isVague(p) || this.near(k, p) === NO) continue;
      const other = this.nodes.node(p);
      const edge = joinEdge(node, other, this.rules);
      if (
        edge &&
        closerAttachment(edge, other.uid, bestEdge, best === NONE ? undefined : this.nodes.uid(best))
      ) {
        best = p;
        bestEdge = edge;
      }
    }
    if (bestEdge) this.setAttachment(k, best, bestEdge);
    return best;
  }

  private setAttachment(v: number, p: number, edge: Gaps): void {
    const old = this.attach[v]!;
    if (old !== NONE) this.detach(v);
    this.attach[v] = p;
    this.attachDistanceM[v] = edge.distanceM;
    this.attachGapMs[v] = edge.gapMs;
    const list = this.attachedTo[p];
    if (list) list.push(v);
    else this.attachedTo[p] = [v];
  }

  private detach(v: number): void {
    const p = this.attach[v]!;
    const list = this.attachedTo[p]!;
    list[list.indexOf(v)] = list[list.length - 1]!;
    list.pop();
    if (list.length === 0) this.attachedTo[p] = undefined;
    this.attach[v] = NONE;
  }

  /** Members of k's union-find component (precise or orphan), k first. */
  private cycle(k: number): number[] {
    const out = [k];
    for (let m = this.next[k]!; m !== k; m = this.next[m]!) out.push(m);
    return out;
  }

  /** Rebuilds orphan components after some of their members found a precise neighbour. */
  private relinkOrphans(groups: readonly (readonly number[])[]): void {
    for (const group of groups) for (const m of group) this.reset(m);
    for (const group of groups) {
      for (const m of group) if (this.attach[m] === NONE) this.linkOrphan(this.nodes.node(m));
    }
  }

  insert(node: FusionNode): void {
    const k = node.key;
    this.grow(k);
    this.store(node);
    this.reset(k);
    this.attach[k] = NONE;
    if (node.vague) {
      if (this.bestPrecise(node) === NONE) this.linkOrphan(node);
    } else {
      const n = this.linkPrecise(node);
      this.claimVague(node, n);
    }
    this.place(node);
  }

  /** A new precise node may be the closest precise neighbour of vague candidates (still in `found`). */
  private claimVague(node: FusionNode, n: number): void {
    const k = node.key;
    let leaving: number[][] | undefined;
    for (let i = 0; i < n; i++) {
      const v = this.found[i]!;
      if (!this.isVague(v) || this.attach[v] === k || this.near(k, v) === NO) continue;
      const vagueNode = this.nodes.node(v);
      const edge = joinEdge(vagueNode, node, this.rules);
      if (!edge) continue;
      const current = this.attach[v]!;
      if (current === NONE) {
        // An orphan no longer: its old group may fall apart.
        leaving ??= [];
        if (!leaving.some((g) => g.includes(v))) leaving.push(this.cycle(v));
        this.setAttachment(v, k, edge);
      } else {
        const best = { distanceM: this.attachDistanceM[v]!, gapMs: this.attachGapMs[v]! };
        if (closerAttachment(edge, node.uid, best, this.nodes.uid(current))) this.setAttachment(v, k, edge);
      }
    }
    if (leaving) this.relinkOrphans(leaving);
  }

  private store(node: FusionNode): void {
    const k = node.key;
    const lng = node.lng * RAD;
    const lat = node.lat * RAD;
    const cosLat = Math.cos(lat);
    const f64 = this.f64;
    const a = k * 8;
    f64[a + F_UX] = cosLat * Math.cos(lng);
    f64[a + F_UY] = cosLat * Math.sin(lng);
    f64[a + F_UZ] = Math.sin(lat);
    f64[a + F_REACH] = node.reachM;
    f64[a + F_START] = node.startMs;
    f64[a + F_END] = node.endMs;
    this.i32[k * 16 + I_KIND] =
      node.category | (node.vague ? VAGUE : 0) | (node.region.kind === 'disc' ? DISC : 0);
  }

  private place(node: FusionNode): void {
    const k = node.key;
    const level = this.levelFor(node);
    const lng = node.lng;
    const lat = node.lat;
    const ix = Math.floor((lng + 180) / level.cellDeg) % level.nx;
    const iy = Math.floor((lat + 90) / level.cellDeg);
    const it = Math.floor((node.startMs + node.endMs) / 2 / level.bucketMs);
    const slot = IndexedGraph.block(level, ix, iy, it, true) * 16 + ((iy & 3) << 2) + (ix & 3);
    const head = level.heads[slot]!;
    this.i32[k * 16 + I_NEXT] = head;
    this.cellPrev[k] = NONE;
    if (head !== NONE) this.cellPrev[head] = k;
    level.heads[slot] = k;
    const rep = level.reps[slot]!;
    if (node.vague) level.reps[slot] = MIXED;
    else if (head === NONE) level.reps[slot] = k;
    else if (rep >= 0 && this.find(rep) !== this.find(k)) level.reps[slot] = MIXED;
    level.nodes++;
    this.slotOf[k] = slot;
    this.levelOf[k] = level.index;
  }

  private unplace(k: number): void {
    const level = this.levelList[this.levelOf[k]!]!;
    if (level.reps[this.slotOf[k]!] === k) level.reps[this.slotOf[k]!] = MIXED;
    const prev = this.cellPrev[k]!;
    const next = this.i32[k * 16 + I_NEXT]!;
    if (next !== NONE) this.cellPrev[next] = prev;
    if (prev !== NONE) this.i32[prev * 16 + I_NEXT] = next;
    else level.heads[this.slotOf[k]!] = next;
    level.nodes--;
    this.levelOf[k] = NONE;
  }

  remove(node: FusionNode): void {
    const k = node.key;
    this.unplace(k);
    if (node.vague) {
      if (this.attach[k] !== NONE) this.detach(k);
      else {
        const rest = this.cycle(k).slice(1);
        this.reset(k);
        this.relinkOrphans([rest]);
      }
      return;
    }
    // The rest of the component may fall apart: relink it from the index, locally. The cells
    // that held it are no longer known to be one component.
    const rest = this.cycle(k).slice(1);
    for (const m of rest) this.levelList[this.levelOf[m]!]!.reps[this.slotOf[m]!] = MIXED;
    const orphaned = this.attachedTo[k] ?? [];
    this.attachedTo[k] = undefined;
    this.reset(k);
    for (const m of rest) this.reset(m);
    for (const m of rest) this.linkPrecise(this.nodes.node(m));
    // Vague nodes that pointed at it take their next closest precise neighbour, if any.
    const orphans: number[] = [];
    for (const v of orphaned) {
      this.attach[v] = NONE;
      if (this.bestPrecise(this.nodes.node(v)) === NONE) orphans.push(v);
    }
    for (const v of orphans) this.reset(v);
    for (const v of orphans) this.linkOrphan(this.nodes.node(v));
  }

  /** The union-find root an incident hangs on: its own for precise and orphan nodes, else its anchor's. */
  label(key: number): number {
    return this.rootOf(key);
  }

  private rootOf(k: number): number {
    const anchor = this.attach[k]!;
    return this.find(anchor === NONE ? k : anchor);
  }

  component(node: FusionNode): readonly FusionNode[] {
    const anchor = this.attach[node.key]!;
    const start = anchor === NONE ? node.key : anchor;
    const out: FusionNode[] = [];
    for (const m of this.cycle(start)) {
      out.push(this.nodes.node(m));
      for (const v of this.attachedTo[m] ?? []) out.push(this.nodes.node(v));
    }
    return out;
  }

  components(): readonly (readonly FusionNode[])[] {
    const groups: FusionNode[][] = [];
    const groupOf = new Int32Array(this.capacity).fill(NONE);
    const levelOf = this.levelOf;
    for (let k = 0; k < levelOf.length; k++) {
      // A live key is placed in a level; a freed one is not.
      if (levelOf[k] === NONE) continue;
      const node = this.nodes.node(k);
      const root = this.rootOf(k);
      const g = groupOf[root]!;
      if (g === NONE) {
        groupOf[root] = groups.length;
        groups.push([node]);
      } else groups[g]!.push(node);
    }
    return groups;
  }

  edges(component: readonly FusionNode[]): readonly JoinEdge[] {
    const edges: JoinEdge[] = [];
    const precise: FusionNode[] = [];
    const orphans: FusionNode[] = [];
    for (const q of component) {
      const anchor = this.attach[q.key]!;
      if (anchor !== NONE)
        edges.push({ ...joinEdge(q, this.nodes.node(anchor), this.rules)!, vague: 'attached' });
      else (q.vague ? orphans : precise).push(q);
    }
    this.linkEdges(precise, edges);
    this.linkEdges(orphans, edges);
    return edges;
  }

  /** The join (or, for orphans, coincidence) edges among one component's precise or orphan members. */
  private linkEdges(members: readonly FusionNode[], edges: JoinEdge[]): void {
    const edge = (q: FusionNode, p: FusionNode) => {
      const e = joinEdge(q, p, this.rules);
      if (!e) return;
      if (!q.vague) edges.push(e);
      else if (coincident(q, p, e, this.rules)) edges.push({ ...e, vague: 'coincident' });
    };
    // A small component is cheaper to test pair by pair than to query the grid for, and so is
    // one of a few hundred in a dense burst, where each grid query lists the whole burst.
    if (members.length <= 512) {
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) edge(members[i]!, members[j]!);
      }
      return;
    }
    const root = this.find(members[0]!.key);
    for (const q of members) {
      const n = this.candidates(q);
      for (let i = 0; i < n; i++) {
        const p = this.found[i]!;
        const other = this.nodes.node(p);
        // q.uid < p.uid takes each pair once; a repeat from colliding cells is a duplicate edge,
        // which the spanning tree ignores.
        if (this.isVague(p) !== q.vague || this.attach[p] !== NONE) continue;
        if (q.uid < other.uid && this.find(p) === root) edge(q, other);
      }
    }
  }
}

/** The streaming engine: indexed joins, near O(log n) per observation; equal to the naive one. */
export function createIndexedFusionEngine(options?: FusionOptions): FusionEngine {
  return createEngine((rules, store) => new IndexedGraph(rules, store), options);
}
