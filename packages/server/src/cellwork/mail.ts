/** The cell's notification e-mails in the recipient's language (their chosen one, else English). */
import { noticeText } from '@guarantor/core/i18n';
import type { ComposeMail } from '@guarantor/db/cellwork';
import { wordsFor } from '../i18n.ts';

/**
 * Subject and body from the catalogues' `email` part. What the notification says is put in the
 * recipient's words from its stored facts (the titles and notes people typed stay as written);
 * a notification older than those facts has only its English sentence, quoted as recorded.
 */
export const mailInLanguage: ComposeMail = (facts, language) => {
  const w = wordsFor(language ?? 'en');
  const event = w.t(`email.event.${facts.event}`);
  return {
    subject: w.t('email.subject', { event, id: facts.subjectId }),
    body: [
      facts.notice ? noticeText(w, facts.notice) : w.t('email.record', { message: facts.message }),
      '',
      w.t('email.releasability', { label: facts.releasability }),
      w.t('email.open', { path: facts.path }),
      '',
      w.t('email.why'),
    ].join('\n'),
  };
};
