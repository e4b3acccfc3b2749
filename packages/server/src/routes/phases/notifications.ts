/** What the cell was told: issuable orders, breaches, phase and sector changes. */

import type * as Api from '@guarantor/core/api';
import type { Phrasing } from '@guarantor/core/i18n/words';
import { isPhaseNoticeKey, type PhaseNotice } from '@guarantor/core/phases';
import { noticeReasonsInWords, phaseNoticeInWords } from '@guarantor/core/phases/gate-words';
import { asReader } from '@guarantor/db';
import { listNotifications, type NotificationRow } from '@guarantor/db/phases';
import { z } from 'zod';
import { requireUser } from '../../auth/context.ts';
import { Lang, readerPhrasing } from '../../words.ts';
import { matches } from '../contract.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { PhaseContext } from './context.ts';
import { NotificationView } from './views.ts';

/**
 * A notification as the reader reads it: said again from its facts in their language (English
 * is the stored sentence); one stored before its facts were kept, or with a key this version does
 * not know, as written. The facts are what the English says (ids, codes, figures), so the words
 * tell the reader nothing the stored sentence, labelled as it is, does not.
 */
function inWords(n: NotificationRow, ph: Phrasing): { message: string; reasons: string[] } {
  const reasons = [...n.reasons];
  if (ph.language === 'en' || !n.notice || !isPhaseNoticeKey(n.notice.key))
    return { message: n.message, reasons };
  const notice = { key: n.notice.key, params: n.notice.params } as unknown as PhaseNotice;
  try {
    return {
      message: phaseNoticeInWords(notice, ph),
      // What cleared for an order, why a sector does not hold; incident ids and the like as stored.
      reasons: noticeReasonsInWords(notice, reasons, ph) ?? reasons,
    };
  } catch {
    // Parameters of another shape (a newer writer): the stored English rather than a 500.
    return { message: n.message, reasons };
  }
}

export function notificationRoutes({ r, db }: PhaseContext): void {
  r.get(
    '/api/notifications',
    {
      schema: {
        tags: ['phases'],
        summary:
          'What the cell was told: orders that became issuable and why, breaches, sector status and phase changes',
        description:
          'Newest first; `next` is the cursor of the older page (null on the last): pass it back as `cursor`. A cursor not made by this list is refused with request.cursor_invalid.',
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(1000).default(200),
          cursor: z.string().optional().describe('the `next` of the previous page'),
          lang: Lang,
        }),
        response: {
          200: matches<Api.NotificationsResponse>()(
            z.object({ notifications: z.array(NotificationView), next: z.string().nullable() }),
          ),
        },
      },
    },
    async (request, reply) => {
      const { reader } = requireUser(request);
      const { limit, cursor } = request.query;
      const ph = await readerPhrasing({ db }, request, request.query.lang);
      reply.header('content-language', ph.language).header('vary', 'accept-language');
      const before =
        cursor === undefined
          ? undefined
          : decodeCursor('notifications', cursor, (key) =>
              key.length === 1 && Number.isSafeInteger(key[0]) ? (key[0] as number) : undefined,
            );
      // One more than asked: whether an older page exists without counting.
      const rows = await asReader(db, reader, (trx) =>
        listNotifications(trx, { limit: limit + 1, ...(before === undefined ? {} : { before }) }),
      );
      const page = rows.slice(0, limit);
      return {
        notifications: page.map((n) => {
          const { notice: _facts, ...rest } = n;
          return { ...rest, at: n.at.toISOString(), ...inWords(n, ph) };
        }),
        next: rows.length > limit ? encodeCursor('notifications', [page.at(-1)!.id]) : null,
      };
    },
  );
}
