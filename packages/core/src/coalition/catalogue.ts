/**
 * The shipped catalogues: roles, capabilities, lines of effort and regions. They are data so
 * that the cell can extend them and so that tests and benchmarks can pass their own; every
 * function that needs a catalogue takes one and defaults to {@link SHIPPED_CATALOGUE}.
 */

/** The roles a force can be given; a caveat may limit an offer to some of them. */
export const ROLES = ['monitoring', 'training', 'deterrence', 'logistics', 'air', 'maritime'] as const;
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** What a capability is, so that funding and equipment are not counted as troops. */
export type CapabilityKind = 'force' | 'funding' | 'equipment';

/** A kind of contribution a nation can offer, and the roles it can fill. */
export interface Capability {
  readonly id: string;
  readonly name: string;
  readonly kind: CapabilityKind;
  /** What one unit of `quantity` means for this capability. */
  readonly unit: string;
  readonly roles: readonly Role[];
}

/** The capability catalogue from the issue (funding and equipment are kinds, not forces). */
export const CAPABILITIES: readonly Capability[] = [
  { id: 'monitoring_team', name: 'monitoring team', kind: 'force', unit: 'team', roles: ['monitoring'] },
  {
    id: 'infantry_battalion',
    name: 'infantry battalion',
    kind: 'force',
    unit: 'battalion',
    roles: ['deterrence', 'training'],
  },
  {
    id: 'engineer_company',
    name: 'engineer company',
    kind: 'force',
    unit: 'company',
    roles: ['logistics', 'training'],
  },
  {
    id: 'demining_company',
    name: 'demining company',
    kind: 'force',
    unit: 'company',
    roles: ['logistics', 'training'],
  },
  { id: 'air_policing_flight', name: 'air-policing flight', kind: 'force', unit: 'flight', roles: ['air'] },
  {
    id: 'mcm_vessel',
    name: 'mine-countermeasures vessel',
    kind: 'force',
    unit: 'vessel',
    roles: ['maritime'],
  },
  {
    id: 'uav_reconnaissance',
    name: 'UAV reconnaissance',
    kind: 'force',
    unit: 'detachment',
    roles: ['monitoring', 'air', 'maritime'],
  },
  {
    id: 'air_defence_battery',
    name: 'air-defence battery',
    kind: 'force',
    unit: 'battery',
    roles: ['air', 'deterrence'],
  },
  { id: 'field_hospital', name: 'field hospital', kind: 'force', unit: 'hospital', roles: ['logistics'] },
  { id: 'logistics_hub', name: 'logistics hub', kind: 'force', unit: 'hub', roles: ['logistics'] },
  {
    id: 'training_mission',
    name: 'training mission',
    kind: 'force',
    unit: 'mission',
    roles: ['training'],
  },
  // Planning counts money in whole millions; exact amounts in minor units belong to finance.
  { id: 'funding', name: 'funding', kind: 'funding', unit: 'EUR million', roles: ['logistics', 'training'] },
  {
    id: 'equipment',
    name: 'equipment',
    kind: 'equipment',
    unit: 'package',
    roles: ['logistics', 'training', 'deterrence', 'air', 'maritime'],
  },
];

/** A line of effort of the coalition and the roles its work involves. */
export interface LineOfEffort {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
}

/** The lines of effort from the issue. */
export const LINES_OF_EFFORT: readonly LineOfEffort[] = [
  { id: 'truce_monitoring', name: 'truce monitoring', roles: ['monitoring'] },
  { id: 'reassurance_force', name: 'reassurance force', roles: ['deterrence'] },
  { id: 'air_policing', name: 'air policing', roles: ['air'] },
  { id: 'maritime_security', name: 'maritime security', roles: ['maritime'] },
  { id: 'demining', name: 'demining', roles: ['logistics', 'training'] },
  { id: 'training_regeneration', name: 'training and regeneration', roles: ['training'] },
  {
    id: 'logistics_hubs',
    name: 'logistics hubs and equipment protection',
    roles: ['logistics', 'deterrence'],
  },
  { id: 'supply_line_security', name: 'supply-line security', roles: ['logistics', 'deterrence'] },
  { id: 'civilian_protection', name: 'civilian protection', roles: ['deterrence', 'monitoring'] },
  { id: 'critical_infrastructure', name: 'critical infrastructure', roles: ['air', 'deterrence'] },
  { id: 'reconstruction', name: 'reconstruction', roles: ['logistics'] },
];

/** What sort of place a region is; only `ukraine_unit` and `airspace` lie inside Ukraine. */
export type RegionKind = 'ukraine_unit' | 'staging_country' | 'sea' | 'airspace';

/** A place a requirement can name. */
export interface Region {
  /** ISO 3166-2 for Ukrainian units, ISO 3166-1 alpha-3 for countries, a name otherwise. */
  readonly code: string;
  readonly name: string;
  readonly kind: RegionKind;
  /** False for staging countries and for the sea (treated as international waters). */
  readonly insideUkraine: boolean;
}

