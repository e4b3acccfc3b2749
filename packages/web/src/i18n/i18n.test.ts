import { LINK_KINDS } from '@guarantor/core/cellwork';
import { describe, expect, it } from 'vitest';
import { navigation } from '../router.ts';
import { createI18n, setMissingWarning } from './index.ts';
import { detectLanguage, LANGUAGES, NAMESPACES } from './languages.ts';

/** Every locale file, eagerly: `./locales/uk/common.json` → its object. */
const FILES = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', {
  eager: true,
  import: 'default',
});

const PLURAL = /_(zero|one|two|few|many|other)$/;
/** Each language's CLDR plural categories (what i18next asks for). */
const CATEGORIES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  LANGUAGES.map((l) => [l, new Intl.PluralRules(l).resolvedOptions().pluralCategories]),
);

/** A flat map of dotted key → text. */
function flatten(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function file(lng: string, ns: string): Map<string, string> {
  const tree = FILES[`./locales/${lng}/${ns}.json`];
  if (!tree) throw new Error(`locales/${lng}/${ns}.json is missing`);
  return flatten(tree);
}

/** Keys without plural suffixes, each with the forms present. */
function baseKeys(keys: Iterable<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const key of keys) {
    const m = PLURAL.exec(key);
    const base = m ? key.slice(0, m.index) : key;
    const forms = out.get(base) ?? new Set<string>();
    if (m) forms.add(m[1]!);
    out.set(base, forms);
  }
  return out;
}

/** `{{count}}`, `{{name, number}}` → count, name; `<code>`, `</map>` → tags. */
function placeholders(text: string): string[] {
  const vars = [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => `{{${m[1]}}}`);
  const tags = [...text.matchAll(/<\/?([\w-]+)\s*\/?>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...vars, ...tags])].sort();
}

describe('the translations', () => {
  for (const ns of NAMESPACES) {
    it(`${ns}: every language has the same keys, placeholders and plural forms`, () => {
      const en = file('en', ns);
      const enBase = baseKeys(en.keys());
      for (const lng of LANGUAGES) {
        const texts = file(lng, ns);
        const base = baseKeys(texts.keys());
        expect([...base.keys()].sort(), `${lng}/${ns}.json keys`).toEqual([...enBase.keys()].sort());
        for (const [key, forms] of base) {
          const plural = (enBase.get(key)?.size ?? 0) > 0;
          if (plural) {
            // A plural needs every category the language's rules can pick (uk: one/few/many/other).
            expect([...forms].sort(), `${lng}/${ns}: ${key}`).toEqual([...CATEGORIES[lng]!].sort());
          } else {
            expect(forms.size, `${lng}/${ns}: ${key} is not a plural in English`).toBe(0);
          }
          const enText = plural ? en.get(`${key}_other`)! : en.get(key)!;
          const variants = plural ? [...forms].map((f) => texts.get(`${key}_${f}`)!) : [texts.get(key)!];
          for (const text of variants) {
            // `count` may be left out of a singular ("one" in words); every other placeholder must be there.
            const want = placeholders(enText).filter((p) => !(plural && p === '{{count}}'));
            const got = placeholders(text).filter((p) => !(plural && p === '{{count}}'));
            expect(got, `${lng}/${ns}: ${key} → “${text}”`).toEqual(want);
            expect(text.trim(), `${lng}/${ns}: ${key} is empty`).not.toBe('');
          }
        }
      }
    });
  }

  it('Ukrainian plurals pick one/few/many by the number', () => {
    const i18n = createI18n('uk');
    i18n.addResourceBundle('uk', 'common', {
      n_one: 'один',
      n_few: 'кілька',
      n_many: 'багато',
      n_other: 'дріб',
    });
    i18n.addResourceBundle('en', 'common', { n_one: 'one', n_other: 'other' });
    const t = (count: number) => i18n.t('n' as never, { count });
    expect([1, 21, 3, 24, 5, 11, 12, 1.5].map(t)).toEqual([
      'один',
      'один',
      'кілька',
      'кілька',
      'багато',
      'багато',
      'багато',
      'дріб',
    ]);
  });
});

describe('a missing translation', () => {
  it('falls back to English and is logged once', () => {
    const warnings: string[] = [];
    setMissingWarning((m) => warnings.push(m));
    const i18n = createI18n('fr');
    i18n.addResourceBundle('fr', 'common', { present: 'présent' }, true, true);
    i18n.addResourceBundle(
      'en',
      'common',
      { present: 'present', onlyEnglish: 'only in English' },
      true,
      true,
    );
    expect(i18n.t('present' as never)).toBe('présent');
    expect(i18n.t('onlyEnglish' as never)).toBe('only in English');
    expect(i18n.t('onlyEnglish' as never)).toBe('only in English');
    expect(i18n.t('nowhere' as never)).toBe('nowhere');
    expect(i18n.t('nowhere' as never)).toBe('nowhere');
    expect(warnings).toEqual([
      'i18n: "common:onlyEnglish" has no fr translation; showing the en text',
      'i18n: no translation for "common:nowhere" in any language; showing the key',
    ]);
  });
});

describe('the first language', () => {
  it('is the stored choice, else the first browser language the app speaks, else English', () => {
    expect(detectLanguage('fr', ['uk-UA'])).toBe('fr');
    expect(detectLanguage(null, ['de-DE', 'uk-UA', 'en'])).toBe('uk');
    expect(detectLanguage('xx', ['fr-CA'])).toBe('fr');
    expect(detectLanguage(undefined, ['de', 'pl'])).toBe('en');
  });
});

describe('the header', () => {
  it('names every page it links to in every language', () => {
    const pages = navigation().flatMap((s) => s.items.map((i) => i.pages[0]!));
    for (const lng of LANGUAGES) {
      const texts = file(lng, 'common');
      const missing = pages.filter((p) => !texts.has(`nav.page.${p}`));
      expect(missing, `${lng}: nav.page.* missing`).toEqual([]);
    }
  });
});

describe('the decision form', () => {
  it('names every kind of record a decision can rest on in every language', () => {
    for (const lng of LANGUAGES) {
      const texts = file(lng, 'cellwork');
      expect(
        LINK_KINDS.filter((k) => !texts.has(`linkKind.${k}`)),
        `${lng}: linkKind.* missing`,
      ).toEqual([]);
    }
  });
});
