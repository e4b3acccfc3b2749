import { type AccountLine, accountInWords } from './account.ts';
import { compareUids, JOIN_TREE_LIMIT, summarizeIncident } from './incident.ts';
import type { FusionNode } from './join.ts';
import { compileRules, type FusionOptions, type FusionRules } from './rules.ts';
import { NodeStore } from './store.ts';
import type { Incident, JoinEdge, Observation } from './types.ts';
import { ObservationError, ObservationFields, readObservation } from './validate.ts';

/** What add() did: a new uid, a newer version of a known uid, or an older/equal copy ignored. */
export type AddOutcome = 'added' | 'replaced' | 'ignored';

/** What addBatch() did with each item; it never throws half-way. */
export interface BatchResult {
  readonly read: number;
  readonly added: number;
  readonly replaced: number;
  readonly ignored: number;
  readonly rejected: readonly { readonly index: number; readonly error: ObservationError }[];
}

/** An incident with its account in words: who joined whom, by which rule, how far apart. */
export interface Explanation {
  readonly incident: Incident;
  readonly lines: readonly string[];
}

/**
 * Fuses observations into incidents: the connected components of the join relation
 * (joinEdge), so the result depends on the set of current observations only, never on the
 * order or batching in which they came.
 */
export interface FusionEngine {
  /** Validates and adds one observation; throws ObservationError (state untouched) when invalid. */
  add(observation: Observation): AddOutcome;
  /** Adds many; invalid items are reported in the result, valid ones are added. */
  addBatch(observations: readonly unknown[]): BatchResult;
  /** Forgets an observation (its incident may split); false when the uid is unknown. */
  remove(uid: string): boolean;
  /** Number of current observations. */
  readonly size: number;
  /** The incidents' uid sets, each sorted, ordered by their smallest uid: cheap, no summaries. */
  partition(): readonly (readonly string[])[];
  /** Every incident, ordered by id. */
  incidents(): readonly Incident[];
  /** The incident that holds this observation now. */
  incidentOf(uid: string): Incident | undefined;
  /** The incident with this id, explained; undefined when no current incident has that id. */
  explain(incidentId: string): Explanation | undefined;
  /** The account of an incident this engine just returned (incidentOf), in English, without summarising it again. */
  explanationOf(incident: Incident): readonly string[];
  /** The same account as data, to be put in words in the reader's language (account.ts). */
  accountOf(incident: Incident): readonly AccountLine[];
}

/** The part each engine implements: a dynamic graph whose connected components are the incidents. */
export interface JoinGraph {
  insert(node: FusionNode): void;
  remove(node: FusionNode): void;
  component(node: FusionNode): readonly FusionNode[];
  components(): readonly (readonly FusionNode[])[];
  /** Every join edge between two nodes of one component. */
  edges(component: readonly FusionNode[]): readonly JoinEdge[];
  /**
   * A number that the members of one component share and no other live node has, below
   * the largest key + 1, valid until the next insert or remove; optional, for a fast partition().
   */
  label?(key: number): number;
}

/**
 * Whether `next` replaces `current` (same uid): a newer reportedAtMs wins and an older or
 * identical copy changes nothing. Two different contents with the same reportedAtMs are a
 * sender's error; the larger canonical JSON wins so that the result still does not depend on
 * arrival order.
 */
export function supersedes(next: Observation, current: Observation): boolean {
  if (next.reportedAtMs !== current.reportedAtMs) return next.reportedAtMs > current.reportedAtMs;
  return JSON.stringify(next) > JSON.stringify(current);
}

/** The engine shell both implementations share: uids, resends, validation and summaries. */
class Fusion implements FusionEngine {
  /** uid → the key of its row in `store` (a number, not an object: see NodeStore). */
  private readonly byUid = new Map<string, number>();
  private readonly freeKeys: number[] = [];
  /** Each report is read into this one record (see ObservationFields). */
  private readonly fields = new ObservationFields();
  private nextKey = 0;

  private readonly graph: JoinGraph;
  private readonly store: NodeStore;
  private readonly rules: FusionRules;
  constructor(graph: JoinGraph, store: NodeStore, rules: FusionRules) {
    this.graph = graph;
    this.store = store;
    this.rules = rules;
  }

  get size(): number {
    return this.byUid.size;
  }

  add(input: Observation): AddOutcome {
    const fields = this.fields;
    readObservation(input, fields);
    const old = this.byUid.get(fields.uid);
    if (old !== undefined && !supersedes(fields.observation(), this.store.observation(old))) return 'ignored';
    if (old !== undefined) this.forget(old);
    const key = this.freeKeys.pop() ?? this.nextKey++;
    const node = this.store.put(fields, key, this.rules);
    this.byUid.set(fields.uid, key);
    this.graph.insert(node);
    return old !== undefined ? 'replaced' : 'added';
  }

  addBatch(inputs: readonly unknown[]): BatchResult {
    const tally = { added: 0, replaced: 0, ignored: 0 };
    const rejected: { index: number; error: ObservationError }[] = [];
    inputs.forEach((input, index) => {
      try {
        tally[this.add(input as Observation)]++;
      } catch (error) {
        if (!(error instanceof ObservationError)) throw error;
        rejected.push({ index, error });
      }
    });
    return { read: inputs.length, ...tally, rejected };
  }

