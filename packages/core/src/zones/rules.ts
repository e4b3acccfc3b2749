import type { Refusal } from '../i18n/refusals/index.ts';
import { fieldProblem, semicolons } from '../i18n/refusals/reason.ts';
import { CATEGORIES, type Category } from '../monitoring/types.ts';
import { AREA_ZONE_KINDS, type ZoneKind } from './types.ts';

/** Explosions, projectiles, flashes and shots: what the `fire-in-buffer` rule counts. */
export const FIRE_CATEGORIES: readonly Category[] = [
  'explosion_impact',
  'explosion_airburst',
  'explosion_outgoing',
  'explosion_undetermined',
  'projectile_in_flight',
  'muzzle_flash',
  'burst_and_shots',
];

/**
 * A violation rule, stored as data (a new wording is a new version). An incident of one of
 * `categories` violates it when it lies inside a zone of `zoneKind` — with `weaponClassMatch`,
 * only a zone that forbids the incident's weapon class — or anywhere when `anywhere` is set.
 */
export interface ViolationRule {
  readonly id: string;
  readonly name: string;
  readonly categories: readonly Category[];
  readonly zoneKind?: Exclude<ZoneKind, 'line_of_contact'>;
  readonly anywhere?: boolean;
  readonly weaponClassMatch?: boolean;
  /**
   * With `weaponClassMatch`, whether a sighting whose weapon class nobody recorded counts in any
   * withdrawal zone (the default: monitors often report "a heavy weapon" without its calibre).
   */
  readonly unknownWeaponClassMatches?: boolean;
}

/**
 * The default rules, after the OSCE SMM's reporting of ceasefire violations:
 * - any explosion or burst of fire inside the buffer zone;
 * - a heavy weapon inside the withdrawal zone of its class (unknown class: any withdrawal zone);
 * - a restriction of the monitors' freedom of movement, wherever it happens;
 * - harm to civilians or civilian infrastructure inside the buffer zone.
 */
export const DEFAULT_VIOLATION_RULES: readonly ViolationRule[] = [
  {
    id: 'fire-in-buffer',
    name: 'Explosion or fire inside the buffer zone',
    categories: FIRE_CATEGORIES,
    zoneKind: 'buffer_zone',
  },
  {
    id: 'heavy-weapon-in-withdrawal-zone',
    name: 'Heavy weapon inside the withdrawal zone of its class',
    categories: ['heavy_weapon_sighting'],
    zoneKind: 'weapons_withdrawal',
    weaponClassMatch: true,
    unknownWeaponClassMatches: true,
  },
  {
    id: 'fom-restriction',
    name: "Restriction of the monitors' freedom of movement",
    categories: ['fom_restriction'],
    anywhere: true,
  },
  {
    id: 'civilian-harm-in-buffer',
    name: 'Civilian harm or damage inside the buffer zone',
    categories: ['civilian_harm', 'infrastructure_damage'],
    zoneKind: 'buffer_zone',
  },
];

/** One problem of a rule definition: the field, what is wrong in English, and the same as a catalogue key. */
export interface ViolationRuleProblem {
  readonly field: string;
  readonly message: string;
  readonly refusal: Refusal;
}

/** A rule definition that does not hold together: the first field that is wrong, and every problem. */
export class ViolationRuleError extends Error {
  override readonly name = 'ViolationRuleError';
  readonly field: string;
  /** Every problem of the definition, so a form can show them all at once. */
  readonly problems: readonly ViolationRuleProblem[];
  /** `message` as a catalogue key and values, for the reader's language (ADR 0051). */
  readonly refusal: Refusal;
  constructor(problems: readonly [ViolationRuleProblem, ...ViolationRuleProblem[]]) {
    super(`violation rule refused: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.field = problems[0].field;
    this.problems = problems;
    this.refusal = {
      key: 'violationRuleChecks.refused',
      params: { problems: { refusal: semicolons(problems.map((p) => fieldProblem(p.field, p.refusal))) } },
    };
  }
}

const RULE_ID = /^[a-z0-9][a-z0-9_-]{1,63}$/;

/** Every problem of a rule definition, in field order; empty when it holds together. */
export function violationRuleProblems(
  value: unknown,
): { readonly field: string; readonly message: string }[] {
  return keyedProblems(value).map(({ field, message }) => ({ field, message }));
}

/** {@link violationRuleProblems} with each problem's catalogue key and values. */
function keyedProblems(value: unknown): ViolationRuleProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [
      { field: 'rule', message: 'must be an object', refusal: { key: 'violationRuleChecks.notObject' } },
    ];
  const r = value as Record<string, unknown>;
  const out: ViolationRuleProblem[] = [];
  if (typeof r.id !== 'string' || !RULE_ID.test(r.id))
    out.push({
      field: 'id',
      message: 'must be 2-64 of a-z, 0-9, _ and -',
      refusal: { key: 'violationRuleChecks.idShape' },
    });
  if (typeof r.name !== 'string' || r.name.trim() === '')
    out.push({ field: 'name', message: 'is required', refusal: { key: 'violationRuleChecks.nameRequired' } });
  if (!Array.isArray(r.categories) || r.categories.length === 0) {
    out.push({
      field: 'categories',
      message: 'needs at least one category',
      refusal: { key: 'violationRuleChecks.noCategory' },
    });
  } else {
    r.categories.forEach((c, i) => {
      if (!(CATEGORIES as readonly unknown[]).includes(c))
        out.push({
          field: `categories[${i}]`,
          message: `'${String(c)}' is not a category; use ${CATEGORIES.join(', ')}`,
          refusal: {
            key: 'violationRuleChecks.notCategory',
            params: { category: String(c), categories: CATEGORIES.join(', ') },
          },
        });
    });
  }
  const anywhere = r.anywhere === true;
  if (anywhere === (r.zoneKind !== undefined)) {
    out.push({
      field: 'zoneKind',
      message: 'give either a zoneKind or anywhere: true, not both or neither',
      refusal: { key: 'violationRuleChecks.zoneOrAnywhere' },
    });
  } else if (r.zoneKind !== undefined && !AREA_ZONE_KINDS.includes(r.zoneKind as ZoneKind)) {
    out.push({
      field: 'zoneKind',
      message: `must be an area zone kind: ${AREA_ZONE_KINDS.join(', ')}`,
      refusal: { key: 'violationRuleChecks.notAreaKind', params: { kinds: AREA_ZONE_KINDS.join(', ') } },
    });
  }
  if (r.weaponClassMatch === true && r.zoneKind !== 'weapons_withdrawal')
    out.push({
      field: 'weaponClassMatch',
      message: 'applies only to zoneKind weapons_withdrawal',
      refusal: { key: 'violationRuleChecks.weaponClassOnly' },
    });
  return out;
}

/** Checks a rule read from storage or a request; returns it normalised (categories sorted, unique). */
export function validateViolationRule(value: unknown): ViolationRule {
  const problems = keyedProblems(value);
  const [first, ...rest] = problems;
  if (first) throw new ViolationRuleError([first, ...rest]);
  const r = value as Record<string, unknown> & { id: string; name: string; categories: Category[] };
  const anywhere = r.anywhere === true;
  return {
    id: r.id,
    name: r.name.trim(),
    categories: [...new Set(r.categories)].sort(),
    ...(anywhere ? { anywhere: true } : { zoneKind: r.zoneKind as ViolationRule['zoneKind'] }),
    ...(r.weaponClassMatch === true
      ? { weaponClassMatch: true, unknownWeaponClassMatches: r.unknownWeaponClassMatches !== false }
      : {}),
  };
}
