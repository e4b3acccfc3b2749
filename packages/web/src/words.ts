/**
 * The user's words for the codes the API speaks: incident categories and states, roles, zone
 * kinds, weapon classes, audit actions. Pages show these and keep the code in a tooltip.
 */
import type { UserRole } from '@guarantor/core/api';
import {
  CATEGORY_NAMES,
  type Category,
  INCIDENT_STATE_NAMES,
  type IncidentStateName,
} from '@guarantor/core/monitoring';
import { type WeaponClass, ZONE_KIND_NAMES, type ZoneKind } from '@guarantor/core/zones';
import { i18n } from './i18n/index.ts';
import { humanise } from './labels.ts';

/**
 * The translation of a code's key in `common` (keys/ are typed, codes from the API are not), or
 * the English given when the app has no key for the code (an unknown code).
 */
export function word(key: string, english: string): string {
  return i18n.exists(key, { ns: 'common' }) ? (i18n.t as (k: string) => string)(key) : english;
}

/** "fom_restriction" → "freedom-of-movement restriction". */
export function categoryName(code: string): string {
  return word(`category.${code}`, CATEGORY_NAMES[code as Category] ?? humanise(code).toLowerCase());
}

/** An incident state in words: "corroborated" → "corroborated (independent sources agree)". */
export function incidentStateName(state: string): string {
  return word(`incidentState.${state}`, INCIDENT_STATE_NAMES[state as IncidentStateName] ?? state);
}

/** Each role in words, with what it lets a person do (English; `roleWords` translates). */
export const ROLE_WORDS: Readonly<Record<UserRole, { readonly name: string; readonly does: string }>> = {
  cell_staff: { name: 'Cell staff officer', does: 'plans, zones, offers and orders' },
  liaison: { name: 'Liaison officer', does: "enters and reads their nation's offers" },
  monitor: { name: 'Monitor', does: 'files observations and source status' },
  analyst: { name: 'Analyst', does: 'verifies, attributes and dismisses incidents; edits zones' },
  finance: { name: 'Finance officer', does: 'reads costs and commitments' },
  admin: { name: 'Administrator', does: 'manages users and API tokens' },
};

/** "cell_staff" → "Cell staff officer". */
export function roleName(role: string): string {
  return word(`role.${role}.name`, ROLE_WORDS[role as UserRole]?.name ?? humanise(role));
}

/** What a role lets a person do, in the reader's language. */
export function roleDoes(role: string): string {
  return word(`role.${role}.does`, ROLE_WORDS[role as UserRole]?.does ?? '');
}

/** Every zone kind, in core's order (the record above must name each). */
export const ZONE_KINDS = Object.keys(ZONE_KIND_NAMES) as ZoneKind[];

/** "weapons_withdrawal" → "weapons-withdrawal zone". */
export function zoneKindName(kind: string): string {
  return word(`zoneKind.${kind}`, ZONE_KIND_NAMES[kind as ZoneKind] ?? humanise(kind).toLowerCase());
}

const WEAPON_CLASS_NAMES: Readonly<Record<WeaponClass, string>> = {
  artillery_100mm_plus: 'artillery of 100 mm and above',
  artillery_under_100mm: 'artillery under 100 mm',
  mlrs: 'multiple rocket launchers',
  mortars: 'mortars',
  tanks: 'tanks',
  anti_tank_guns: 'anti-tank guns',
  air_defence: 'air defence',
};

/** "mlrs" → "multiple rocket launchers". */
export function weaponClassName(code: string): string {
  return word(`weaponClass.${code}`, WEAPON_CLASS_NAMES[code as WeaponClass] ?? humanise(code).toLowerCase());
}

/** Every weapon class a withdrawal zone can forbid. */
export const WEAPON_CLASSES = Object.keys(WEAPON_CLASS_NAMES) as WeaponClass[];

const ACTION_WORDS: Readonly<Record<string, string>> = {
  'user.create': 'added the user',
  'user.disable': 'disabled the user',
  'user.enable': 'enabled the user',
  'user.unlock': 'lifted the sign-in lockout of',
  'user.lock': 'locked after failed sign-ins:',
  'user.password_reset': 'reset the password of',
  'token.create': 'issued the API token',
  'token.revoke': 'revoked the API token',
  'zone.create': 'created the zone',
  'zone.update': 'changed the zone',
  'violation_rule.version': 'recorded a version of the violation rule',
  'incident.verify': 'verified the incident',
  'incident.attribute': 'attributed the incident',
  'incident.dismiss': 'dismissed the incident',
};

/** An audit action in words: "zone.update" → "changed the zone". */
export function auditActionName(action: string): string {
  return word(
    `auditAction.${action.replaceAll('.', '_')}`,
    ACTION_WORDS[action] ?? humanise(action.replace('.', ' ')).toLowerCase(),
  );
}

const EVENT_WORDS: Readonly<Record<string, string>> = {
  'phase.transition': 'Phase decision recorded',
  'phase.override': 'Phase decision recorded by override',
  'rule.create': 'Rule added',
  'rule.version': 'Rule version added',
  'guard.set': 'Guard rules set',
  'ladder.rung': 'Ladder rung set',
  'breach.detect': 'Breach detected',
  'breach.respond': 'Breach response recorded',
  'truce.create': 'Truce window recorded',
  'order.draft': 'Order drafted',
  'order.checked': 'Order checked',
  'order.issuable': 'Order became issuable',
  'order.issued': 'Order issued',
  'order.refused': 'Order refused',
};

/** An audit action as a line of its own, for the ceasefire forms: "order.draft" → "Order drafted". */
export function auditEventName(action: string): string {
  return word(`auditEvent.${action.replaceAll('.', '_')}`, EVENT_WORDS[action] ?? action);
}

/** "ceasefire_holding" → "Ceasefire holding", "Припинення вогню дотримується". */
export function phaseName(code: string): string {
  return word(`phase.${code}`, humanise(code));
}
