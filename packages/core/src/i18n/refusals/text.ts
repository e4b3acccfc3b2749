/**
 * A refusal put in words (ADR 0051), apart from the catalogues: whoever words a refusal passes
 * the words of a language, so a module that only words English (core's checks, which also run
 * in the browser) need not load every language's catalogue.
 */
import { nationName } from '../../reference/nations.ts';
import type { Words } from '../index.ts';
import type { Refusal } from './index.ts';

/** A refusal in the words of one language; a key missing there is answered in English (and reported once). */
export function refusalText(w: Pick<Words, 'language' | 't' | 'nation'>, refusal: Refusal): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(refusal.params ?? {})) {
    // null and undefined read as the English messages always printed them.
    if (typeof value !== 'object' || value === null)
      values[name] = typeof value === 'number' ? value : String(value);
    else if ('nation' in value)
      // English names nations as the English messages always have (i18n-iso-countries).
      values[name] =
        w.language === 'en' ? (nationName(value.nation) ?? value.nation) : w.nation(value.nation);
    else if ('refusal' in value) values[name] = refusalText(w, value.refusal);
    else {
      const term = w.t(value.term);
      values[name] = value.lower ? term.toLowerCase() : term;
    }
  }
  return w.t(`refusals:${refusal.key}`, values);
}
