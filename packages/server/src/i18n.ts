/**
 * The server's words (reports, e-mails): one i18n for the process, from core's catalogues. A key
 * missing in Ukrainian or French is answered in English and logged once, as a warning, through
 * the logger `useI18nLogger` was given (the app's pino logger).
 */
import {
  createI18n,
  isLanguage,
  type Language,
  languageFromAcceptLanguage,
  type Words,
} from '@guarantor/core/i18n';

interface Warner {
  warn(fields: object, message: string): void;
}

let logger: Warner | undefined;

const i18n = createI18n({
  onMissing: (language, key) =>
    logger?.warn({ language, key }, 'translation missing: answered in English (reported once per key)'),
});

/** Sets the logger missing translations are reported to (createApp gives its own). */
export function useI18nLogger(log: Warner): void {
  logger = log;
}

/** Words and formats in one language. */
export const wordsFor = (language: Language): Words => i18n.words(language);

/**
 * The language of an answer: the one asked for in the URL (`?lang=`), else the user's chosen
 * language, else the browser's Accept-Language, else English.
 */
export function answerLanguage(
  asked: Language | undefined,
  userLanguage: Language | null | undefined,
  acceptLanguage: string | undefined,
): Language {
  if (asked) return asked;
  if (userLanguage && isLanguage(userLanguage)) return userLanguage;
  return languageFromAcceptLanguage(acceptLanguage) ?? 'en';
}
