/**
 * The languages of the web app and how the first one is chosen. Pure: no i18next, no DOM, so
 * it is tested without a browser.
 */

/** The app's languages, English first (it is bundled and is every other language's fallback). */
export const LANGUAGES = ['en', 'uk', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's name written in that language, for the picker. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  uk: 'Українська',
  fr: 'Français',
};

/** The namespaces: one per folder of packages/web/src, `common` for the top-level files. */
export const NAMESPACES = [
  'common',
  'access',
  'coalition',
  'planning',
  'phases',
  'monitoring',
  'zones',
  'map',
  'territory',
  'finance',
  'cellwork',
  'logistics',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** Where the picker's choice is kept in the browser. */
export const STORAGE_KEY = 'guarantor.language';

/** "uk-UA" → "uk", "fr-CA" → "fr", "de" → undefined. */
export function supportedLanguage(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const base = tag.toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : undefined;
}

/**
 * The language to start in: the choice stored in this browser, else the first of the browser's
 * languages the app speaks, else English. (The session's language, once signed in, wins over both.)
 */
export function detectLanguage(stored: string | null | undefined, browser: readonly string[]): Language {
  return supportedLanguage(stored) ?? browser.map(supportedLanguage).find((l) => l !== undefined) ?? 'en';
}
