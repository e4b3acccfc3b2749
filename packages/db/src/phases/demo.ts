/** The demo's rules, guard policy, ladder and first phases. */
import type { Phase } from '@guarantor/core/phases';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { type RungRow, upsertRung } from './breaches.ts';
import { currentPhase, insertPhase } from './campaign.ts';
import type { Actor } from './common.ts';
import { addRuleVersion, listRuleVersions, type NewRuleVersion, setGuards } from './rules.ts';

/** The demo's trigger rules: the four examples, plus a shorter quiet streak for `ceasefire_holding`. */
export const DEMO_RULES: readonly NewRuleVersion[] = [
  {
    id: 'quiet-14',
    title: 'At most 5 verified violations a day in every sector for 14 consecutive days',
    text: 'every sector: verified violations per day <= 5 for 14 consecutive days',
    active: true,
  },
  {
    id: 'heavy-7',
    title: 'No heavy weapon inside a withdrawal zone for 7 days',
    text: 'no verified heavy_weapon_sighting in withdrawal_zone for 7 days',
    active: true,
  },
  {
    id: 'fom-7',
    title: 'No freedom-of-movement restriction on monitors for 7 days',
    text: 'no fom_restriction for 7 days',
    active: true,
  },
  {
    id: 'coverage-80',
    title: 'Monitoring coverage above 80% of sector-days',
    text: 'coverage > 80% over 14 days',
    active: true,
  },
  {
    id: 'quiet-7',
    title: 'At most 5 verified violations a day in every sector for 7 consecutive days',
    text: 'every sector: verified violations per day <= 5 for 7 consecutive days',
    active: true,
  },
];

/** The demo's guard policy: a week of quiet to call the ceasefire holding, all four rules to deploy. */
export const DEMO_GUARDS: Readonly<Partial<Record<Phase, readonly string[]>>> = {
  ceasefire_holding: ['quiet-7'],
  force_deploying: ['quiet-14', 'heavy-7', 'fom-7', 'coverage-80'],
  sustainment: ['quiet-14', 'heavy-7', 'fom-7', 'coverage-80'],
};

/** The demo's response ladder (illustrative commitments), mildest first. */
export const DEMO_LADDER: readonly RungRow[] = [
  {
    id: 'joint-inspection',
    position: 1,
    title: 'Joint inspection within 24 h',
    respondWithinHours: 24,
    nations: ['USA', 'FRA', 'GBR'],
    rules: [],
    minSectors: 1,
  },
  {
    id: 'doubled-monitoring',
    position: 2,
    title: 'Doubled monitoring in the sector',
    respondWithinHours: 48,
    nations: ['USA', 'DEU', 'POL'],
    rules: ['coverage-80', 'fom-7'],
    minSectors: 1,
  },
  {
    id: 'convene-cell',
    position: 3,
    title: 'Convene the coordination cell',
    respondWithinHours: 48,
    nations: ['FRA', 'GBR'],
    rules: [],
    minSectors: 2,
  },
  {
    id: 'suspension',
    position: 4,
    title: 'Suspension of deployment',
    respondWithinHours: 72,
    nations: ['FRA', 'GBR', 'USA'],
    rules: ['quiet-14', 'quiet-7', 'heavy-7'],
    minSectors: 3,
  },
];

/**
 * Loads the demo's rules, guard policy, ladder and phases (hostilities, then `ceasefire_agreed`)
 * when no phase is recorded yet; runs as the owner, audited as `seed` at `at`. The phases
 * hold from `since` (the demo dates its ceasefire to the start of its monitoring history).
 * True when it wrote.
 */
export async function seedPhases(db: Kysely<Database>, at: Date, since: Date = at): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (await currentPhase(trx)) return false;
    const seed: Actor = { username: 'seed', nation: null };
    for (const rule of DEMO_RULES) {
      if ((await listRuleVersions(trx, rule.id)).length === 0) await addRuleVersion(trx, rule, seed, at);
    }
    for (const [phase, rules] of Object.entries(DEMO_GUARDS) as [Phase, readonly string[]][]) {
      await setGuards(trx, phase, rules, seed, at);
    }
    for (const rung of DEMO_LADDER) await upsertRung(trx, rung, seed, at);
    const day = since.toISOString().slice(0, 10);
    const decision = { decidedBy: 'seed', nation: 'FRA', evaluations: [], override: null };
    await insertPhase(
      trx,
      {
        ...decision,
        phase: 'hostilities',
        from: null,
        since: day,
        authority: 'initial state of the demo campaign (illustrative)',
      },
      seed,
      at,
    );
    await insertPhase(
      trx,
      {
        ...decision,
        phase: 'ceasefire_agreed',
        from: 'hostilities',
        since: day,
        authority: 'Coordination Cell, Paris: ceasefire agreement recorded (illustrative demo decision)',
      },
      seed,
      at,
    );
    return true;
  });
}
