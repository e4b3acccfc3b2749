/** How well a fusion partition agrees with a ground truth, pair by pair (used to score fusion on real data). */
/** Pairwise agreement of a partition with a ground-truth grouping. */
export interface PairScores {
  /** Pairs in one incident that are also in one true event, over pairs in one incident. */
  readonly precision: number;
  /** Pairs in one true event that are also in one incident, over pairs in one true event. */
  readonly recall: number;
  readonly truePairs: number;
  readonly predictedPairs: number;
  readonly agreeingPairs: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/** Pairwise precision and recall of `partition` against `truth` (label by uid), in O(n). */
export function pairwiseScores(
  partition: readonly (readonly string[])[],
  truth: ReadonlyMap<string, string>,
): PairScores {
  const trueSizes = new Map<string, number>();
  for (const label of truth.values()) trueSizes.set(label, (trueSizes.get(label) ?? 0) + 1);
  let predictedPairs = 0;
  let agreeingPairs = 0;
  for (const group of partition) {
    predictedPairs += pairs(group.length);
    const cell = new Map<string, number>();
    for (const uid of group) cell.set(truth.get(uid)!, (cell.get(truth.get(uid)!) ?? 0) + 1);
    for (const n of cell.values()) agreeingPairs += pairs(n);
  }
  const truePairs = [...trueSizes.values()].reduce((s, n) => s + pairs(n), 0);
  return {
    precision: predictedPairs === 0 ? 1 : agreeingPairs / predictedPairs,
    recall: truePairs === 0 ? 1 : agreeingPairs / truePairs,
    truePairs,
    predictedPairs,
    agreeingPairs,
  };
}
