/**
 * The gate as of one day: the current phase, every current rule compiled and evaluated on the
 * stored monitoring facts, the guard policy resolved to rule versions, and each sector's
 * standing. Every phase and order decision reads this one snapshot.
 */
import {
  addDays,
  type CompiledRule,
  compileRule,
  evaluateRule,
  type GuardPolicy,
  type IsoDate,
  MAX_WINDOW_DAYS,
  type Phase,
  RuleError,
  type RuleEvaluation,
  type RuleVocabulary,
  type SectorDay,
  type SectorStanding,
  type SectorStatus,
  sectorStandings,
} from '@guarantor/core/phases';
import type { Database } from '@guarantor/db';
import {
  currentPhase,
  currentRules,
  listGuards,
  type PhaseRow,
  type RuleVersionRow,
  type SectorFacts,
} from '@guarantor/db/phases';
import type { Kysely, Transaction } from 'kysely';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Zone names a rule may use (`in withdrawal_zone`): the names the zones module gives its area
 * kinds in the gate's facts (core zones' `PHASE_ZONE_NAMES`); sectors are addressed by name.
 */
export const RULE_ZONES: readonly string[] = ['buffer_zone', 'withdrawal_zone'];

/** A stored rule version and what became of it when compiled against today's vocabulary. */
export interface RuleState {
  readonly row: RuleVersionRow;
  readonly compiled: CompiledRule | null;
  /** Why the rule no longer compiles (a sector it names is gone), or null. */
  readonly error: RuleError | null;
}

/** Everything the gate knows as of one day. */
export interface GateState {
  readonly asOf: IsoDate;
  readonly phase: Phase;
  readonly phaseRecord: PhaseRow | undefined;
  readonly sectors: readonly string[];
  readonly rules: ReadonlyMap<string, RuleState>;
  readonly evaluations: readonly RuleEvaluation[];
  /** Target phase → the current versions of the rules guarding it. */
  readonly policy: GuardPolicy;
  /** Rule ids the policy names that are unknown, retired or no longer compile, per phase. */
  readonly policyProblems: Readonly<Partial<Record<Phase, readonly string[]>>>;
  /** The rules a sector must pass to hold: those guarding `force_deploying`, else every active rule. */
  readonly deploymentRules: readonly string[];
  readonly standings: readonly SectorStanding[];
  readonly facts: readonly SectorDay[];
}

/** The vocabulary rules are checked against: today's sectors and the rule zones. */
export function vocabularyOf(sectors: readonly string[]): RuleVocabulary {
  return { sectors, zones: RULE_ZONES };
}

/** The UTC day of an instant. */
export function dayOf(at: Date): IsoDate {
  return at.toISOString().slice(0, 10);
}

/** Loads and evaluates everything the gate needs as of `asOf`. */
export async function gateState(db: Db, facts: SectorFacts, asOf: IsoDate): Promise<GateState> {
  const sectors = await facts.listSectors(db);
  const days = await facts.loadSectorDays(db, addDays(asOf, -MAX_WINDOW_DAYS), asOf);
  return gateFrom(db, sectors, days, asOf);
}

/** As `gateState`, over facts already loaded (a re-evaluation walks several days over one load). */
export async function gateFrom(
  db: Db,
  sectors: readonly string[],
  facts: readonly SectorDay[],
  asOf: IsoDate,
): Promise<GateState> {
  const record = await currentPhase(db);
  const vocabulary = vocabularyOf(sectors);
  const rules = new Map<string, RuleState>();
  for (const row of await currentRules(db)) {
    if (!row.active) {
      rules.set(row.id, { row, compiled: null, error: null });
      continue;
    }
    try {
      rules.set(row.id, {
        row,
        compiled: compileRule({ id: row.id, version: row.version, text: row.text }, vocabulary),
        error: null,
      });
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      rules.set(row.id, { row, compiled: null, error });
    }
  }
  const evaluations = [...rules.values()]
    .filter((r) => r.compiled !== null)
    .map((r) => evaluateRule(r.compiled!, { asOf, sectors, facts }));
  const guards = await listGuards(db);
  const policy: Partial<Record<Phase, { id: string; version: number }[]>> = {};
  const policyProblems: Partial<Record<Phase, string[]>> = {};
  for (const [phase, ids] of Object.entries(guards) as [Phase, readonly string[]][]) {
    for (const id of ids) {
      const state = rules.get(id);
      if (state?.compiled)
        policy[phase] = [...(policy[phase] ?? []), { id, version: state.compiled.version }];
      else policyProblems[phase] = [...(policyProblems[phase] ?? []), id];
    }
  }
  const deploymentRules =
    guards.force_deploying && guards.force_deploying.length > 0
      ? guards.force_deploying
      : [...rules.values()].filter((r) => r.compiled).map((r) => r.row.id);
  const standings = sectorStandings(evaluations.filter((e) => deploymentRules.includes(e.rule.id)));
  return {
    asOf,
    phase: record?.phase ?? 'hostilities',
    phaseRecord: record,
    sectors,
    rules,
    evaluations,
    policy,
    policyProblems,
    deploymentRules,
    standings: sectors.map(
      (sector) => standings.find((s) => s.sector === sector) ?? { sector, status: 'holding', reasons: [] },
    ),
    facts,
  };
}

/** A sector's status in a gate snapshot; a sector monitoring does not know cannot hold. */
export function statusOf(gate: GateState, sector: string): SectorStatus {
  return gate.standings.find((s) => s.sector === sector)?.status ?? 'fragile';
}