// The 27 first-level units, checked against shared/data/boundaries/ua_iso3166-2_names.csv.
const UKRAINE_UNITS: readonly (readonly [string, string])[] = [
  ['UA-05', 'Vinnytsia Oblast'],
  ['UA-07', 'Volyn Oblast'],
  ['UA-09', 'Luhansk Oblast'],
  ['UA-12', 'Dnipropetrovsk Oblast'],
  ['UA-14', 'Donetsk Oblast'],
  ['UA-18', 'Zhytomyr Oblast'],
  ['UA-21', 'Zakarpattia Oblast'],
  ['UA-23', 'Zaporizhia Oblast'],
  ['UA-26', 'Ivano-Frankivsk Oblast'],
  ['UA-30', 'Kyiv'],
  ['UA-32', 'Kyiv Oblast'],
  ['UA-35', 'Kirovohrad Oblast'],
  ['UA-40', 'Sevastopol'],
  ['UA-43', 'Autonomous Republic of Crimea'],
  ['UA-46', 'Lviv Oblast'],
  ['UA-48', 'Mykolaiv Oblast'],
  ['UA-51', 'Odesa Oblast'],
  ['UA-53', 'Poltava Oblast'],
  ['UA-56', 'Rivne Oblast'],
  ['UA-59', 'Sumy Oblast'],
  ['UA-61', 'Ternopil Oblast'],
  ['UA-63', 'Kharkiv Oblast'],
  ['UA-65', 'Kherson Oblast'],
  ['UA-68', 'Khmelnytskyi Oblast'],
  ['UA-71', 'Cherkasy Oblast'],
  ['UA-74', 'Chernihiv Oblast'],
  ['UA-77', 'Chernivtsi Oblast'],
];

/** The 27 Ukrainian units, the neighbouring staging countries, the Black Sea and Ukrainian airspace. */
export const REGIONS: readonly Region[] = [
  ...UKRAINE_UNITS.map(([code, name]) => ({
    code,
    name,
    kind: 'ukraine_unit' as const,
    insideUkraine: true,
  })),
  ...(
    [
      ['POL', 'Poland'],
      ['ROU', 'Romania'],
      ['SVK', 'Slovakia'],
      ['HUN', 'Hungary'],
      ['MDA', 'Moldova'],
    ] as const
  ).map(([code, name]) => ({ code, name, kind: 'staging_country' as const, insideUkraine: false })),
  { code: 'BLACK_SEA', name: 'Black Sea', kind: 'sea', insideUkraine: false },
  { code: 'UA_AIRSPACE', name: 'Ukrainian airspace', kind: 'airspace', insideUkraine: true },
];

/** The catalogues one computation works against. */
export interface Catalogue {
  readonly capabilities: readonly Capability[];
  readonly linesOfEffort: readonly LineOfEffort[];
  readonly regions: readonly Region[];
}

/** The catalogues shipped with Guarantor. */
export const SHIPPED_CATALOGUE: Catalogue = {
  capabilities: CAPABILITIES,
  linesOfEffort: LINES_OF_EFFORT,
  regions: REGIONS,
};

/** Maps from id to entry, built once per catalogue (lookups sit in solver-sized loops). */
export interface CatalogueIndex {
  readonly capability: ReadonlyMap<string, Capability>;
  readonly lineOfEffort: ReadonlyMap<string, LineOfEffort>;
  readonly region: ReadonlyMap<string, Region>;
}

const indexes = new WeakMap<Catalogue, CatalogueIndex>();

/** The lookup maps of a catalogue, memoised per catalogue object. */
export function indexCatalogue(catalogue: Catalogue): CatalogueIndex {
  let index = indexes.get(catalogue);
  if (!index) {
    index = {
      capability: new Map(catalogue.capabilities.map((c) => [c.id, c])),
      lineOfEffort: new Map(catalogue.linesOfEffort.map((l) => [l.id, l])),
      region: new Map(catalogue.regions.map((r) => [r.code, r])),
    };
    indexes.set(catalogue, index);
  }
  return index;
}

/** True when `value` is one of {@link ROLES}. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** A cell of the lead matrix: one region and one line of effort. */
export interface Cell {
  readonly region: string;
  readonly lineOfEffort: string;
}

/** A stable string key for a cell, for maps and for storage. */
export function cellKey(cell: Cell): string {
  return `${cell.region}|${cell.lineOfEffort}`;
}

/** "4 teams", "1 battery", "2 companies", "EUR 300 million": an amount of a capability's unit. */
export function quantityInWords(quantity: number, unit: string): string {
  const money = /^([A-Z]{3}) (million|billion|thousand)$/.exec(unit);
  if (money) return `${money[1]} ${quantity.toLocaleString('en-GB')} ${money[2]}`;
  if (quantity === 1) return `1 ${unit}`;
  const plural = /[^aeiou]y$/.test(unit)
    ? `${unit.slice(0, -1)}ies`
    : /(s|x|ch|sh)$/.test(unit)
      ? `${unit}es`
      : `${unit}s`;
  return `${quantity.toLocaleString('en-GB')} ${plural}`;
}
