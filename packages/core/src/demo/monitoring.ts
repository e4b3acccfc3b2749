/**
 * The demo monitoring history: 30 days of ILLUSTRATIVE observations ending the day before
 * `today`, in the five demo sectors, so that the incident map, the daily report and the
 * ceasefire pages have something to show on first start. Nothing here describes a real event.
 *
 * The story: a ceasefire settling in (a few heavier days at the start), then calm in every
 * sector, a flare-up in Donetsk South ten days ago and recovery since; two restrictions of the
 * monitors' freedom of movement, heavy weapons seen inside the withdrawal zones, one UAV
 * overflight, and a couple of sources down (one sector unwatched yesterday).
 *
 * Pure and deterministic: the same `today` and zones give the same records.
 */
import type { Category, LngLat, Observation, ObservationLocation, SourceKind } from '../monitoring/types.ts';
import { addDays, type IsoDate } from '../phases/dates.ts';
import { indexZones, type ZoneIndex } from '../zones/evaluate.ts';
import { FIRE_CATEGORIES } from '../zones/rules.ts';
import type { Zone } from '../zones/types.ts';
import { type Random, seededRandom } from './random.ts';

/** Every demo source id starts with this; every remark with DEMO_REMARK. */
export const DEMO_SOURCE_PREFIX = 'demo:';
/** The first word of every demo remark, claim and assessment. */
export const DEMO_REMARK = '[demo]';
/** Days of history, ending yesterday. */
export const DEMO_DAYS = 30;
/** The sector that flares up, and how many days before `today` it peaks. */
export const DEMO_FLARE_SECTOR = 'sector-donetsk-south';
export const DEMO_FLARE_DAYS_AGO = 10;

/** The two sides of the line of contact, as parties name themselves in claims and attributions. */
export const DEMO_PARTIES = {
  west: 'Armed Forces of Ukraine',
  east: 'Russian Federation armed forces',
} as const;
type Side = keyof typeof DEMO_PARTIES;

/** One generated report with the label it is filed under. */
export interface DemoObservation {
  readonly observation: Observation;
  /** Releasability label text (`COALITION`, `REL TO UKR, USA`, `NATIONAL USA`). */
  readonly releasability: string;
  readonly eventId: string;
  readonly sector: string;
}

/** What the demo analyst does with the incident of an event, once fusion has made it. */
export interface DemoAnalystIntent {
  /** Verify it if it is corroborated and at least three days old. */
  readonly verify: boolean;
  /** Then attribute it (needs verify). */
  readonly attribute?: {
    readonly party: string;
    readonly assessment: string;
    readonly evidence: readonly string[];
  };
  /** Dismiss it (instead of verifying). */
  readonly dismiss?: string;
  /** Claims recorded in the dispute record, one per party. */
  readonly claims?: readonly {
    readonly party: string;
    readonly claim: string;
    readonly assessment: string;
  }[];
}

/** One real (illustrative) event and the reports of it. */
export interface DemoEvent {
  readonly id: string;
  readonly sector: string;
  readonly date: IsoDate;
  readonly category: Category;
  /** Where it really happened (the reports scatter around it). */
  readonly position: LngLat;
  readonly timeMs: number;
  readonly count: number;
  /** Side of the line of contact it lies on. */
  readonly side: Side;
  /** Whether the default violation rules count it (inside the buffer or a withdrawal zone, or an FoM restriction). */
  readonly violation: boolean;
  readonly uids: readonly string[];
  readonly analyst: DemoAnalystIntent;
}

/** A source's recorded state on a day (`source_status`). */
export interface DemoSourceStatus {
  readonly day: IsoDate;
  readonly sourceId: string;
  readonly sourceKind: SourceKind;
  readonly status: 'active' | 'degraded' | 'down';
  /** Empty = every sector the source covers. */
  readonly sectors: readonly string[];
  readonly note: string;
}

/** The whole demo history. */
export interface DemoMonitoring {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly observations: readonly DemoObservation[];
  readonly events: readonly DemoEvent[];
  readonly sourceStatus: readonly DemoSourceStatus[];
}

// ---------------------------------------------------------------- sources

interface SectorPlan {
  readonly id: string;
  readonly code: string;
  /** Two patrols of different nations. */
  readonly patrols: readonly [string, string];
  readonly cameraNation: string;
  readonly cotNation: string;
}

