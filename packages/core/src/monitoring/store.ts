import { haversineM, sectorCentroid, sectorPolygon } from './geo.ts';
import type { FusionNode, Region } from './join.ts';
import type { FusionRules } from './rules.ts';
import {
  type BearingLocation,
  CATEGORIES,
  type LngLat,
  type Observation,
  type ObservationLocation,
  SOURCE_KINDS,
  type SourceKind,
} from './types.ts';
import type { ObservationFields } from './validate.ts';

type Ref = string | readonly number[] | FusionNode | undefined;
const REFS = 7;
const UID = 0;
const SOURCE_ID = 1;
const NATION = 2;
const REMARKS = 3;
const RING = 4;
/** The key's node, made once by put(). */
const NODE = 5;
/** Who really sent it (Observation.submitter), or undefined. */
const SUBMITTER = 6;
const PAGE_BITS = 12;
const PAGE_MASK = (1 << PAGE_BITS) - 1;

const SOURCE_KIND_INDEX = new Map(SOURCE_KINDS.map((kind, i) => [kind, i]));

/** Doubles per key in NodeStore.f64, and each field's offset. */
const STRIDE = 16;
const LNG = 0;
const LAT = 1;
const RADIUS = 2;
const REACH = 3;
const EXTENT = 4;
const START = 5;
const END = 6;
const REPORTED = 7;
const COUNT = 8;
const OBSERVER_LNG = 9;
const OBSERVER_LAT = 10;
const BEARING = 11;
const SPREAD = 12;
const MIN_DISTANCE = 13;
const MAX_DISTANCE = 14;
/** category | source kind << 8 | VAGUE | SECTOR, as a double. */
const META = 15;
const VAGUE = 1 << 16;
const SECTOR = 1 << 17;

/**
 * The engine's observations, one row of 16 doubles per key, plus the strings by key. A
 * streaming engine holds a million of these, and the collector visits every object on the heap
 * at each major collection and copies each survivor of a minor one: a row costs it nothing (the
 * doubles live in one off-heap buffer), where an object per observation with its timestamps
 * boxed, its position array and its nested source and time records cost it several objects
 * each. What the heap keeps per observation is its node (two fields), four string references
 * (uid, source id, nation, remarks; shared with the input) and, for a bearing, its sector
 * polygon; the engine's uid map holds keys, not objects.
 *
 * A node (`node(key)`) reads its row through getters and is valid while its key is live: the
 * engine frees a key only after the graph has let go of it, and a freed key's row is reused.
 */
export class NodeStore {
  private f64 = new Float64Array(0);
  private capacity = 0;
  /**
   * The references by key, REFS per key: uid, source id, nation, remarks, and a sector's
   * polygon (sectorPolygon) flat, lng, lat, lng, lat… (undefined for a disc). They live in
   * fixed pages of PAGE keys, so that growing never copies them: an array grown by copying
   * allocates about three times its final size, and each of those bytes brings the next major
   * collection closer.
   */
  private readonly pages: Ref[][] = [];

  private grow(key: number): void {
    if (key < this.capacity) return;
    const capacity = Math.max(1024, this.capacity * 2, key + 1);
    const f64 = new Float64Array(capacity * STRIDE);
    f64.set(this.f64);
    this.f64 = f64;
    this.capacity = capacity;
    while (this.pages.length << PAGE_BITS < capacity) {
      this.pages.push(new Array<Ref>(REFS << PAGE_BITS).fill(undefined));
    }
  }

  private ref(key: number, field: number): Ref {
    return this.pages[key >>> PAGE_BITS]![(key & PAGE_MASK) * REFS + field];
  }

  private setRefs(
    key: number,
    uid: Ref,
    sourceId: Ref,
    nation: Ref,
    remarks: Ref,
    ring: Ref,
    node: Ref,
    submitter: Ref,
  ): void {
    const page = this.pages[key >>> PAGE_BITS]!;
    const at = (key & PAGE_MASK) * REFS;
    page[at + UID] = uid;
    page[at + SOURCE_ID] = sourceId;
    page[at + NATION] = nation;
    page[at + REMARKS] = remarks;
    page[at + RING] = ring;
    page[at + NODE] = node;
    page[at + SUBMITTER] = submitter;
  }

