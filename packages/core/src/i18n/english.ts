/**
 * English words from the English catalogues alone, without i18next: for what core words in
 * English where it may run in the browser (its checks' reasons, the fusion engine's account).
 */
import { en as main } from './en.ts';
import type { Words } from './index.ts';
import { refusalsEn } from './refusals/en.ts';
import { en as wordsEn } from './words/en.ts';

/** The main namespace as core's i18n holds it: the main catalogue with `words` beside it. */
const translation: object = { ...main, words: wordsEn };
const plural = new Intl.PluralRules('en');
const grouped = new Intl.NumberFormat('en');
const lookup = (root: object, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], root);

/**
 * English as core's i18n writes it (plural forms by Intl's rule, `{{n, number}}` grouped), from
 * the English catalogues alone: the checks that say their reasons run in the browser too, where
 * i18next and the other languages' catalogues would only add weight to the first page. Nations
 * are left as codes: English names them itself (refusalText, nationName).
 */
export const ENGLISH_WORDS: Pick<Words, 'language' | 't' | 'nation'> = {
  language: 'en',
  nation: (iso3) => iso3,
  t: (key, values) => {
    const refusal = key.startsWith('refusals:');
    const root: object = refusal ? refusalsEn : translation;
    const path = refusal ? key.slice('refusals:'.length) : key;
    const count = values?.count;
    const text =
      (typeof count === 'number' ? lookup(root, `${path}_${plural.select(count)}`) : undefined) ??
      lookup(root, path);
    if (typeof text !== 'string') return path;
    return text.replace(
      /\{\{\s*([a-zA-Z]+)\s*(,\s*number\s*)?\}\}/g,
      (whole, name: string, number?: string) => {
        if (!values || !(name in values)) return whole;
        const value = values[name];
        return number && typeof value === 'number' ? grouped.format(value) : String(value);
      },
    );
  },
};
