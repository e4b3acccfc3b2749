/**
 * Sustainment instances for the benchmark: the demo scenario (data/demo/paris-coalition.json,
 * its made-up rotations and timelines) and a seeded stress instance over 36 months.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Caveat, Offer } from '../packages/core/src/coalition/index.ts';
import { seededRandom } from '../packages/core/src/demo/random.ts';
import {
  monthKey,
  monthNumber,
  type OfferRotation,
  type Requirement,
  type RequirementTimeline,
  type SustainmentInput,
} from '../packages/core/src/planning/index.ts';
import { stressInstance } from './planning-instances.ts';

interface ScenarioFile {
  readonly nations: readonly { readonly iso3: string }[];
  readonly offers: readonly (Omit<Offer, 'readinessHistory'> & { readonly rotation?: OfferRotation })[];
  readonly requirements: readonly (Requirement & { readonly timeline?: RequirementTimeline })[];
  readonly leadRoles: readonly {
    readonly regionCode: string;
    readonly lineOfEffort: string;
    readonly leadNation: string;
  }[];
  readonly contactDistances: { readonly km: Readonly<Record<string, number>> };
}

/** The demo scenario over `months` from 2027-01, as the seed stores it. */
export function demoSustainment(months = 36): SustainmentInput {
  const file = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'data', 'demo', 'paris-coalition.json'), 'utf8'),
  ) as ScenarioFile;
  return {
    base: {
      offers: file.offers.map(({ rotation: _r, ...o }) => ({
        id: o.id,
        nation: o.nation,
        capability: o.capability,
        quantity: o.quantity,
        daysToDeploy: o.daysToDeploy,
        durationDays: o.durationDays,
        readiness: o.readiness,
        readinessHistory: [],
        lifecycle: o.lifecycle,
        caveats: o.caveats,
      })),
      requirements: file.requirements.map((r) => ({
        id: r.id,
        region: r.region,
        lineOfEffort: r.lineOfEffort,
        capability: r.capability,
        role: r.role,
        quantity: r.quantity,
        priority: r.priority,
        phase: r.phase,
        maxDaysToDeploy: r.maxDaysToDeploy,
        ...(r.preferredNations ? { preferredNations: r.preferredNations } : {}),
      })),
      leadClaims: file.leadRoles.map((l) => ({
        nation: l.leadNation,
        region: l.regionCode,
        lineOfEffort: l.lineOfEffort,
      })),
      facts: {
        distanceToContactKm: file.contactDistances.km,
        participatingNations: new Set(file.nations.map((n) => n.iso3)),
        mandates: {},
      },
      atMs: Date.parse('2027-01-01T00:00:00Z'),
    },
    horizon: { start: '2027-01', months },
    timelines: Object.fromEntries(
      file.requirements.filter((r) => r.timeline).map((r) => [r.id, r.timeline!]),
    ),
    rotations: Object.fromEntries(file.offers.filter((o) => o.rotation).map((o) => [o.id, o.rotation!])),
  };
}

/**
 * The planning stress generator's 60 nations with `offers` offers and `requirements`
 * requirements, over `months` months from 2027-01: every offer gets a rotation (tours of 4 to 9
 * months, recovery of 6 to 18, 0 to 3 rotational units, a start in the first year, a mandate
 * end for one nation in three, half of them expected to be renewed), every requirement a start
 * in the first year, one in five an end, one in four a surge or drawdown.
 */
export function stressSustainment(
  sizes: { offers: number; requirements: number },
  months = 36,
  seed = 7,
): SustainmentInput {
  const base = stressInstance(sizes, seed);
  const rnd = seededRandom(seed + 1);
  const h0 = monthNumber('2027-01');
  const mandates = new Map<string, { ends: string | null; renew: boolean }>();
  for (const o of base.offers)
    if (!mandates.has(o.nation))
      mandates.set(
        o.nation,
        rnd.chance(1 / 3)
          ? {
              ends: `${monthKey(h0 + rnd.int(9, 30)).slice(0, 7)}-${rnd.pick(['15', '28'])}`,
              renew: rnd.chance(0.5),
            }
          : { ends: null, renew: false },
      );
  const rotations: Record<string, OfferRotation> = {};
  for (const o of base.offers) {
    const start = h0 + rnd.int(0, 11);
    const mandate = mandates.get(o.nation)!;
    const ends = mandate.ends && monthNumber(mandate.ends.slice(0, 7)) >= start ? mandate.ends : null;
    rotations[o.id] = {
      availableFrom: monthKey(start),
      monthsDeployed: rnd.int(4, 9),
      monthsRecovering: rnd.int(6, 18),
      rotationalUnits: rnd.int(0, 3),
      mandateEnds: ends,
      renewalExpected: ends !== null && mandate.renew,
      maxMonths: rnd.chance(0.1) ? rnd.int(12, 30) : null,
    };
  }
  const timelines: Record<string, RequirementTimeline> = {};
  for (const r of base.requirements) {
    const start = h0 + rnd.int(0, 11);
    const end = rnd.chance(0.2) ? start + rnd.int(6, 24) : null;
    const last = end ?? h0 + months - 1;
    const changes =
      rnd.chance(0.25) && last - start >= 4
        ? (() => {
            const from = rnd.int(start + 1, last - 2);
            return [
              {
                from: monthKey(from),
                to: monthKey(Math.min(last, from + rnd.int(1, 6))),
                quantity: rnd.int(0, r.quantity + 3),
              },
            ];
          })()
        : [];
    timelines[r.id] = {
      start: monthKey(start),
      end: end === null ? null : monthKey(end),
      sizeChanges: changes,
    };
  }
  // The generator's valid_until caveats are dated 2026; move them into the horizon.
  const offers = base.offers.map((o) => ({
    ...o,
    caveats: o.caveats.map(
      (c): Caveat => (c.kind === 'valid_until' ? { kind: 'valid_until', date: '2028-06-30' } : c),
    ),
  }));
  return { base: { ...base, offers }, horizon: { start: monthKey(h0), months }, timelines, rotations };
}
