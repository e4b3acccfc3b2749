import { createEngine, type FusionEngine, type JoinGraph } from './engine.ts';
import { type FusionNode, joinEdge } from './join.ts';
import type { FusionOptions, FusionRules } from './rules.ts';
import type { JoinEdge } from './types.ts';

/** All pairs, every time: O(n²), obviously right, the reference the indexed engine must equal. */
class NaiveGraph implements JoinGraph {
  private readonly nodes = new Set<FusionNode>();

  constructor(private readonly rules: FusionRules) {}

  insert(node: FusionNode): void {
    this.nodes.add(node);
  }

  remove(node: FusionNode): void {
    this.nodes.delete(node);
  }

  component(start: FusionNode): readonly FusionNode[] {
    const found = [start];
    const rest = new Set(this.nodes);
    rest.delete(start);
    for (let i = 0; i < found.length; i++) {
      for (const other of rest) {
        if (joinEdge(found[i]!, other, this.rules)) {
          found.push(other);
          rest.delete(other);
        }
      }
    }
    return found;
  }

  components(): readonly (readonly FusionNode[])[] {
    const rest = new Set(this.nodes);
    const result: FusionNode[][] = [];
    for (const node of this.nodes) {
      if (!rest.has(node)) continue;
      const component = this.component(node);
      for (const n of component) rest.delete(n);
      result.push([...component]);
    }
    return result;
  }

  edges(component: readonly FusionNode[]): readonly JoinEdge[] {
    const edges: JoinEdge[] = [];
    component.forEach((a, i) => {
      for (const b of component.slice(i + 1)) {
        const edge = joinEdge(a, b, this.rules);
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
