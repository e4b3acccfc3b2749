import { createEngine, type FusionEngine, type JoinGraph } from './engine.ts';
import { closerAttachment, coincident, type FusionNode, joinEdge } from './join.ts';
import type { FusionOptions, FusionRules } from './rules.ts';
import type { JoinEdge } from './types.ts';

interface Attachment {
  readonly to: FusionNode;
  readonly edge: JoinEdge;
}

/**
 * All pairs, recomputed from scratch on every question: O(n²), obviously right, the reference
 * the indexed engine must equal. The rule, step by step (README, "Vague observations"):
 * precise observations form the components of the join relation; a vague observation joins
 * the component of its closest precise neighbour; vague observations with no precise
 * neighbour group among themselves where they nearly coincide.
 */
class NaiveGraph implements JoinGraph {
  /** By key: the engine hands out a fresh node object each time it names one. */
  private readonly byKey = new Map<number, FusionNode>();

  private readonly rules: FusionRules;
  constructor(rules: FusionRules) {
    this.rules = rules;
  }

  private get nodes(): Iterable<FusionNode> {
    return this.byKey.values();
  }

  insert(node: FusionNode): void {
    this.byKey.set(node.key, node);
  }

  remove(node: FusionNode): void {
    this.byKey.delete(node.key);
  }

  /** The closest precise neighbour of a vague node and the edge to it; undefined when it has none. */
  private attachment(v: FusionNode): Attachment | undefined {
    let to: FusionNode | undefined;
    let best: JoinEdge | undefined;
    for (const p of this.nodes) {
      if (p.vague) continue;
      const edge = joinEdge(v, p, this.rules);
      if (edge && closerAttachment(edge, p.uid, best, to?.uid)) [to, best] = [p, edge];
    }
    return to && best && { to, edge: { ...best, vague: 'attached' } };
  }

  /** Every vague node's attachment (undefined for those with no precise neighbour). */
  private attachments(): ReadonlyMap<FusionNode, Attachment | undefined> {
    return new Map([...this.nodes].filter((n) => n.vague).map((v) => [v, this.attachment(v)]));
  }

  /** The edge between two nodes of one kind that holds them in one incident, if any. */
  private link(
    a: FusionNode,
    b: FusionNode,
    attached: ReadonlyMap<FusionNode, Attachment | undefined>,
  ): JoinEdge | undefined {
    if (a.vague !== b.vague) return undefined;
    const edge = joinEdge(a, b, this.rules);
    if (!edge || !a.vague) return edge;
    const orphans = !attached.get(a) && !attached.get(b);
    return orphans && coincident(a, b, edge, this.rules) ? { ...edge, vague: 'coincident' } : undefined;
  }

  components(): readonly (readonly FusionNode[])[] {
    const list = [...this.nodes];
    const attached = this.attachments();
    const parent = list.map((_, i) => i);
    const find = (x: number): number => {
      while (parent[x] !== x) x = parent[x]!;
      return x;
    };
    const index = new Map(list.map((n, i) => [n, i]));
    list.forEach((a, i) => {
      const to = attached.get(a)?.to;
      if (to) parent[find(i)] = find(index.get(to)!);
      for (let j = i + 1; j < list.length; j++) {
        if (this.link(a, list[j]!, attached)) parent[find(i)] = find(j);
      }
    });
    const groups = new Map<number, FusionNode[]>();
    list.forEach((n, i) => {
      const root = find(i);
      const group = groups.get(root);
      if (group) group.push(n);
      else groups.set(root, [n]);
    });
    return [...groups.values()];
  }

  component(start: FusionNode): readonly FusionNode[] {
    return this.components().find((c) => c.some((n) => n.key === start.key))!;
  }

  edges(component: readonly FusionNode[]): readonly JoinEdge[] {
    const attached = this.attachments();
    const edges: JoinEdge[] = [];
    component.forEach((a, i) => {
      const attachment = attached.get(a);
      if (attachment) edges.push(attachment.edge);
      for (const b of component.slice(i + 1)) {
        const edge = this.link(a, b, attached);
        if (edge) edges.push(edge);
      }
    });
    return edges;
  }
}

/** The reference engine: all-pairs joins, for tests and small sets. */
export function createNaiveFusionEngine(options?: FusionOptions): FusionEngine {
  return createEngine((rules) => new NaiveGraph(rules), options);
}
