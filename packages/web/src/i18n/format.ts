/**
 * Dates, numbers and money in the current language's conventions (Intl). Plain functions, not
 * hooks, so map popups built outside React use them too; the app re-renders on a language change
 * (App subscribes with useTranslation), so what they return follows the picker.
 */
import { i18n } from './index.ts';
import { type Language, supportedLanguage } from './languages.ts';

/** The Intl locale of each language: British English (day month year, 24 h), Ukraine, France. */
const LOCALES: Readonly<Record<Language, string>> = { en: 'en-GB', uk: 'uk-UA', fr: 'fr-FR' };

/** The Intl locale for the app's current language (or `lng`). */
export function intlLocale(lng?: string): string {
  return LOCALES[supportedLanguage(lng ?? i18n.language) ?? 'en'];
}

// Intl formatters are costly to build and a table formats hundreds of cells: one per locale and shape.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(options: Intl.NumberFormatOptions, lng?: string): Intl.NumberFormat {
  const locale = intlLocale(lng);
  const id = `n ${locale} ${JSON.stringify(options)}`;
  let f = cache.get(id) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(id, f);
  }
  return f;
}
function dateFormat(options: Intl.DateTimeFormatOptions, lng?: string): Intl.DateTimeFormat {
  const locale = intlLocale(lng);
  const id = `d ${locale} ${JSON.stringify(options)}`;
  let f = cache.get(id) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(id, f);
  }
  return f;
}

/** 12500 → "12,500" (en), "12 500" (uk, fr). Decimals as given, up to 3. */
export function formatNumber(n: number, options: Intl.NumberFormatOptions = {}, lng?: string): string {
  return numberFormat(options, lng).format(n);
}

/** A count, rounded to a whole number: 12499.6 → "12,500". */
export function formatCount(n: number, lng?: string): string {
  return numberFormat({ maximumFractionDigits: 0 }, lng).format(Math.round(n));
}

/** A number with exactly `digits` decimals: (47.85123, 4) → "47.8512" (en), "47,8512" (uk, fr). */
export function formatFixed(n: number, digits: number, lng?: string): string {
  return numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }, lng).format(n);
}

/** An area in km²: 1234.4 → "1,234 km²". */
export function formatKm2(n: number, lng?: string): string {
  return `${formatCount(n, lng)} km²`;
}

function instant(iso: string): Date {
  // A date without time is midnight UTC; a minute without zone ("2026-11-26T06:00", from a form) is UTC.
  return new Date(/T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(iso) ? `${iso}Z` : iso);
}

/** An instant in UTC, to the minute: "4 Mar 2026, 10:05 UTC" (en), "4 бер. 2026 р., 10:05 UTC" (uk). */
export function formatUtc(iso: string, lng?: string): string {
  const d = instant(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${dateFormat({ dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }, lng).format(d)} UTC`;
}

/** An instant in UTC, to the second: "4 Mar 2026, 10:05:07 UTC". */
export function formatUtcSeconds(iso: string, lng?: string): string {
  const d = instant(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${dateFormat({ dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }, lng).format(d)} UTC`;
}

/** A calendar day ("2026-03-04" or an instant's UTC day): "4 Mar 2026", "4 бер. 2026 р.", "4 mars 2026". */
export function formatDay(iso: string | null | undefined, lng?: string): string {
  if (!iso) return '';
  const d = instant(iso.length >= 10 ? iso.slice(0, 10) : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFormat({ dateStyle: 'medium', timeZone: 'UTC' }, lng).format(d);
}

function cents(text: string): bigint {
  const [whole = '0', fraction = ''] = text.replace(/^-/, '').split('.');
  const c = BigInt(whole || '0') * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  return text.startsWith('-') ? -c : c;
}

/**
 * An amount (the API's exact decimal text, major units) as people read it, in the language's
 * style: "€64.83bn", "64,83 млрд €", "64,83 Md €"; millions with one decimal, smaller sums whole.
 * The scale is chosen on the exact cents; Intl rounds half away from zero at the last shown digit,
 * which is exact here (the rounding boundaries are whole numbers or halves, exact in a double).
 */
export function formatMoneyShort(text: string, currency = 'EUR', lng?: string): string {
  const c = cents(text);
  const abs = c < 0n ? -c : c;
  const base: Intl.NumberFormatOptions = { style: 'currency', currency, currencyDisplay: 'narrowSymbol' };
  const n = Number(text);
  if (abs >= 100_000_000_000n) {
    return numberFormat(
      { ...base, notation: 'compact', minimumFractionDigits: 2, maximumFractionDigits: 2 },
      lng,
    ).format(n);
  }
  if (abs >= 100_000_000n) {
    return numberFormat(
      { ...base, notation: 'compact', minimumFractionDigits: 1, maximumFractionDigits: 1 },
      lng,
    ).format(n);
  }
  return numberFormat({ ...base, minimumFractionDigits: 0, maximumFractionDigits: 0 }, lng).format(n);
}

/** An amount in full, with cents: "€12,500.49". */
export function formatMoney(text: string, currency = 'EUR', lng?: string): string {
  return numberFormat({ style: 'currency', currency, currencyDisplay: 'narrowSymbol' }, lng).format(
    Number(text),
  );
}

/** A ratio "0.8125" as "81.3%" (en), "81,3%" (uk), "81,3 %" (fr); null as a dash. */
export function formatPercent(ratio: string | number | null, lng?: string): string {
  if (ratio === null) return '—';
  return numberFormat({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }, lng).format(
    Number(ratio),
  );
}

/** A month "2027-03" as "Mar 2027", "бер. 2027 р.", "mars 2027". */
export function formatMonth(month: string, lng?: string): string {
  const d = new Date(`${month.slice(0, 7)}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return month;
  return dateFormat({ month: 'short', year: 'numeric', timeZone: 'UTC' }, lng).format(d);
}

/** A month's one-letter initial, for narrow column heads: "M", "Б", "M". */
export function formatMonthInitial(month: string, lng?: string): string {
  const d = new Date(`${month.slice(0, 7)}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return '';
  return dateFormat({ month: 'narrow', timeZone: 'UTC' }, lng).format(d);
}
