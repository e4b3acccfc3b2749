/** Local truce windows. */

import type * as Api from '@guarantor/core/api';
import { checkTruceWindow, TruceWindowError, truceWindow } from '@guarantor/core/phases';
import { asReader, labelColumns, nextRecordId } from '@guarantor/db';
import { incidentsDuring, insertTruceWindow, listTruceWindows } from '@guarantor/db/phases';
import { z } from 'zod';
import { requireRole, requireUser } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { matches } from '../contract.ts';
import { labelFromRequest } from '../inputs.ts';
import type { PhaseContext } from './context.ts';
import { actorOf } from './views.ts';

export function truceRoutes({ r, db, clock }: PhaseContext): void {
  const TruceView = matches<Api.Truce>()(
    z.object({
      id: z.string(),
      site: z.string(),
      location: z.tuple([z.number(), z.number()]),
      radiusM: z.number(),
      start: z.string(),
      end: z.string(),
      purpose: z.string(),
      sector: z.string().nullable(),
      createdBy: z.string(),
      releasability: z.string(),
      held: z.boolean().nullable(),
      incidents: z.array(
        z.object({
          incidentId: z.string(),
          category: z.string(),
          distanceM: z.number(),
          certain: z.boolean(),
        }),
      ),
    }),
  );

  r.get(
    '/api/phases/truces',
    {
      schema: {
        tags: ['phases'],
        summary:
          'Local truce windows, each checked against the incidents recorded near its site during its time',
        response: { 200: matches<Api.TrucesResponse>()(z.object({ truces: z.array(TruceView) })) },
      },
    },
    async (request) => {
      const { reader } = requireUser(request);
      const { windows, incidents } = await asReader(db, reader, async (trx) => {
        const windows = await listTruceWindows(trx);
        const incidents =
          windows.length > 0
            ? await incidentsDuring(
                trx,
                new Date(Math.min(...windows.map((w) => w.startAt.getTime()))),
                new Date(Math.max(...windows.map((w) => w.endAt.getTime()))),
              )
            : [];
        return { windows, incidents };
      });
      return {
        truces: windows.map((w) => {
          const check = checkTruceWindow(
            truceWindow({
              id: w.id,
              site: w.site,
              location: w.location,
              radiusM: w.radiusM,
              startMs: w.startAt.getTime(),
              endMs: w.endAt.getTime(),
              purpose: w.purpose,
            }),
            incidents.map((i) => ({
              id: i.id,
              category: i.category as never,
              position: [Number(i.lng), Number(i.lat)] as const,
              radiusM: Number(i.radius_m),
              time: { startMs: new Date(i.start_at).getTime(), endMs: new Date(i.end_at).getTime() },
            })),
          );
          return {
            id: w.id,
            site: w.site,
            location: [w.location[0], w.location[1]] as [number, number],
            radiusM: w.radiusM,
            start: w.startAt.toISOString(),
            end: w.endAt.toISOString(),
            purpose: w.purpose,
            sector: w.sector,
            createdBy: w.createdBy,
            releasability: w.releasability,
            held: w.startAt.getTime() > clock.now().getTime() ? null : check.held,
            incidents: check.incidents.map((x) => ({ ...x })),
          };
        }),
      };
    },
  );

  r.post(
    '/api/phases/truces',
    {
      schema: {
        tags: ['phases'],
        summary:
          'Record a local truce window (cell staff): a named site, a radius and a time, e.g. for repair crews; the server gives its id, truce-<your nation>-<n>',
        body: z.strictObject({
          site: z.string().trim().min(1).max(200),
          location: z.tuple([z.number(), z.number()]).describe('[longitude, latitude]'),
          radiusM: z.number().positive().max(50_000),
          start: z.iso.datetime({ offset: true }),
          end: z.iso.datetime({ offset: true }),
          purpose: z.string().trim().min(1).max(1000),
          sector: z.string().max(100).optional(),
          releasability: z.string().optional(),
        }),
        response: { 201: matches<Api.Created>()(z.object({ id: z.string() })) },
      },
    },
    async (request, reply) => {
      const principal = requireRole(request, 'cell_staff');
      const b = request.body;
      let window: ReturnType<typeof truceWindow>;
      try {
        // Checked before it has an id; the stored one is given below ("truce window at <site>: …").
        window = truceWindow({
          id: `at ${b.site}`,
          site: b.site,
          location: b.location,
          radiusM: b.radiusM,
          startMs: Date.parse(b.start),
          endMs: Date.parse(b.end),
          purpose: b.purpose,
        });
      } catch (error) {
        if (!(error instanceof TruceWindowError)) throw error;
        // The id given above is "at <site>": the refusal names the site in the reader's words.
        throw new AppError(
          'request.invalid',
          { key: 'truceChecks.refusedAt', params: { site: b.site, problems: { refusal: error.problems } } },
          'body',
        );
      }
      const label = b.releasability
        ? labelColumns(labelFromRequest(b.releasability, 'body.releasability'))
        : { rel_kind: 'COALITION' as const, rel_nations: [] };
      const id = await asReader(db, principal.reader, async (trx) => {
        const id = await nextRecordId(trx, 'truce_window');
        await insertTruceWindow(
          trx,
          {
            id,
            site: window.site,
            location: window.location,
            radiusM: window.radiusM,
            startAt: new Date(window.startMs),
            endAt: new Date(window.endMs),
            purpose: window.purpose,
            sector: b.sector ?? null,
          },
          label,
          actorOf(principal),
          clock.now(),
        );
        return id;
      });
      return reply.status(201).send({ id });
    },
  );
}
