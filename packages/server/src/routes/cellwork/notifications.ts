/**
 * What the cell is told about its work: the in-app list, the live stream (server-sent events,
 * like incidents), and each user's preferences (which events, which sectors, e-mail or not).
 */
import type * as Api from '@guarantor/core/api';
import { CELL_EVENT_NAMES, CELL_EVENTS } from '@guarantor/core/cellwork';
import { appendAudit, asReader } from '@guarantor/db';
import {
  type CellPreference,
  getPreference,
  listCellNotifications,
  putPreference,
} from '@guarantor/db/cellwork';
import { z } from 'zod';
import { requireUser } from '../../auth/context.ts';
import { matches } from '../contract.ts';
import type { CellworkContext } from './context.ts';
import { NotificationView, PreferencesView } from './views.ts';

const present = (p: CellPreference): Api.CellPreferences => ({
  email: p.email,
  emailEnabled: p.emailEnabled,
  inApp: p.inApp,
  events: [...p.events],
  sectors: [...p.sectors],
});

export function cellNotificationRoutes({ app, r, database, clock, service }: CellworkContext): void {
  r.get(
    '/api/cell/notifications',
    {
      schema: {
        tags: ['cell'],
        summary:
          'What the cell was told about decisions, actions and meetings (those you may read), newest first',
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z
            .string()
            .regex(/^[1-9][0-9]{0,14}$/, 'the `next` of the previous page')
            .optional()
            .describe('the `next` of the previous page: the notifications older than it'),
        }),
        response: {
          200: matches<Api.CellNotificationsResponse>()(
            z.object({
              notifications: z.array(NotificationView),
              next: z.string().nullable().describe('the cursor of the next (older) page; null on the last'),
            }),
          ),
        },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const { limit, cursor } = request.query;
      // One more than asked: whether an older page exists, without counting.
      const rows = await asReader(database.db, reader, (trx) =>
        listCellNotifications(trx, {
          limit: limit + 1,
          ...(cursor === undefined ? {} : { before: Number(cursor) }),
        }),
      );
      const page = rows.slice(0, limit);
      return {
        notifications: page.map((n) => ({
          ...n,
          at: n.at.toISOString(),
          eventName: CELL_EVENT_NAMES[n.event],
        })),
        next: rows.length > limit ? String(page[page.length - 1]!.id) : null,
      };
    },
  );

  r.get(
    '/api/cell/preferences',
    {
      schema: {
        tags: ['cell'],
        summary: 'Your notification preferences: which events and sectors, in the app and by e-mail',
        response: { 200: PreferencesView },
      },
    },
    async (request) => {
      const { user } = requireUser(request);
      return present(await getPreference(database.db, user.username));
    },
  );

  r.put(
    '/api/cell/preferences',
    {
      schema: {
        tags: ['cell'],
        summary: 'Set your notification preferences (any signed-in user, for themselves)',
        body: z
          .strictObject({
            email: z.email().max(320).nullable(),
            emailEnabled: z.boolean(),
            inApp: z.boolean().default(true),
            events: z.array(z.enum(CELL_EVENTS)).max(CELL_EVENTS.length),
            sectors: z
              .array(z.string().regex(/^[a-z0-9][a-z0-9_@A-Z-]{0,80}$/, 'a sector id'))
              .max(100)
              .describe('empty: every sector'),
          })
          .refine((p) => !p.emailEnabled || p.email !== null, {
            message: 'give an e-mail address to receive e-mail',
            path: ['email'],
          }),
        response: { 200: PreferencesView },
      },
    },
    async (request) => {
      const { user, reader } = requireUser(request);
      const p: CellPreference = {
        ...request.body,
        events: [...new Set(request.body.events)],
        sectors: [...new Set(request.body.sectors)],
      };
      const before = await getPreference(database.db, user.username);
      await asReader(database.db, reader, async (trx) => {
        await putPreference(trx, user.username, p, clock.now());
        // The preference is the user's own: its audit entry is theirs alone to read.
        await appendAudit(trx, {
          actor: user.username,
          nation: user.nation,
          action: 'cell.preferences',
          entity: 'cell_preference',
          entityId: user.username,
          before: present(before),
          after: present(p),
          label: { rel_kind: 'NATIONAL', rel_nations: [user.nation] },
          at: clock.now(),
        });
      });
      return present(p);
    },
  );

  app.get(
    '/api/cell/live',
    {
      schema: {
        tags: ['cell'],
        summary:
          'Server-Sent Events: `cell` events as decisions, actions and meetings are recorded, per your preferences',
      },
    },
    async (request, reply) => {
      const principal = requireUser(request);
      let preference = await getPreference(database.db, principal.user.username);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      res.write(': cell notifications\nretry: 3000\n\n');
      const watched = app.credentials.watch(request, principal, () => res.end());
      const unsubscribe = service.subscribe({
        reader: principal.reader,
        preference: () => preference,
        send: (n) =>
          watched.deliver(() =>
            res.write(
              `event: cell\nid: ${n.id}\ndata: ${JSON.stringify({ ...n, at: n.at.toISOString() })}\n\n`,
            ),
          ),
      });
      // Preferences changed in another tab apply within a minute.
      const refresh = setInterval(() => {
        void getPreference(database.db, principal.user.username).then(
          (p) => {
            preference = p;
          },
          () => undefined,
        );
      }, 60_000);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        clearInterval(refresh);
        watched.stop();
        unsubscribe();
      });
    },
  );
}
