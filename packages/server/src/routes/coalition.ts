import { formatReleasability } from '@guarantor/core/access';
import type * as Api from '@guarantor/core/api';
import { CAPABILITIES, type Caveat, explainCaveat, parseCaveats } from '@guarantor/core/coalition';
import type { Phrasing } from '@guarantor/core/i18n/words';
import { caveatTextInWords } from '@guarantor/core/lead-matrix';
import { nationName } from '@guarantor/core/reference';
import {
  asReader,
  getNation,
  getOffer,
  insertOffer,
  listLeadRoles,
  listMissions,
  listNations,
  listOffers,
  type MissionRecord,
  type NationRecord,
  type OfferRecord,
} from '@guarantor/db';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { requireRole, requireUser } from '../auth/context.ts';
import { AppError } from '../errors.ts';
import { readerPhrasing } from '../words.ts';
import { Iso3 } from './auth.ts';
import { matches } from './contract.ts';
import { CaveatShape, documentedAs } from './documented.ts';
import { labelFromRequest } from './inputs.ts';

const DELEGATION_LEVELS = ['head_of_state_or_government', 'minister', 'ambassador', 'official'] as const;

const LeadView = matches<Api.Lead>()(
  z.object({ regionCode: z.string(), regionName: z.string(), lineOfEffort: z.string() }),
);
const NationView = matches<Api.Nation>()(
  z.object({
    iso3: z.string(),
    name: z.string(),
    delegationLevel: z.enum(DELEGATION_LEVELS),
    delegationHead: z.string().nullable(),
    role: z.string().nullable(),
    illustrative: z.boolean(),
    source: z.string().nullable(),
    releasability: z.string(),
    offerCount: z.number().int(),
    leads: z.array(LeadView),
  }),
);
const CaveatView = matches<Api.CaveatText>()(z.object({ kind: z.string(), text: z.string() }));
/** An offer as the API presents it. */
export const OfferView = matches<Api.Offer>()(
  z.object({
    id: z.string(),
    nation: z.string(),
    capability: z.string(),
    capabilityLabel: z.string(),
    quantity: z.number().int(),
    unit: z.string(),
    daysToDeploy: z.number().int(),
    durationDays: z.number().int().nullable(),
    readiness: z.string(),
    lifecycle: z.string(),
    caveats: z.array(CaveatView),
    description: z.string(),
    missionId: z.string().nullable(),
    illustrative: z.boolean(),
    source: z.string().nullable(),
    version: z.number().int(),
    releasability: z.string(),
  }),
);
const MissionView = matches<Api.Mission>()(
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    leadNation: z.string().nullable(),
    contributors: z.array(z.string()),
    role: z.string().nullable(),
    condition: z.string().nullable(),
    description: z.string(),
    illustrative: z.boolean(),
    source: z.string().nullable(),
    releasability: z.string(),
  }),
);

/**
 * An offer record for the API: caveats as sentences (in `ph`'s language when given, with regions,
 * roles, nations and dates named), the capability's catalogue name.
 */
export function presentOffer(o: OfferRecord, ph?: Phrasing): Api.Offer {
  return {
    ...o,
    capabilityLabel: CAPABILITIES.find((c) => c.id === o.capability)?.name ?? o.capability,
    caveats: (o.caveats as Caveat[]).map((c) => ({
      kind: c.kind,
      text: ph ? caveatTextInWords(c, ph) : explainCaveat(c),
    })),
  };
}

function presentMission(m: MissionRecord): Api.Mission {
  const { location: _location, ...rest } = m;
  return { ...rest, contributors: [...m.contributors] };
}

function presentNation(
  n: NationRecord,
  offers: readonly OfferRecord[],
  leads: readonly { leadNation: string; regionCode: string; regionName: string; lineOfEffort: string }[],
): Api.Nation {
  return {
    ...n,
    name: nationName(n.iso3) ?? n.iso3,
    offerCount: offers.filter((o) => o.nation === n.iso3).length,
    leads: leads
      .filter((l) => l.leadNation === n.iso3)
      .map(({ regionCode, regionName, lineOfEffort }) => ({ regionCode, regionName, lineOfEffort })),
  };
}

const CaveatInput = documentedAs(
  z.array(z.record(z.string(), z.unknown())).max(50),
  z.array(CaveatShape).max(50),
);

const OfferInput = z.strictObject({
  nation: Iso3,
  capability: z.string().min(1),
  quantity: z.number().int().positive('must be a whole number above zero').max(1_000_000),
  daysToDeploy: z.number().int().min(0).max(3650),
  durationDays: z.number().int().positive().max(36_500),
  readiness: z.enum(['pledged', 'assessed', 'aligned', 'rapid']).default('pledged'),
  caveats: CaveatInput.default([]),
  description: z.string().max(4000).default(''),
  releasability: z
    .string()
    .optional()
    .describe('defaults to NATIONAL <your nation> until the nation releases it'),
});

