import { CATEGORIES, type Category, type SourceKind, type Tolerance, type ToleranceTable } from './types.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * Default join tolerances per category. The regions already carry each report's own
 * uncertainty (radius, bearing sector), so these are the slack on top of it:
 * - explosions: 15 min, 2 km; patrols log them to the minute, acoustic and optical sensors
 *   disagree by a few minutes, and a round's impact is seen from several posts;
 * - projectiles, flashes, flares, bursts and shots: 10 min, 1 km (brief, local events);
 * - heavy weapon sightings and troop movement: 1 h, 1 km and 3 km (they move, slowly);
 * - UAV overflight: 30 min, 5 km (the drone moves fast);
 * - freedom-of-movement restrictions: 2 h, 500 m (a checkpoint stays put for hours);
 * - civilian harm: 6 h, 1 km; infrastructure damage: 24 h, 500 m (found and reported late);
 * - other: 30 min, 500 m.
 * For a pair of different categories the larger of the two applies, so the relation is symmetric.
 */
export const DEFAULT_TOLERANCES: ToleranceTable = {
  explosion_impact: { distanceM: 2000, timeMs: 15 * MIN },
  explosion_airburst: { distanceM: 2000, timeMs: 15 * MIN },
  explosion_outgoing: { distanceM: 2000, timeMs: 15 * MIN },
  explosion_undetermined: { distanceM: 2000, timeMs: 15 * MIN },
  projectile_in_flight: { distanceM: 1000, timeMs: 10 * MIN },
  muzzle_flash: { distanceM: 1000, timeMs: 10 * MIN },
  illumination_flare: { distanceM: 1000, timeMs: 10 * MIN },
  burst_and_shots: { distanceM: 1000, timeMs: 10 * MIN },
  heavy_weapon_sighting: { distanceM: 1000, timeMs: HOUR },
  troop_movement: { distanceM: 3000, timeMs: HOUR },
  uav_overflight: { distanceM: 5000, timeMs: 30 * MIN },
  fom_restriction: { distanceM: 500, timeMs: 2 * HOUR },
  civilian_harm: { distanceM: 1000, timeMs: 6 * HOUR },
  infrastructure_damage: { distanceM: 500, timeMs: 24 * HOUR },
  other: { distanceM: 500, timeMs: 30 * MIN },
};

/**
 * Groups of mutually compatible categories (every category is compatible with itself). The
 * explosion sub-kinds are one group because observers often cannot tell them apart; firing
 * is seen as an outgoing explosion, a flash or a projectile; shelling causes the harm and
 * damage reported later.
 */
export const DEFAULT_COMPATIBILITY: readonly (readonly Category[])[] = [
  ['explosion_impact', 'explosion_airburst', 'explosion_outgoing', 'explosion_undetermined'],
  ['explosion_outgoing', 'muzzle_flash', 'projectile_in_flight'],
  ['muzzle_flash', 'burst_and_shots'],
  [
    'explosion_impact',
    'explosion_airburst',
    'explosion_undetermined',
    'civilian_harm',
    'infrastructure_damage',
  ],
  ['heavy_weapon_sighting', 'troop_movement'],
];

/**
 * How often a source of each kind is right, for the noisy-OR confidence. A party's claim is 0:
 * it is kept, but never raises confidence or counts as corroboration.
 */
export const DEFAULT_RELIABILITY: Readonly<Record<SourceKind, number>> = {
  patrol: 0.7,
  camera: 0.8,
  uav: 0.8,
  satellite: 0.85,
  acoustic: 0.5,
  cot: 0.6,
  osint: 0.4,
  party_claim: 0,
};

/**
 * An observation is vague when its own uncertainty dwarfs its category's tolerance: its
 * location's extent (the radius of the disc of equal area: a disc's radius, a sector's
 * √(area / π)) exceeds this factor times the category's distance tolerance, or its time window
 * lasts longer than this factor times the time tolerance. 4 keeps a patrol's "2–7 km NNE"
 * (extent 1.7 km against 8 km for explosions) and a 30-minute log entry precise, while an
 * oblast-sized disc, a 3 km radius for a 500 m category, or "explosions heard between 19:00
 * and 22:00" is vague. Vague reports cannot
 * bridge incidents (README, "Vague observations").
 */
export const DEFAULT_VAGUE_FACTOR = 4;

