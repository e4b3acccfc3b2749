/**
 * The public transparency page's data (issue 18, ADR 0033): no login, PUBLIC records only.
 * Every read runs as the database role `guarantor_anon`, whose row-level security admits PUBLIC
 * rows whatever the request carries, so a signed-in caller gets the same answer as anyone.
 * Answers are the same for everyone, so they are cached in the server for
 * PUBLIC_CACHE_SECONDS and carry an ETag (a 304 answers If-None-Match) and Cache-Control.
 */
import { createHash } from 'node:crypto';
import type * as Api from '@guarantor/core/api';
import { CAPABILITIES } from '@guarantor/core/coalition';
import {
  dacSectorName,
  type FlowStage,
  figures,
  formatMinor,
  MissingRateError,
  rateBook,
  toEur,
} from '@guarantor/core/finance';
import type { Selection } from '@guarantor/core/phases';
import { nationName } from '@guarantor/core/reference';
import {
  asAnonymous,
  financeSummary,
  loadRates,
  publicChanges,
  releasedForces,
  sectorGroups,
  sectorNames,
} from '@guarantor/db';
import { combinedSectorFacts } from '@guarantor/db/phases';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../app.ts';
import { csvText } from '../exports/table.ts';
import { chartCondition, dailySeries } from '../phases/board.ts';
import { gateState } from '../phases/gate.ts';
import { transparencyHtml } from '../transparency/page.ts';
import { matches } from './contract.ts';

/** Days of violation counts the page shows per sector. */
const SERIES_DAYS = 30;
/** Changes the feed lists. */
const FEED_ITEMS = 50;
/** When no released rule names what to count: verified violations of every category, anywhere in the sector. */
const VERIFIED: Selection = { level: 'verified', categories: null, zone: null };

const STATUS_WORDS = {
  holding: 'holding: the released rules pass',
  fragile: 'fragile: a released rule is close to failing',
  broken: 'broken: a released rule fails',
} as const;

const MoneyRow = z.object({
  key: z.string(),
  name: z.string(),
  promised: z.string(),
  delivered: z.string(),
  ratio: z.string().nullable(),
  flows: z.number().int(),
});

const TransparencyView = matches<Api.TransparencyResponse>()(
  z.object({
    asOf: z.string(),
    currency: z.literal('EUR'),
    byDonor: z.array(MoneyRow),
    bySector: z.array(MoneyRow),
    unconverted: z.number().int(),
    phase: z.string().nullable(),
    rulesReleased: z.number().int(),
    sectors: z.array(
      z.object({
        sector: z.string(),
        name: z.string(),
        status: z.enum(['holding', 'fragile', 'broken']).nullable(),
        statusWords: z.string(),
        days: z.array(z.object({ date: z.string(), verifiedViolations: z.number(), monitored: z.boolean() })),
      }),
    ),
    patrols: z.object({
      missions: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          leadNation: z.string().nullable(),
          contributors: z.array(z.string()),
        }),
      ),
      contributions: z.array(
        z.object({
          nation: z.string(),
          capability: z.string(),
          quantity: z.number().int(),
          unit: z.string(),
          lifecycle: z.string(),
          monitoring: z.boolean(),
        }),
      ),
      monitoringTeamsDeployed: z.number().int(),
      monitoringTeamsOffered: z.number().int(),
    }),
  }),
);

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
const FeedView = z.object({
  version: z.literal('https://jsonfeed.org/version/1.1'),
  title: z.string(),
  home_page_url: z.string(),
  feed_url: z.string(),
  description: z.string(),
  language: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      content_text: z.string(),
      date_published: z.string(),
      url: z.string(),
      tags: z.array(z.string()),
    }),
  ),
});

/** The charts whose data is downloadable, and their columns. */
export const PUBLIC_CHARTS = ['donors', 'sectors', 'ceasefire', 'patrols'] as const;
type Chart = (typeof PUBLIC_CHARTS)[number];

const ChartView = z.object({
  chart: z.enum(PUBLIC_CHARTS),
  asOf: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});

const CAPABILITY = new Map(CAPABILITIES.map((c) => [c.id, c]));
const words = (code: string) => code.replaceAll('_', ' ');

