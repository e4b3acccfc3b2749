/** Observation intake: JSON batches and CoT XML, each report stored for the nation that sent it. */

import type * as Api from '@guarantor/core/api';
import { CotStreamFramer } from '@guarantor/core/cot';
import { z } from 'zod';
import { requireRole, submitterKey } from '../../auth/context.ts';
import { AppError } from '../../errors.ts';
import { ingestCot, ingestObservations } from '../../monitoring/intake.ts';
import { matches } from '../contract.ts';
import { documentedAs, ObservationShape } from '../documented.ts';
import { labelFromRequest } from '../inputs.ts';
import type { MonitoringContext } from './context.ts';
import {
  BATCH_BODY_LIMIT,
  COALITION,
  COT_BODY_LIMIT,
  CotResultView,
  IntakeResultView,
  labelOrDefault,
  MAX_BATCH,
} from './views.ts';

export function intakeRoutes({ r, app, database, service }: MonitoringContext): void {
  app.addContentTypeParser(
    ['application/xml', 'text/xml'],
    { parseAs: 'string', bodyLimit: COT_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  r.post(
    '/api/observations',
    {
      bodyLimit: BATCH_BODY_LIMIT,
      schema: {
        tags: ['monitoring'],
        summary: `Report up to ${MAX_BATCH.toLocaleString('en')} observations; each is accepted or rejected on its own`,
        description:
          'Idempotent by uid: a resend with a newer reportedAtMs replaces the stored version, an older or equal one changes nothing (`unchanged`). ' +
          'Each item may carry `releasability`; the default is the batch `releasability`, else COALITION. Machine clients use an API token.',
        body: z.object({
          releasability: z.string().optional(),
          observations: documentedAs(z.array(z.unknown()), z.array(ObservationShape)),
        }),
        response: {
          200: matches<Api.IntakeResponse>()(
            z.object({
              accepted: z.number().int(),
              rejected: z.number().int(),
              results: z.array(IntakeResultView),
            }),
          ),
        },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'monitor', 'analyst', 'admin');
      const { observations } = request.body;
      if (observations.length > MAX_BATCH) {
        throw new AppError(
          'observations.batch_too_large',
          { key: 'monitoring.batchTooLarge', params: { count: observations.length, max: MAX_BATCH } },
          'body.observations',
        );
      }
      const batchLabel = labelOrDefault(request.body.releasability, 'body.releasability', COALITION);
      const items = observations.map((value, index) => {
        const text = (value as { releasability?: unknown } | null)?.releasability;
        return {
          value,
          label:
            typeof text === 'string'
              ? labelFromRequest(text, `body.observations[${index}].releasability`)
              : batchLabel,
        };
      });
      const results = await ingestObservations(
        database,
        {
          reader: principal.reader,
          username: principal.user.username,
          submitter: submitterKey(principal),
          source: principal.token?.source ?? null,
        },
        items,
        service.worker.fresh,
      );
      service.worker.wake();
      const rejected = results.filter((x) => x.status === 'rejected').length;
      return { accepted: results.length - rejected, rejected, results };
    },
  );

  r.post(
    '/api/cot',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          'Report Cursor-on-Target events (one or several <event> documents) as observations and team tracks',
        description:
          'Content-Type application/xml or text/xml. Markers and range-and-bearing lines become observations, ' +
          "monitor teams' position reports become team tracks; chat, deletes and our own incidents are ignored with a reason. " +
          `DTDs and entities are refused; bodies over ${COT_BODY_LIMIT} bytes get 413.`,
        querystring: z.strictObject({
          releasability: z.string().optional().describe('label of the observations; default COALITION'),
        }),
        body: z.string(),
        response: {
          200: matches<Api.CotResponse>()(
            z.object({
              accepted: z.number().int(),
              rejected: z.number().int(),
              ignored: z.number().int(),
              results: z.array(CotResultView),
            }),
          ),
        },
      },
    },
    async (request) => {
      const principal = requireRole(request, 'monitor', 'analyst', 'admin');
      const label = labelOrDefault(request.query.releasability, 'query.releasability', COALITION);
      const framer = new CotStreamFramer();
      const frames = [...framer.push(request.body), ...framer.end()];
      if (frames.length === 0) {
        throw new AppError('cot.empty', { key: 'monitoring.cotEmpty' }, 'body');
      }
      const results = await ingestCot(
        database,
        frames,
        {
          reader: principal.reader,
          nation: principal.user.nation,
          senderId: `user:${principal.user.username}`,
          label,
          submittedBy: principal.user.username,
          submitter: submitterKey(principal),
        },
        service.worker.fresh,
      );
      service.worker.wake();
      return {
        accepted: results.filter((x) => x.kind === 'observation' || x.kind === 'team_track').length,
        rejected: results.filter((x) => x.kind === 'rejected' || x.kind === 'dropped').length,
        ignored: results.filter((x) => x.kind === 'ignored').length,
        results,
      };
    },
  );
}
