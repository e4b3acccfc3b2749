/**
 * How much a nation could deliver to a cell at most, on stage 1's optimal face, with the cell
 * taken alone: the exact optimum of a small transportation problem (the nation's classes to
 * the cell's requirements, each unit worth its requirement's coverage coefficient).
 *
 * A lead must deliver a share of its cell, so a nation whose reach falls short can never lead
 * it: no lead variable is made for it, steering never designates it, and the ceiling a
 * time-limited plan states does not count it. Summing each pair's upper bound instead (as
 * before) counted a class's units once per requirement it could serve, and units that pairs
 * fixed by stage 1 already send elsewhere: on the stress instance 1,026 of 5,840 candidates
 * passed that test and yet cannot reach the share, and the ceiling fell from 448 leads and 32
 * claims to 443 and 26.
 */
import { solveTransport } from './flow.ts';

export interface ReachInput {
  /** Every (class, requirement) pair of the plan. */
  readonly pairs: readonly { readonly cls: number; readonly req: number }[];
  /** The pairs stage 2 keeps: free ones, and fixed ones that carry units. */
  readonly active: readonly number[];
  /** Per pair: fixed by stage 1's duals at `x1`. */
  readonly fixed: readonly boolean[];
  readonly x1: readonly number[];
  /** Per pair: most units it can carry. */
  readonly upper: readonly number[];
  /** Most units a class may send, and a requirement receive, on the optimal face. */
  readonly classRoom: (cls: number) => number;
  readonly requirementRoom: (req: number) => number;
  /** Per requirement: what one unit is worth towards a lead's share (whole numbers). */
  readonly value: readonly number[];
  /** The `cell|nation` key a pair counts towards. */
  readonly keyOf: (k: number) => string;
}

/**
 * Each `cell|nation` key's reach. Exact for the cell taken alone when every value is a whole
 * number; otherwise each pair's upper bound is summed, which is larger and so still safe.
 */
export function leadReach(s: ReachInput): Map<string, number> {
  // Units that fixed pairs take from their class and their requirement.
  const classTaken = new Map<number, number>();
  const requirementTaken = new Map<number, number>();
  const groups = new Map<string, number[]>();
  for (const k of s.active) {
    const { cls, req } = s.pairs[k]!;
    if (s.fixed[k]) {
      classTaken.set(cls, (classTaken.get(cls) ?? 0) + s.x1[k]!);
      requirementTaken.set(req, (requirementTaken.get(req) ?? 0) + s.x1[k]!);
    }
    const key = s.keyOf(k);
    const group = groups.get(key);
    if (group) group.push(k);
    else groups.set(key, [k]);
  }
  const reach = new Map<string, number>();
  for (const [key, group] of groups) {
    let delivered = 0;
    const free: number[] = [];
    for (const k of group)
      if (s.fixed[k]) delivered += s.x1[k]! * s.value[s.pairs[k]!.req]!;
      else free.push(k);
    reach.set(key, delivered + freeReach(s, free, classTaken, requirementTaken));
  }
  return reach;
}

/** The most the free pairs of one group can deliver, given what fixed pairs already take. */
function freeReach(
  s: ReachInput,
  free: readonly number[],
  classTaken: ReadonlyMap<number, number>,
  requirementTaken: ReadonlyMap<number, number>,
): number {
  if (free.length === 0) return 0;
  const classes = new Map<number, number>();
  const requirements = new Map<number, number>();
  for (const k of free) {
    const { cls, req } = s.pairs[k]!;
    if (!classes.has(cls)) classes.set(cls, classes.size);
    if (!requirements.has(req)) requirements.set(req, requirements.size);
  }
  const room = (total: number, taken: number | undefined) => Math.max(0, total - (taken ?? 0));
  const solution = solveTransport({
    supplies: classes.size,
    demands: requirements.size,
    from: free.map((k) => classes.get(s.pairs[k]!.cls)!),
    to: free.map((k) => requirements.get(s.pairs[k]!.req)!),
    upper: free.map((k) => s.upper[k]!),
    supply: [...classes.keys()].map((cls) => room(s.classRoom(cls), classTaken.get(cls))),
    demand: [...requirements.keys()].map((req) => room(s.requirementRoom(req), requirementTaken.get(req))),
    value: [...requirements.keys()].map((req) => s.value[req]!),
  });
  if (solution) return solution.objective;
  return free.reduce((sum, k) => sum + s.upper[k]! * s.value[s.pairs[k]!.req]!, 0);
}
