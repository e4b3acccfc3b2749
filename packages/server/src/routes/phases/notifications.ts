/** What the cell was told: issuable orders, breaches, phase and sector changes. */

import type * as Api from '@guarantor/core/api';
import { asReader } from '@guarantor/db';
import { listNotifications } from '@guarantor/db/phases';
import { z } from 'zod';
import { requireUser } from '../../auth/context.ts';
import { matches } from '../contract.ts';
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
        response: {
          200: matches<Api.NotificationsResponse>()(z.object({ notifications: z.array(NotificationView) })),
        },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const rows = await asReader(db, reader, (trx) => listNotifications(trx));
      return {
        notifications: rows.map((n) => ({ ...n, at: n.at.toISOString(), reasons: [...n.reasons] })),
      };
    },
  );
}
