/** The cell's notification e-mails in the recipient's language (their chosen one, else English). */
import type { ComposeMail } from '@guarantor/db/cellwork';
import { wordsFor } from '../i18n.ts';

/**
 * Subject and body from the catalogues' `email` part. The notification's own message is the
 * cell's record as written (titles and notes typed by people), so it is quoted, not translated.
 */
export const mailInLanguage: ComposeMail = (facts, language) => {
  const w = wordsFor(language ?? 'en');
  const event = w.t(`email.event.${facts.event}`);
  return {
    subject: w.t('email.subject', { event, id: facts.subjectId }),
    body: [
      w.t('email.record', { message: facts.message }),
      '',
      w.t('email.releasability', { label: facts.releasability }),
      w.t('email.open', { path: facts.path }),
      '',
      w.t('email.why'),
    ].join('\n'),
  };
};
