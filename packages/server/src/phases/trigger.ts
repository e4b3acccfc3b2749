/**
 * What re-evaluates the gate without anyone pressing a button: every change monitoring
 * publishes on `guarantor_incidents` (fusion's incident writes and analysts' state changes both
 * notify there), debounced, and a daily timer shortly after midnight UTC for the day roll-over
 * (a quiet streak grows by a day although nothing was reported).
 *
 * Every instance runs a trigger. `reevaluate` takes a transaction-level advisory lock, so runs
 * from several instances queue instead of racing, and it is idempotent (breach ids are
 * deterministic, sector statuses and order states are written only when they change), so the
 * second instance's run over the same data writes nothing.
 */
import { type GuarantorDatabase, INCIDENTS_CHANNEL } from '@guarantor/db';
import { combinedSectorFacts, type SectorFacts } from '@guarantor/db/phases';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import { type Listening, listenChannel } from '../monitoring/listen.ts';
import { dayOf } from './gate.ts';
import { type ReevaluationResult, reevaluate } from './service.ts';

/** At most one change-triggered re-evaluation per this many milliseconds. */
export const REEVALUATE_DEBOUNCE_MS = 5000;
/** The daily re-evaluation, minutes after 00:00 UTC. */
export const DAILY_AT_MINUTE_UTC = 5;

/** Who re-evaluations started by the trigger are recorded as. */
export const TRIGGER_ACTOR = { username: 'phases-trigger', nation: null } as const;

/** Milliseconds from `now` to the next daily run (00:05 UTC by default), never 0. */
export function msUntilDaily(now: Date, minuteUtc = DAILY_AT_MINUTE_UTC): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 0, minuteUtc);
  const next = today > now.getTime() ? today : today + 86_400_000;
  return next - now.getTime();
}

/** Settings; tests pass a short debounce. */
export interface TriggerOptions {
  readonly debounceMs?: number;
  readonly dailyMinuteUtc?: number;
  readonly facts?: SectorFacts;
}

/** How the trigger is doing, for tests and health checks. */
export interface TriggerStatus {
  readonly runs: number;
  readonly pending: boolean;
  readonly lastResult: ReevaluationResult | null;
  readonly lastError: string | null;
}

/** Re-evaluates the gate when monitoring changes (debounced) and once a day; see the module comment. */
export class PhaseReevaluationTrigger {
  readonly #debounceMs: number;
  readonly #dailyMinute: number;
  readonly #facts: SectorFacts;
  #listening: Listening | undefined;
  #debounce: NodeJS.Timeout | undefined;
  #daily: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  /** A change arrived while a run was in flight: run again after it. */
  #dirty = false;
  #stopped = false;
  #runs = 0;
  #lastResult: ReevaluationResult | null = null;
  #lastError: string | null = null;
  #waiters: (() => void)[] = [];
  #failures = 0;
  #retry: NodeJS.Timeout | undefined;

  private readonly database: GuarantorDatabase;
  private readonly clock: Clock;
  private readonly log: FastifyBaseLogger;
  constructor(
    database: GuarantorDatabase,
    clock: Clock,
    log: FastifyBaseLogger,
    options: TriggerOptions = {},
  ) {
    this.database = database;
    this.clock = clock;
    this.log = log;
    this.#debounceMs = options.debounceMs ?? REEVALUATE_DEBOUNCE_MS;
    this.#dailyMinute = options.dailyMinuteUtc ?? DAILY_AT_MINUTE_UTC;
    this.#facts = options.facts ?? combinedSectorFacts;
  }

  /** Starts listening and schedules the daily run. */
  async start(): Promise<void> {
    this.#listening ??= await listenChannel(
      this.database,
      INCIDENTS_CHANNEL,
      () => this.changed(),
      (error) => this.log.warn({ err: error }, 'phase trigger: LISTEN connection lost; reconnecting'),
      // Changes made while LISTEN was down were not heard: look again.
      () => this.changed(),
    );
    this.#scheduleDaily();
  }

  /** Monitoring changed: re-evaluate within the debounce window (several changes, one run). */
  changed(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#dirty = true;
      return;
    }
    this.#debounce ??= setTimeout(() => {
      this.#debounce = undefined;
      void this.#run();
    }, this.#debounceMs);
  }

  /** Resolves when no run is scheduled or in flight (tests). */
  idle(): Promise<void> {
    if (!this.#debounce && !this.#running && !this.#dirty) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  get status(): TriggerStatus {
    return {
      runs: this.#runs,
      pending: this.#debounce !== undefined || this.#running !== undefined,
      lastResult: this.#lastResult,
      lastError: this.#lastError,
    };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#debounce);
    clearTimeout(this.#daily);
    clearTimeout(this.#retry);
    this.#debounce = undefined;
    this.#dirty = false;
    await this.#running;
    await this.#listening?.close();
    this.#listening = undefined;
    this.#settle();
  }

  #scheduleRetry(ms: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.changed();
    }, ms);
    this.#retry.unref();
  }

  #scheduleDaily(): void {
    if (this.#stopped) return;
    clearTimeout(this.#daily);
    this.#daily = setTimeout(
      () => {
        void this.#run().finally(() => this.#scheduleDaily());
      },
      msUntilDaily(this.clock.now(), this.#dailyMinute),
    );
    this.#daily.unref();
  }

  async #run(): Promise<void> {
    if (this.#running) {
      this.#dirty = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        const now = this.clock.now();
        const result = await reevaluate(this.database.db, this.#facts, dayOf(now), TRIGGER_ACTOR, now);
        this.#runs++;
        this.#lastResult = result;
        this.#lastError = null;
        if (
          result.breaches.length > 0 ||
          result.sectorChanges.length > 0 ||
          result.newlyIssuable.length > 0
        ) {
          this.log.info(
            {
              breaches: result.breaches,
              sectorChanges: result.sectorChanges.length,
              newlyIssuable: result.newlyIssuable.map((n) => n.orderId),
            },
            'phase gate re-evaluated',
          );
        }
      } catch (error) {
        this.#lastError = (error as Error).message;
        this.#failures++;
        this.log.error(
          { err: error },
          'phase gate re-evaluation failed; retrying after a pause, and at the next change or the daily run',
        );
        // The database may be restarting: try again, backing off to a minute, so a change
        // that came while it was away is not left unevaluated until the next one.
        this.#scheduleRetry(Math.min(60_000, this.#debounceMs * 2 ** Math.min(this.#failures, 6)));
        return;
      }
      this.#failures = 0;
    })();
    await this.#running;
    this.#running = undefined;
    if (this.#dirty && !this.#stopped) {
      this.#dirty = false;
      this.changed();
    }
    this.#settle();
  }

  #settle(): void {
    if (this.#debounce || this.#running || this.#dirty) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }
}

/** Starts a trigger for a running server; `stop()` it before closing the database. */
export async function startPhaseTrigger(
  database: GuarantorDatabase,
  clock: Clock,
  log: FastifyBaseLogger,
  options: TriggerOptions = {},
): Promise<PhaseReevaluationTrigger> {
  const trigger = new PhaseReevaluationTrigger(database, clock, log, options);
  await trigger.start();
  return trigger;
}
