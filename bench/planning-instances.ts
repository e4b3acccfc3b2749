/**
 * Planning instances for the benchmark: a small demo-like instance written out by hand (the
 * real demo scenario is wired in later) and a seeded stress instance of any size.
 */
import {
  type Capability,
  type Catalogue,
  type Caveat,
  type LineOfEffort,
  type Offer,
  type Region,
  type Role,
  SHIPPED_CATALOGUE,
  validateCaveats,
} from '../packages/core/src/coalition/index.ts';
import { seededRandom } from '../packages/core/src/demo/random.ts';
import type { PlanInput, Requirement } from '../packages/core/src/planning/index.ts';

const AT_MS = Date.parse('2026-03-01T00:00:00Z');

/** A confirmed, assessed offer of 180 days; its nation is the id's first three letters. */
export const offer = (
  id: string,
  capability: string,
  quantity: number,
  daysToDeploy: number,
  caveats: Caveat[] = [],
): Offer => ({
  id,
  nation: id.slice(0, 3),
  capability,
  quantity,
  daysToDeploy,
  durationDays: 180,
  readiness: 'assessed',
  readinessHistory: [],
  lifecycle: 'confirmed',
  caveats,
});

const requirement = (
  id: string,
  region: string,
  lineOfEffort: string,
  capability: string,
  role: Role,
  quantity: number,
  priority: Requirement['priority'],
  maxDaysToDeploy: number,
): Requirement => ({
  id,
  region,
  lineOfEffort,
  capability,
  role,
  quantity,
  priority,
  phase: 'force_deploying',
  maxDaysToDeploy,
});

/** About thirty offers and twenty requirements in the spirit of the source document. */
export function demoInstance(): PlanInput {
  const offers = [
    offer('FRA-1', 'infantry_battalion', 3, 30, [{ kind: 'min_distance_from_contact', minDistanceKm: 50 }]),
    offer('FRA-2', 'monitoring_team', 4, 14),
    offer('FRA-3', 'logistics_hub', 1, 30),
    offer('FRA-4', 'air_policing_flight', 2, 7),
    offer('GBR-1', 'infantry_battalion', 2, 30, [{ kind: 'conditional_on_participation', nation: 'USA' }]),
    offer('GBR-2', 'logistics_hub', 1, 21),
    offer('GBR-3', 'mcm_vessel', 2, 30),
    offer('GBR-4', 'training_mission', 2, 14),
    offer('DEU-1', 'monitoring_team', 6, 14, [{ kind: 'outside_ukraine_only' }]),
    offer('DEU-2', 'air_defence_battery', 2, 45, [
      { kind: 'national_mandate', status: 'pending', body: 'Bundestag' },
    ]),
    offer('DEU-3', 'funding', 500, 0),
    offer('USA-1', 'uav_reconnaissance', 4, 7, [{ kind: 'roles_allowed', roles: ['monitoring'] }]),
    offer('USA-2', 'monitoring_team', 4, 10),
    offer('POL-1', 'logistics_hub', 2, 14, [{ kind: 'allowed_regions', regions: ['POL', 'UA-46', 'UA-07'] }]),
    offer('POL-2', 'engineer_company', 2, 21),
    offer('ROU-1', 'mcm_vessel', 1, 14, [{ kind: 'allowed_regions', regions: ['BLACK_SEA', 'ROU'] }]),
    offer('TUR-1', 'mcm_vessel', 2, 21, [{ kind: 'roles_allowed', roles: ['maritime'] }]),
    offer('ITA-1', 'demining_company', 2, 30, [{ kind: 'min_distance_from_contact', minDistanceKm: 30 }]),
    offer('NLD-1', 'field_hospital', 1, 21),
    offer('NLD-2', 'air_policing_flight', 1, 14, [{ kind: 'valid_until', date: '2026-02-15' }]),
    offer('CAN-1', 'training_mission', 3, 30, [{ kind: 'excluded_regions', regions: ['UA-14', 'UA-09'] }]),
    offer('SWE-1', 'infantry_battalion', 1, 60),
    offer('DNK-1', 'demining_company', 1, 14),
    offer('EST-1', 'uav_reconnaissance', 1, 14),
  ];
  const requirements = [
    requirement('R-01', 'UA-14', 'truce_monitoring', 'monitoring_team', 'monitoring', 6, 1, 14),
    requirement('R-02', 'UA-23', 'truce_monitoring', 'monitoring_team', 'monitoring', 4, 1, 14),
    requirement('R-03', 'POL', 'truce_monitoring', 'monitoring_team', 'monitoring', 2, 3, 30),
    requirement('R-04', 'UA-14', 'truce_monitoring', 'uav_reconnaissance', 'monitoring', 3, 1, 14),
    requirement('R-05', 'UA-30', 'reassurance_force', 'infantry_battalion', 'deterrence', 2, 2, 45),
    requirement('R-06', 'UA-12', 'reassurance_force', 'infantry_battalion', 'deterrence', 2, 2, 45),
    requirement('R-07', 'UA-63', 'reassurance_force', 'infantry_battalion', 'deterrence', 2, 3, 45),
    requirement('R-08', 'UA_AIRSPACE', 'air_policing', 'air_policing_flight', 'air', 3, 1, 14),
    requirement('R-09', 'UA_AIRSPACE', 'critical_infrastructure', 'air_defence_battery', 'air', 2, 1, 60),
    requirement('R-10', 'BLACK_SEA', 'maritime_security', 'mcm_vessel', 'maritime', 4, 2, 30),
    requirement('R-11', 'UA-46', 'logistics_hubs', 'logistics_hub', 'logistics', 2, 2, 30),
    requirement('R-12', 'UA-32', 'logistics_hubs', 'logistics_hub', 'logistics', 1, 2, 30),
    requirement('R-13', 'UA-48', 'demining', 'demining_company', 'logistics', 2, 3, 30),
    requirement('R-14', 'UA-65', 'demining', 'demining_company', 'logistics', 2, 2, 30),
    requirement('R-15', 'UA-46', 'training_regeneration', 'training_mission', 'training', 3, 3, 30),
    requirement('R-16', 'UA-14', 'training_regeneration', 'training_mission', 'training', 1, 4, 30),
    requirement('R-17', 'UA-12', 'civilian_protection', 'field_hospital', 'logistics', 1, 3, 30),
    requirement('R-18', 'UA-32', 'reconstruction', 'funding', 'logistics', 400, 4, 90),
    requirement('R-19', 'UA-51', 'supply_line_security', 'engineer_company', 'logistics', 2, 3, 30),
  ];
  const distanceToContactKm: Record<string, number> = {
    'UA-14': 5,
    'UA-23': 10,
    'UA-63': 20,
    'UA-12': 60,
    'UA-65': 15,
    'UA-48': 80,
    'UA-51': 150,
    'UA-30': 430,
    'UA-32': 400,
    'UA-46': 900,
    'UA-07': 850,
    POL: 1000,
    ROU: 500,
    BLACK_SEA: 100,
    UA_AIRSPACE: 0,
  };
  return {
    offers,
    requirements,
    leadClaims: [
      { nation: 'FRA', region: 'UA-30', lineOfEffort: 'reassurance_force' },
      { nation: 'GBR', region: 'UA-30', lineOfEffort: 'reassurance_force' },
      { nation: 'USA', region: 'UA-14', lineOfEffort: 'truce_monitoring' },
      { nation: 'TUR', region: 'BLACK_SEA', lineOfEffort: 'maritime_security' },
    ],
    facts: {
      distanceToContactKm,
      participatingNations: new Set(['FRA', 'GBR', 'DEU', 'POL', 'TUR']),
      mandates: {},
    },
    atMs: AT_MS,
  };
}

