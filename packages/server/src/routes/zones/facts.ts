/** The ceasefire gate's inputs from monitoring: sector-days, and the status of monitoring sources. */
import { asReader, monitoringSectorFacts, recordSourceStatus, sourcesForDay } from '@guarantor/db';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import type { ZoneContext } from './context.ts';
import { IsoDate, SectorDayView, SourceStatusView, span } from './views.ts';

export function factRoutes({ r, database, clock }: ZoneContext): void {
  r.get(
    '/api/sector-days',
    {
      schema: {
        tags: ['zones'],
        summary:
          "The ceasefire gate's input: per sector and UTC day, whether it was monitored and its violations",
        querystring: z.strictObject({ from: IsoDate, to: IsoDate }),
        response: { 200: z.object({ sectorDays: z.array(SectorDayView) }) },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const { from, to } = request.query;
      span(from, to);
      const days = await asReader(database.db, reader, (trx) =>
        monitoringSectorFacts.loadSectorDays(trx, from, to),
      );
      return {
        sectorDays: days.map((d) => ({
          ...d,
          incidents: d.incidents.map((i) => ({ ...i, zones: [...i.zones] })),
        })),
      };
    },
  );

  r.get(
    '/api/sources/status',
    {
      schema: {
        tags: ['zones'],
        summary:
          'Monitoring sources on a UTC day: recorded active/degraded/down, and those that filed observations',
        querystring: z.strictObject({ date: IsoDate }),
        response: { 200: z.object({ sources: z.array(SourceStatusView) }) },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const sources = await asReader(database.db, reader, (trx) => sourcesForDay(trx, request.query.date));
      return { sources: sources.map((source) => ({ ...source, sectors: [...source.sectors] })) };
    },
  );

  r.post(
    '/api/sources/status',
    {
      schema: {
        tags: ['zones'],
        summary: 'Record a source as active, degraded or down on a day (monitors, analysts)',
        body: z.strictObject({
          day: IsoDate,
          sourceId: z.string().min(1).max(200),
          sourceKind: z.string().min(1).max(40),
          status: z.enum(['active', 'degraded', 'down']),
          sectors: z.array(z.string().max(64)).max(100).default([]),
          note: z.string().max(2000).nullable().default(null),
        }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'monitor', 'analyst');
      await asReader(database.db, principal.reader, (trx) =>
        recordSourceStatus(trx, request.body, {
          actor: { username: principal.user.username, nation: principal.user.nation },
          at: clock.now(),
        }),
      );
      return reply.status(204).send(null);
    },
  );
}
