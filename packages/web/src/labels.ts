import type { DelegationLevel } from '@guarantor/core/api';
import { CAPABILITIES, LINES_OF_EFFORT, REGIONS } from '@guarantor/core/coalition';
import { nationName as isoNationName } from '@guarantor/core/reference';
import { localNationName, localRegionName } from './i18n/places.ts';

const DELEGATION_LEVELS: Readonly<Record<DelegationLevel, string>> = {
  head_of_state_or_government: 'Head of state or government',
  minister: 'Minister',
  ambassador: 'Ambassador',
  official: 'Official',
};

/** "head_of_state_or_government" → "Head of state or government". */
export function delegationLevelLabel(level: DelegationLevel | string): string {
  return DELEGATION_LEVELS[level as DelegationLevel] ?? humanise(level);
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
  return LINE_OF_EFFORT_NAMES.get(id) ?? humanise(id).toLowerCase();
}

const REGION_NAMES = new Map(REGIONS.map((region) => [region.code, region.name]));

/**
 * "UA-46" → "Lviv Oblast" from core's catalogue, or "Львівська область" (ISO 3166-2, from the
 * reference data) when reading Ukrainian; staging countries in the reader's language; unknown codes as given.
 */
export function regionName(code: string): string {
  const english = REGION_NAMES.get(code) ?? code;
  return code.startsWith('UA-') ? localRegionName(code, english) : localNationName(code, english);
}

/** "FRA" → "France" (ISO 3166-1 English short name), "Франція" / "France" in uk / fr (CLDR, Intl); unknown codes as given. */
export function nationName(iso3: string): string {
  return localNationName(iso3, isoNationName(iso3) ?? iso3);
}

const CAPABILITY_NAMES = new Map(CAPABILITIES.map((c) => [c.id, c.name]));

/** "monitoring_team" → "monitoring team", from core's catalogue; unknown ids humanised. */
export function capabilityName(id: string): string {
  return CAPABILITY_NAMES.get(id) ?? humanise(id).toLowerCase();
}
