import type { DelegationLevel } from '@guarantor/core/api';
import { CAPABILITIES, LINES_OF_EFFORT, quantityInWords, REGIONS } from '@guarantor/core/coalition';
import { nationName as isoNationName } from '@guarantor/core/reference';
import { formatNumber } from './i18n/format.ts';
import { i18n } from './i18n/index.ts';
import { localNationName, localRegionName } from './i18n/places.ts';

/** A `common` key's translation, or the English given for a code the app has no key for. */
function word(key: string, english: string): string {
  return i18n.exists(key, { ns: 'common' }) ? (i18n.t as (k: string) => string)(key) : english;
}

const DELEGATION_LEVELS: Readonly<Record<DelegationLevel, string>> = {
  head_of_state_or_government: 'Head of state or government',
  minister: 'Minister',
  ambassador: 'Ambassador',
  official: 'Official',
};

/** "head_of_state_or_government" → "Head of state or government". */
export function delegationLevelLabel(level: DelegationLevel | string): string {
  return word(`delegationLevel.${level}`, DELEGATION_LEVELS[level as DelegationLevel] ?? humanise(level));
}

/** "needs_national_mandate" → "Needs national mandate". */
export function humanise(code: string): string {
  return capitalise(code.replace(/[_-]+/g, ' ').trim());
}

/** First letter upper case, the rest as given: "infantry battalion" → "Infantry battalion". */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A count with its noun, singular or plural. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

const LINE_OF_EFFORT_NAMES = new Map(LINES_OF_EFFORT.map((line) => [line.id, line.name]));

/** "reassurance_force" → "reassurance force", from core's catalogue; unknown ids humanised. */
export function lineOfEffortName(id: string): string {
  return word(`lineOfEffort.${id}`, LINE_OF_EFFORT_NAMES.get(id) ?? humanise(id).toLowerCase());
}

const REGION_NAMES = new Map(REGIONS.map((region) => [region.code, region.name]));

/**
 * "UA-46" → "Lviv Oblast" from core's catalogue, or "Львівська область" (ISO 3166-2, from the
 * reference data) when reading Ukrainian; staging countries in the reader's language; unknown codes as given.
 */
export function regionName(code: string): string {
  const english = REGION_NAMES.get(code) ?? code;
  if (code.startsWith('UA-')) return localRegionName(code, english);
  return /^[A-Z]{3}$/.test(code) ? localNationName(code, english) : word(`region.${code}`, english);
}

/** "FRA" → "France" (ISO 3166-1 English short name), "Франція" / "France" in uk / fr (CLDR, Intl); unknown codes as given. */
export function nationName(iso3: string): string {
  return localNationName(iso3, isoNationName(iso3) ?? iso3);
}

const CAPABILITY_NAMES = new Map(CAPABILITIES.map((c) => [c.id, c.name]));

/** "monitoring_team" → "monitoring team", from core's catalogue; unknown ids humanised. */
export function capabilityName(id: string): string {
  return word(`capability.${id}`, CAPABILITY_NAMES.get(id) ?? humanise(id).toLowerCase());
}

/**
 * "4 teams", "4 групи", "4 équipes": a quantity with its unit, in the reader's language (plural
 * rules per language); "EUR 25 million" for money units. Units the app has no words for: core's English.
 */
export function quantityWords(quantity: number, unit: string): string {
  const money = /^([A-Z]{3}) (million|billion|thousand)$/.exec(unit);
  if (money) {
    const amount = formatNumber(quantity, {
      style: 'currency',
      currency: money[1]!,
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: 0,
      maximumFractionDigits: 2,
    });
    return i18n.t('common:unit.money', { amount, scale: i18n.t(`common:unit.${money[2] as 'million'}`) });
  }
  const key = `common:unit.${unit}`;
  if (!i18n.exists(`${key}_other`)) return quantityInWords(quantity, unit);
  return (i18n.t as (k: string, o: object) => string)(key, { count: quantity, n: formatNumber(quantity) });
}

/** A capability's role ("maritime", "training") in the reader's language; unknown roles as given. */
export function capabilityRoleName(role: string): string {
  return word(`capRole.${role}`, role);
}
