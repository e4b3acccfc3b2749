/**
 * The server side's words in English, Ukrainian and French (reports, e-mails, the command line),
 * with i18next for look-up, plurals and interpolation, and Intl for dates, numbers and nation
 * names. A key missing in a language falls back to English and is reported once through the
 * `onMissing` hook the caller gives (the server logs it with pino). Pure: no clock, no I/O.
 */
import countries from 'i18n-iso-countries';
import i18next, { type i18n } from 'i18next';
import { type Notice, noticeValues } from '../cellwork/index.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { REFUSALS } from './refusals/index.ts';
import { uk } from './uk.ts';
import { en as wordsEn } from './words/en.ts';
import { fr as wordsFr } from './words/fr.ts';
import { uk as wordsUk } from './words/uk.ts';

/** The languages Guarantor speaks, English first (the fallback). */
export const LANGUAGES = ['en', 'uk', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A catalogue: nested objects whose leaves are i18next strings. */
export interface Catalogue {
  readonly [key: string]: string | Catalogue;
}

/** The three catalogues, by language. */
export const CATALOGUES: Readonly<Record<Language, Catalogue>> = {
  en: { ...en, words: wordsEn },
  uk: { ...uk, words: wordsUk },
  fr: { ...fr, words: wordsFr },
};

/** True for 'en', 'uk' and 'fr'. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The BCP 47 locale Intl formats with: British English (day month year), Ukraine, France. */
export const LOCALES: Readonly<Record<Language, string>> = { en: 'en-GB', uk: 'uk-UA', fr: 'fr-FR' };

/**
 * The best of our languages for an HTTP Accept-Language header (RFC 9110 §12.5.4): by quality,
 * then order; a tag matches by its primary subtag (`uk-UA` → uk, `fr-CA` → fr). Undefined when
 * none matches, so the caller falls back to English.
 */
export function languageFromAcceptLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return {
        primary: tag.trim().toLowerCase().split('-')[0]!,
        quality: Number.isNaN(quality) ? 0 : quality,
        index,
      };
    })
    .filter((r) => r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranges.map((r) => r.primary).find(isLanguage);
}

/**
 * The language of a POSIX locale environment (`uk_UA.UTF-8` → uk, `fr_FR` → fr): GUARANTOR_LANG
 * first (a language or a locale), then LC_ALL, LC_MESSAGES and LANG as the C library reads them.
 * English for C, POSIX or anything else.
 */
export function languageFromEnvironment(env: Readonly<Record<string, string | undefined>>): Language {
  for (const name of ['GUARANTOR_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (!value) continue;
    const primary = value.toLowerCase().split(/[_.@-]/)[0];
    if (isLanguage(primary)) return primary;
    // A set variable that names another language decides (as LC_ALL overrides LANG): English.
    if (name !== 'GUARANTOR_LANG') return 'en';
  }
  return 'en';
}

/**
 * A translation function for one language: `t('report.daily.title', { date })`. Values named as
 * i18next's options (`lng`, `ns`, `context`, `defaultValue`…) would be taken as options: the
 * catalogues do not use those names (i18n.test.ts checks).
 */
export type Translate = (key: string, values?: Readonly<Record<string, unknown>>) => string;

/** Words and formats in one language. */
export interface Words {
  readonly language: Language;
  readonly locale: string;
  readonly t: Translate;
  /** 1 234 (uk, fr) or 1,234 (en). */
  readonly number: (n: number, fractionDigits?: number) => string;
  /** 0.87 → "87%" ("87 %" in French). */
  readonly percent: (fraction: number) => string;
  /** Money in minor units: 1250000, 'EUR' → "€12,500.00", "12 500,00 €". */
  readonly money: (minor: number, currency: string) => string;
  /** A UTC day, YYYY-MM-DD, as "26 November 2026", "26 листопада 2026 р.", "26 novembre 2026". */
  readonly longDate: (isoDay: string) => string;
  /** A UTC day in short: "26 Nov 2026". */
  readonly shortDate: (isoDay: string) => string;
  /** A moment in UTC, day and minute, with "UTC". */
  readonly utc: (at: Date) => string;
  /** A nation's short name from its ISO 3166-1 alpha-3 code, in this language (the code when unknown). */
  readonly nation: (iso3: string) => string;
  /** A list joined as the language joins it: "a, b and c", "a, b і c", "a, b et c". */
  readonly list: (items: readonly string[]) => string;
}

/** The i18n of one process: words for a language, each missing key reported once. */
export interface I18n {
  readonly words: (language: Language) => Words;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    dateFormats.set(key, f);
  }
  return f;
}

