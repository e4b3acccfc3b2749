import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseReleasability } from '@guarantor/core/access';
import {
  CAPABILITIES,
  type Caveat,
  indexCatalogue,
  SHIPPED_CATALOGUE,
  validateCaveats,
} from '@guarantor/core/coalition';
import type { OfferRotation, RequirementTimeline } from '@guarantor/core/planning';
import { isIso3 } from '@guarantor/core/reference';
import type { Kysely, Transaction } from 'kysely';
import { labelColumns } from './access.ts';
import { appendAudit } from './audit.ts';
import { pointGeom } from './postgis.ts';
import { DATA_DIR } from './reference.ts';
import type { Database, Labelled, RequirementTable } from './schema.ts';

type Point = readonly [number, number] | null;

/** The demo scenario file's shape (`data/demo/paris-coalition.json`). */
export interface Scenario {
  readonly name: string;
  readonly nations: readonly {
    iso3: string;
    delegationLevel: Database['coalition_nation']['delegation_level'];
    delegationHead: string | null;
    role: string | null;
    illustrative: boolean;
    source: string | null;
    releasability: string;
  }[];
  readonly missions: readonly {
    id: string;
    name: string;
    kind: string;
    leadNation: string | null;
    contributors: string[];
    role: string | null;
    condition: string | null;
    description: string;
    location: Point;
    illustrative: boolean;
    source: string | null;
    releasability: string;
  }[];
  readonly offers: readonly {
    id: string;
    nation: string;
    capability: string;
    quantity: number;
    daysToDeploy: number;
    durationDays: number;
    readiness: Database['offer']['readiness'];
    lifecycle: Database['offer']['lifecycle'];
    caveats: Caveat[];
    description: string;
    missionId: string | null;
    illustrative: boolean;
    source: string | null;
    releasability: string;
    /** How the offer rotates over the years (made up for the demo). */
    rotation?: OfferRotation;
  }[];
  readonly leadRoles: readonly {
    id: string;
    regionCode: string;
    lineOfEffort: string;
    leadNation: string;
    contributors: string[];
    note: string | null;
    illustrative: boolean;
    source: string | null;
    releasability: string;
  }[];
  /** Requirements (CJSOR-like lines) the demo plan is computed against. */
  readonly requirements?: readonly ScenarioRequirement[];
  /** Region code → km from the line of contact, for `min_distance_from_contact` caveats. */
  readonly contactDistances?: {
    readonly illustrative: boolean;
    readonly km: Readonly<Record<string, number>>;
  };
  readonly hubs: readonly {
    id: string;
    name: string;
    kind: string;
    nations: string[];
    sidc: string;
    description: string;
    location: readonly [number, number];
    illustrative: boolean;
    source: string | null;
    releasability: string;
  }[];
}

/** One requirement of the scenario file. */
export interface ScenarioRequirement {
  id: string;
  region: string;
  lineOfEffort: string;
  capability: string;
  role: RequirementTable['role'];
  quantity: number;
  priority: RequirementTable['priority'];
  phase: RequirementTable['phase'];
  maxDaysToDeploy: number;
  preferredNations?: string[];
  /** When it is needed (made up for the demo); without one, every month of a plan's horizon. */
  timeline?: RequirementTimeline;
  description: string;
  illustrative: boolean;
  source: string | null;
  releasability: string;
}

/** What a seed run wrote. */
export interface SeedResult {
  readonly scenario: string;
  readonly nations: number;
  readonly missions: number;
  readonly offers: number;
  readonly leadRoles: number;
  readonly hubs: number;
}

/** Reads the shipped demo scenario. */
export function readDemoScenario(): Scenario {
  return JSON.parse(readFileSync(resolve(DATA_DIR, 'demo/paris-coalition.json'), 'utf8')) as Scenario;
}

