/**
 * The web app's translations (i18next + react-i18next, ADR 0039). English is bundled; Ukrainian
 * and French are one chunk each, loaded with a dynamic import the first time they are chosen.
 * A key missing in the current language falls back to English and is logged once.
 */
import i18next, { type i18n as I18n, type PostProcessorModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  detectLanguage,
  LANGUAGES,
  type Language,
  NAMESPACES,
  STORAGE_KEY,
  supportedLanguage,
} from './languages.ts';
import { setUkrainianNames } from './places.ts';
import { en } from './resources-en.ts';

export * from './languages.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof en;
  }
}

type Resources = Readonly<Record<string, object>>;

/** Each non-English language's chunk (Vite makes one per dynamic import). */
type Chunk = {
  readonly resources: Resources;
  readonly regions?: Readonly<Record<string, string>>;
  readonly places?: Readonly<Record<string, string>>;
};
const LOADERS: Readonly<Record<Exclude<Language, 'en'>, () => Promise<Chunk>>> = {
  uk: () => import('./locales/uk/index.ts'),
  fr: () => import('./locales/fr/index.ts'),
};

/** Warnings already given, so a missing key in a list of 500 rows warns once, not 500 times. */
const warned = new Set<string>();

/** The warning sink; a test replaces it. */
let warn: (message: string) => void = (message) => console.warn(message);
export function setMissingWarning(sink: (message: string) => void): void {
  warn = sink;
}

function warnOnce(id: string, message: string): void {
  if (warned.has(id)) return;
  warned.add(id);
  warn(message);
}

/**
 * Sees where each translation came from (i18next passes the resolution with
 * postProcessPassResolved): a key found only in English, or nowhere, is logged once.
 */
const fallbackLog: PostProcessorModule = {
  type: 'postProcessor',
  name: 'fallbackLog',
  process(value, key, options, translator) {
    const resolved = (options as { i18nResolved?: { res?: unknown; usedLng?: string; usedNS?: string } })
      .i18nResolved;
    const lng = (options as { lng?: string }).lng ?? (translator as { language?: string }).language ?? 'en';
    const ns = resolved?.usedNS ?? 'common';
    const name = `${ns}:${Array.isArray(key) ? key.join('|') : key}`;
    if (resolved && resolved.res == null) {
      warnOnce(`missing ${name}`, `i18n: no translation for "${name}" in any language; showing the key`);
    } else if (resolved?.usedLng && resolved.usedLng !== lng) {
      warnOnce(
        `${lng} ${name}`,
        `i18n: "${name}" has no ${lng} translation; showing the ${resolved.usedLng} text`,
      );
    }
    return value;
  },
};

/** A fresh i18next instance in `lng` (English resources only), initialised synchronously. */
export function createI18n(lng: Language = 'en'): I18n {
  const instance = i18next.createInstance();
  instance
    .use(fallbackLog)
    .use(initReactI18next)
    .init({
      lng,
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      ns: [...NAMESPACES],
      defaultNS: 'common',
      resources: { en },
      partialBundledLanguages: true,
      postProcess: ['fallbackLog'],
      postProcessPassResolved: true,
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
      initAsync: false,
    });
  return instance;
}

/** The app's instance. */
export const i18n = createI18n();

/** Adds a language's resources to `instance` (loading its chunk once). */
/**
 * The texts under one key prefix (`finance:security.`), for keys built from codes: the
 * catalogue test checks those, where the type can only check literal keys.
 */
export function textsUnder(prefix: string): (key: string, options?: Record<string, unknown>) => string {
  return (key, options = {}) => i18n.t(`${prefix}${key}` as 'app.checkingSession', options);
}

export async function loadLanguage(lng: Language, instance: I18n = i18n): Promise<void> {
  if (lng === 'en' || instance.hasResourceBundle(lng, 'common')) return;
  const { resources, regions, places } = await LOADERS[lng]();
  if (regions && places) setUkrainianNames({ regions, places });
  for (const [ns, bundle] of Object.entries(resources)) {
    instance.addResourceBundle(lng, ns, bundle, true, true);
  }
}

/** The current language of the app, one of LANGUAGES. */
export function currentLanguage(): Language {
  return supportedLanguage(i18n.language) ?? 'en';
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // blocked storage (privacy settings): the choice lasts for the page only
  }
}

/** Loads `lng`, switches to it and sets `<html lang>`; `remember` keeps it as this browser's choice. */
export async function setLanguage(lng: Language, { remember = false } = {}): Promise<void> {
  await loadLanguage(lng);
  await i18n.changeLanguage(lng);
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  if (remember) storage()?.setItem(STORAGE_KEY, lng);
}

/** At start-up, before the first render: the stored choice, else the browser's language, else English. */
export async function startI18n(): Promise<void> {
  const lng = detectLanguage(storage()?.getItem(STORAGE_KEY), globalThis.navigator?.languages ?? []);
  try {
    await setLanguage(lng);
  } catch (error) {
    // The chunk did not load (offline, a new deploy removed it): English, said once in the console.
    console.warn(`i18n: could not load ${lng}; using English`, error);
    await setLanguage('en');
  }
}
