/**
 * The lead matrix as the API and the exports present it: core's analysis over what the reader
 * may see, with each cell's claims, requirements and the offers behind them, and the "who does
 * what where" rows for the HXL CSV and the XLSX.
 */

import { formatReleasability, parseReleasability, type Releasability } from '@guarantor/core/access';
import type { CellOffer, CellState } from '@guarantor/core/api';
import { cellKey, indexCatalogue, SHIPPED_CATALOGUE } from '@guarantor/core/coalition';
import { type Phrasing, phrasing } from '@guarantor/core/i18n/words';
import {
  analyseLeadMatrix,
  flagInWords,
  type LeadFlag,
  offerInWords,
  refusalInWords,
} from '@guarantor/core/lead-matrix';
import type { Allocation, PlanInput } from '@guarantor/core/planning';
import { refusal } from '@guarantor/core/planning';
import { nationName } from '@guarantor/core/reference';
import {
  type LeadRoleRecord,
  meetAll,
  type PlanningWorld,
  type PlanRecord,
  planInputOf,
} from '@guarantor/db';

/** How a cell reads at a glance, worst first: the order cells are sorted in. */
export const CELL_STATES = [
  'conflict',
  'forbidden',
  'gap',
  'no_lead',
  'led',
  'claimed',
] as const satisfies readonly CellState[];

/** Each state as the matrix's legend says it. */
export const CELL_STATE_WORDS: Readonly<Record<CellState, string>> = {
  conflict: 'Conflict: two leads claimed',
  forbidden: "Lead's caveats forbid the cell",
  gap: 'Gap: requirement not met',
  no_lead: 'No nation claims the lead',
  led: 'Led and met',
  claimed: 'Claimed, no requirement',
};

/** A cell's region and line of effort, each with its catalogue name (the code when it has none). */
export function cellNames(c: { readonly region: string; readonly lineOfEffort: string }): {
  readonly region: string;
  readonly regionName: string;
  readonly lineOfEffort: string;
  readonly lineOfEffortName: string;
} {
  const catalogue = indexCatalogue(SHIPPED_CATALOGUE);
  return {
    region: c.region,
    regionName: catalogue.region.get(c.region)?.name ?? c.region,
    lineOfEffort: c.lineOfEffort,
    lineOfEffortName: catalogue.lineOfEffort.get(c.lineOfEffort)?.name ?? c.lineOfEffort,
  };
}

/** One cell of the presented matrix. */
export interface MatrixCell {
  readonly region: string;
  readonly regionName: string;
  readonly lineOfEffort: string;
  readonly lineOfEffortName: string;
  readonly state: CellState;
  /** Every kept claim on the cell; only the `active` ones count as claims. */
  readonly claims: readonly {
    readonly nation: string;
    readonly leadRoleId: string;
    readonly note: string | null;
    readonly contributors: readonly string[];
    readonly status: LeadRoleRecord['status'];
    readonly statusBy: string | null;
    readonly statusAt: Date | null;
    readonly statusNote: string | null;
  }[];
  /** The lead the basis plan chose, if any. */
  readonly plannedLead: string | null;
  readonly contributors: readonly { readonly nation: string; readonly units: number }[];
  readonly requirements: readonly {
    readonly id: string;
    readonly capability: string;
    readonly quantity: number;
    readonly allocated: number;
    readonly priority: number;
  }[];
  readonly offers: readonly CellOffer[];
  /** `nation`: who a lead_forbidden or lead_contributes_nothing flag is about. */
  readonly flags: readonly {
    readonly kind: LeadFlag['kind'];
    readonly nation?: string;
    readonly message: string;
    /** The flag as a sentence in names (flagInWords). */
    readonly words: string;
  }[];
  /** The label the cell's rows may carry: the meet of its requirements', claims' and plan's labels. */
  readonly releasability: string;
}

/** The matrix, its flags and the plan its allocations come from. */
export interface PresentedMatrix {
  readonly basis: { readonly planId: string; readonly status: string; readonly adopted: boolean } | null;
  readonly cells: readonly MatrixCell[];
  readonly flags: readonly (LeadFlag & { readonly words: string })[];
}

/**
 * Builds the matrix from what the reader sees, with `plan`'s allocations and leads (or none).
 * `leadRoles` may hold declined and withdrawn claims: they are shown in their cell, but the
 * analysis (conflicts, forbidden leads) reads only the world's active claims.
 */
