import { meetLabels, type Releasability } from '@guarantor/core/access';
import {
  createIndexedFusionEngine,
  type FusionEngine,
  type Incident,
  JOIN_TREE_LIMIT,
  type Observation,
} from '@guarantor/core/monitoring';
import {
  FreshObservations,
  type FusedIncident,
  type FusionInputRow,
  type GuarantorDatabase,
  labelOf,
  OBSERVATIONS_CHANNEL,
  readFusedObservations,
  readMembership,
  readUnfusedObservations,
  writeFusion,
} from '@guarantor/db';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import { type Listening, listenChannel, type PoolClient } from './listen.ts';

/** Observations read and fused per step at first (one transaction of incident writes each). */
export const FUSION_BATCH_ROWS = 5000;
/** The fewest and most observations one step reads; between them the step size adapts (see #run). */
export const FUSION_MIN_BATCH_ROWS = 500;
export const FUSION_MAX_BATCH_ROWS = 50_000;
/**
 * How long a step may take, busy and idle. A step has a fixed cost (every incident it touches is
 * summarised and written whole, and in a dense burst that is one incident of tens of thousands of
 * observations), so while a backlog lasts the step grows until it takes about this long: with
 * steps of a fixed 1,000 rows, a dense burst fused at 170–300 observations per second.
 */
const STEP_TARGET_BUSY_MS = 500;
const STEP_TARGET_IDLE_MS = 2000;
/**
 * The share of the event loop fusion takes while intake is busy. Fusion runs in the server's
 * own process, so every millisecond it computes is one that POST /api/observations waits;
 * while intake is busy (a batch in the last INTAKE_BUSY_MS) fusion rests after each step so
 * intake keeps its rate, and catches up at full speed once intake pauses.
 */
export const FUSION_BUSY_SHARE = 0.2;
const INTAKE_BUSY_MS = 1000;
/** How often a rest looks whether intake is still busy. */
const REST_CHECK_MS = 100;
/** The longest pause between attempts while the database fails (doubling from the poll interval). */
const FUSION_RETRY_MAX_MS = 10_000;
// Any 64-bit number fixed for Guarantor: the session-level advisory lock whose holder fuses.
const FUSION_LOCK_KEY = 0x6775_6172_666e;

/** How the worker is doing, for health checks and tests. */
export interface FusionStatus {
  readonly role: 'leader' | 'standby' | 'stopped';
  /**
   * How far fusion is behind intake: observations committed this long ago may not be fused
   * yet (0 when it has caught up with everything it was told of). Only the leader knows.
   */
  readonly lagMs: number;
  readonly observations: number;
  readonly incidents: number;
  readonly fusedTotal: number;
  readonly lastError?: string;
}

/**
 * The fusion worker (docs/adr/0004-fusion-worker.md): one per deployment holds the advisory
 * lock, keeps core's indexed engine in memory (rebuilt from the observation table at start),
 * fuses unfused observations in seq order, and writes incidents, membership, automatic state
 * changes and notifications in one transaction per step.
 */
