import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(en);

const ALPHA3 = new Set(Object.keys(countries.getAlpha3Codes()));

/** True when `code` is an assigned ISO 3166-1 alpha-3 code (upper case). */
export function isIso3(code: string): boolean {
  return ALPHA3.has(code);
}

/** The English short name of an ISO 3166-1 alpha-3 code, or undefined when unassigned. */
export function nationName(iso3: string): string | undefined {
  return isIso3(iso3) ? countries.getName(iso3, 'en') : undefined;
}

/** Every assigned ISO 3166-1 alpha-3 code, sorted. */
export function allIso3(): readonly string[] {
  return [...ALPHA3].sort();
}

/** The ISO 3166-1 alpha-2 code of an alpha-3 code ("FRA" → "FR"), for Intl.DisplayNames; undefined when unassigned. */
export function alpha2(iso3: string): string | undefined {
  return isIso3(iso3) ? countries.alpha3ToAlpha2(iso3) : undefined;
}
