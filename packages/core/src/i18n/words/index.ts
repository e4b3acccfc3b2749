/**
 * Words for the sentences core writes and the web shows as given (ADR 0052): a language's
 * templates under `words.*` with the names those sentences need (regions, capabilities, lines
 * of effort, nations, amounts of a unit) in that language. English is the default and gives
 * what the functions wrote before they took a language, byte for byte.
 */
import {
  type Catalogue,
  indexCatalogue,
  quantityInWords,
  SHIPPED_CATALOGUE,
} from '../../coalition/catalogue.ts';
import { nationName } from '../../reference/nations.ts';
import { createI18n, type I18n, type Language, type Words } from '../index.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { uk } from './uk.ts';

const CATALOGUES: Readonly<Record<Language, object>> = { en, uk, fr };

const flat = new Map<Language, ReadonlyMap<string, string>>();
function flatten(node: object, prefix: string, out: Map<string, string>): Map<string, string> {
  for (const [k, v] of Object.entries(node)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else if (v && typeof v === 'object') flatten(v, key, out);
  }
  return out;
}

/** A template as written in the language's `words` catalogue, or undefined (no missing-key report). */
export function template(language: Language, key: string): string | undefined {
  let m = flat.get(language);
  if (!m) {
    m = flatten(CATALOGUES[language], '', new Map());
    flat.set(language, m);
  }
  return m.get(key);
}

const holds = (language: Language, key: string) => template(language, key) !== undefined;

/** A language's sentence words: templates and names. */
export interface Phrasing {
  readonly language: Language;
  readonly words: Words;
  /** A template of the `words` namespace: `say('lead.noLead', { where })`. */
  readonly say: (key: string, values?: Readonly<Record<string, unknown>>) => string;
  /** A region by code: Ukrainian units by their reference-data names in Ukrainian, nations by Intl. */
  readonly region: (code: string, catalogue?: Catalogue) => string;
  /** A capability's name, lower case ("monitoring team", "моніторингова група"). */
  readonly capability: (id: string, catalogue?: Catalogue) => string;
  /** A line of effort's name, lower case. */
  readonly lineOfEffort: (id: string, catalogue?: Catalogue) => string;
  /** A role's name ("monitoring", "моніторинг"). */
  readonly role: (role: string) => string;
  /** A nation by ISO 3166-1 alpha-3 code (the code when unknown). */
  readonly nation: (iso3: string) => string;
  /** "4 teams", "4 групи", "4 équipes"; "EUR 300 million", "300 млн EUR". */
  readonly quantity: (n: number, unit: string) => string;
  /** "a, b and c", "a, b і c", "a, b et c". */
  readonly list: (items: readonly string[]) => string;
  /** A catalogue word (`words.<group>.<id>`), or `fallback` when the language has none. */
  readonly word: (group: string, id: string, fallback: string) => string;
}

/** The names a language needs beyond the catalogues: Ukraine's units in Ukrainian. */
export interface PlaceNames {
  /** A unit of Ukraine's Ukrainian name by ISO 3166-2 code (data/ukraine-adm1.geojson's nameUk). */
  readonly ukrainianRegion?: (code: string) => string | null | undefined;
}

let shared: I18n | undefined;

/** Capitalises the first letter: "monitoring team" → "Monitoring team". */
export const capitalise = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * The phrasing of one language over `words` (from the caller's i18n, so that missing keys are
 * reported as the caller reports them), or over core's own i18n when only a language is given.
 */
export function phrasing(language: Language | Words = 'en', places: PlaceNames = {}): Phrasing {
  if (typeof language === 'string') shared ??= createI18n();
  const words = typeof language === 'string' ? shared!.words(language) : language;
  const lang = words.language;
  // The templates are filled here rather than by i18next's t, which costs some ten times as
  // much per call (a lead matrix of thousands of flags): the same plural rule (Intl.PluralRules,
  // as i18next uses: key_one, key_few, … then the bare key) and {{name}} filled as is (no escaping,
  // as the i18n is set up). A key the language lacks goes to i18next: English, and reported once.
  const rules = new Intl.PluralRules(words.locale);
  const say = (key: string, values?: Readonly<Record<string, unknown>>) => {
    const count = values?.count;
    const text =
      (typeof count === 'number' ? template(lang, `${key}_${rules.select(count)}`) : undefined) ??
      template(lang, key);
    if (text === undefined) return words.t(`words.${key}`, values);
    return values
      ? text.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (whole, name: string) =>
          name in values ? String(values[name]) : whole,
        )
      : text;
  };
  const has = (key: string) => template(lang, key);
  const word = (group: string, id: string, fallback: string) =>
    lang === 'en' ? fallback : (has(`${group}.${id}`) ?? fallback);
  // English keeps the ISO 3166-1 short names core has always written (nationName).
  const nations = new Map<string, string>();
  const nation = (iso3: string) => {
    let n = nations.get(iso3);
    if (n === undefined) {
      n = lang === 'en' ? (nationName(iso3) ?? iso3) : words.nation(iso3);
      nations.set(iso3, n);
    }
    return n;
  };
  return {
    language: lang,
    words,
    say,
    word,
    nation,
    region: (code, catalogue = SHIPPED_CATALOGUE) => {
      const region = indexCatalogue(catalogue).region.get(code);
      const english = region?.name ?? code;
      if (lang === 'en') return english;
      if (region?.kind === 'ukraine_unit' || code.startsWith('UA-'))
        return (lang === 'uk' && places.ukrainianRegion?.(code)) || english;
      if (region?.kind === 'staging_country' || /^[A-Z]{3}$/.test(code)) {
        const n = words.nation(code);
        return n === code ? english : n;
      }
      return word('region', code, english);
    },
    capability: (id, catalogue = SHIPPED_CATALOGUE) =>
      word('capability', id, indexCatalogue(catalogue).capability.get(id)?.name ?? id.replaceAll('_', ' ')),
    lineOfEffort: (id, catalogue = SHIPPED_CATALOGUE) =>
      word(
        'lineOfEffort',
        id,
        indexCatalogue(catalogue).lineOfEffort.get(id)?.name ?? id.replaceAll('_', ' '),
      ),
    role: (role) => word('role', role, role),
    quantity: (n, unit) => {
      if (lang === 'en') return quantityInWords(n, unit);
      const money = /^([A-Z]{3}) (million|billion|thousand)$/.exec(unit);
      if (money) return say(`unit.${money[2]}`, { currency: money[1], n: words.number(n) });
      if (!holds(lang, `unit.${unit}_other`)) return quantityInWords(n, unit);
      return say(`unit.${unit}`, { count: n, n: words.number(n) });
    },
    list: (items) => (items.length <= 1 ? (items[0] ?? '') : words.list(items)),
  };
}