// Truce-monitoring nations of the demo scenario; the assignment is illustrative.
const SECTORS: readonly SectorPlan[] = [
  { id: 'sector-north-kharkiv', code: 'NK', patrols: ['USA', 'FIN'], cameraNation: 'FIN', cotNation: 'EST' },
  {
    id: 'sector-luhansk-donetsk-north',
    code: 'LDN',
    patrols: ['GBR', 'NOR'],
    cameraNation: 'GBR',
    cotNation: 'LVA',
  },
  { id: 'sector-donetsk-south', code: 'DS', patrols: ['USA', 'FRA'], cameraNation: 'FRA', cotNation: 'POL' },
  { id: 'sector-zaporizhzhia', code: 'ZAP', patrols: ['FRA', 'DNK'], cameraNation: 'SWE', cotNation: 'LTU' },
  {
    id: 'sector-kherson-dnipro',
    code: 'KHD',
    patrols: ['NLD', 'SWE'],
    cameraNation: 'NLD',
    cotNation: 'POL',
  },
];

interface Source {
  readonly kind: SourceKind;
  readonly id: string;
  readonly nation: string;
}

const patrol = (s: SectorPlan, i: 0 | 1): Source => ({
  kind: 'patrol',
  id: `${DEMO_SOURCE_PREFIX}patrol:${s.patrols[i]}-${s.code}`,
  nation: s.patrols[i],
});
const camera = (s: SectorPlan): Source => ({
  kind: 'camera',
  id: `${DEMO_SOURCE_PREFIX}camera:${s.code}-1`,
  nation: s.cameraNation,
});
const cot = (s: SectorPlan): Source => ({
  kind: 'cot',
  id: `${DEMO_SOURCE_PREFIX}cot:${s.cotNation}-team-${s.code}`,
  nation: s.cotNation,
});
const UAV_USA: Source = { kind: 'uav', id: `${DEMO_SOURCE_PREFIX}uav:USA-1`, nation: 'USA' };
const UAV_GBR: Source = { kind: 'uav', id: `${DEMO_SOURCE_PREFIX}uav:GBR-2`, nation: 'GBR' };
const claimOf = (side: Side): Source => ({
  kind: 'party_claim',
  id: `${DEMO_SOURCE_PREFIX}claim:${side === 'west' ? 'UKR' : 'RUS'}`,
  nation: side === 'west' ? 'UKR' : 'RUS',
});

/** Which sources an event is reported by. */
type Template = 'single' | 'patrol+camera' | 'patrols' | 'patrols+camera' | 'cot+patrol' | 'uav+patrol';

// ---------------------------------------------------------------- the plan

type Placement = 'buffer' | 'rear' | 'withdrawal';

interface EventSpec {
  readonly daysAgo: number;
  readonly sector: string;
  readonly category: Category;
  readonly count: number;
  readonly placement: Placement;
  readonly template: Template;
  readonly side?: Side;
  /** The party claiming it too (kept, never corroborating). */
  readonly claim?: Side;
  /** Only a party's claim reports it. */
  readonly claimOnly?: Side;
  /** Label of the UAV's report, when not COALITION. */
  readonly uavLabel?: string;
  readonly uav?: Source;
  readonly role?: 'notable' | 'attribute' | 'dismiss';
  readonly verify?: boolean;
}

const FIRE = FIRE_CATEGORIES;
const FLARE = DEMO_FLARE_SECTOR;
const code = (sector: string) => SECTORS.find((s) => s.id === sector)?.code ?? sector;

/** Sector-days nobody watched (every source of the sector down), days ago. */
const BLIND: readonly { sector: string; daysAgo: number; note: string }[] = [
  {
    sector: 'sector-north-kharkiv',
    daysAgo: 6,
    note: 'patrols suspended after a mine was found on the access road; camera without power',
  },
  {
    sector: 'sector-kherson-dnipro',
    daysAgo: 1,
    note: 'patrols suspended on a shelling warning; camera mast down in high wind',
  },
];