const NATIONS = (
  'USA GBR FRA DEU ITA ESP POL ROU NLD BEL DNK NOR SWE FIN EST LVA LTU CZE SVK HUN BGR GRC PRT IRL AUT ' +
  'CHE LUX SVN HRV MNE ALB MKD CAN AUS NZL JPN KOR TUR ISL MLT CYP BIH MDA GEO ARM KAZ SGP CHL BRA MEX ' +
  'ZAF IND IDN MYS THA PHL ARG URY COL PER'
).split(' ');

const EXTRA_CAPABILITIES: readonly [string, readonly Role[]][] = [
  ['mech_infantry_battalion', ['deterrence']],
  ['artillery_battery', ['deterrence']],
  ['signals_company', ['logistics', 'monitoring']],
  ['military_police_company', ['deterrence', 'training']],
  ['cbrn_company', ['logistics']],
  ['helicopter_squadron', ['air', 'logistics']],
  ['frigate', ['maritime']],
  ['patrol_vessel', ['maritime', 'monitoring']],
  ['isr_aircraft', ['air', 'monitoring']],
  ['medical_team', ['logistics', 'training']],
  ['transport_company', ['logistics']],
  ['eod_team', ['logistics', 'training']],
];

/** The shipped catalogue grown to `regions`, `linesOfEffort` and `capabilities` entries. */
function stressCatalogue(): Catalogue {
  const regions: Region[] = [
    ...SHIPPED_CATALOGUE.regions,
    ...['BGR', 'GRC', 'TUR', 'LTU', 'CZE', 'AUT'].map((code) => ({
      code,
      name: code,
      kind: 'staging_country' as const,
      insideUkraine: false,
    })),
  ];
  const linesOfEffort: LineOfEffort[] = [
    ...SHIPPED_CATALOGUE.linesOfEffort,
    { id: 'cyber_defence', name: 'cyber defence', roles: ['monitoring', 'training'] },
  ];
  const capabilities: Capability[] = [
    ...SHIPPED_CATALOGUE.capabilities,
    ...EXTRA_CAPABILITIES.map(([id, roles]) => ({
      id,
      name: id.replaceAll('_', ' '),
      kind: 'force' as const,
      unit: 'unit',
      roles,
    })),
  ];
  return { regions, linesOfEffort, capabilities };
}