/** Above either limit an observation of the category is vague. */
export interface Vagueness {
  /** Largest precise location extent, metres (radius of the disc of equal area). */
  readonly extentM: number;
  /** Largest precise window length, endMs − startMs, milliseconds. */
  readonly durationMs: number;
}

export type VaguenessTable = Readonly<Record<Category, Vagueness>>;

/** Each category's vagueness limits: `factor` times its tolerances. */
export function vaguenessFrom(tolerances: ToleranceTable, factor = DEFAULT_VAGUE_FACTOR): VaguenessTable {
  return Object.fromEntries(
    CATEGORIES.map((c) => [
      c,
      { extentM: factor * tolerances[c].distanceM, durationMs: factor * tolerances[c].timeMs },
    ]),
  ) as Record<Category, Vagueness>;
}

/** DEFAULT_VAGUE_FACTOR × DEFAULT_TOLERANCES: e.g. explosions are vague beyond 8 km or 1 h. */
export const DEFAULT_VAGUENESS: VaguenessTable = vaguenessFrom(DEFAULT_TOLERANCES);

/**
 * Two vague observations with no precise neighbour form one incident only when their regions
 * and windows nearly coincide: they join, their centres lie within the pair's distance
 * tolerance, their windows overlap, and their extents and durations agree within this ratio
 * (or differ by no more than the pair's tolerance). Two reports of "Donetsk oblast, 3–5 June"
 * coincide; an oblast-wide month does not coincide with a town's day.
 */
export const DEFAULT_COINCIDENCE_RATIO = 1.5;

/** Fusion settings; each defaults to the DEFAULT_* value of the same name. */
export interface FusionOptions {
  readonly tolerances?: ToleranceTable;
  readonly compatibility?: readonly (readonly Category[])[];
  readonly reliability?: Readonly<Record<SourceKind, number>>;
  /**
   * Limits beyond which an observation is vague; defaults to vaguenessFrom(tolerances). A table
   * of Infinity makes every observation precise: plain single linkage.
   */
  readonly vagueness?: VaguenessTable;
  readonly coincidenceRatio?: number;
}

/** FusionOptions compiled for the inner loop: categories become indices into flat tables. */
export interface FusionRules {
  readonly categoryIndex: ReadonlyMap<Category, number>;
  /** compatible[i * n + j] */
  readonly compatible: readonly boolean[];
  /** pairTolerance[i * n + j]: the larger of the two categories' tolerances. */
  readonly pairTolerance: readonly Tolerance[];
  readonly maxDistanceM: number;
  readonly maxTimeMs: number;
  /** vague[category]: the limits above which an observation is vague. */
  readonly vagueness: readonly Vagueness[];
  readonly coincidenceRatio: number;
  readonly reliability: Readonly<Record<SourceKind, number>>;
}

/** Compiles options into rules; the defaults fill whatever is not given. */
export function compileRules(options: FusionOptions = {}): FusionRules {
  const tolerances = options.tolerances ?? DEFAULT_TOLERANCES;
  const groups = options.compatibility ?? DEFAULT_COMPATIBILITY;
  const categoryIndex = new Map(CATEGORIES.map((c, i) => [c, i]));
  const compatible = CATEGORIES.flatMap((a) =>
    CATEGORIES.map((b) => a === b || groups.some((g) => g.includes(a) && g.includes(b))),
  );
  const pairTolerance = CATEGORIES.flatMap((a) =>
    CATEGORIES.map((b) => ({
      distanceM: Math.max(tolerances[a].distanceM, tolerances[b].distanceM),
      timeMs: Math.max(tolerances[a].timeMs, tolerances[b].timeMs),
    })),
  );
  const all = Object.values(tolerances);
  const vagueness = options.vagueness ?? vaguenessFrom(tolerances);
  return {
    categoryIndex,
    compatible,
    pairTolerance,
    maxDistanceM: Math.max(...all.map((t) => t.distanceM)),
    maxTimeMs: Math.max(...all.map((t) => t.timeMs)),
    vagueness: CATEGORIES.map((c) => vagueness[c]),
    coincidenceRatio: options.coincidenceRatio ?? DEFAULT_COINCIDENCE_RATIO,
    reliability: options.reliability ?? DEFAULT_RELIABILITY,
  };
}
