/** What the cell was told: issuable orders, breaches, phase and sector changes. */

import type * as Api from '@guarantor/core/api';
import { asReader } from '@guarantor/db';
import { listNotifications } from '@guarantor/db/phases';
import { z } from 'zod';
import { requireUser } from '../../auth/context.ts';
import { matches } from '../contract.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { PhaseContext } from './context.ts';
import { NotificationView } from './views.ts';

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
        }),
        response: {
          200: matches<Api.NotificationsResponse>()(
            z.object({ notifications: z.array(NotificationView), next: z.string().nullable() }),
          ),
        },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const { limit, cursor } = request.query;
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
        notifications: page.map((n) => ({ ...n, at: n.at.toISOString(), reasons: [...n.reasons] })),
        next: rows.length > limit ? encodeCursor('notifications', [page.at(-1)!.id]) : null,
      };
    },
  );
}