/** The rows of one chart's data. */
function chartRows(
  t: Api.TransparencyResponse,
  chart: Chart,
): { columns: string[]; rows: (string | number | boolean | null)[][] } {
  const money = (rows: readonly Api.PublicMoneyRow[], what: string) => ({
    columns: [what, `${what} code`, 'promised_eur', 'delivered_eur', 'ratio_delivered_promised', 'flows'],
    rows: rows.map((r) => [r.name, r.key, r.promised, r.delivered, r.ratio, r.flows]),
  });
  switch (chart) {
    case 'donors':
      return money(t.byDonor, 'donor');
    case 'sectors':
      return money(t.bySector, 'sector');
    case 'ceasefire':
      return {
        columns: ['sector', 'sector code', 'status', 'date', 'verified_violations', 'monitored'],
        rows: t.sectors.flatMap((s) =>
          s.days.map((d) => [
            s.name,
            s.sector,
            s.status ?? 'not judged',
            d.date,
            d.verifiedViolations,
            d.monitored,
          ]),
        ),
      };
    case 'patrols':
      return {
        columns: ['nation', 'capability', 'quantity', 'unit', 'lifecycle', 'monitoring'],
        rows: t.patrols.contributions.map((c) => [
          c.nation,
          c.capability,
          c.quantity,
          c.unit,
          c.lifecycle,
          c.monitoring,
        ]),
      };
  }
}

/** A cached answer: the bytes, their type and ETag, and when they go stale. */
interface Cached {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
  readonly expires: number;
}

