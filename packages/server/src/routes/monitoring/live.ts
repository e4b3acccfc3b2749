/** Live incident updates (server-sent events) for the map. */
import { requireUser } from '../../auth/context.ts';
import type { MonitoringContext } from './context.ts';

export function liveRoutes({ app, service }: MonitoringContext): void {
  app.get(
    '/api/live',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Server-Sent Events: `incident` events as incidents change, on every instance (LISTEN/NOTIFY)',
      },
    },
    async (request, reply) => {
      const principal = requireUser(request);
      const { reader } = principal;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      res.write(': live incident updates\nretry: 3000\n\n');
      // Signed out, token revoked, user disabled, session expired: the stream ends.
      const watched = app.credentials.watch(request, principal, () => res.end());
      const unsubscribe = service.live.subscribe({
        reader,
        send: (change) =>
          watched.deliver(() =>
            res.write(
              `event: incident\nid: ${change.id}@${change.version}\ndata: ${JSON.stringify(change)}\n\n`,
            ),
          ),
        // The database was away and changes may have been missed: the client reloads what it shows.
        resync: () => watched.deliver(() => res.write('event: resync\ndata: {}\n\n')),
      });
      // Proxies drop idle connections: a comment every 25 s keeps this one open.
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        watched.stop();
        unsubscribe();
      });
    },
  );
}