/** Nations, a nation's page, offers (list, search, fetch, export, create). */
export const coalitionRoutes =
  ({ database, clock }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/nations',
      {
        schema: {
          tags: ['coalition'],
          summary: 'The coalition nations releasable to you, with delegation level and lead roles',
          response: {
            200: matches<Api.NationsResponse>()(
              z.object({
                nations: z.array(NationView),
                summary: z.object({ nations: z.number(), ledByHeads: z.number() }),
              }),
            ),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const [nations, offers, leads] = await asReader(
          database.db,
          reader,
          async (trx) => [await listNations(trx), await listOffers(trx), await listLeadRoles(trx)] as const,
        );
        return {
          nations: nations.map((n) => presentNation(n, offers, leads)),
          summary: {
            nations: nations.length,
            ledByHeads: nations.filter((n) => n.delegationLevel === 'head_of_state_or_government').length,
          },
        };
      },
    );

    r.get(
      '/api/nations/:iso3',
      {
        schema: {
          tags: ['coalition'],
          summary: "A nation's delegation, its offers and the missions it leads or joins",
          params: z.object({ iso3: z.string().regex(/^[A-Za-z]{3}$/, 'must be an ISO 3166-1 alpha-3 code') }),
          response: {
            200: matches<Api.NationResponse>()(
              z.object({ nation: NationView, offers: z.array(OfferView), missions: z.array(MissionView) }),
            ),
          },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const iso3 = request.params.iso3.toUpperCase();
        const ph = await readerPhrasing(database, request);
        const found = await asReader(database.db, reader, async (trx) => {
          const nation = await getNation(trx, iso3);
          if (!nation) return undefined;
          return {
            nation,
            offers: await listOffers(trx, { nation: iso3 }),
            leads: await listLeadRoles(trx, { nation: iso3 }),
            missions: await listMissions(trx, iso3),
          };
        });
        if (!found) throw new AppError('not_found', { key: 'coalition.nationNotFound', params: { iso3 } });
        return {
          nation: presentNation(found.nation, found.offers, found.leads),
          offers: found.offers.map((o) => presentOffer(o, ph)),
          missions: found.missions.map(presentMission),
        };
      },
    );

    const OfferQuery = z.strictObject({
      nation: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .optional(),
      capability: z.string().optional(),
      q: z.string().max(200).optional(),
    });

    r.get(
      '/api/offers',
      {
        schema: {
          tags: ['coalition'],
          summary: 'Offers releasable to you; `q` searches id, capability and description',
          querystring: OfferQuery,
          response: { 200: matches<Api.OffersResponse>()(z.object({ offers: z.array(OfferView) })) },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const offers = await asReader(database.db, reader, (trx) => listOffers(trx, request.query));
        const ph = await readerPhrasing(database, request);
        return { offers: offers.map((o) => presentOffer(o, ph)) };
      },
    );

    r.get(
      '/api/offers/:id',
      {
        schema: {
          tags: ['coalition'],
          summary: 'One offer; 404 when it does not exist or is not releasable to you',
          params: z.object({ id: z.string().max(64) }),
          response: { 200: OfferView },
        },
      },
      async (request) => {
        const { reader } = requireUser(request);
        const offer = await asReader(database.db, reader, (trx) => getOffer(trx, request.params.id));
        // The same answer for "absent" and "not releasable": existence itself must not leak.
        if (!offer)
          throw new AppError('not_found', { key: 'offers.notFound', params: { id: request.params.id } });
        return presentOffer(offer, await readerPhrasing(database, request));
      },
    );

    r.post(
      '/api/offers',
      {
        schema: {
          tags: ['coalition'],
          summary: 'A liaison records an offer for their own nation; it stays NATIONAL until released',
          body: OfferInput,
          response: { 201: OfferView },
        },
      },
      async (request, reply) => {
        const principal = requireRole(request, 'liaison');
        const input = request.body;
        if (input.nation !== principal.user.nation) {
          throw new AppError(
            'auth.forbidden',
            { key: 'coalition.otherNation', params: { mine: principal.user.nation, theirs: input.nation } },
            'body.nation',
          );
        }
        if (!CAPABILITIES.some((c) => c.id === input.capability)) {
          throw new AppError(
            'offer.capability_unknown',
            {
              key: 'coalition.unknownCapability',
              params: { capability: input.capability, choices: CAPABILITIES.map((c) => c.id).join(', ') },
            },
            'body.capability',
          );
        }
        const parsed = parseCaveats(input.caveats);
        if (!parsed.ok) {
          const problem = parsed.errors[0]!;
          throw new AppError('offer.caveat_invalid', problem.refusal, `body.${problem.field}`);
        }
        const caveats = parsed.caveats;
        const label =
          input.releasability === undefined
            ? ({ kind: 'NATIONAL', nation: input.nation } as const)
            : labelFromRequest(input.releasability, 'body.releasability');
        const offer = await asReader(database.db, principal.reader, (trx) =>
          insertOffer(
            trx,
            {
              nation: input.nation,
              capability: input.capability,
              quantity: input.quantity,
              unit: CAPABILITIES.find((c) => c.id === input.capability)!.unit,
              daysToDeploy: input.daysToDeploy,
              durationDays: input.durationDays,
              readiness: input.readiness,
              caveats,
              description: input.description,
            },
            label,
            { username: principal.user.username, nation: principal.user.nation, at: clock.now() },
          ),
        );
        request.log.info({ offer: offer.id, label: formatReleasability(label) }, 'offer created');
        return reply.status(201).send(presentOffer(offer));
      },
    );
  };