  /** Stores a validated observation's fields under `key` and returns its node. */
  put(fields: ObservationFields, key: number, rules: FusionRules): FusionNode {
    this.grow(key);
    const loc = fields.bearing;
    const row = key * STRIDE;
    const f64 = this.f64;
    let lng: number;
    let lat: number;
    let reachM: number;
    let extentM: number;
    let ring: number[] | undefined;
    if (loc === undefined) {
      lng = fields.lng;
      lat = fields.lat;
      reachM = fields.radiusM;
      extentM = fields.radiusM;
      f64[row + RADIUS] = fields.radiusM;
    } else {
      // Area of an annular sector: half-width (rad) × (outer² − inner²). A narrow bearing stays
      // precise however long it is, so that crossing bearings can be triangulated.
      extentM = Math.sqrt(
        (((loc.spreadDeg * Math.PI) / 180) * (loc.maxDistanceM ** 2 - loc.minDistanceM ** 2)) / Math.PI,
      );
      const centre = sectorCentroid(loc);
      [lng, lat] = centre;
      ring = [];
      // The polygon's farthest point from any point is a vertex.
      reachM = 0;
      for (const v of sectorPolygon(loc)) {
        ring.push(v[0], v[1]);
        reachM = Math.max(reachM, haversineM(centre, v));
      }
      f64[row + RADIUS] = 0;
      f64[row + OBSERVER_LNG] = loc.observer[0];
      f64[row + OBSERVER_LAT] = loc.observer[1];
      f64[row + BEARING] = loc.bearingDeg;
      f64[row + SPREAD] = loc.spreadDeg;
      f64[row + MIN_DISTANCE] = loc.minDistanceM;
      f64[row + MAX_DISTANCE] = loc.maxDistanceM;
    }
    const category = rules.categoryIndex.get(fields.category)!;
    const { startMs, endMs } = fields;
    const limits = rules.vagueness[category]!;
    const vague = extentM > limits.extentM || endMs - startMs > limits.durationMs;
    f64[row + LNG] = lng;
    f64[row + LAT] = lat;
    f64[row + REACH] = reachM;
    f64[row + EXTENT] = extentM;
    f64[row + START] = startMs;
    f64[row + END] = endMs;
    f64[row + REPORTED] = fields.reportedAtMs;
    f64[row + COUNT] = fields.count;
    f64[row + META] =
      category | (SOURCE_KIND_INDEX.get(fields.sourceKind)! << 8) | (vague ? VAGUE : 0) | (ring ? SECTOR : 0);
    const node = new StoredNode(this, key);
    this.setRefs(
      key,
      fields.uid,
      fields.sourceId,
      fields.nation,
      fields.remarks,
      ring,
      node,
      fields.submitter,
    );
    return node;
  }

  /** The node of a live key (the one put() made). */
  node(key: number): FusionNode {
    return this.ref(key, NODE) as FusionNode;
  }

  uid(key: number): string {
    return this.ref(key, UID) as string;
  }

  /** Lets go of a freed key's strings and polygon; its row is overwritten when the key is reused. */
  release(key: number): void {
    this.setRefs(key, undefined, undefined, undefined, undefined, undefined, undefined, undefined);
  }

  number(key: number, field: number): number {
    return this.f64[key * STRIDE + field]!;
  }

  meta(key: number): number {
    return this.f64[key * STRIDE + META]!;
  }

  ring(key: number): readonly number[] | undefined {
    return this.ref(key, RING) as readonly number[] | undefined;
  }

  sourceKind(key: number): SourceKind {
    return SOURCE_KINDS[(this.f64[key * STRIDE + META]! >> 8) & 0xff]!;
  }

  sourceNation(key: number): string {
    return this.ref(key, NATION) as string;
  }

  /** independenceKey(observation(key)), without making the observation. */
  independenceKey(key: number): string {
    if (this.sourceKind(key) === 'party_claim') return `party:${this.ref(key, NATION) as string}`;
    const submitter = this.ref(key, SUBMITTER) as string | undefined;
    return submitter === undefined
      ? `source:${this.ref(key, SOURCE_ID) as string}`
      : `submitter:${submitter}`;
  }

