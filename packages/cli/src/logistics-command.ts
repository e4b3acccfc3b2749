/**
 * `guarantor logistics networks|import-network|risk|plan` (issue 17, ADR 0036, 0037, 0048): the
 * route networks from a terminal. Import a GeoJSON line layer (snapped into a graph, crossings
 * split, a progress bar on a long file), list the networks, tell the riskiest segments in words,
 * and plan a convoy between two named places. With `--nation` every read runs as that nation
 * under row-level security, as the API would answer its users; messages follow GUARANTOR_LANG.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseReleasability, type Releasability } from '@guarantor/core/access';
import { DEFAULT_RISK_RULE, planConvoy, type RiskRule, routeGraph } from '@guarantor/core/logistics';
import {
  asReader,
  type GuarantorDatabase,
  listCheckpoints,
  listCorridors,
  listRouteNetworks,
  loadReferenceData,
  migrate,
  type RouteNetworkSummary,
  routeNetworkParts,
  saveRouteNetwork,
  segmentRisksSql,
} from '@guarantor/db';
import { openConfiguredDatabase, systemClock } from '@guarantor/server';
import { shippedCities } from '@guarantor/server/places';
import { phrasingFor } from '@guarantor/server/words';
import { type Command, InvalidArgumentError } from 'commander';
import { IMPORT_EXIT } from './import-command.ts';
import { say, words } from './messages.ts';
import { progressBar } from './progress.ts';
import type { TerritoryCommandDeps } from './territory-command.ts';

interface DbFlags {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly nation?: string;
}

type Trx = Parameters<Parameters<typeof asReader>[2]>[0];

/** A number option in a range, or an error naming the option. */
function numberIn(option: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max)
      throw new InvalidArgumentError(say('logisticsBadNumber', { option, value, min, max }));
    return n;
  };
}

function isoTime(value: string): string {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms))
    throw new InvalidArgumentError(say('logisticsBadTime', { option: '--depart', value }));
  return new Date(ms).toISOString();
}

const km = (m: number) => (m / 1000).toLocaleString(words.language, { maximumFractionDigits: 1 });
/** A node as people read it: its place name, else where it is. */
const nodeWords = (n: {
  readonly name: string | null;
  readonly position: readonly [number, number];
}): string => n.name ?? `${n.position[1].toFixed(3)}° N ${n.position[0].toFixed(3)}° E`;
const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Runs `work` as the nation (row-level security), or as the database's owner without one. */
function readAs<T>(
  database: GuarantorDatabase,
  nation: string | undefined,
  work: (trx: Trx) => Promise<T>,
): Promise<T> {
  if (nation) return asReader(database.db, { nation, coalitionMember: true }, work);
  return database.db.transaction().execute(work);
}

/** The network a user named (its id, or its name in any case), or an error naming the argument. */
async function networkNamed(trx: Trx, value: string): Promise<RouteNetworkSummary> {
  const all = await listRouteNetworks(trx);
  const found =
    all.find((n) => n.id === value) ?? all.find((n) => n.name.toLowerCase() === value.trim().toLowerCase());
  if (!found)
    throw new InvalidArgumentError(
      say('logisticsNoNetwork', {
        argument: '<network>',
        value,
        list: all.length === 0 ? words.t('common.none') : all.map((n) => `${n.id} "${n.name}"`).join(', '),
      }),
    );
  return found;
}