export const transparencyRoutes =
  ({ database, clock, config }: RouteDeps): FastifyPluginAsync =>
  async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const ttlMs = config.PUBLIC_CACHE_SECONDS * 1000;
    const cache = new Map<string, Cached>();
    const pending = new Map<string, Promise<Cached>>();

    /** Answers from the cache or computes once (concurrent misses share one computation), with ETag and 304. */
    async function answer(
      request: FastifyRequest,
      reply: FastifyReply,
      key: string,
      type: string,
      compute: () => Promise<string>,
    ): Promise<FastifyReply> {
      const now = Date.now();
      let hit = cache.get(key);
      if (!hit || hit.expires <= now) {
        let job = pending.get(key);
        if (!job) {
          job = (async () => {
            const text = await compute();
            const body = Buffer.from(text);
            const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
            const entry = { body, type, etag, expires: Date.now() + ttlMs };
            if (ttlMs > 0) cache.set(key, entry);
            return entry;
          })().finally(() => pending.delete(key));
          pending.set(key, job);
        }
        hit = await job;
      }
      const maxAge = Math.max(0, Math.round(ttlMs / 1000));
      reply
        .header('etag', hit.etag)
        .header('cache-control', `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 2}`)
        .header('content-type', hit.type);
      const asked = request.headers['if-none-match'];
      if (asked?.split(',').some((t) => t.trim().replace(/^W\//, '') === hit.etag)) {
        return reply.code(304).send();
      }
      return reply.send(hit.body);
    }

    /** Everything the page shows, read as the anonymous role. */
    async function transparency(): Promise<Api.TransparencyResponse> {
      const asOf = clock.now().toISOString().slice(0, 10);
      const read = await asAnonymous(database.db, async (trx) => ({
        summary: await financeSummary(trx, { byMonth: false }),
        sectors: await sectorGroups(trx),
        rates: await loadRates(trx),
        gate: await gateState(trx, combinedSectorFacts, asOf),
        names: await sectorNames(trx),
        forces: await releasedForces(trx),
      }));
      const book = rateBook(read.rates);
      const donors = new Map(read.summary.donors.map((d) => [d.code, d.name]));
      const byDonor = read.summary.rows
        .filter((row) => row.category === 'all')
        .map((row) => ({
          key: row.donor,
          name: donors.get(row.donor) ?? nationName(row.donor) ?? row.donor,
          promised: formatMinor(row.promised, 'EUR'),
          delivered: formatMinor(row.delivered, 'EUR'),
          ratio: row.ratio,
          flows: row.flows,
        }));
      const field = {
        pledge: 'pledged',
        commitment: 'committed',
        allocation: 'allocated',
        disbursement: 'disbursed',
        expenditure: 'spent',
      } as const satisfies Record<FlowStage, string>;
      const sums = new Map<
        string,
        {
          pledged: bigint;
          committed: bigint;
          allocated: bigint;
          disbursed: bigint;
          spent: bigint;
          flows: number;
        }
      >();
      const unconverted = read.summary.unconverted.length;
      for (const g of read.sectors) {
        const key = g.sectorCode ?? `category:${g.category ?? 'unsplit'}`;
        let eur: bigint;
        try {
          eur = toEur(book, g.amountMinor, g.currency, g.date).minor;
        } catch (error) {
          // The same sums are counted once, per donor, in the summary's `unconverted`.
          if (!(error instanceof MissingRateError)) throw error;
          continue;
        }
        const s = sums.get(key) ?? {
          pledged: 0n,
          committed: 0n,
          allocated: 0n,
          disbursed: 0n,
          spent: 0n,
          flows: 0,
        };
        s[field[g.stage]] += eur;
        s.flows += g.flows;
        sums.set(key, s);
      }
      const bySector = [...sums]
        .map(([key, s]) => {
          const f = figures(s);
          const name = key.startsWith('category:')
            ? `${words(key.slice(9))} aid (no sector given)`
            : dacSectorName(key);
          return {
            key,
            name: name.charAt(0).toUpperCase() + name.slice(1),
            promised: formatMinor(f.promised, 'EUR'),
            delivered: formatMinor(f.delivered, 'EUR'),
            ratio: f.ratio,
            flows: f.flows,
            order: f.promised,
          };
        })
        .sort((a, b) => (a.order === b.order ? (a.key < b.key ? -1 : 1) : a.order > b.order ? -1 : 1))
        .map(({ order: _, ...row }) => row);
      const gate = read.gate;
      const judged = gate.deploymentRules.some((id) => gate.rules.get(id)?.compiled);
      const chart = chartCondition(gate);
      const selection = chart?.condition.selection ?? VERIFIED;
      const sectors = gate.standings.map((s) => ({
        sector: s.sector,
        name: read.names.get(s.sector) ?? s.sector,
        status: judged ? s.status : null,
        statusWords: judged
          ? STATUS_WORDS[s.status]
          : 'not judged: the coalition has released no ceasefire rule',
        days: dailySeries(gate.facts, s.sector, { ...selection, level: 'verified' }, asOf, SERIES_DAYS).map(
          (d) => ({
            date: d.date,
            verifiedViolations: d.count,
            monitored: d.monitored,
          }),
        ),
      }));
      const monitoring = (capability: string) =>
        CAPABILITY.get(capability)?.roles.includes('monitoring') ?? false;
      const contributions = read.forces.offers.map((o) => ({
        nation: nationName(o.nation) ?? o.nation,
        capability: CAPABILITY.get(o.capability)?.name ?? words(o.capability),
        quantity: o.quantity,
        unit: o.unit,
        lifecycle: o.lifecycle,
        monitoring: monitoring(o.capability),
      }));
      const teams = (deployed: boolean) =>
        read.forces.offers
          .filter(
            (o) =>
              o.capability === 'monitoring_team' &&
              (deployed ? o.lifecycle === 'deployed' : o.lifecycle !== 'withdrawn'),
          )
          .reduce((n, o) => n + o.quantity, 0);
      return {
        asOf,
        currency: 'EUR',
        byDonor,
        bySector,
        unconverted,
        phase: gate.phaseRecord ? words(gate.phase) : null,
        rulesReleased: [...gate.rules.values()].filter((x) => x.compiled).length,
        sectors,
        patrols: {
          missions: read.forces.missions.map((m) => ({
            id: m.id,
            name: m.name,
            leadNation: m.leadNation ? (nationName(m.leadNation) ?? m.leadNation) : null,
            contributors: m.contributors.map((c) => nationName(c) ?? c),
          })),
          contributions,
          monitoringTeamsDeployed: teams(true),
          monitoringTeamsOffered: teams(false),
        },
      };
    }

    const headers = z.object({ 'if-none-match': z.string().optional() });
    const notModified = { 304: z.null().describe('Not modified: the ETag you sent is current') };

    r.get(
      '/api/public/transparency',
      {
        schema: {
          tags: ['public'],
          summary:
            'The public transparency page: pledged vs delivered by donor and sector, ceasefire status per sector with daily verified violations, and promises into patrols (PUBLIC records only, no login)',
          headers,
          response: { 200: TransparencyView, ...notModified },
        },
      },
      async (request, reply) =>
        answer(request, reply, 'page', 'application/json; charset=utf-8', async () =>
          JSON.stringify(await transparency()),
        ),
    );

    r.get(
      '/public',
      {
        schema: {
          tags: ['public'],
          summary: 'The public transparency page as HTML (no login, no script; prints, and reads on a phone)',
          headers,
          produces: ['text/html'],
        },
      },
      async (request, reply) =>
        answer(request, reply, 'page.html', 'text/html; charset=utf-8', async () =>
          transparencyHtml(await transparency()),
        ),
    );

    for (const chart of PUBLIC_CHARTS) {
      r.get(
        `/api/public/${chart}.json`,
        {
          schema: {
            tags: ['public'],
            summary: `The data behind the public page's ${chart} chart, as JSON`,
            headers,
            response: { 200: ChartView, ...notModified },
          },
        },
        async (request, reply) =>
          answer(request, reply, `${chart}.json`, 'application/json; charset=utf-8', async () => {
            const t = await transparency();
            return JSON.stringify({ chart, asOf: t.asOf, ...chartRows(t, chart) });
          }),
      );
      r.get(
        `/api/public/${chart}.csv`,
        {
          schema: {
            tags: ['public'],
            summary: `The data behind the public page's ${chart} chart, as CSV (UTF-8 with BOM)`,
            headers,
            produces: ['text/csv'],
          },
        },
        async (request, reply) => {
          reply.header('content-disposition', `attachment; filename="guarantor-public-${chart}.csv"`);
          return answer(request, reply, `${chart}.csv`, 'text/csv; charset=utf-8', async () => {
            const { columns, rows } = chartRows(await transparency(), chart);
            return csvText([columns, ...rows]);
          });
        },
      );
    }

    r.get(
      '/api/public/feed.json',
      {
        schema: {
          tags: ['public'],
          summary: 'Changes to what the public page shows, newest first, as a JSON Feed 1.1',
          headers,
          response: { 200: FeedView, ...notModified },
        },
      },
      async (request, reply) => {
        const base = `${request.protocol}://${request.host}`;
        return answer(request, reply, `feed ${base}`, 'application/feed+json; charset=utf-8', async () => {
          const changes = await asAnonymous(database.db, (trx) => publicChanges(trx, FEED_ITEMS));
          const names = await asAnonymous(database.db, (trx) => sectorNames(trx));
          const item = (c: (typeof changes)[number]) => {
            switch (c.kind) {
              case 'finance':
                return {
                  title: `Finance records published: ${c.subject}`,
                  text: `${c.count} public finance record${c.count === 1 ? '' : 's'} from ${c.subject}.`,
                  tag: 'finance',
                };
              case 'sector_status':
                return {
                  title: `${names.get(c.subject) ?? c.subject}: ${c.detail}`,
                  text: `The ceasefire status of ${names.get(c.subject) ?? c.subject} is ${c.detail}.`,
                  tag: 'ceasefire',
                };
              case 'phase':
                return {
                  title: `Campaign phase: ${words(c.subject)}`,
                  text: `The campaign entered the phase ${words(c.subject)} ${c.detail}.`,
                  tag: 'phase',
                };
              case 'deployment':
                return {
                  title: `${nationName(c.subject) ?? c.subject} deployed ${c.count} × ${CAPABILITY.get(c.detail)?.name ?? words(c.detail)}`,
                  text: `${nationName(c.subject) ?? c.subject} deployed ${c.count} × ${CAPABILITY.get(c.detail)?.name ?? words(c.detail)}.`,
                  tag: 'patrols',
                };
            }
          };
          return JSON.stringify({
            version: 'https://jsonfeed.org/version/1.1',
            title: 'Guarantor: public changes',
            home_page_url: `${base}/public`,
            feed_url: `${base}/api/public/feed.json`,
            description:
              'What the coalition has released: finance records, ceasefire status, phases and deployments.',
            language: 'en',
            items: changes.map((c) => {
              const i = item(c);
              return {
                id: `${base}/public#${c.key}`,
                title: i.title,
                content_text: i.text,
                date_published: c.at.toISOString(),
                url: `${base}/public`,
                tags: [i.tag],
              };
            }),
          });
        });
      },
    );
  };