export function presentMatrix(
  world: PlanningWorld,
  leadRoles: readonly LeadRoleRecord[],
  plan: PlanRecord | undefined,
  /** The reader's language for the sentences (flags, offers, refusals); English when not given. */
  ph: Phrasing = phrasing(),
): PresentedMatrix {
  const input: PlanInput = planInputOf(world.snapshot);
  // Allocations to offers or requirements the reader no longer sees are dropped.
  const offerIds = new Set(world.offers.map((o) => o.id));
  const reqIds = new Set(world.requirements.map((r) => r.id));
  const allocations: readonly Allocation[] = (plan?.result.allocations ?? []).filter(
    (a) => offerIds.has(a.offerId) && reqIds.has(a.requirementId),
  );
  const matrix = analyseLeadMatrix({
    requirements: input.requirements,
    offers: input.offers,
    claims: input.leadClaims ?? [],
    allocations,
    facts: input.facts,
    atMs: input.atMs,
  });
  const offerById = new Map(input.offers.map((o) => [o.id, o]));
  const offerName = (id: string) => {
    const o = offerById.get(id);
    return o ? offerInWords(o, SHIPPED_CATALOGUE, ph) : ph.say('lead.offerId', { id });
  };
  const flags = matrix.flags.map((f) => ({
    ...f,
    words: flagInWords(f, { offer: offerName, phrasing: ph }),
  }));
  const flagsByCell = new Map<string, (typeof flags)[number][]>();
  for (const f of flags) {
    // Without a plan nothing is allocated yet; "contributes nothing" would flag every lead.
    if (!plan && f.kind === 'lead_contributes_nothing') continue;
    const list = flagsByCell.get(cellKey(f)) ?? [];
    list.push(f);
    flagsByCell.set(cellKey(f), list);
  }
  const given = new Map<string, number>();
  const givenPair = new Map<string, number>();
  for (const a of allocations) {
    given.set(a.requirementId, (given.get(a.requirementId) ?? 0) + a.quantity);
    givenPair.set(`${a.offerId}|${a.requirementId}`, a.quantity);
  }
  const plannedLead = new Map((plan?.result.leads ?? []).map((l) => [cellKey(l), l.nation]));
  const planLabel: Releasability[] = plan ? [parse(plan.releasability)] : [];

  const cells = matrix.cells.map((c): MatrixCell => {
    const key = cellKey(c);
    const flags = flagsByCell.get(key) ?? [];
    const requirements = input.requirements.filter((r) => cellKey(r) === key);
    const roles = leadRoles.filter(
      (l) => cellKey({ region: l.regionCode, lineOfEffort: l.lineOfEffort }) === key,
    );
    const offers: CellOffer[] = requirements.flatMap((r) =>
      input.offers
        .filter((o) => o.capability === r.capability)
        .map((o) => {
          const why = refusal(o, r, input);
          return {
            offerId: o.id,
            offerTitle: offerInWords(o, SHIPPED_CATALOGUE, ph),
            nation: o.nation,
            capability: o.capability,
            requirementId: r.id,
            allocated: givenPair.get(`${o.id}|${r.id}`) ?? 0,
            refusal: why ? why.message : null,
            refusalWords: why ? refusalInWords(why, o, r, { phrasing: ph }) : null,
          };
        }),
    );
    const kinds = new Set(flags.map((f) => f.kind));
    const state: CellState = kinds.has('conflict')
      ? 'conflict'
      : kinds.has('lead_forbidden')
        ? 'forbidden'
        : kinds.has('gap')
          ? 'gap'
          : kinds.has('no_lead')
            ? 'no_lead'
            : requirements.length > 0
              ? 'led'
              : 'claimed';
    const labels = [
      ...requirements.map((r) => world.labels.get(`requirement:${r.id}`)!),
      ...roles.map((l) => parse(l.releasability)),
      ...planLabel,
    ];
    return {
      ...cellNames(c),
      state,
      claims: roles.map((l) => ({
        nation: l.leadNation,
        leadRoleId: l.id,
        note: l.note,
        contributors: l.contributors,
        status: l.status,
        statusBy: l.statusBy,
        statusAt: l.statusAt,
        statusNote: l.statusNote,
      })),
      plannedLead: plannedLead.get(key) ?? null,
      contributors: c.contributors,
      requirements: requirements.map((r) => ({
        id: r.id,
        capability: r.capability,
        quantity: r.quantity,
        allocated: given.get(r.id) ?? 0,
        priority: r.priority,
      })),
      offers,
      flags: flags.map((f) => ({
        kind: f.kind,
        ...('nation' in f && { nation: f.nation }),
        message: f.message,
        words: f.words,
      })),
      releasability: formatReleasability(meetAll(labels)),
    };
  });
  cells.sort(
    (a, b) =>
      CELL_STATES.indexOf(a.state) - CELL_STATES.indexOf(b.state) ||
      compare(a.region, b.region) ||
      compare(a.lineOfEffort, b.lineOfEffort),
  );
  return {
    basis: plan ? { planId: plan.id, status: plan.status, adopted: plan.adoptedAt !== null } : null,
    cells,
    flags: flags.filter((f) => plan || f.kind !== 'lead_contributes_nothing'),
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// A derived record may carry the empty `REL TO` (admits nobody), which the parser refuses.
const parse = (text: string): Releasability =>
  text === 'REL TO' ? { kind: 'REL', nations: [] } : parseReleasability(text);

/**
 * The "who does what where" table: a human header row, then the HXL 1.1 hashtag row, then one
 * row per cell. Tags from the HXL dictionary: `#country`, `#adm1`, `#loc` (+code/+name),
 * `#sector` for the line of effort, `#org+lead` and `#org+impl` (implementing contributors),
 * `#capacity+num` for units, `#status`, `#meta` for the releasability label.
 */
export const WHO_WHAT_WHERE: readonly { readonly header: string; readonly tag: string }[] = [
  { header: 'Country code', tag: '#country+code' },
  { header: 'Oblast code', tag: '#adm1+code' },
  { header: 'Oblast', tag: '#adm1+name' },
  { header: 'Area code', tag: '#loc+code' },
  { header: 'Area', tag: '#loc+name' },
  { header: 'Line of effort code', tag: '#sector+code' },
  { header: 'Line of effort', tag: '#sector+name' },
  { header: 'Lead nation code', tag: '#org+lead+code' },
  { header: 'Lead nation', tag: '#org+lead+name' },
  { header: 'Contributing nations', tag: '#org+impl+code' },
  { header: 'Units required', tag: '#capacity+required+num' },
  { header: 'Units allocated', tag: '#capacity+allocated+num' },
  { header: 'Status', tag: '#status' },
  { header: 'Flags', tag: '#description' },
  { header: 'Releasability', tag: '#meta+releasability' },
];

/** The table's data rows, one per cell, in the column order of {@link WHO_WHAT_WHERE}. */
export function whoWhatWhereRows(m: PresentedMatrix): (string | number)[][] {
  const catalogue = indexCatalogue(SHIPPED_CATALOGUE);
  return m.cells.map((c) => {
    const region = catalogue.region.get(c.region);
    const isUnit = region?.kind === 'ukraine_unit';
    const country = region?.kind === 'staging_country' ? c.region : region?.insideUkraine ? 'UKR' : '';
    const active = c.claims.filter((x) => x.status === 'active');
    const claimed = active.map((x) => x.nation);
    const lead = c.plannedLead ?? (claimed.length === 1 ? claimed[0]! : '');
    const contributors = [
      ...new Set([
        ...c.contributors.map((x) => x.nation),
        ...(c.contributors.length === 0 ? active.flatMap((x) => x.contributors) : []),
      ]),
    ].filter((n) => n !== lead);
    return [
      country,
      isUnit ? c.region : '',
      isUnit ? c.regionName : '',
      c.region,
      c.regionName,
      c.lineOfEffort,
      c.lineOfEffortName,
      lead || (claimed.length > 1 ? claimed.join(' ') : ''),
      lead ? (nationName(lead) ?? lead) : '',
      contributors.join(' '),
      c.requirements.reduce((s, r) => s + r.quantity, 0),
      c.requirements.reduce((s, r) => s + Math.min(r.allocated, r.quantity), 0),
      CELL_STATE_WORDS[c.state],
      c.flags.map((f) => f.words).join(' '),
      c.releasability,
    ];
  });
}
