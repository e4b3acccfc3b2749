import type { FusionEngine } from './engine.ts';
import { createNaiveFusionEngine } from './naive.ts';
import type { Observation } from './types.ts';

/** What one fused run reached, for property tests that must show they reach their subject. */
export interface Reach {
  /** Some incident holds two or more observations. */
  readonly joined: boolean;
  /** Some join is between two precise observations (no vague rule involved). */
  readonly precise: boolean;
  /** Some join went through the vague rule (attached or coincident). */
  readonly vague: boolean;
  /** Some incident falls apart without one of its observations: that one bridges the others. */
  readonly bridged: boolean;
}

/**
 * Reads what an engine's incidents reached, among the incidents made only of `observations`
 * (the live ones of interest; far-away fillers are left out). Bridging is looked for in
 * incidents of up to 12 observations, each re-fused without one of them.
 */
export function reachOf(engine: FusionEngine, observations: readonly Observation[]): Reach {
  const byUid = new Map(observations.map((o) => [o.uid, o]));
  let joined = false;
  let precise = false;
  let vague = false;
  let bridged = false;
  for (const incident of engine.incidents()) {
    if (incident.observationUids.length < 2) continue;
    if (!incident.observationUids.every((uid) => byUid.has(uid))) continue;
    joined = true;
    for (const j of incident.joins) {
      if (j.edge.vague) vague = true;
      else precise = true;
    }
    if (bridged || incident.observationUids.length < 3 || incident.observationUids.length > 12) continue;
    for (const uid of incident.observationUids) {
      const rest = createNaiveFusionEngine();
      for (const other of incident.observationUids) if (other !== uid) rest.add(byUid.get(other)!);
      if (rest.partition().length > 1) {
        bridged = true;
        break;
      }
    }
  }
  return { joined, precise, vague, bridged };
}

/** Counts, over many runs, how many reached each thing. */
export class ReachCounter {
  runs = 0;
  readonly counts = { joined: 0, precise: 0, vague: 0, bridged: 0 };
  add(reach: Reach): void {
    this.runs++;
    for (const k of Object.keys(this.counts) as (keyof Reach)[]) if (reach[k]) this.counts[k]++;
  }
  /** "joined 41/80 (51%), …" */
  toString(): string {
    return Object.entries(this.counts)
      .map(([k, n]) => `${k} ${n}/${this.runs} (${Math.round((100 * n) / Math.max(1, this.runs))}%)`)
      .join(', ');
  }
}
