/**
 * `guarantor sustainment plan|list|show|export`: sustainment plans (issue 19) from the terminal.
 * `plan` computes and stores one as `POST /api/sustainment-plans` does, read as the nation named
 * (its releasability) and numbered by it; `list`, `show` and `export` read as the nation named,
 * or as the database owner (everything) without one. `show` says the mandate cliffs in words.
 */
import { writeFileSync } from 'node:fs';
import type { Phrasing } from '@guarantor/core/i18n/words';
import { monthKey, monthNumber } from '@guarantor/core/planning';
import {
  asReader,
  getSustainmentPlan,
  isCoalitionMember,
  listSustainmentPlans,
  migrate,
  type ReaderContext,
} from '@guarantor/db';
import { type Config, openConfiguredDatabase, systemClock } from '@guarantor/server';
import { runSustainmentPlan } from '@guarantor/server/planning/sustainment-run';
import { sustainmentWorkbook } from '@guarantor/server/planning/sustainment-workbook';
import { presentSustainmentPlan } from '@guarantor/server/routes/planning/sustainment-views';
import { phrasingFor } from '@guarantor/server/words';
import { type Command, InvalidArgumentError } from 'commander';
import { say, words } from './messages.ts';
import { progressBar } from './progress.ts';

/** What the sustainment commands borrow from main.ts. */
export interface SustainmentCommandDeps {
  readonly dbOptions: (cmd: Command) => Command;
  readonly configFrom: (opts: { dataDir?: string; databaseUrl?: string }) => Config;
  readonly where: (config: Config) => string;
  readonly parseNation: (value: string) => string;
}

interface Flags {
  readonly nation?: string;
  readonly dataDir?: string;
  readonly databaseUrl?: string;
}

interface PlanFlags extends Flags {
  readonly months: string;
  readonly start?: string;
  readonly timeLimit: string;
  readonly method: string;
  readonly overlapDays: string;
  readonly assumeRenewal: boolean;
  readonly title: string;
}

const STATUS_KEY = {
  optimal: 'planStatusOptimal',
  time_limited: 'planStatusTimeLimited',
  heuristic: 'planStatusHeuristic',
  greedy: 'planStatusGreedy',
} as const;
const CAUSE_KEY = {
  mandate_end: 'causeMandateEnd',
  mandate_renewal: 'causeMandateRenewal',
  rotation: 'causeRotation',
  duration: 'causeDuration',
} as const;

const pct = (x: number) =>
  new Intl.NumberFormat(words.locale, { style: 'percent', maximumFractionDigits: 1 }).format(x);
/** "January 2027", "січень 2027 р.", "janvier 2027". */
const monthWords = (month: string) =>
  new Intl.DateTimeFormat(words.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );

/** A whole number from `min` to `max`, else the option named in words. */
function wholeNumber(value: string, min: number, max: number, key: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || n < min || n > max)
    throw new InvalidArgumentError(say(key, { value }));
  return n;
}

async function withReader<T>(
  opts: Flags,
  deps: SustainmentCommandDeps,
  work: (db: Parameters<typeof migrate>[0], reader: ReaderContext | null) => Promise<T>,
): Promise<T> {
  const database = await openConfiguredDatabase(deps.configFrom(opts));
  try {
    await migrate(database.db);
    const reader = opts.nation
      ? { nation: opts.nation, coalitionMember: await isCoalitionMember(database.db, opts.nation) }
      : null;
    return await work(database.db, reader);
  } finally {
    await database.close();
  }
}

/** One stored plan in words, or the error naming the <id> argument. */
/** One plan as the API presents it; its sentences in `ph`'s language (English, as stored, when not given). */
async function planView(id: string, opts: Flags, deps: SustainmentCommandDeps, ph?: Phrasing) {
  const plan = await withReader(opts, deps, (db, reader) =>
    reader
      ? asReader(db, reader, (trx) => getSustainmentPlan(trx, id))
      : db.transaction().execute((trx) => getSustainmentPlan(trx, id)),
  );
  if (!plan)
    throw new InvalidArgumentError(
      opts.nation
        ? say('noSustainmentPlanFor', { id, nation: opts.nation })
        : say('noSustainmentPlan', { id }),
    );
  return presentSustainmentPlan(plan, ph);
}

