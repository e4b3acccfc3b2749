/**
 * What the command line tells its user, in the language of the environment: GUARANTOR_LANG,
 * else LC_ALL, LC_MESSAGES or LANG (uk_UA.UTF-8 → Ukrainian, fr_FR → French), else English.
 * Help texts stay English (commander builds them); the messages a user reads on success or
 * failure come from the `cli` part of core's catalogues.
 */
import { type Language, languageFromEnvironment, type Words } from '@guarantor/core/i18n';
import { wordsFor } from '@guarantor/server/i18n';

/** Words for the environment `env` (process.env when run). */
export function cliWords(env: Readonly<Record<string, string | undefined>>): Words {
  return wordsFor(languageFromEnvironment(env));
}

/** The words of this run. */
export const words: Words = cliWords(process.env);

/** The language of this run. */
export const language: Language = words.language;

/** One message of the command line: `say('userCreated', { username, nation, roles })`. */
export const say = (key: string, values?: Readonly<Record<string, unknown>>): string =>
  words.t(`cli.${key}`, values);