  remove(uid: string): boolean {
    const key = this.byUid.get(uid);
    if (key !== undefined) this.forget(key);
    return key !== undefined;
  }

  private forget(key: number): void {
    this.graph.remove(this.store.node(key));
    this.byUid.delete(this.store.uid(key));
    this.store.release(key);
    this.freeKeys.push(key);
  }

  partition(): readonly (readonly string[])[] {
    if (this.graph.label) return this.partitionByLabel(this.graph.label.bind(this.graph));
    // The default sort compares UTF-16 code units, as compareUids does, without a callback.
    return this.graph
      .components()
      .map((c) => c.map((n) => n.uid).sort())
      .sort((a, b) => compareUids(a[0]!, b[0]!));
  }

  /**
   * The groups by component label, in one pass over the uid map (no lookups); then each group
   * sorted natively, and the groups ordered by their smallest uids, sorted natively too: most
   * groups are one to a few uids, so this sorts far fewer strings, with no comparator, than one
   * sort of all the uids would.
   */
  private partitionByLabel(label: (key: number) => number): readonly (readonly string[])[] {
    const groupOf = new Int32Array(this.nextKey).fill(-1);
    const groups: string[][] = [];
    for (const [uid, key] of this.byUid) {
      const c = label(key);
      const g = groupOf[c]!;
      if (g === -1) {
        groupOf[c] = groups.length;
        groups.push([uid]);
      } else groups[g]!.push(uid);
    }
    const firsts: string[] = [];
    for (const group of groups) {
      if (group.length === 2) {
        const [a, b] = group as [string, string];
        if (b < a) [group[0], group[1]] = [b, a];
      } else if (group.length > 2) group.sort();
      firsts.push(group[0]!);
    }
    // The default sort compares UTF-16 code units, as compareUids and `<` do; a first uid
    // finds its group again through its key's label.
    return firsts.sort().map((uid) => groups[groupOf[label(this.byUid.get(uid)!)]!]!);
  }

  incidents(): readonly Incident[] {
    return this.graph
      .components()
      .map((c) => this.summarize(c))
      .sort((a, b) => compareUids(a.id, b.id));
  }

  incidentOf(uid: string): Incident | undefined {
    const key = this.byUid.get(uid);
    return key === undefined ? undefined : this.summarize(this.graph.component(this.store.node(key)));
  }

  explain(id: string): Explanation | undefined {
    const incident = id.startsWith('inc-') ? this.incidentOf(id.slice(4)) : undefined;
    if (incident?.id !== id) return undefined;
    return { incident, lines: this.explanationOf(incident) };
  }

  explanationOf(incident: Incident): readonly string[] {
    return accountInWords(this.accountOf(incident));
  }

  accountOf(incident: Incident): readonly AccountLine[] {
    const observation = (uid: string) => this.store.observation(this.byUid.get(uid)!);
    const lines: AccountLine[] = [{ kind: 'opens', uid: incident.observationUids[0]! }];
    const many = incident.observationUids.length > JOIN_TREE_LIMIT;
    if (many)
      lines.push({ kind: 'joinedMany', count: incident.observationUids.length, limit: JOIN_TREE_LIMIT });
    const uidList = (uids: readonly string[]) =>
      many && uids.length > 5 ? { uids: uids.slice(0, 5), more: uids.length - 5 } : { uids, more: 0 };
    for (const { uid, via, edge } of incident.joins) {
      const t = edge.tolerance;
      lines.push({
        kind: 'join',
        uid,
        via,
        rule: edge.rule,
        categories: [observation(uid).category, observation(via).category],
        geometry: edge.geometry,
        distanceM: edge.distanceM,
        toleranceM: t.distanceM,
        gapMs: edge.gapMs,
        toleranceMs: t.timeMs,
        ...(edge.vague && { vague: edge.vague }),
      });
    }
    const bySource = new Map<string, string[]>();
    for (const uid of incident.observationUids) {
      const key = this.store.independenceKey(this.byUid.get(uid)!);
      const list = bySource.get(key);
      if (list) list.push(uid);
      else bySource.set(key, [uid]);
    }
    for (const [key, uids] of bySource) {
      if (key.startsWith('party:')) lines.push({ kind: 'party', party: key.slice(6), ...uidList(uids) });
      else if (uids.length > 1)
        lines.push(
          key.startsWith('submitter:')
            ? { kind: 'submitter', submitter: key.slice(10), ...uidList(uids) }
            : { kind: 'source', source: key.slice(7), ...uidList(uids) },
        );
    }
    lines.push({
      kind: incident.state === 'corroborated' ? 'corroborated' : 'reported',
      sources: incident.independentSourceCount,
    });
    return lines;
  }

  private summarize(component: readonly FusionNode[]): Incident {
    // Above the limit the join tree is not listed (docs/adr/0022-no-join-tree-for-huge-incidents.md):
    // its edges are O(n²) in a dense burst, and a list of 100,000 joins explains nothing.
    const edges = component.length > JOIN_TREE_LIMIT ? [] : this.graph.edges(component);
    return summarizeIncident(component, edges, this.rules);
  }
}

/** Wraps a join graph in the shared engine shell. */
export function createEngine(
  makeGraph: (rules: FusionRules, store: NodeStore) => JoinGraph,
  options?: FusionOptions,
): FusionEngine {
  const rules = compileRules(options);
  const store = new NodeStore();
  return new Fusion(makeGraph(rules, store), store, rules);
}