export function registerSustainmentCommands(program: Command, deps: SustainmentCommandDeps): void {
  const sustainment = program
    .command('sustainment')
    .description('Sustainment plans over years: rotations, handovers and mandate cliffs (ADR 0030)');
  const readAs = (cmd: Command) =>
    cmd.option('--nation <iso3>', 'read as this nation reads (its releasability)', deps.parseNation);

  deps
    .dbOptions(
      sustainment
        .command('plan')
        .description(
          'Compute and store a sustainment plan over the coming months from what the nation may read (HiGHS, or the rolling-horizon planner with --method greedy)',
        )
        .option(
          '--nation <iso3>',
          'the nation the plan is computed for and numbered by (required)',
          deps.parseNation,
        )
        .option('--months <n>', 'months of the horizon, 1 to 60', '36')
        .option('--start <YYYY-MM>', 'first month (default: next month)')
        .option('--time-limit <s>', 'seconds HiGHS may take, 0.1 to 60', '10')
        .option('--method <method>', 'optimal (HiGHS) or greedy (rolling horizon)', 'optimal')
        .option('--overlap-days <n>', 'days of overlap at a relief in place', '14')
        .option('--no-assume-renewal', 'plan mandates whose renewal is expected as ending')
        .option('--title <text>', 'a title for the plan', ''),
    )
    .addHelpText('after', '\nExit status: 0 stored; 1 wrong flags or no database.')
    .action(async (opts: PlanFlags) => {
      const months = wholeNumber(opts.months, 1, 60, 'badMonths');
      const timeLimitS = Number(opts.timeLimit);
      if (!/^\d+(\.\d+)?$/.test(opts.timeLimit.trim()) || timeLimitS < 0.1 || timeLimitS > 60)
        throw new InvalidArgumentError(say('badTimeLimit', { value: opts.timeLimit }));
      if (opts.method !== 'optimal' && opts.method !== 'greedy')
        throw new InvalidArgumentError(say('badMethod', { value: opts.method }));
      const overlapDays = wholeNumber(opts.overlapDays, 0, 60, 'badOverlap');
      const now = systemClock.now();
      const start = opts.start ?? monthKey(now.getUTCFullYear() * 12 + now.getUTCMonth() + 1);
      if (Number.isNaN(monthNumber(start)))
        throw new InvalidArgumentError(say('badStartMonth', { value: start }));
      if (!opts.nation) throw new InvalidArgumentError(say('needPlanNation'));
      const nation = opts.nation;
      console.error(
        say('sustainmentPlanning', {
          months,
          start: monthWords(start),
          method: opts.method,
          seconds: words.number(timeLimitS, Number.isInteger(timeLimitS) ? 0 : 1),
        }),
      );
      // HiGHS reports no progress of its own: the bar runs over the time limit it was given.
      const total = Math.round(timeLimitS * 1000);
      const bar = opts.method === 'optimal' ? progressBar('solving', Math.max(total, 1000)) : undefined;
      const began = performance.now();
      const tick = bar
        ? setInterval(() => bar.update(Math.min(total, performance.now() - began)), 250)
        : undefined;
      const config = deps.configFrom(opts);
      try {
        const plan = await withReader(opts, deps, (db, reader) =>
          runSustainmentPlan(
            db,
            reader,
            {
              title: opts.title,
              method: opts.method as 'optimal' | 'greedy',
              horizonStart: start,
              horizonMonths: months,
              overlapDays,
              assumeRenewal: opts.assumeRenewal,
              timeLimitS,
            },
            { username: `cli:${process.env.USER ?? 'unknown'}`, nation, at: now },
          ),
        );
        if (tick) clearInterval(tick);
        bar?.update(total);
        bar?.stop();
        console.log(
          say('sustainmentStored', {
            id: plan.id,
            status: say(STATUS_KEY[plan.status]),
            coverage: pct(plan.result.metrics.coverage),
            ceiling: pct(plan.result.proof.coverageCeiling),
            cliffs: plan.result.cliffs.length,
            short: plan.result.uncovered.length,
            where: deps.where(config),
          }),
        );
      } finally {
        if (tick) clearInterval(tick);
      }
    });

  deps
    .dbOptions(readAs(sustainment.command('list').description('Stored sustainment plans, newest first')))
    .action(async (opts: Flags) => {
      const plans = await withReader(opts, deps, (db, reader) =>
        reader
          ? asReader(db, reader, (trx) => listSustainmentPlans(trx))
          : db.transaction().execute((trx) => listSustainmentPlans(trx)),
      );
      if (plans.length === 0) console.log(say('noSustainmentPlans'));
      for (const p of plans)
        console.log(
          say('sustainmentLine', {
            id: p.id,
            title: p.title || '-',
            months: p.horizonMonths,
            start: monthWords(p.horizonStart),
            coverage: pct(p.coverage),
            status: say(STATUS_KEY[p.status]),
            label: p.releasability,
          }),
        );
    });

  deps
    .dbOptions(
      readAs(
        sustainment
          .command('show <id>')
          .description('One sustainment plan: its figures and its mandate cliffs in words'),
      ),
    )
    .action(async (id: string, opts: Flags) => {
      const plan = await planView(id, opts, deps, phrasingFor(words.language));
      console.log(
        say('sustainmentShow', {
          id: plan.id,
          title: plan.title || plan.id,
          status: say(STATUS_KEY[plan.status]),
          months: plan.horizonMonths,
          start: monthWords(plan.horizonStart),
          coverage: pct(plan.metrics.coverage),
          ceiling: pct(plan.proof.coverageCeiling),
          reliefs: plan.metrics.reliefsInPlace,
          overlap: plan.overlapDays,
          rotations: plan.metrics.rotations,
          leadChanges: plan.metrics.leadChanges,
          label: plan.releasability,
        }),
      );
      console.log('');
      if (plan.cliffs.length === 0) console.log(say('noCliffs'));
      else console.log(say('cliffsHeading', { count: plan.cliffs.length }));
      for (const c of plan.cliffs) {
        console.log(
          `  ${say('cliffLine', {
            month: monthWords(c.month),
            nation: words.nation(c.nation),
            cause: say(CAUSE_KEY[c.cause]),
            message: c.message,
          })}`,
        );
        // The cliff's sentence already says when no other offer has units to spare.
        if (c.nextBestFill.length > 0)
          console.log(
            `    ${say('cliffFill', {
              fill: c.nextBestFill
                .map((f) => `${words.nation(f.nation)} (${f.offerId}) ${f.units}`)
                .join(', '),
            })}`,
          );
      }
      console.log('');
      console.log(say('shortSpans', { count: plan.uncovered.length }));
    });

  deps
    .dbOptions(
      readAs(
        sustainment
          .command('export <id>')
          .description('Write one sustainment plan as an XLSX workbook')
          .option('--xlsx <file>', 'the workbook to write'),
      ),
    )
    .action(async (id: string, opts: Flags & { xlsx?: string }) => {
      if (!opts.xlsx) throw new InvalidArgumentError(say('needXlsx'));
      const plan = await planView(id, opts, deps);
      writeFileSync(opts.xlsx, await sustainmentWorkbook(plan, systemClock.now()));
      console.log(say('sustainmentExported', { file: opts.xlsx, id: plan.id }));
    });
}