/** Registers `logistics …` on the program. */
export function registerLogisticsCommands(program: Command, deps: TerritoryCommandDeps): void {
  const group = program
    .command('logistics')
    .description('Logistics: route networks, route risk and convoy plans');
  const asNation = (cmd: Command) =>
    cmd.option(
      '--nation <iso3>',
      'read as this nation (row-level security), as the API would',
      deps.parseNation,
    );

  deps
    .dbOptions(asNation(group.command('networks').description('The route networks stored, newest first')))
    .action(async (opts: DbFlags) => {
      const database = await openConfiguredDatabase(deps.configFrom(opts));
      try {
        await migrate(database.db);
        const networks = await readAs(database, opts.nation, (trx) => listRouteNetworks(trx));
        if (networks.length === 0) console.log(say('logisticsNoNetworks'));
        for (const n of networks)
          console.log(
            say('logisticsNetworkLine', {
              id: n.id,
              name: n.name,
              segments: n.report.segments,
              nodes: n.report.nodes,
              releasability: n.releasability,
              illustrative: n.illustrative ? ` (${say('logisticsIllustrative')})` : '',
            }),
          );
      } finally {
        await database.close();
      }
    });

  deps
    .dbOptions(
      group
        .command('import-network <file>')
        .description(
          'Import a GeoJSON line layer as a route network: ends snapped within the tolerance, crossings split, the rest reported',
        )
        .option('--name <name>', 'its name (default: the file name)')
        .option(
          '--tolerance <m>',
          'line ends closer than this join one node (metres, 0–5000)',
          numberIn('--tolerance', 0, 5000),
          50,
        )
        .option(
          '--no-split-crossings',
          'keep lines that cross without a shared end apart (bridges, not junctions)',
        )
        .option('--label <label>', 'releasability', 'COALITION')
        .option('--nation <iso3>', 'the importing nation (audit)', deps.parseNation),
    )
    .addHelpText(
      'after',
      '\nExit status: 0 stored; 1 wrong flags, an unreadable file or no database; 2 refused (nothing stored).\nExample: guarantor logistics import-network roads.geojson --name "Main supply routes" --tolerance 30',
    )
    .action(
      async (
        file: string,
        opts: DbFlags & { name?: string; tolerance: number; splitCrossings: boolean; label: string },
      ) => {
        let label: Releasability;
        try {
          label = parseReleasability(opts.label);
        } catch (error) {
          throw new InvalidArgumentError(`--label: ${(error as Error).message}`);
        }
        let json: unknown;
        try {
          console.error(`  ${say('logisticsReading', { file, kb: Math.round(statSync(file).size / 1024) })}`);
          json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
        } catch (error) {
          throw new InvalidArgumentError(`${file}: ${(error as Error).message}`);
        }
        const database = await openConfiguredDatabase(deps.configFrom(opts));
        try {
          await migrate(database.db);
          // Lines far from Ukraine are set aside against its outline (reference data).
          await loadReferenceData(database.db);
          console.error(`  ${say('logisticsSnapping')}`);
          const features = Array.isArray((json as { features?: unknown[] })?.features)
            ? (json as { features: unknown[] }).features.length
            : 1;
          const bar = progressBar(say('logisticsFeatures'), features);
          const result = await database.db.transaction().execute((trx) =>
            saveRouteNetwork(trx, json, {
              name: opts.name ?? basename(file).replace(/\.[^.]+$/, ''),
              toleranceM: opts.tolerance,
              splitCrossings: opts.splitCrossings,
              kind: 'import',
              illustrative: false,
              places: shippedCities().map((c) => ({ name: c.name, position: c.position })),
              placeRadiusM: 5000,
              label,
              actor: { username: `cli:${process.env.USER ?? 'unknown'}`, nation: opts.nation ?? null },
              at: systemClock.now(),
              onProgress: (done) => bar.update(done),
            }),
          );
          bar.update(features);
          bar.stop();
          if (!result.ok) {
            console.log(
              say('logisticsRefused', {
                file,
                field: `${result.problem.feature >= 0 ? `features[${result.problem.feature}].` : ''}${result.problem.field}`,
                reason: result.problem.reason,
              }),
            );
            process.exitCode = IMPORT_EXIT.refused;
            return;
          }
          const r = result.network.report;
          console.log(
            say('logisticsImported', {
              id: result.network.id,
              name: result.network.name,
              segments: r.segments,
              nodes: r.nodes,
              crossings: r.crossings?.length ?? 0,
              snapped: r.snapped.length,
              skipped: r.skipped.length,
              pieces: r.pieces.length,
            }),
          );
          for (const s of r.skipped.slice(0, 20))
            console.error(
              `  ${say('logisticsSkipped', { feature: s.feature, field: s.field, reason: s.reason })}`,
            );
          process.exitCode = IMPORT_EXIT.ok;
        } finally {
          await database.close();
        }
      },
    );

  deps
    .dbOptions(
      asNation(
        group
          .command('risk <network>')
          .description('The riskiest segments of a network, in words, with the incidents behind each score')
          .option('--top <n>', 'how many segments', numberIn('--top', 1, 1000), 10)
          .option(
            '--radius-km <km>',
            'incidents within this distance',
            numberIn('--radius-km', 0.1, 100),
            DEFAULT_RISK_RULE.radiusKm,
          )
          .option(
            '--days <n>',
            'incidents of the last this many days',
            numberIn('--days', 1, 3650),
            DEFAULT_RISK_RULE.days,
          ),
      ),
    )
    .addHelpText('after', '\nExample: guarantor logistics risk net-1 --top 5 --nation FRA')
    .action(async (network: string, opts: DbFlags & { top: number; radiusKm: number; days: number }) => {
      const rule: RiskRule = { ...DEFAULT_RISK_RULE, radiusKm: opts.radiusKm, days: Math.round(opts.days) };
      const asOf = systemClock.now();
      const database = await openConfiguredDatabase(deps.configFrom(opts));
      try {
        await migrate(database.db);
        const out = await readAs(database, opts.nation, async (trx) => {
          const n = await networkNamed(trx, network);
          const parts = (await routeNetworkParts(trx, n.id))!;
          const risk = (await segmentRisksSql(trx, n.id, rule, asOf))!;
          return { n, parts, risk };
        });
        const names = new Map(out.parts.nodes.map((x) => [x.id, nodeWords(x)]));
        const bySegment = new Map<string, typeof out.risk.contributions>();
        for (const c of out.risk.contributions)
          bySegment.set(c.segmentId, [...(bySegment.get(c.segmentId) ?? []), c]);
        const ranked = out.parts.segments
          .map((s) => ({ s, score: out.risk.scores.get(s.id) ?? 0 }))
          .filter((x) => x.score > 0)
          .sort((a, b) => b.score - a.score || (a.s.id < b.s.id ? -1 : 1))
          .slice(0, opts.top);
        console.log(
          say('logisticsRiskHead', {
            name: out.n.name,
            id: out.n.id,
            asOf: utc(asOf.getTime()),
            radiusKm: rule.radiusKm,
            days: rule.days,
            count: ranked.length,
          }),
        );
        if (ranked.length === 0) console.log(`  ${say('logisticsRiskQuiet')}`);
        ranked.forEach(({ s, score }, i) => {
          const incidents = bySegment.get(s.id) ?? [];
          const heaviest = [...incidents].sort((a, b) => b.weight - a.weight || a.distanceM - b.distanceM)[0];
          console.log(
            `  ${say('logisticsRiskLine', {
              rank: i + 1,
              segment: s.name ? `${s.id} "${s.name}"` : s.id,
              from: names.get(s.from),
              to: names.get(s.to),
              km: km(s.lengthM),
              score,
              count: incidents.length,
              heaviest: heaviest
                ? say('logisticsRiskHeaviest', {
                    category: words.t(`common.category.${heaviest.category}`),
                    state: words.t(`common.state.${heaviest.state}`),
                    km: km(heaviest.distanceM),
                    id: heaviest.incidentId,
                  })
                : '',
            })}`,
          );
        });
        if (out.n.illustrative) console.log(`  ${say('logisticsIllustrative')}`);
      } finally {
        await database.close();
      }
    });

  deps
    .dbOptions(
      asNation(
        group
          .command('plan <network>')
          .description('Plan a convoy between two places of a network (a place name, or a node id)')
          .requiredOption('--from <place>', 'where the convoy starts')
          .requiredOption('--to <place>', 'where it goes')
          .option('--depart <time>', 'departure, ISO 8601 UTC (default: now)', isoTime)
          .option(
            '--max-risk <score>',
            'avoid segments whose risk is above this',
            numberIn('--max-risk', 0, 1e6),
            5,
          )
          .option('--speed <kmh>', 'average convoy speed (km/h)', numberIn('--speed', 1, 200), 40)
          .option(
            '--max-wait <min>',
            'longest wait, in all, at checkpoints outside their shifts (minutes)',
            numberIn('--max-wait', 0, 10080),
            0,
          ),
      ),
    )
    .addHelpText(
      'after',
      '\nExample: guarantor logistics plan net-1 --from Lviv --to Kharkiv --depart 2026-12-08T06:00Z --max-wait 60',
    )
    .action(
      async (
        network: string,
        opts: DbFlags & {
          from: string;
          to: string;
          depart?: string;
          maxRisk: number;
          speed: number;
          maxWait: number;
        },
      ) => {
        const depart = opts.depart ? new Date(opts.depart) : systemClock.now();
        const database = await openConfiguredDatabase(deps.configFrom(opts));
        try {
          await migrate(database.db);
          const out = await readAs(database, opts.nation, async (trx) => {
            const n = await networkNamed(trx, network);
            const parts = (await routeNetworkParts(trx, n.id))!;
            const risk = (await segmentRisksSql(trx, n.id, DEFAULT_RISK_RULE, depart))!;
            const checkpoints = await listCheckpoints(trx);
            const corridors = (await listCorridors(trx)).filter((c) => c.networkId === n.id);
            return { n, parts, risk, checkpoints, corridors };
          });
          const place = (option: string, value: string) => {
            const v = value.trim().toLowerCase();
            const node =
              out.parts.nodes.find((x) => x.id === value) ??
              out.parts.nodes.find((x) => x.name !== null && x.name.toLowerCase() === v);
            if (!node) {
              const named = out.parts.nodes.filter((x) => x.name).map((x) => x.name!);
              throw new InvalidArgumentError(
                say('logisticsNoPlace', {
                  option,
                  value,
                  network: out.n.id,
                  places:
                    named.length === 0
                      ? words.t('common.none')
                      : `${named.slice(0, 30).join(', ')}${named.length > 30 ? ', …' : ''}`,
                }),
              );
            }
            return node;
          };
          const from = place('--from', opts.from);
          const to = place('--to', opts.to);
          const nodeIds = new Set(out.parts.nodes.map((x) => x.id));
          const plan = planConvoy(
            routeGraph(
              out.parts.nodes,
              out.parts.segments.map((s) => ({
                id: s.id,
                from: s.from,
                to: s.to,
                lengthM: s.lengthM,
                risk: 0,
              })),
            ),
            {
              from: from.id,
              to: to.id,
              maxRisk: opts.maxRisk,
              departMs: depart.getTime(),
              speedKmh: opts.speed,
              maxWaitMin: opts.maxWait,
              risks: out.risk.scores,
              checkpoints: out.checkpoints
                .filter((c) => c.nodeId !== null && nodeIds.has(c.nodeId))
                .map((c) => ({
                  id: c.id,
                  name: c.name,
                  nodeId: c.nodeId!,
                  status: c.status,
                  shifts: c.shifts,
                })),
              corridors: out.corridors.map((c) => ({
                id: c.id,
                name: c.name,
                segmentIds: c.segmentIds,
                windows: c.windows.map((w) => ({
                  startMs: w.start.getTime(),
                  endMs: w.end.getTime(),
                  status: w.status,
                })),
              })),
            },
            phrasingFor(words.language),
          );
          const nameOf = new Map(out.parts.nodes.map((x) => [x.id, nodeWords(x)]));
          const via = (nodes: readonly string[]) => nodes.map((x) => nameOf.get(x) ?? x).join(' → ');
          const fromName = nodeWords(from);
          const toName = nodeWords(to);
          if (!plan.route) {
            console.log(say('logisticsPlanNone', { from: fromName, to: toName, problem: plan.problem }));
            process.exitCode = 2;
          } else {
            console.log(
              say('logisticsPlanRoute', {
                from: fromName,
                to: toName,
                km: km(plan.route.lengthM),
                via: via(plan.route.nodes),
                arrive: utc(plan.route.arriveMs),
                risk: plan.route.maxRisk,
              }),
            );
            for (const w of plan.route.waits)
              console.log(
                `  ${say('logisticsPlanWait', {
                  minutes: Math.round((w.leaveMs - w.arriveMs) / 60_000),
                  name: w.name,
                  arrive: utc(w.arriveMs),
                  leave: utc(w.leaveMs),
                })}`,
              );
          }
          for (const r of plan.rejected)
            console.log(
              `  ${say('logisticsPlanRejected', { via: via(r.route.nodes), km: km(r.route.lengthM), reasons: r.reasons.join('; ') })}`,
            );
          if (plan.tooRisky.length > 0)
            console.log(`  ${say('logisticsTooRisky', { count: plan.tooRisky.length, max: opts.maxRisk })}`);
          if (out.n.illustrative) console.log(`  ${say('logisticsIllustrative')}`);
        } finally {
          await database.close();
        }
      },
    );
}
