/**
 * Loads the illustrative demo monitoring history (core's `generateDemoMonitoring`) into a
 * database that has none: through the intake path the API uses, fused by the fusion worker,
 * then worked by an analyst account `demo-analyst` with the same functions the incident routes
 * call, so the incident history, the dispute record and the audit log read as they would
 * after a month of real use.
 */
import { parseReleasability, type Reader } from '@guarantor/core/access';
import {
  DEMO_SOURCE_PREFIX,
  type DemoAnalystIntent,
  type DemoMonitoring,
  generateDemoMonitoring,
} from '@guarantor/core/demo';
import type { Database } from '@guarantor/db';
import {
  addClaim,
  appendAudit,
  asReader,
  findLogin,
  type GuarantorDatabase,
  getIncident,
  type IncidentRecord,
  insertUser,
  listZones,
  newSecret,
  observationKey,
  recordSourceStatus,
  type User,
} from '@guarantor/db';
import type { FastifyBaseLogger } from 'fastify';
import { sql, type Transaction } from 'kysely';
import { hashPassword } from '../auth/passwords.ts';
import type { Clock } from '../clock.ts';
import { type IntakeResult, ingestObservations, type Sender } from '../monitoring/intake.ts';
import {
  type ActionDetails,
  applyIncidentAction,
  type IncidentAction,
  transitionRefusal,
} from '../monitoring/states.ts';
import { FusionWorker } from '../monitoring/worker.ts';

/** The analyst account the demo's verifications, attributions and claims are made by. */
export const DEMO_ANALYST = 'demo-analyst';
/**
 * How long fusion may go without fusing anything before the analyst's part is given up. A
 * bound on no progress, not on the whole load: on a busy machine fusion is slow, not stuck.
 */
const FUSION_STALL_MS = 120_000;

/** What a load did (`skipped` says why nothing was written). */
export interface DemoMonitoringResult {
  readonly skipped?: string;
  readonly observations: number;
  readonly rejected: readonly string[];
  readonly sourceStatus: number;
  readonly incidents: number;
  readonly verified: number;
  readonly attributed: number;
  readonly dismissed: number;
  readonly claims: number;
}

const NOTHING = {
  observations: 0,
  rejected: [],
  sourceStatus: 0,
  incidents: 0,
  verified: 0,
  attributed: 0,
  dismissed: 0,
  claims: 0,
} as const;

// The truce monitoring mechanism is U.S.-led in the demo scenario; its analyst reads every label used.
const ANALYST_NATION = 'USA';

/**
 * Loads the demo monitoring history when the database has no observation at all (so it never
 * mixes with real reports, and a second run adds nothing). Needs the demo zones.
 */
export async function loadDemoMonitoring(
  database: GuarantorDatabase,
  clock: Clock,
  log: Pick<FastifyBaseLogger, 'info' | 'warn'> = SILENT,
  /** A running app's worker, which fuses the history; without one, a worker runs for the load. */
  worker?: FusionWorker,
): Promise<DemoMonitoringResult> {
  const db = database.db;
  const any = await sql<{ found: boolean }>`select exists (select 1 from observation) as found`.execute(db);
  if (any.rows[0]?.found) return { ...NOTHING, skipped: 'the database already holds observations' };
  const zones = await listZones(db);
  let demo: DemoMonitoring;
  try {
    demo = generateDemoMonitoring(clock.now().toISOString().slice(0, 10), zones);
  } catch (error) {
    return { ...NOTHING, skipped: (error as Error).message };
  }
  const analyst = await demoAnalyst(database, clock);
  const reader: Reader = { nation: analyst.nation, coalitionMember: true };

  // 1. Intake, as POST /api/observations stores it (idempotent by uid): each demo source
  // reports with its own API token bound to it, as a camera or a patrol's tablet would, so each
  // is its own submitter in its own nation's uid namespace. A party's claims are filed by the
  // mechanism's analyst.
  const bySource = new Map<string, DemoMonitoring['observations'][number][]>();
  for (const o of demo.observations) {
    const key = `${o.observation.source.nation}\u0000${o.observation.source.id}`;
    bySource.set(key, [...(bySource.get(key) ?? []), o]);
  }
  const results: IntakeResult[] = [];
  const keyOf = new Map<string, string>();
  for (const group of bySource.values()) {
    const source = group[0]!.observation.source;
    const nation = source.kind === 'party_claim' ? analyst.nation : source.nation;
    const sender: Sender = {
      // The demo's sources are the coalition's by construction (as its analyst is).
      reader: { nation, coalitionMember: true },
      username: `${DEMO_SOURCE_PREFIX}${nation}`,
      submitter: `demo-token:${source.id}`,
      source: { kind: source.kind, id: source.id },
    };
    for (const o of group) keyOf.set(o.observation.uid, observationKey(o.observation.uid, nation));
    results.push(
      ...(await ingestObservations(
        database,
        sender,
        group.map((o) => ({ value: o.observation, label: parseReleasability(o.releasability) })),
      )),
    );
  }
  const rejected = results.filter((r) => r.status === 'rejected').map((r) => `${r.uid}: ${r.message}`);
  const observations = results.filter((r) => r.status === 'stored' || r.status === 'replaced').length;

  // 2. Sources down or degraded, as POST /api/source-status records them.
  const actor = { username: analyst.username, nation: analyst.nation };
  await asReader(db, reader, async (trx) => {
    for (const s of demo.sourceStatus) {
      await recordSourceStatus(trx, s, { actor, at: clock.now() });
    }
  });

  // 3. Fusion by the fusion worker (or by the instance that leads, on a shared PostgreSQL).
  if (!(await fused(database, clock, worker))) {
    log.warn(
      `demo monitoring: fusion made no progress for ${FUSION_STALL_MS / 1000} s; incidents are left as fusion writes them`,
    );
    return { ...NOTHING, observations, rejected, sourceStatus: demo.sourceStatus.length };
  }

  // 4. The analyst's work, each change as POST /api/incidents/:id/state and /claims make it.
  const cutoff = new Date(clock.now().getTime() - 2 * 86_400_000);
  const tally = { incidents: 0, verified: 0, attributed: 0, dismissed: 0, claims: 0 };
  await asReader(db, reader, async (trx) => {
    for (const event of demo.events) {
      const id = `inc-${event.uids.map((u) => keyOf.get(u) ?? u).sort()[0]}`;
      const incident = await getIncident(trx, id);
      if (!incident || incident.mergedInto) continue;
      tally.incidents++;
      const done = await work(trx, incident, event.analyst, analyst, clock, cutoff);
      tally.verified += done.verified;
      tally.attributed += done.attributed;
      tally.dismissed += done.dismissed;
      tally.claims += done.claims;
    }
  });
  log.info({ observations, ...tally }, 'demo monitoring history loaded (illustrative)');
  return { observations, rejected, sourceStatus: demo.sourceStatus.length, ...tally };
}