/** The hand-placed events that carry the story; the calm background is drawn around them. */
function storyEvents(): EventSpec[] {
  const ds = FLARE;
  return [
    // The flare-up in Donetsk South: a build-up, the peak, a tail.
    {
      daysAgo: 11,
      sector: ds,
      category: 'explosion_undetermined',
      count: 12,
      placement: 'buffer',
      template: 'patrols',
    },
    {
      daysAgo: 11,
      sector: ds,
      category: 'burst_and_shots',
      count: 6,
      placement: 'buffer',
      template: 'patrol+camera',
    },
    {
      daysAgo: 10,
      sector: ds,
      category: 'explosion_impact',
      count: 48,
      placement: 'buffer',
      side: 'west',
      template: 'patrols+camera',
      claim: 'west',
      role: 'notable',
    },
    {
      daysAgo: 10,
      sector: ds,
      category: 'explosion_outgoing',
      count: 12,
      placement: 'buffer',
      side: 'east',
      template: 'patrols',
      role: 'attribute',
    },
    {
      daysAgo: 10,
      sector: ds,
      category: 'explosion_airburst',
      count: 6,
      placement: 'buffer',
      template: 'cot+patrol',
    },
    {
      daysAgo: 10,
      sector: ds,
      category: 'explosion_undetermined',
      count: 20,
      placement: 'buffer',
      template: 'patrols',
    },
    {
      daysAgo: 10,
      sector: ds,
      category: 'burst_and_shots',
      count: 30,
      placement: 'buffer',
      template: 'patrol+camera',
    },
    {
      daysAgo: 10,
      sector: ds,
      category: 'muzzle_flash',
      count: 8,
      placement: 'buffer',
      template: 'patrol+camera',
    },
    {
      daysAgo: 10,
      sector: ds,
      category: 'projectile_in_flight',
      count: 4,
      placement: 'buffer',
      template: 'patrols',
    },
    {
      daysAgo: 10,
      sector: ds,
      category: 'illumination_flare',
      count: 5,
      placement: 'buffer',
      template: 'patrols',
    },
    {
      daysAgo: 10,
      sector: ds,
      category: 'heavy_weapon_sighting',
      count: 2,
      placement: 'withdrawal',
      side: 'east',
      template: 'uav+patrol',
      uav: UAV_USA,
      role: 'attribute',
    },
    {
      daysAgo: 9,
      sector: ds,
      category: 'burst_and_shots',
      count: 4,
      placement: 'buffer',
      template: 'patrol+camera',
    },
    {
      daysAgo: 9,
      sector: ds,
      category: 'explosion_impact',
      count: 3,
      placement: 'buffer',
      template: 'patrols',
    },
    // Heavy weapons inside the withdrawal zones elsewhere.
    {
      daysAgo: 17,
      sector: 'sector-luhansk-donetsk-north',
      category: 'heavy_weapon_sighting',
      count: 3,
      placement: 'withdrawal',
      side: 'west',
      template: 'uav+patrol',
      uav: UAV_GBR,
      role: 'attribute',
    },
    {
      daysAgo: 5,
      sector: 'sector-zaporizhzhia',
      category: 'heavy_weapon_sighting',
      count: 1,
      placement: 'withdrawal',
      template: 'single',
      uav: UAV_USA,
      uavLabel: 'NATIONAL USA',
    },
    // Two restrictions of the monitors' freedom of movement.
    {
      daysAgo: 13,
      sector: 'sector-luhansk-donetsk-north',
      category: 'fom_restriction',
      count: 1,
      placement: 'buffer',
      template: 'cot+patrol',
    },
    {
      daysAgo: 4,
      sector: 'sector-zaporizhzhia',
      category: 'fom_restriction',
      count: 1,
      placement: 'buffer',
      template: 'patrol+camera',
    },
    // A UAV over a monitors' observation post.
    {
      daysAgo: 7,
      sector: 'sector-north-kharkiv',
      category: 'uav_overflight',
      count: 1,
      placement: 'rear',
      template: 'patrol+camera',
    },
    // Troop movements seen by a U.S. UAV, shared with Ukraine only.
    ...[20, 12, 8].map(
      (daysAgo): EventSpec => ({
        daysAgo,
        sector: 'sector-north-kharkiv',
        category: 'troop_movement',
        count: 1,
        placement: 'rear',
        template: 'uav+patrol',
        uav: UAV_USA,
        uavLabel: 'REL TO UKR, USA',
      }),
    ),
    // A claim no monitor could confirm: dismissed.
    {
      daysAgo: 6,
      sector: 'sector-kherson-dnipro',
      category: 'explosion_impact',
      count: 12,
      placement: 'buffer',
      side: 'east',
      template: 'single',
      claimOnly: 'east',
      role: 'dismiss',
    },
    // The ceasefire settling in: heavier days at the start of the history.
    {
      daysAgo: 29,
      sector: 'sector-zaporizhzhia',
      category: 'explosion_outgoing',
      count: 12,
      placement: 'buffer',
      template: 'patrols',
    },
    {
      daysAgo: 28,
      sector: 'sector-luhansk-donetsk-north',
      category: 'explosion_impact',
      count: 15,
      placement: 'buffer',
      template: 'patrols+camera',
    },
    {
      daysAgo: 27,
      sector: 'sector-north-kharkiv',
      category: 'explosion_airburst',
      count: 8,
      placement: 'buffer',
      template: 'patrols',
    },
    {
      daysAgo: 26,
      sector: 'sector-kherson-dnipro',
      category: 'explosion_undetermined',
      count: 12,
      placement: 'buffer',
      template: 'patrol+camera',
      claim: 'west',
    },
  ];
}