  /** The observation as validateObservation returned it: equal fields, in the same order. */
  observation(key: number): Observation {
    const f64 = this.f64;
    const row = key * STRIDE;
    const meta = f64[row + META]!;
    const location: ObservationLocation =
      meta & SECTOR
        ? ({
            kind: 'bearing',
            observer: [f64[row + OBSERVER_LNG]!, f64[row + OBSERVER_LAT]!],
            bearingDeg: f64[row + BEARING]!,
            spreadDeg: f64[row + SPREAD]!,
            minDistanceM: f64[row + MIN_DISTANCE]!,
            maxDistanceM: f64[row + MAX_DISTANCE]!,
          } satisfies BearingLocation)
        : { kind: 'point', position: [f64[row + LNG]!, f64[row + LAT]!], radiusM: f64[row + RADIUS]! };
    const observation: Observation = {
      uid: this.ref(key, UID) as string,
      source: {
        kind: SOURCE_KINDS[(meta >> 8) & 0xff]!,
        id: this.ref(key, SOURCE_ID) as string,
        nation: this.ref(key, NATION) as string,
      },
      time: { startMs: f64[row + START]!, endMs: f64[row + END]! },
      category: CATEGORIES[meta & 0xff]!,
      count: f64[row + COUNT]!,
      location,
      reportedAtMs: f64[row + REPORTED]!,
    };
    const remarks = this.ref(key, REMARKS) as string | undefined;
    const remarked = remarks === undefined ? observation : { ...observation, remarks };
    const submitter = this.ref(key, SUBMITTER) as string | undefined;
    return submitter === undefined ? remarked : { ...remarked, submitter };
  }
}

/**
 * A node: a key and its store, two fields and nothing else, made once per stored observation and
 * kept in its key's references until the key is released. It is its own region (kind, centre,
 * radiusM, ring), and rebuilds its observation on demand; `centre` and `observation` return
 * fresh objects.
 *
 * Nodes used to be made afresh for each use and dropped. That saved the collector one small
 * object per observation, but whenever a collection found no node alive, V8 discarded the
 * optimised code of every function that handles nodes ("weak objects" deoptimisations: seven
 * rounds in nine runs of 10k reports under `node --trace-deopt`, each followed by
 * recompilation), and a 10k fusion took 35-43 ms instead of 10-20 ms.
 */
class StoredNode implements FusionNode {
  private readonly store: NodeStore;
  readonly key: number;
  constructor(store: NodeStore, key: number) {
    this.store = store;
    this.key = key;
  }

  get uid(): string {
    return this.store.uid(this.key);
  }

  get region(): Region {
    return this as unknown as Region;
  }

  get kind(): Region['kind'] {
    return this.store.meta(this.key) & SECTOR ? 'sector' : 'disc';
  }

  get category(): number {
    return this.store.meta(this.key) & 0xff;
  }

  get vague(): boolean {
    return (this.store.meta(this.key) & VAGUE) !== 0;
  }

  get lng(): number {
    return this.store.number(this.key, LNG);
  }

  get lat(): number {
    return this.store.number(this.key, LAT);
  }

  get centre(): LngLat {
    return [this.store.number(this.key, LNG), this.store.number(this.key, LAT)];
  }

  /** A disc's radius; 0 for a sector. */
  get radiusM(): number {
    return this.store.number(this.key, RADIUS);
  }

  get ring(): readonly number[] | undefined {
    return this.store.ring(this.key);
  }

  get reachM(): number {
    return this.store.number(this.key, REACH);
  }

  get extentM(): number {
    return this.store.number(this.key, EXTENT);
  }

  get startMs(): number {
    return this.store.number(this.key, START);
  }

  get endMs(): number {
    return this.store.number(this.key, END);
  }

  get count(): number {
    return this.store.number(this.key, COUNT);
  }

  get sourceKind(): SourceKind {
    return this.store.sourceKind(this.key);
  }

  get sourceNation(): string {
    return this.store.sourceNation(this.key);
  }

  get independenceKey(): string {
    return this.store.independenceKey(this.key);
  }

  get observation(): Observation {
    return this.store.observation(this.key);
  }
}