/**
 * Makes the i18n: one i18next instance over the three catalogues (initialised synchronously:
 * the resources are in memory), English the fallback. `onMissing(language, key)` is called once
 * per language and key that is missing and answered from English (or with the key itself when
 * English lacks it too).
 */
export function createI18n(
  options: {
    readonly onMissing?: (language: Language, key: string) => void;
    /** Other catalogues than the shipped ones (tests). */
    readonly catalogues?: Readonly<Record<Language, Catalogue>>;
  } = {},
): I18n {
  const catalogues = options.catalogues ?? CATALOGUES;
  const instance: i18n = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: Object.fromEntries(
      LANGUAGES.map((l) => [l, { translation: catalogues[l], refusals: REFUSALS[l] }]),
    ),
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  const reported = new Set<string>();
  const cache = new Map<Language, Words>();

  const words = (language: Language): Words => {
    const cached = cache.get(language);
    if (cached) return cached;
    const fixed = instance.getFixedT(language);
    const locale = LOCALES[language];
    const t: Translate = (key, values) => {
      const found = instance.exists(key, { ...values, lng: language, fallbackLng: false } as never);
      if (!found) {
        const id = `${language}\u0000${key}`;
        if (!reported.has(id)) {
          reported.add(id);
          options.onMissing?.(language, key);
        }
      }
      return fixed(key, values as never) as unknown as string;
    };
    const numbers = new Map<number, Intl.NumberFormat>();
    const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    const lists = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
    const w: Words = {
      language,
      locale,
      t,
      number: (n, fractionDigits = 0) => {
        let f = numbers.get(fractionDigits);
        if (!f) {
          f = new Intl.NumberFormat(locale, {
            minimumFractionDigits: fractionDigits,
            maximumFractionDigits: fractionDigits,
          });
          numbers.set(fractionDigits, f);
        }
        return f.format(n);
      },
      percent: (fraction) =>
        new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction),
      money: (minor, currency) => {
        const f = new Intl.NumberFormat(locale, { style: 'currency', currency });
        const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
        return f.format(minor / 10 ** digits);
      },
      longDate: (isoDay) =>
        dateFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(
          new Date(`${isoDay}T00:00:00Z`),
        ),
      shortDate: (isoDay) =>
        dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(
          new Date(`${isoDay}T00:00:00Z`),
        ),
      utc: (at) =>
        `${dateFormat(locale, {
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(at)} UTC`,
      nation: (iso3) => {
        const alpha2 = countries.alpha3ToAlpha2(iso3);
        return (alpha2 && regions.of(alpha2)) || iso3;
      },
      list: (items) => lists.format(items),
    };
    cache.set(language, w);
    return w;
  };
  return { words };
}

/** The key's plural suffixes i18next looks for in a language (Intl.PluralRules' categories). */
export function pluralCategories(language: Language): readonly string[] {
  return new Intl.PluralRules(LOCALES[language]).resolvedOptions().pluralCategories;
}

/** A notification of the cell's work in one language: its sentence, codes and times put in words. */
export function noticeText(w: Words, notice: Notice): string {
  return w.t(
    `notice.${notice.key}`,
    noticeValues(notice.params, {
      nation: w.nation,
      instant: (iso) => w.utc(new Date(iso)),
      day: w.longDate,
      status: (code) => w.t(`common.actionStatus.${code}`).toLowerCase(),
    }),
  );
}
