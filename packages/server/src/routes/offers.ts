/**
 * Offer writes after creation: edit, readiness, lifecycle and release. A liaison writes only
 * their own nation's offers; every write names the version it was based on, and a stale version
 * is refused with 409 `conflict.changed` so that two officers never overwrite each other.
 */
import { formatReleasability, meetLabels, parseReleasability } from '@guarantor/core/access';
import type * as Api from '@guarantor/core/api';
import {
  type Caveat,
  LIFECYCLE_STATES,
  lifecycleReason,
  parseCaveats,
  READINESS_STAGES,
  readinessReason,
} from '@guarantor/core/coalition';
import {
  asReader,
  getOffer,
  listReleases,
  type OfferActor,
  type OfferRecord,
  type OfferWrite,
  offerToCore,
  readinessHistories,
  recordLifecycle,
  recordReadiness,
  releaseOffer,
  updateOffer,
} from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import type { Principal } from '../auth/context.ts';
import { requireRole } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { OfferView, presentOffer } from './coalition.ts';
import { matches } from './contract.ts';
import { CaveatShape, documentedAs } from './documented.ts';
import { labelFromRequest } from './inputs.ts';

/** An offer with its caveats as data too, for forms that edit them. */
const OfferDetail = matches<Api.OfferDetail>()(
  OfferView.extend({
    caveatData: documentedAs(z.array(z.record(z.string(), z.unknown())), z.array(CaveatShape)),
  }),
);

function presentDetail(o: OfferRecord): Api.OfferDetail {
  return { ...presentOffer(o), caveatData: o.caveats as Record<string, unknown>[] };
}

const Params = z.object({ id: z.string().max(64) });
const Version = z
  .number()
  .int()
  .min(1)
  .describe('the version you read; a stale one gets 409 conflict.changed');

const OfferPatch = z.strictObject({
  version: Version,
  quantity: z.number().int().positive('must be a whole number above zero').max(1_000_000).optional(),
  daysToDeploy: z.number().int().min(0, 'must be 0 or more').max(3650).optional(),
  durationDays: z.number().int().positive('must be a whole number above zero').max(36_500).optional(),
  caveats: documentedAs(z.array(z.unknown()).max(50), z.array(CaveatShape).max(50)).optional(),
  description: z.string().max(4000).optional(),
});

/** Loads the offer in the transaction and checks the caller may write it: its own nation's liaison (or cell staff, where allowed). */
async function ownOffer(
  trx: Parameters<Parameters<typeof asReader>[2]>[0],
  principal: Principal,
  id: string,
  cellStaffMay = false,
): Promise<OfferRecord> {
  const offer = await getOffer(trx, id);
  if (!offer) throw new AppError('not_found', { key: 'offers.notFound', params: { id } });
  const mine = offer.nation === principal.user.nation && principal.user.roles.includes('liaison');
  if (!mine && !(cellStaffMay && principal.user.roles.includes('cell_staff')))
    throw new AppError(
      'auth.forbidden',
      { key: 'offers.otherNation', params: { mine: principal.user.nation, theirs: offer.nation, id } },
      'params.id',
    );
  return offer;
}

/** The written offer, or the catalogue error for why nothing was written. */
function written(result: OfferWrite, id: string, sent: number): OfferRecord {
  if (result.ok) return result.offer;
  if (result.reason === 'not_found')
    throw new AppError('not_found', { key: 'offers.notFound', params: { id } });
  throw new AppError(
    'conflict.changed',
    { key: 'offers.changed', params: { id, sent, current: result.current.version } },
    'body.version',
  );
}