export class FusionWorker {
  /**
   * What intake in this process has just stored, handed to fusion in memory rather than read
   * back (docs/adr/0060-fusion-takes-what-intake-stored.md): intake passes it to storeObservations.
   */
  readonly fresh = new FreshObservations();
  #engine: FusionEngine = createIndexedFusionEngine();
  /** Which incident each observation was last written to. */
  #incidentOf = new Map<string, string>();
  /** Written incidents' members. */
  #members = new Map<string, Set<string>>();
  #labels = new Map<string, Releasability>();
  /** The label each written incident was written with (JSON), to tell when its rows must all change. */
  #labelKeys = new Map<string, string>();
  #role: FusionStatus['role'] = 'standby';
  #stopped = false;
  #wake: (() => void) | undefined;
  #wakePending = false;
  /** Callers of settled(), each with the request number a later empty step must have started after. */
  #idleWaiters: { readonly after: number; readonly resolve: () => void }[] = [];
  #requests = 0;
  #loop: Promise<void> | undefined;
  #lockClient: PoolClient | undefined;
  #listening: Listening | undefined;
  #fusedTotal = 0;
  #lastError: string | undefined;
  /** When intake last told us of new rows (performance.now()); -Infinity for never. */
  #lastIntakeMs = Number.NEGATIVE_INFINITY;
  /** When intake last woke us, even while settled() lifts the brake (performance.now()). */
  #lastWakeMs = Number.NEGATIVE_INFINITY;
  /** The start of the last step that read every unfused row: all committed before it are fused. */
  #caughtUpMs = performance.now();
  /**
   * Set while this instance's steps fail (it stands by between attempts, then leads again):
   * it still knows how far behind fusion is, and /readyz and the header must keep saying so.
   */
  #failing = false;
  /** Rows the next step reads (adapts between FUSION_MIN_BATCH_ROWS and FUSION_MAX_BATCH_ROWS). */
  #limit = FUSION_BATCH_ROWS;
  /** Milliseconds the current step has computed on this thread (fusing, summarising), not waiting for the database. */
  #computedMs = 0;
  /**
   * The last step's write while it commits (PostgreSQL, during a backlog): the next step reads
   * and fuses meanwhile, and waits for it before writing. `done` holds its error, if any.
   */
  #writing: { readonly done: Promise<unknown>; readonly seqs: readonly number[] } | undefined;

  private readonly database: GuarantorDatabase;
  private readonly clock: Clock;
  private readonly log: FastifyBaseLogger;
  private readonly pollMs: number;
  /** `firstStepRows`: how many rows the first step reads (tests make a backlog of a few rows). */
  constructor(
    database: GuarantorDatabase,
    clock: Clock,
    log: FastifyBaseLogger,
    pollMs = 1000,
    firstStepRows = FUSION_BATCH_ROWS,
  ) {
    this.database = database;
    this.clock = clock;
    this.log = log;
    this.pollMs = pollMs;
    this.#limit = firstStepRows;
  }

  /** Starts trying to lead; returns at once. */
  start(): void {
    this.#loop ??= this.#run();
  }

  /**
   * New observations are committed: fuse now rather than at the next poll. Intake in this
   * process calls it after each batch, and the notification from other instances' intake too.
   */
  wake(): void {
    this.#lastIntakeMs = performance.now();
    this.#lastWakeMs = this.#lastIntakeMs;
    this.#poke();
  }

