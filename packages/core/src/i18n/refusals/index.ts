/**
 * The server's refusals (the `message` of an error body) in English, Ukrainian and French: one
 * key and its values per refusal, put in words in the reader's language when the answer is
 * written. English is the source (today's messages, word for word) and the fallback. The
 * catalogues are the `refusals` namespace of core's i18n (ADR 0051).
 */
import { refusalsEn } from './en.ts';
import { refusalsFr } from './fr.ts';
import { refusalsUk } from './uk.ts';

/** A catalogue of refusals: nested objects whose leaves are i18next strings. */
export interface RefusalCatalogue {
  readonly [key: string]: string | RefusalCatalogue;
}

/** The refusal catalogues, by language (the i18n's `refusals` namespace). */
export const REFUSALS = { en: refusalsEn, uk: refusalsUk, fr: refusalsFr } as const satisfies Record<
  'en' | 'uk' | 'fr',
  RefusalCatalogue
>;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
type WithoutPlural<K extends string> = K extends `${infer B}_${'one' | 'few' | 'many' | 'other'}` ? B : K;

/** A refusal's key: a leaf of the English catalogue (plural forms by their base), so tsc refuses an unknown key. */
export type RefusalKey = WithoutPlural<Leaves<typeof refusalsEn>>;

/**
 * A value put into a refusal: text and numbers as they are (codes, ids, field names stay
 * untranslated; null and undefined as themselves), a nation by its ISO 3166-1 alpha-3 code (named in the reader's language), or a
 * term of the main catalogue (`common.actionStatus.open`), or a phrase of this catalogue with its
 * own values (`{ refusal: { key: 'logistics.what.network', params: { id } } }`).
 */
export type RefusalValue =
  | string
  | number
  | null
  | undefined
  | { readonly nation: string }
  | { readonly term: string; readonly lower?: boolean }
  | { readonly refusal: Refusal };

/** What was refused, and why, before it is put in words: a key and its values. */
export interface Refusal {
  readonly key: RefusalKey;
  readonly params?: Readonly<Record<string, RefusalValue>>;
}

export { refusalText } from './text.ts';