/** Checks a scenario before anything is written; every problem is listed. */
export function checkScenario(s: Scenario): readonly string[] {
  const problems: string[] = [];
  const label = (where: string, text: string) => {
    try {
      parseReleasability(text);
    } catch (e) {
      problems.push(`${where}: ${(e as Error).message}`);
    }
  };
  for (const n of s.nations) {
    if (!isIso3(n.iso3)) problems.push(`nation ${n.iso3}: not an ISO 3166-1 alpha-3 code`);
    label(`nation ${n.iso3}`, n.releasability);
  }
  for (const m of s.missions) label(`mission ${m.id}`, m.releasability);
  for (const o of s.offers) {
    label(`offer ${o.id}`, o.releasability);
    if (!CAPABILITIES.some((c) => c.id === o.capability))
      problems.push(`offer ${o.id}: unknown capability ${o.capability}`);
    for (const e of validateCaveats(o.caveats)) problems.push(`offer ${o.id} ${e.field}: ${e.message}`);
  }
  for (const l of s.leadRoles) label(`lead role ${l.id}`, l.releasability);
  for (const h of s.hubs) label(`hub ${h.id}`, h.releasability);
  const catalogue = indexCatalogue(SHIPPED_CATALOGUE);
  for (const r of s.requirements ?? []) {
    label(`requirement ${r.id}`, r.releasability);
    if (!catalogue.region.has(r.region)) problems.push(`requirement ${r.id}: unknown region ${r.region}`);
    if (!catalogue.lineOfEffort.has(r.lineOfEffort))
      problems.push(`requirement ${r.id}: unknown line of effort ${r.lineOfEffort}`);
    if (!catalogue.capability.get(r.capability)?.roles.includes(r.role))
      problems.push(`requirement ${r.id}: capability ${r.capability} cannot serve as ${r.role}`);
  }
  for (const code of Object.keys(s.contactDistances?.km ?? {}))
    if (!catalogue.region.has(code)) problems.push(`contact distance: unknown region ${code}`);
  return problems;
}

const point = (p: Point) => (p === null ? null : pointGeom(p[0], p[1]));
const rel = (text: string): Labelled => labelColumns(parseReleasability(text));

/**
 * Writes the scenario in one transaction, upserting by id, with one audit entry per record
 * (actor `seed`). Either the whole scenario is in place afterwards or nothing changed.
 */
