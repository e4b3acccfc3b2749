import { useTranslation } from 'react-i18next';
import { request } from '../api.ts';
import {
  currentLanguage,
  LANGUAGE_NAMES,
  LANGUAGES,
  type Language,
  setLanguage,
  supportedLanguage,
} from './index.ts';

/**
 * The language picker: each language named in itself. The choice is kept in this browser and,
 * when signed in, in the account (PUT /api/session/language), so it follows the user.
 */
export function LanguagePicker({ signedIn }: { readonly signedIn: boolean }) {
  const { t } = useTranslation('common');
  const lng = currentLanguage();
  async function choose(value: string) {
    const next = supportedLanguage(value);
    if (!next || next === lng) return;
    await setLanguage(next, { remember: true });
    if (signedIn) await saveLanguage(next);
    else signedOutChoice = next;
  }
  return (
    <label className="language-picker">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        value={lng}
        data-testid="language-picker"
        title={t('language.label')}
        onChange={(e) => void choose(e.target.value)}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A language picked on the sign-in page: it goes to the account once signed in, over the account's own. */
let signedOutChoice: Language | null = null;

/** The language picked before signing in, once (then forgotten). */
export function takeSignedOutChoice(): Language | null {
  const choice = signedOutChoice;
  signedOutChoice = null;
  return choice;
}

/** Keeps the choice in the account; an older server without the route (404) is not an error. */
export async function saveLanguage(language: Language): Promise<void> {
  try {
    await request('PUT', '/api/session/language', { language });
  } catch (error) {
    if ((error as { status?: number }).status !== 404) {
      console.warn('i18n: could not save the language in the account', error);
    }
  }
}