/** Offer edit, readiness change, lifecycle move, release, and the offer's history. */
export const offerRoutes =
  ({ database, clock }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const actor = (p: Principal): OfferActor => ({
      username: p.user.username,
      nation: p.user.nation,
      at: clock.now(),
    });

    r.get(
      '/api/offers/:id/history',
      {
        schema: {
          tags: ['coalition'],
          summary: 'An offer with its caveats as data, its readiness history and its releases',
          params: Params,
          response: {
            200: matches<Api.OfferHistory>()(
              z.object({
                offer: OfferDetail,
                readiness: z.array(
                  z.object({
                    from: z.string().nullable(),
                    to: z.string(),
                    at: z.string(),
                    actor: z.string().nullable(),
                    note: z.string().optional(),
                  }),
                ),
                releases: z.array(
                  z.object({
                    fromLabel: z.string(),
                    toLabel: z.string(),
                    at: z.string(),
                    actor: z.string().nullable(),
                  }),
                ),
              }),
            ),
          },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'liaison', 'cell_staff', 'analyst', 'admin');
        const found = await asReader(database.db, principal.reader, async (trx) => {
          const offer = await getOffer(trx, request.params.id);
          if (!offer) return undefined;
          const history = (await readinessHistories(trx, [offer.id])).get(offer.id) ?? [];
          return { offer, history, releases: await listReleases(trx, offer.id) };
        });
        if (!found)
          throw new AppError('not_found', { key: 'offers.notFound', params: { id: request.params.id } });
        return {
          offer: presentDetail(found.offer),
          readiness: found.history.map((h) => ({
            from: h.from,
            to: h.to,
            at: new Date(h.atMs).toISOString(),
            actor: h.actor,
            ...(h.note ? { note: h.note } : {}),
          })),
          releases: found.releases.map((x) => ({ ...x, at: new Date(x.atMs).toISOString() })),
        };
      },
    );

    r.patch(
      '/api/offers/:id',
      {
        schema: {
          tags: ['coalition'],
          summary: "A liaison edits their own nation's offer (quantity, timing, caveats, description)",
          params: Params,
          body: OfferPatch,
          response: { 200: OfferDetail },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'liaison');
        const { version, caveats: rawCaveats, ...rest } = request.body;
        let caveats: readonly Caveat[] | undefined;
        if (rawCaveats !== undefined) {
          const parsed = parseCaveats(rawCaveats);
          if (!parsed.ok) {
            const problem = parsed.errors[0]!;
            throw new AppError('offer.caveat_invalid', problem.refusal, `body.${problem.field}`);
          }
          caveats = parsed.caveats;
        }
        const offer = await asReader(database.db, principal.reader, async (trx) => {
          const before = await ownOffer(trx, principal, request.params.id);
          const patch = { ...rest, ...(caveats ? { caveats } : {}) };
          return written(
            await updateOffer(trx, before.id, version, patch, actor(principal)),
            before.id,
            version,
          );
        });
        return presentDetail(offer);
      },
    );

    r.post(
      '/api/offers/:id/readiness',
      {
        schema: {
          tags: ['coalition'],
          summary: 'Moves readiness one stage up (pledged → assessed → aligned → rapid) or any stages down',
          params: Params,
          body: z.strictObject({
            version: Version,
            to: z.enum(READINESS_STAGES),
            note: z.string().max(1000).optional(),
          }),
          response: { 200: OfferDetail },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'liaison', 'cell_staff');
        const { version, to, note } = request.body;
        const offer = await asReader(database.db, principal.reader, async (trx) => {
          const before = await ownOffer(trx, principal, request.params.id, true);
          const refused = readinessReason(offerToCore(before), to);
          if (refused) throw new AppError('offer.transition_refused', refused.refusal, 'body.to');
          return written(
            await recordReadiness(
              trx,
              before.id,
              version,
              { from: before.readiness, to, ...(note ? { note } : {}) },
              actor(principal),
            ),
            before.id,
            version,
          );
        });
        return presentDetail(offer);
      },
    );

    r.post(
      '/api/offers/:id/lifecycle',
      {
        schema: {
          tags: ['coalition'],
          summary: 'Moves an offer along proposed → confirmed → mandated → deployed → withdrawn',
          params: Params,
          body: z.strictObject({ version: Version, to: z.enum(LIFECYCLE_STATES) }),
          response: { 200: OfferDetail },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'liaison');
        const { version, to } = request.body;
        const offer = await asReader(database.db, principal.reader, async (trx) => {
          const before = await ownOffer(trx, principal, request.params.id);
          const refused = lifecycleReason(offerToCore(before), to);
          if (refused) throw new AppError('offer.transition_refused', refused.refusal, 'body.to');
          return written(
            await recordLifecycle(trx, before.id, version, to, actor(principal)),
            before.id,
            version,
          );
        });
        return presentDetail(offer);
      },
    );

    r.post(
      '/api/offers/:id/release',
      {
        schema: {
          tags: ['coalition'],
          summary: "The offer's nation releases it more widely (NATIONAL FRA → COALITION or REL TO …)",
          params: Params,
          body: z.strictObject({ version: Version, releasability: z.string().min(1).max(400) }),
          response: { 200: OfferDetail },
        },
      },
      async (request) => {
        const principal = requireRole(request, 'liaison');
        const { version } = request.body;
        const label = labelFromRequest(request.body.releasability, 'body.releasability');
        const offer = await asReader(database.db, principal.reader, async (trx) => {
          const before = await ownOffer(trx, principal, request.params.id);
          const old = parseReleasability(before.releasability);
          // A release widens: every reader of the old label must still read the offer.
          if (formatReleasability(meetLabels(old, label)) !== formatReleasability(old))
            throw new AppError(
              'releasability.narrower',
              {
                key: 'offers.releaseNarrows',
                params: { label: formatReleasability(label), id: before.id, old: formatReleasability(old) },
              },
              'body.releasability',
            );
          return written(
            await releaseOffer(trx, before.id, version, label, actor(principal)),
            before.id,
            version,
          );
        });
        return presentDetail(offer);
      },
    );
  };
