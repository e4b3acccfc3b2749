/**
 * Names of places in the reader's language: Ukraine's units and shipped places from the
 * reference data (their ISO 3166-2 / GeoNames Ukrainian names, loaded with the Ukrainian chunk),
 * nations from the browser's own CLDR names (Intl.DisplayNames). English stays the catalogue's.
 */
import { alpha2 } from '@guarantor/core/reference';
import { currentLanguage } from './index.ts';

let ukRegions: Readonly<Record<string, string>> = {};
let ukPlaces: Readonly<Record<string, string>> = {};

/** Called when the Ukrainian chunk has loaded. */
export function setUkrainianNames(names: {
  readonly regions: Readonly<Record<string, string>>;
  readonly places: Readonly<Record<string, string>>;
}): void {
  ukRegions = names.regions;
  ukPlaces = names.places;
}

/** A unit of Ukraine by ISO 3166-2 code: "Lviv Oblast" in English, "Львівська область" in Ukrainian. */
export function localRegionName(code: string, english: string): string {
  return (currentLanguage() === 'uk' && ukRegions[code]) || english;
}

/** A place: its Ukrainian name when reading Ukrainian (given, or from the shipped places), else English. */
export function localPlaceName(english: string, nameUk?: string | null): string {
  if (currentLanguage() !== 'uk') return english;
  return nameUk || ukPlaces[english] || english;
}

const displayNames = new Map<string, Intl.DisplayNames | null>();

/** A nation by ISO 3166-1 alpha-3 code in the reader's language ("FRA" → "Франція"); English as given. */
export function localNationName(iso3: string, english: string): string {
  const lng = currentLanguage();
  if (lng === 'en') return english;
  const code = alpha2(iso3);
  if (!code) return english;
  if (!displayNames.has(lng)) {
    try {
      displayNames.set(lng, new Intl.DisplayNames([lng], { type: 'region', fallback: 'none' }));
    } catch {
      displayNames.set(lng, null);
    }
  }
  return displayNames.get(lng)?.of(code) ?? english;
}

const englishNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** A nation by its ISO 3166-1 alpha-3 code alone, in the reader's language (the code when unknown). */
export function nationByCode(iso3: string): string {
  const code = alpha2(iso3);
  const english = (code && englishNames.of(code)) || iso3;
  return localNationName(iso3, english);
}