export async function seedScenario(db: Kysely<Database>, s: Scenario, at: Date): Promise<SeedResult> {
  const problems = checkScenario(s);
  if (problems.length > 0)
    throw new Error(`scenario "${s.name}" has ${problems.length} problem(s):\n${problems.join('\n')}`);
  await db.transaction().execute(async (trx) => {
    const audit = (entity: string, entityId: string, after: unknown, label: Labelled) =>
      appendAudit(trx, {
        actor: 'seed',
        nation: null,
        action: 'seed.upsert',
        entity,
        entityId,
        before: null,
        after,
        label,
        at,
      });
    for (const n of s.nations) {
      const row = {
        iso3: n.iso3,
        delegation_level: n.delegationLevel,
        delegation_head: n.delegationHead,
        role: n.role,
        illustrative: n.illustrative,
        source: n.source,
        ...rel(n.releasability),
      };
      await trx
        .insertInto('coalition_nation')
        .values(row)
        .onConflict((oc) => oc.column('iso3').doUpdateSet(row))
        .execute();
      await audit('coalition_nation', n.iso3, n, row);
    }
    for (const m of s.missions) {
      const row = {
        id: m.id,
        name: m.name,
        kind: m.kind,
        lead_nation: m.leadNation,
        contributors: m.contributors,
        role: m.role,
        condition: m.condition,
        description: m.description,
        location: point(m.location),
        illustrative: m.illustrative,
        source: m.source,
        ...rel(m.releasability),
      };
      await trx
        .insertInto('mission')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
      await audit('mission', m.id, m, row);
    }
    for (const o of s.offers) {
      const row = {
        id: o.id,
        nation: o.nation,
        capability: o.capability,
        quantity: o.quantity,
        unit: CAPABILITIES.find((c) => c.id === o.capability)?.unit ?? 'unit',
        days_to_deploy: o.daysToDeploy,
        duration_days: o.durationDays,
        readiness: o.readiness,
        lifecycle: o.lifecycle,
        caveats: JSON.stringify(o.caveats),
        description: o.description,
        mission_id: o.missionId,
        illustrative: o.illustrative,
        source: o.source,
        ...rel(o.releasability),
      };
      await trx
        .insertInto('offer')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
      await audit('offer', o.id, o, row);
    }
    for (const l of s.leadRoles) {
      const row = {
        id: l.id,
        region_code: l.regionCode,
        line_of_effort: l.lineOfEffort,
        lead_nation: l.leadNation,
        contributors: l.contributors,
        note: l.note,
        illustrative: l.illustrative,
        source: l.source,
        ...rel(l.releasability),
      };
      await trx
        .insertInto('lead_role')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
      // Refreshing the demo restores its claims as the scenario states them: active, as its
      // offers get back their quantities (a declined or withdrawn demo claim stays in the audit log).
      await trx
        .updateTable('lead_role')
        .set({ status: 'active', status_by: null, status_at: null, status_note: null })
        .where('id', '=', l.id)
        .where('status', '!=', 'active')
        .execute();
      await audit('lead_role', l.id, { ...l, status: 'active' }, row);
    }
    for (const h of s.hubs) {
      const row = {
        id: h.id,
        name: h.name,
        kind: h.kind,
        nations: h.nations,
        sidc: h.sidc,
        description: h.description,
        location: point(h.location),
        illustrative: h.illustrative,
        source: h.source,
        ...rel(h.releasability),
      };
      await trx
        .insertInto('hub')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
      await audit('hub', h.id, h, row);
    }
    for (const r of s.requirements ?? []) {
      const row = {
        id: r.id,
        region_code: r.region,
        line_of_effort: r.lineOfEffort,
        capability: r.capability,
        role: r.role,
        quantity: r.quantity,
        priority: r.priority,
        phase: r.phase,
        max_days_to_deploy: r.maxDaysToDeploy,
        preferred_nations: r.preferredNations ?? [],
        description: r.description,
        illustrative: r.illustrative,
        source: r.source,
        ...rel(r.releasability),
      };
      await trx
        .insertInto('requirement')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
      await audit('requirement', r.id, r, row);
    }
    // Sustainment (0018): the demo's rotations and timelines, made up like the rest of it.
    for (const o of s.offers) {
      if (!o.rotation) continue;
      const row = {
        offer_id: o.id,
        available_from: o.rotation.availableFrom,
        months_deployed: o.rotation.monthsDeployed,
        months_recovering: o.rotation.monthsRecovering,
        rotational_units: o.rotation.rotationalUnits,
        mandate_ends: o.rotation.mandateEnds,
        renewal_expected: o.rotation.renewalExpected,
        max_months: o.rotation.maxMonths,
        updated_by: 'seed',
        updated_at: at,
      };
      await trx
        .insertInto('offer_rotation')
        .values(row)
        .onConflict((oc) => oc.column('offer_id').doUpdateSet(row))
        .execute();
      await audit('offer_rotation', o.id, o.rotation, rel(o.releasability));
    }
    for (const r of s.requirements ?? []) {
      if (!r.timeline) continue;
      const row = {
        requirement_id: r.id,
        start_month: r.timeline.start,
        end_month: r.timeline.end,
        size_changes: JSON.stringify(r.timeline.sizeChanges),
        updated_by: 'seed',
        updated_at: at,
      };
      await trx
        .insertInto('requirement_timeline')
        .values(row)
        .onConflict((oc) => oc.column('requirement_id').doUpdateSet(row))
        .execute();
      await audit('requirement_timeline', r.id, r.timeline, rel(r.releasability));
    }
    for (const [code, km] of Object.entries(s.contactDistances?.km ?? {})) {
      const row = {
        region_code: code,
        distance_km: km,
        illustrative: s.contactDistances!.illustrative,
        source: s.name,
      };
      await trx
        .insertInto('region_contact_distance')
        .values(row)
        .onConflict((oc) => oc.column('region_code').doUpdateSet(row))
        .execute();
    }
  });
  return {
    scenario: s.name,
    nations: s.nations.length,
    missions: s.missions.length,
    offers: s.offers.length,
    leadRoles: s.leadRoles.length,
    hubs: s.hubs.length,
  };
}

/** True when no coalition has been loaded yet (first start). */
export async function isEmpty(db: Kysely<Database> | Transaction<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('coalition_nation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}