/**
 * A seeded instance of 60 nations, 40 regions, 12 lines of effort and 25 capabilities. Each
 * nation has national caveats that all its offers carry (as real nations do), and one offer in
 * ten adds an offer-specific one.
 */
export function stressInstance(sizes: { offers: number; requirements: number }, seed = 1): PlanInput {
  const rnd = seededRandom(seed).next;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const catalogue = stressCatalogue();
  const regionCodes = catalogue.regions.map((r) => r.code);
  const distanceToContactKm = Object.fromEntries(
    catalogue.regions.map((r) => [r.code, r.insideUkraine ? int(0, 600) : int(150, 1200)]),
  );
  const eastern = regionCodes.filter((c) => (distanceToContactKm[c] ?? 0) < 100);

  const national = new Map<string, Caveat[]>();
  for (const nation of NATIONS) {
    const caveats: Caveat[] = [];
    if (rnd() < 0.15) caveats.push({ kind: 'outside_ukraine_only' });
    else if (rnd() < 0.3)
      caveats.push({ kind: 'min_distance_from_contact', minDistanceKm: pick([25, 50, 100, 200]) });
    if (rnd() < 0.2)
      caveats.push({ kind: 'excluded_regions', regions: [...new Set([pick(eastern), pick(regionCodes)])] });
    if (rnd() < 0.2) caveats.push({ kind: 'roles_allowed', roles: ['monitoring', 'training', 'logistics'] });
    if (rnd() < 0.25) caveats.push({ kind: 'national_mandate', status: rnd() < 0.7 ? 'granted' : 'pending' });
    if (rnd() < 0.1 && nation !== 'USA')
      caveats.push({ kind: 'conditional_on_participation', nation: 'USA' });
    if (rnd() < 0.1) caveats.push({ kind: 'valid_until', date: pick(['2026-02-01', '2026-12-31']) });
    national.set(nation, caveats);
  }
  // Each nation offers a handful of capabilities, several offers each (units are offered piecemeal).
  const offered = new Map(
    NATIONS.map((n) => [n, Array.from({ length: 8 }, () => pick(catalogue.capabilities).id)]),
  );
  const offers: Offer[] = Array.from({ length: sizes.offers }, (_, i) => {
    const nation = pick(NATIONS);
    const caveats = [...national.get(nation)!];
    if (rnd() < 0.1) {
      const regions = [...new Set(Array.from({ length: 6 }, () => pick(regionCodes)))];
      caveats.push({ kind: 'allowed_regions', regions });
      // A liaison's form would refuse a contradictory list; keep only coherent ones.
      if (validateCaveats(caveats, catalogue).length > 0) caveats.pop();
    }
    return {
      id: `${nation}-${i}`,
      nation,
      capability: pick(offered.get(nation)!),
      quantity: int(1, 4),
      daysToDeploy: pick([7, 14, 30, 60, 90]),
      durationDays: 180,
      readiness: pick(['pledged', 'assessed', 'aligned', 'rapid'] as const),
      readinessHistory: [],
      lifecycle: 'confirmed',
      caveats,
    };
  });

  const capabilityById = new Map(catalogue.capabilities.map((c) => [c.id, c]));
  const requirements: Requirement[] = Array.from({ length: sizes.requirements }, (_, i) => {
    const lineOfEffort = pick(catalogue.linesOfEffort);
    const fitting = catalogue.capabilities.filter((c) => c.roles.some((r) => lineOfEffort.roles.includes(r)));
    const capability = pick(fitting.length > 0 ? fitting : catalogue.capabilities);
    const roles = capabilityById.get(capability.id)!.roles.filter((r) => lineOfEffort.roles.includes(r));
    return {
      id: `R-${i}`,
      region: pick(regionCodes),
      lineOfEffort: lineOfEffort.id,
      capability: capability.id,
      role: pick(roles.length > 0 ? roles : capability.roles),
      quantity: int(1, 6),
      priority: int(1, 5) as Requirement['priority'],
      phase: 'force_deploying',
      maxDaysToDeploy: pick([14, 30, 60, 90, 120]),
      ...(rnd() < 0.1 ? { preferredNations: [pick(NATIONS), pick(NATIONS)] } : {}),
    };
  });
  const leadClaims = Array.from({ length: 150 }, () => {
    const r = pick(requirements);
    return { nation: pick(NATIONS), region: r.region, lineOfEffort: r.lineOfEffort };
  });
  return {
    offers,
    requirements,
    leadClaims,
    facts: {
      distanceToContactKm,
      participatingNations: new Set(NATIONS.filter(() => rnd() < 0.9)),
      mandates: {},
    },
    atMs: AT_MS,
    minReadiness: 'assessed',
    catalogue,
  };
}