  #poke(): void {
    this.#wakePending = true;
    this.#wake?.();
  }

  /** Resolves once the worker has caught up with every committed observation (tests, benches). */
  settled(): Promise<void> {
    return new Promise((resolve) => {
      this.#idleWaiters.push({ after: ++this.#requests, resolve });
      this.#lastIntakeMs = Number.NEGATIVE_INFINITY;
      // Resting for intake's sake is over: a caller waits.
      this.#rest?.();
      this.#poke();
    });
  }

  get status(): FusionStatus {
    const behind = (this.#role === 'leader' || this.#failing) && this.#lastWakeMs > this.#caughtUpMs;
    return {
      role: this.#role,
      lagMs: behind ? Math.round(performance.now() - this.#caughtUpMs) : 0,
      observations: this.#engine.size,
      incidents: this.#members.size,
      fusedTotal: this.#fusedTotal,
      ...(this.#lastError ? { lastError: this.#lastError } : {}),
    };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#rest?.();
    this.#wake?.();
    await this.#loop;
    await this.#flush().catch(() => undefined);
    this.#role = 'stopped';
    this.fresh.hold(false);
    await this.#listening?.close();
    this.#releaseLock();
  }

  async #run(): Promise<void> {
    let failures = 0;
    while (!this.#stopped) {
      try {
        if (this.#role !== 'leader') {
          if (!(await this.#lead())) {
            // Another instance leads: it knows the lag, this one no longer does.
            this.#failing = false;
            await this.#sleep(5000);
            continue;
          }
        }
        const startedFor = this.#requests;
        const busy = this.#intakeBusy();
        const began = performance.now();
        const limit = this.#limit;
        this.#computedMs = 0;
        const fused = await this.#step(limit);
        // How long the step held this process's event loop: all of it on PGlite (the database
        // runs in this thread), only fusion's own computing on PostgreSQL (another process
        // writes meanwhile, and intake's requests are served while the step waits for it).
        const held = this.database.engine === 'pglite' ? performance.now() - began : this.#computedMs;
        if (fused < limit) this.#caughtUpMs = began;
        else this.#adapt(held, busy);
        if (fused > 0 && busy) {
          await this.#restFor(Math.min(2000, (held * (1 - FUSION_BUSY_SHARE)) / FUSION_BUSY_SHARE));
        }
        if (fused === 0) {
          // Only a step that began after a caller asked proves the caller's rows were seen.
          const done = this.#idleWaiters.filter((w) => w.after <= startedFor);
          this.#idleWaiters = this.#idleWaiters.filter((w) => w.after > startedFor);
          for (const w of done) w.resolve();
          await this.#sleep(this.pollMs);
        }
        failures = 0;
        this.#failing = false;
      } catch (error) {
        this.#lastError = (error as Error).message;
        this.#failing = true;
        failures += 1;
        const retryMs = Math.min(FUSION_RETRY_MAX_MS, this.pollMs * 2 ** Math.min(failures - 1, 5));
        this.log.error({ err: error, retryMs }, 'fusion step failed; leading again from the tables');
        // The engine may hold observations whose incidents were never written (the write's
        // transaction failed after they were added), and a rebuild that failed half-way may
        // have left the lock held on a connection: give both up, and lead again from the
        // tables, which are the source of truth. Also how fusion resumes after a database restart.
        this.#demote();
        await this.#sleep(retryMs);
      }
    }
  }

  /**
   * After a full step (a backlog): a step that held the event loop much shorter than its target
   * reads twice as many rows next time, one much longer half as many. Fixed costs per step make
   * larger steps cheaper per row, and the target bounds how long the event loop is held.
   */
  #adapt(held: number, busy: boolean): void {
    const target = busy ? STEP_TARGET_BUSY_MS : STEP_TARGET_IDLE_MS;
    if (held < target / 2) this.#limit = Math.min(FUSION_MAX_BATCH_ROWS, this.#limit * 2);
    else if (held > target * 2) this.#limit = Math.max(FUSION_MIN_BATCH_ROWS, Math.floor(this.#limit / 2));
  }

  #intakeBusy(): boolean {
    return performance.now() - this.#lastIntakeMs < INTAKE_BUSY_MS && this.#idleWaiters.length === 0;
  }

  #rest: (() => void) | undefined;

  /**
   * A pause that intake's wake() does not cut short (stop() does). It ends early once intake is
   * no longer busy (no batch for INTAKE_BUSY_MS, or a caller waits in settled()): a burst's last
   * step must not leave fusion resting after the burst.
   */
  #restFor(ms: number): Promise<void> {
    const until = performance.now() + ms;
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout;
      const self = this;
      function done() {
        clearTimeout(timer);
        self.#rest = undefined;
        resolve();
      }
      function check() {
        const left = until - performance.now();
        if (left <= 0 || !self.#intakeBusy()) done();
        else timer = setTimeout(check, Math.min(left, REST_CHECK_MS));
      }
      this.#rest = done;
      timer = setTimeout(check, Math.min(ms, REST_CHECK_MS));
    });
  }

  #sleep(ms: number): Promise<void> {
    if (this.#wakePending || this.#stopped) {
      this.#wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.#wake = undefined;
        self.#wakePending = false;
        resolve();
      }
      this.#wake = done;
    });
  }

  /** Takes the lock (PostgreSQL) and rebuilds the engine; false while another instance leads. */
  async #lead(): Promise<boolean> {
    // A write still in flight ends first, committed or not, so the tables read next are settled.
    await this.#flush().catch(() => undefined);
    if (this.database.engine === 'postgres') {
      const client = await this.database.pool!.connect();
      // Listened to from the start: the database may end this connection at any moment (a
      // restart), and the lock dies with it.
      const onError = (error: Error) => {
        if (this.#lockClient !== client) return;
        this.log.error({ err: error }, 'fusion lock connection lost; standing by');
        this.#demote();
        this.#poke();
      };
      client.on('error', onError);
      try {
        const got = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [
          FUSION_LOCK_KEY,
        ]);
        if (!got.rows[0]?.ok) {
          client.removeListener('error', onError);
          client.release();
          return false;
        }
        client.on('notification', () => this.wake());
        await client.query(`listen ${OBSERVATIONS_CHANNEL}`);
      } catch (error) {
        // Closed, not returned to the pool: it may hold the lock or be broken.
        client.release(error as Error);
        throw error;
      }
      this.#lockClient = client;
    } else {
      this.#listening ??= await listenChannel(this.database, OBSERVATIONS_CHANNEL, () => this.wake());
    }
    await this.#rebuild();
    // Taking over (at start, or from another instance): what was committed before is read
    // from the tables now. Leading again after our own failed step: the lag goes on counting.
    if (!this.#failing) this.#caughtUpMs = performance.now();
    this.#role = 'leader';
    this.fresh.hold(true);
    this.log.info(
      { observations: this.#engine.size, incidents: this.#members.size },
      'fusion worker leading',
    );
    return true;
  }

  #demote(): void {
    this.#role = 'standby';
    this.fresh.hold(false);
    this.#releaseLock();
  }

  #releaseLock(): void {
    const client = this.#lockClient;
    this.#lockClient = undefined;
    // Releasing with an error closes the connection, which frees the session-level lock.
    client?.release(new Error('fusion lock released'));
  }

  /** Loads every fused observation into a fresh engine, then repairs what the tables disagree on. */
  async #rebuild(): Promise<void> {
    this.#engine = createIndexedFusionEngine();
    this.#labels = new Map();
    // Unknown until each incident is written again: its rows are then written whole.
    this.#labelKeys = new Map();
    const db = this.database.db;
    for (let after = 0; ; ) {
      const rows = await readFusedObservations(db, after, 20_000);
      for (const row of rows) this.#add(row);
      if (rows.length < 20_000) break;
      after = rows.at(-1)!.seq;
    }
    this.#incidentOf = await readMembership(db);
    this.#members = new Map();
    for (const [uid, id] of this.#incidentOf) {
      const set = this.#members.get(id);
      if (set) set.add(uid);
      else this.#members.set(id, new Set([uid]));
    }
    // Fusion rules may have changed since the incidents were written: rewrite those that differ.
    const stale: string[] = [];
    for (const uids of this.#engine.partition()) {
      const id = `inc-${uids[0]}`;
      const written = this.#members.get(id);
      if (written?.size !== uids.length || uids.some((u) => this.#incidentOf.get(u) !== id))
        stale.push(...uids);
    }
    if (stale.length > 0) {
      await this.#write(stale, []);
      await this.#flush();
    }
  }

  #add(row: FusionInputRow): boolean {
    this.#labels.set(row.uid, labelOf(row.label));
    try {
      return this.#engine.add(row.raw as Observation) !== 'ignored';
    } catch (error) {
      // Stored observations were validated on the way in; one that no longer is stays out of fusion.
      this.log.warn({ uid: row.uid, err: error }, 'stored observation fails validation; not fused');
      return false;
    }
  }

  /**
   * Fuses one batch of unfused observations; returns how many it read. During a backlog on
   * PostgreSQL its write is left committing while the next step reads and fuses the rows after
   * it (the database writes in another process meanwhile); a step that reads fewer rows than
   * asked for, and every step on PGlite, returns once its write has committed.
   */
  async #step(limit: number): Promise<number> {
    // The rows of the write in flight are still queued until it commits: read past them.
    const rows = await readUnfusedObservations(this.database.db, limit, this.#writing?.seqs, this.fresh);
    if (rows.length === 0) {
      await this.#flush();
      return 0;
    }
    const began = performance.now();
    const changed = rows.filter((row) => this.#add(row)).map((row) => row.uid);
    this.#computedMs += performance.now() - began;
    await this.#write(
      changed,
      rows.map(({ uid, seq }) => ({ uid, seq })),
    );
    if (rows.length < limit || this.database.engine === 'pglite') await this.#flush();
    this.#fusedTotal += rows.length;
    return rows.length;
  }

  /** Waits for the write in flight, if any, and throws its error. */
  async #flush(): Promise<void> {
    const writing = this.#writing;
    this.#writing = undefined;
    const error = await writing?.done;
    if (error !== undefined) throw error;
  }

  /**
   * Writes every incident whose membership `changed` observations touch: their incidents now,
   * the incidents they were in before (which may have split or merged), to a fixpoint. Returns
   * once the previous write has committed and this one is under way (`#writing`); the worker's
   * own record of what is written is updated at once, so the next step fuses on it (if the write
   * fails, the worker leads again from the tables).
   */
  async #write(changed: readonly string[], fused: readonly { uid: string; seq: number }[]): Promise<void> {
    const began = performance.now();
    const now = new Map<string, Incident>();
    const old = new Set<string>();
    const covered = new Set<string>();
    const queue = [...changed];
    const visitOld = (id: string | undefined) => {
      if (id === undefined || old.has(id)) return;
      old.add(id);
      for (const m of this.#members.get(id) ?? []) queue.push(m);
    };
    while (queue.length > 0) {
      const uid = queue.pop()!;
      visitOld(this.#incidentOf.get(uid));
      if (covered.has(uid)) continue;
      const incident = this.#engine.incidentOf(uid);
      if (!incident) continue;
      now.set(incident.id, incident);
      for (const m of incident.observationUids) {
        covered.add(m);
        visitOld(this.#incidentOf.get(m));
      }
    }
    const incidents: FusedIncident[] = [...now.values()].map((incident) => {
      const label = incident.observationUids
        .map((u) => this.#labels.get(u) ?? ({ kind: 'COALITION' } as const))
        .reduce<Releasability>((a, b) => meetLabels(a, b), { kind: 'PUBLIC' });
      const labelKey = JSON.stringify(label);
      // An incident beyond JOIN_TREE_LIMIT lists no joins, so a member's row changes only when
      // it is new to the incident or the label changes: write those rows, not all of them
      // again each step (a dense burst's incident holds tens of thousands).
      const written = this.#members.get(incident.id);
      const unchanged =
        incident.observationUids.length > JOIN_TREE_LIMIT &&
        written !== undefined &&
        written.size > JOIN_TREE_LIMIT &&
        this.#labelKeys.get(incident.id) === labelKey;
      return {
        incident,
        label,
        explanation: this.#engine.accountOf(incident),
        ...(unchanged && {
          memberUids: incident.observationUids.filter((u) => this.#incidentOf.get(u) !== incident.id),
        }),
      };
    });
    const merged = [...old]
      .filter((id) => !now.has(id))
      .map((id) => ({ id, into: this.#engine.incidentOf(id.slice('inc-'.length))?.id ?? id }));
    this.#computedMs += performance.now() - began;
    await this.#flush();
    if (incidents.length === 0 && merged.length === 0 && fused.length === 0) return;
    const done = writeFusion(this.database.db, { incidents, merged, fused, at: this.clock.now() }).then(
      (result) => {
        this.log.debug(
          { changes: result.changes.length, stateChanges: result.stateChanges },
          'fusion wrote incidents',
        );
        return undefined;
      },
      (error: unknown) => error ?? new Error('fusion write failed'),
    );
    this.#writing = { done, seqs: fused.map((f) => f.seq) };
    for (const { id } of merged) {
      this.#members.delete(id);
      this.#labelKeys.delete(id);
    }
    for (const { incident, label } of incidents) {
      this.#labelKeys.set(incident.id, JSON.stringify(label));
      this.#members.set(incident.id, new Set(incident.observationUids));
      for (const uid of incident.observationUids) this.#incidentOf.set(uid, incident.id);
    }
  }
}