/** Calm days: one to three small events per watched sector-day, at most 3 violations in all. */
function calmEvents(random: Random, story: readonly EventSpec[]): EventSpec[] {
  const out: EventSpec[] = [];
  const templates: readonly Template[] = [
    'patrol+camera',
    'patrol+camera',
    'patrols',
    'patrols',
    'cot+patrol',
    'single',
    'single',
  ];
  for (let daysAgo = DEMO_DAYS; daysAgo >= 1; daysAgo--) {
    for (const s of SECTORS) {
      if (BLIND.some((b) => b.sector === s.id && b.daysAgo === daysAgo)) continue;
      const flaring = s.id === FLARE && daysAgo >= 9 && daysAgo <= 11;
      if (flaring) continue;
      const storyViolations = story
        .filter((e) => e.sector === s.id && e.daysAgo === daysAgo && !e.claimOnly)
        .reduce(
          (n, e) => n + (FIRE.includes(e.category) || e.category === 'fom_restriction' ? e.count : 0),
          0,
        );
      let budget = Math.max(0, 3 - storyViolations);
      const n = random.int(1, 3);
      for (let i = 0; i < n; i++) {
        let category = random.pick<Category>([
          'burst_and_shots',
          'burst_and_shots',
          'explosion_undetermined',
          'muzzle_flash',
          'illumination_flare',
          'illumination_flare',
        ]);
        let count = category === 'illumination_flare' ? random.int(1, 4) : random.int(1, 2);
        if (category !== 'illumination_flare') {
          if (count > budget) {
            category = 'illumination_flare';
            count = random.int(1, 3);
          } else budget -= count;
        }
        out.push({
          daysAgo,
          sector: s.id,
          category,
          count,
          placement: 'buffer',
          template: random.pick(templates),
          ...(category !== 'illumination_flare' && random.chance(0.08)
            ? { claim: random.pick<Side>(['west', 'east']) }
            : {}),
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- geometry

const M_PER_DEG_LAT = 110_574;
const mPerDegLng = (lat: number) => 111_320 * Math.cos((lat * Math.PI) / 180);

function offset(p: LngLat, eastM: number, northM: number): LngLat {
  return [p[0] + eastM / mPerDegLng(p[1]), p[1] + northM / M_PER_DEG_LAT];
}

function planar(from: LngLat, to: LngLat): [number, number] {
  return [(to[0] - from[0]) * mPerDegLng(from[1]), (to[1] - from[1]) * M_PER_DEG_LAT];
}

const round5 = (p: LngLat): LngLat => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];

interface Line {
  readonly points: readonly LngLat[];
  readonly cumulative: readonly number[];
}

function lineOf(zones: readonly Zone[]): Line {
  const loc = zones.find((z) => z.kind === 'line_of_contact');
  if (!loc) throw new Error('demo monitoring needs a line_of_contact zone');
  const coords =
    loc.geometry.type === 'LineString'
      ? loc.geometry.coordinates
      : loc.geometry.type === 'MultiLineString'
        ? loc.geometry.coordinates.flat()
        : [];
  const cumulative = [0];
  for (let i = 1; i < coords.length; i++) {
    const [dx, dy] = planar(coords[i - 1]!, coords[i]!);
    cumulative.push(cumulative[i - 1]! + Math.hypot(dx, dy));
  }
  return { points: coords, cumulative };
}

/** A point on the line and the unit normal pointing to its east (left bank) side, at fraction f. */
function along(line: Line, f: number): { point: LngLat; normal: [number, number] } {
  const total = line.cumulative[line.cumulative.length - 1]!;
  const at = f * total;
  let i = 1;
  while (i < line.cumulative.length - 1 && line.cumulative[i]! < at) i++;
  const a = line.points[i - 1]!;
  const b = line.points[i]!;
  const seg = line.cumulative[i]! - line.cumulative[i - 1]!;
  const t = seg === 0 ? 0 : (at - line.cumulative[i - 1]!) / seg;
  const [dx, dy] = planar(a, b);
  const len = Math.hypot(dx, dy) || 1;
  const point = offset(a, dx * t, dy * t);
  // The line runs north to south, then west down the Dnipro: its left is the east / left bank.
  return { point, normal: [-dy / len, dx / len] };
}

const MARGIN_M = 1500;

function within(index: ZoneIndex, p: LngLat, timeMs: number, ids: readonly string[]): boolean {
  const inside = index.containing(p, timeMs).map((z) => z.id);
  return ids.every((id) => inside.includes(id));
}

function clearOf(index: ZoneIndex, p: LngLat, timeMs: number, kind: Zone['kind']): boolean {
  return !index.containing(p, timeMs).some((z) => z.kind === kind);
}

/** Zone ids a placement must lie in, and how far from the line. */
function placementRule(
  placement: Placement,
  sector: string,
  zones: readonly Zone[],
): { ids: string[]; minM: number; maxM: number; outsideBuffer: boolean } {
  const buffers = zones.filter((z) => z.kind === 'buffer_zone').map((z) => z.id);
  const withdrawal = zones.filter((z) => z.kind === 'weapons_withdrawal').map((z) => z.id);
  if (placement === 'buffer')
    return { ids: [sector, ...buffers], minM: 1500, maxM: 9000, outsideBuffer: false };
  if (placement === 'withdrawal')
    return { ids: [sector, ...withdrawal], minM: 17_000, maxM: 25_000, outsideBuffer: true };
  return { ids: [sector], minM: 18_000, maxM: 28_000, outsideBuffer: true };
}

function place(
  random: Random,
  line: Line,
  index: ZoneIndex,
  zones: readonly Zone[],
  spec: EventSpec,
  timeMs: number,
): { position: LngLat; side: Side } {
  const rule = placementRule(spec.placement, spec.sector, zones);
  for (let attempt = 0; attempt < 5000; attempt++) {
    const { point, normal } = along(line, random.next());
    if (!within(index, point, timeMs, [spec.sector]) && attempt < 4000) continue;
    const side: Side = spec.side ?? (random.chance(0.5) ? 'west' : 'east');
    const d = random.between(rule.minM, rule.maxM) * (side === 'east' ? 1 : -1);
    const p = round5(offset(point, normal[0] * d, normal[1] * d));
    const around = [p, ...[0, 90, 180, 270].map((deg) => ringPoint(p, deg, MARGIN_M))];
    if (!around.every((q) => within(index, q, timeMs, rule.ids))) continue;
    if (rule.outsideBuffer && !around.every((q) => clearOf(index, q, timeMs, 'buffer_zone'))) continue;
    return { position: p, side };
  }
  throw new Error(`demo monitoring: no place found in ${spec.sector} for a ${spec.placement} event`);
}

function ringPoint(p: LngLat, bearingDeg: number, distanceM: number): LngLat {
  const r = (bearingDeg * Math.PI) / 180;
  return offset(p, Math.sin(r) * distanceM, Math.cos(r) * distanceM);
}

function azimuthDeg(from: LngLat, to: LngLat): number {
  const [dx, dy] = planar(from, to);
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}

// ---------------------------------------------------------------- reports

const MIN = 60_000;
const SLOT_MS = 50 * MIN;
const SLOTS_PER_DAY = 28;

const WORDS: Readonly<Record<Category, [one: string, many: string]>> = {
  explosion_impact: ['explosion (impact)', 'explosions (impacts)'],
  explosion_airburst: ['explosion (airburst)', 'explosions (airbursts)'],
  explosion_outgoing: ['explosion (outgoing fire)', 'explosions (outgoing fire)'],
  explosion_undetermined: ['undetermined explosion', 'undetermined explosions'],
  projectile_in_flight: ['projectile in flight', 'projectiles in flight'],
  muzzle_flash: ['muzzle flash', 'muzzle flashes'],
  illumination_flare: ['illumination flare', 'illumination flares'],
  burst_and_shots: ['burst of small-arms fire', 'bursts and shots of small-arms fire'],
  heavy_weapon_sighting: ['heavy weapon seen', 'heavy weapons seen'],
  troop_movement: ['troop movement', 'troop movements'],
  uav_overflight: ['UAV flying over the observation post', 'UAVs flying over the observation post'],
  fom_restriction: [
    'patrol stopped at a checkpoint and refused passage',
    'patrols stopped at a checkpoint and refused passage',
  ],
  civilian_harm: ['civilian harmed', 'civilians harmed'],
  infrastructure_damage: ['damage to civilian infrastructure', 'damages to civilian infrastructure'],
  other: ['other event', 'other events'],
};

const what = (category: Category, count: number) =>
  count === 1 ? WORDS[category][0] : `${count} ${WORDS[category][1]}`;

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const COMPASS = [
  'N',
  'NNE',
  'NE',
  'ENE',
  'E',
  'ESE',
  'SE',
  'SSE',
  'S',
  'SSW',
  'SW',
  'WSW',
  'W',
  'WNW',
  'NW',
  'NNW',
];
const compass = (deg: number) => COMPASS[Math.round(deg / 22.5) % 16]!;

function windowMinutes(category: Category, count: number): number {
  if (category === 'heavy_weapon_sighting' || category === 'troop_movement') return 10;
  if (category === 'fom_restriction') return 40;
  return count >= 10 ? 20 : count >= 4 ? 10 : 1;
}

function sourcesFor(template: Template, plan: SectorPlan, random: Random, uav: Source | undefined): Source[] {
  const [a, b] = random.chance(0.5) ? ([0, 1] as const) : ([1, 0] as const);
  switch (template) {
    case 'single':
      return [uav ?? patrol(plan, a)];
    case 'patrol+camera':
      return [patrol(plan, a), camera(plan)];
    case 'patrols':
      return [patrol(plan, a), patrol(plan, b)];
    case 'patrols+camera':
      return [patrol(plan, a), patrol(plan, b), camera(plan)];
    case 'cot+patrol':
      return [cot(plan), patrol(plan, a)];
    case 'uav+patrol':
      return [uav ?? UAV_USA, patrol(plan, a)];
  }
}

function locate(
  random: Random,
  index: ZoneIndex,
  source: Source,
  truth: LngLat,
  sector: string,
  timeMs: number,
): { location: ObservationLocation; words: string } {
  const jitter = (m: number) => offset(truth, random.between(-m, m), random.between(-m, m));
  switch (source.kind) {
    case 'patrol': {
      // Heard or seen from an observation post 2.5–6 km away, inside the same sector.
      let observer = truth;
      let d = 0;
      for (let attempt = 0; attempt < 60; attempt++) {
        d = random.between(2500, 6000) * (attempt < 40 ? 1 : 0.5);
        observer = round5(ringPoint(truth, random.between(0, 360), d));
        if (within(index, observer, timeMs, [sector])) break;
      }
      d = Math.hypot(...planar(observer, truth));
      const spreadDeg = random.int(4, 8);
      const bearingDeg =
        Math.round((azimuthDeg(observer, truth) + random.between(-0.5, 0.5) * spreadDeg + 360) % 360) % 360;
      const minDistanceM = Math.max(0, Math.floor((d * 0.75) / 500) * 500);
      const maxDistanceM = Math.ceil((d * 1.3) / 500) * 500;
      return {
        location: { kind: 'bearing', observer, bearingDeg, spreadDeg, minDistanceM, maxDistanceM },
        words: `${minDistanceM / 1000}–${maxDistanceM / 1000} km ${compass(bearingDeg)} of the patrol's position`,
      };
    }
    case 'camera':
      return {
        location: { kind: 'point', position: round5(jitter(120)), radiusM: random.int(3, 5) * 100 },
        words: 'on the fixed camera',
      };
    case 'uav':
      return {
        location: { kind: 'point', position: round5(jitter(30)), radiusM: 100 },
        words: 'on UAV imagery',
      };
    case 'cot': {
      const ce = random.int(3, 6) * 10;
      return {
        location: { kind: 'point', position: round5(jitter(15)), radiusM: ce },
        words: `CoT point from the team's tablet, ce ${ce} m`,
      };
    }
    default:
      return {
        location: { kind: 'point', position: round5(jitter(1200)), radiusM: 2000 },
        words: 'as stated by the party',
      };
  }
}

/**
 * Generates the demo history for the 30 days before `today` (a UTC date) over the given zones
 * (the line of contact, the buffer and withdrawal zones and the five demo sectors).
 */
export function generateDemoMonitoring(today: IsoDate, zones: readonly Zone[]): DemoMonitoring {
  const random = seededRandom(0x6775_6172);
  const index = indexZones(zones);
  const line = lineOf(zones);
  const present = new Set(zones.filter((z) => z.kind === 'sector').map((z) => z.id));
  const missing = SECTORS.filter((s) => !present.has(s.id)).map((s) => s.id);
  if (missing.length > 0)
    throw new Error(`demo monitoring needs the demo sectors; missing ${missing.join(', ')}`);

  const story = storyEvents();
  const specs = [...story, ...calmEvents(random, story)];
  // Events on one day take distinct 50-minute slots across all sectors, so no two events'
  // reports fall within a join tolerance of each other (the long-lasting kinds are one a day).
  const byDay = new Map<number, EventSpec[]>();
  for (const s of specs) byDay.set(s.daysAgo, [...(byDay.get(s.daysAgo) ?? []), s]);

  const statuses = sourceStatus(today);
  const down = new Set(statuses.filter((s) => s.status === 'down').map((s) => `${s.day}\u0000${s.sourceId}`));
  const observations: DemoObservation[] = [];
  const events: DemoEvent[] = [];
  for (const daysAgo of [...byDay.keys()].sort((a, b) => b - a)) {
    const day = addDays(today, -daysAgo);
    const dayStartMs = Date.parse(`${day}T00:00:00Z`);
    const todays = byDay.get(daysAgo)!;
    if (todays.length > SLOTS_PER_DAY) throw new Error(`demo monitoring: too many events on ${day}`);
    const slots = random.shuffle([...Array(SLOTS_PER_DAY).keys()]);
    todays.forEach((spec, i) => {
      const slot = slots[i]!;
      const timeMs = dayStartMs + 20 * MIN + slot * SLOT_MS + random.int(0, 300) * 1000;
      const plan = SECTORS.find((s) => s.id === spec.sector)!;
      const { position, side } = place(random, line, index, zones, spec, timeMs);
      const id = `${day}-${String(slot).padStart(2, '0')}`;
      // A source recorded as down that day files nothing; the other patrol goes instead.
      const up = (s: Source) => !down.has(`${day}\u0000${s.id}`);
      const chosen = sourcesFor(spec.template, plan, random, spec.uav);
      const standIn = [patrol(plan, 0), patrol(plan, 1)].find(
        (p) => up(p) && !chosen.some((c) => c.id === p.id),
      );
      const sources = spec.claimOnly
        ? [claimOf(spec.claimOnly)]
        : [
            ...chosen.flatMap((s) => (up(s) ? [s] : standIn ? [standIn] : [])),
            ...(spec.claim ? [claimOf(spec.claim)] : []),
          ];
      const minutes = windowMinutes(spec.category, spec.count);
      const uids: string[] = [];
      sources.forEach((source, k) => {
        const uid = `${DEMO_SOURCE_PREFIX}obs:${id}-${k + 1}`;
        const startMs = timeMs + random.int(-90, 90) * 1000;
        const endMs = startMs + Math.max(0, minutes + random.int(-1, 1)) * MIN;
        const count = k === 0 ? spec.count : Math.max(1, Math.round(spec.count * random.between(0.7, 1)));
        const { location, words } = locate(random, index, source, position, spec.sector, timeMs);
        const claimed = source.kind === 'party_claim' ? `${source.nation} states: ` : '';
        const observation: Observation = {
          uid,
          source: { kind: source.kind, id: source.id, nation: source.nation },
          time: { startMs, endMs },
          category: spec.category,
          count,
          location,
          reportedAtMs: endMs + random.int(10, 90) * MIN,
          remarks: `${DEMO_REMARK} Illustrative, not a real event. ${sentence(`${claimed}${what(spec.category, count)}`)}, ${words} (${code(spec.sector)}).`,
        };
        const label = source.kind === 'uav' && spec.uavLabel ? spec.uavLabel : 'COALITION';
        observations.push({ observation, releasability: label, eventId: id, sector: spec.sector });
        uids.push(uid);
      });
      const violation = isViolation(index, spec, position, timeMs);
      events.push({
        id,
        sector: spec.sector,
        date: day,
        category: spec.category,
        position,
        timeMs,
        count: spec.count,
        side,
        violation,
        uids,
        analyst: intentFor(spec, side, id, random),
      });
    });
  }
  events.sort((a, b) => a.timeMs - b.timeMs);
  observations.sort(
    (a, b) =>
      a.observation.time.startMs - b.observation.time.startMs ||
      (a.observation.uid < b.observation.uid ? -1 : 1),
  );
  return {
    from: addDays(today, -DEMO_DAYS),
    to: addDays(today, -1),
    observations,
    events,
    sourceStatus: statuses,
  };
}

function isViolation(index: ZoneIndex, spec: EventSpec, position: LngLat, timeMs: number): boolean {
  if (spec.category === 'fom_restriction') return true;
  const kinds = index.containing(position, timeMs).map((z) => z.kind);
  if (spec.category === 'heavy_weapon_sighting') return kinds.includes('weapons_withdrawal');
  return FIRE.includes(spec.category) && kinds.includes('buffer_zone');
}

function intentFor(spec: EventSpec, side: Side, id: string, random: Random): DemoAnalystIntent {
  // The flare-up is verified in full; elsewhere the analyst gets through most of the queue.
  const flare = spec.sector === FLARE && spec.daysAgo >= 9 && spec.daysAgo <= 11;
  const verify = spec.verify ?? (flare || random.chance(0.85));
  if (spec.role === 'dismiss') {
    return {
      verify: false,
      dismiss: `${DEMO_REMARK} Illustrative: no monitor, camera or UAV recorded impacts there at that time; the fixed camera covering the claimed location shows nothing. Dismissed.`,
    };
  }
  if (spec.role === 'attribute') {
    const party = DEMO_PARTIES[side];
    const seen =
      spec.category === 'heavy_weapon_sighting'
        ? `UAV imagery shows the weapons parked ${side} of the line of contact, inside the withdrawal zone; a patrol confirmed them on the ground`
        : `two patrols' bearings cross at a firing position ${side} of the line of contact`;
    return {
      verify: true,
      attribute: {
        party,
        assessment: `${DEMO_REMARK} Illustrative attribution: ${seen}.`,
        evidence: [`https://example.org/guarantor-demo/evidence/${id}`],
      },
    };
  }
  if (spec.role === 'notable') {
    return {
      verify: true,
      claims: [
        {
          party: DEMO_PARTIES.west,
          claim: `${DEMO_REMARK} Illustrative claim: our positions were shelled from the east without provocation.`,
          assessment: `${DEMO_REMARK} Monitors confirm the impacts; the origin of fire is not established.`,
        },
        {
          party: DEMO_PARTIES.east,
          claim: `${DEMO_REMARK} Illustrative claim: we did not open fire; the impacts followed fire from the west.`,
          assessment: `${DEMO_REMARK} No outgoing fire from the west was recorded in the hour before.`,
        },
      ],
    };
  }
  return { verify };
}

function sourceStatus(today: IsoDate): DemoSourceStatus[] {
  const out: DemoSourceStatus[] = [];
  for (const b of BLIND) {
    const plan = SECTORS.find((s) => s.id === b.sector)!;
    for (const source of [patrol(plan, 0), patrol(plan, 1), camera(plan), cot(plan)]) {
      out.push({
        day: addDays(today, -b.daysAgo),
        sourceId: source.id,
        sourceKind: source.kind,
        status: 'down',
        sectors: [b.sector],
        note: `${DEMO_REMARK} Illustrative: ${b.note}.`,
      });
    }
  }
  out.push({
    day: addDays(today, -3),
    sourceId: UAV_GBR.id,
    sourceKind: 'uav',
    status: 'degraded',
    sectors: [],
    note: `${DEMO_REMARK} Illustrative: low cloud; two of six planned sorties flown.`,
  });
  out.push({
    day: addDays(today, -1),
    sourceId: camera(SECTORS.find((s) => s.id === 'sector-zaporizhzhia')!).id,
    sourceKind: 'camera',
    status: 'down',
    sectors: ['sector-zaporizhzhia'],
    note: `${DEMO_REMARK} Illustrative: power cut at the observation post; patrols still out.`,
  });
  return out.sort((a, b) => a.day.localeCompare(b.day) || a.sourceId.localeCompare(b.sourceId));
}