async function demoAnalyst(database: GuarantorDatabase, clock: Clock): Promise<User> {
  const found = await findLogin(database.db, DEMO_ANALYST);
  if (found) return found.user;
  // Nobody signs in as it: its password is random and never shown.
  return insertUser(
    database.db,
    {
      username: DEMO_ANALYST,
      displayName: 'Demo analyst (illustrative monitoring history)',
      passwordHash: await hashPassword(newSecret(24)),
      nation: ANALYST_NATION,
      roles: ['analyst', 'monitor'],
    },
    { actor: 'seed', nation: null, at: clock.now() },
  );
}

/**
 * Runs a fusion worker (the app's, woken, when it is running; else one of its own) until no
 * observation waits for fusion, or it stalls.
 */
async function fused(database: GuarantorDatabase, clock: Clock, running?: FusionWorker): Promise<boolean> {
  const worker = running ?? new FusionWorker(database, clock, SILENT as unknown as FastifyBaseLogger, 200);
  if (running) running.wake();
  else worker.start();
  try {
    let waiting = Number.POSITIVE_INFINITY;
    let progressAt = Date.now();
    for (;;) {
      const left = await sql<{ n: number }>`
        select count(*)::int as n from observation_unfused`.execute(database.db);
      const n = Number(left.rows[0]?.n ?? 0);
      if (n === 0) return true;
      if (n < waiting) {
        waiting = n;
        progressAt = Date.now();
      } else if (Date.now() - progressAt > FUSION_STALL_MS) {
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    if (!running) await worker.stop();
  }
}

interface Done {
  verified: number;
  attributed: number;
  dismissed: number;
  claims: number;
}

async function work(
  trx: Transaction<Database>,
  incident: IncidentRecord,
  intent: DemoAnalystIntent,
  analyst: User,
  clock: Clock,
  cutoff: Date,
): Promise<Done> {
  const done: Done = { verified: 0, attributed: 0, dismissed: 0, claims: 0 };
  let current = incident;
  if (intent.dismiss) {
    const next = await act(trx, current, 'dismiss', { reason: intent.dismiss }, analyst, clock);
    if (next) done.dismissed++;
    return done;
  }
  const old = current.end < cutoff;
  if (intent.verify && old && current.state === 'corroborated') {
    const next = await act(trx, current, 'verify', {}, analyst, clock);
    if (next) {
      current = next;
      done.verified++;
    }
  }
  if (intent.attribute && current.state === 'verified') {
    const { party, assessment, evidence } = intent.attribute;
    const next = await act(trx, current, 'attribute', { party, assessment, evidence }, analyst, clock);
    if (next) {
      current = next;
      done.attributed++;
    }
  }
  for (const c of intent.claims ?? []) {
    const at = clock.now();
    const stored = await addClaim(trx, {
      incidentId: current.id,
      party: c.party,
      claim: c.claim,
      evidence: [],
      assessment: c.assessment,
      by: analyst.username,
      nation: analyst.nation,
      at,
      label: current.label,
    });
    await appendAudit(trx, {
      actor: analyst.username,
      nation: analyst.nation,
      action: 'incident.claim',
      entity: 'incident',
      entityId: stored.incidentId,
      before: null,
      after: { claim: stored.id, party: stored.party, releasability: current.releasability },
      label: current.label,
      at,
    });
    done.claims++;
  }
  return done;
}

/** One analyst action as the route makes it; skipped when the state does not allow it. */
async function act(
  trx: Transaction<Database>,
  current: IncidentRecord,
  action: IncidentAction,
  details: ActionDetails,
  analyst: User,
  clock: Clock,
): Promise<IncidentRecord | undefined> {
  if (transitionRefusal(current.state, action)) return undefined;
  return applyIncidentAction(trx, current, action, details, analyst, clock.now());
}

const noop = () => {};
/** A logger that says nothing, for the worker run inside the load. */
const SILENT = {
  level: 'silent',
  info: noop,
  warn: noop,
  error: noop,
  debug: noop,
  trace: noop,
  fatal: noop,
  silent: noop,
  child() {
    return SILENT;
  },
};
