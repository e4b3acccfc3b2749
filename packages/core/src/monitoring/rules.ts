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

/** Fusion settings; each defaults to the DEFAULT_* table of the same name. */
export interface FusionOptions {
  readonly tolerances?: ToleranceTable;
  readonly compatibility?: readonly (readonly Category[])[];
  readonly reliability?: Readonly<Record<SourceKind, number>>;
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
  return {
    categoryIndex,
    compatible,
    pairTolerance,
    maxDistanceM: Math.max(...all.map((t) => t.distanceM)),
    maxTimeMs: Math.max(...all.map((t) => t.timeMs)),
    reliability: options.reliability ?? DEFAULT_RELIABILITY,
  };
}
