/**
 * Ceasefire first, as the server runs it: phase transitions guarded by rules evaluated on the
 * stored monitoring facts, deployment orders checked against the gate, and re-evaluation that
 * records breaches, sector status changes and orders that became issuable.
 */

import { meetLabels } from '@guarantor/core/access';
import { refusalText } from '@guarantor/core/i18n/refusals';
import type { Phrasing } from '@guarantor/core/i18n/words';
import {
  addDays,
  type Breach,
  type Cleared,
  daysBetween,
  detectBreaches,
  failureReasons,
  failureReasonsInWords,
  type IsoDate,
  issueOrder,
  newlyIssuable,
  noticeInEnglish,
  type OrderCheck,
  type OrderContext,
  type Phase,
  type PhaseNotice,
  proposeRungs,
  type ResponseLadder,
  type RuleEvaluation,
  type SectorStatus,
  sectorEvaluationInWords,
  transition,
} from '@guarantor/core/phases';
import { phaseInWords } from '@guarantor/core/phases/gate-words';
import {
  asCoalitionWide,
  type Database,
  getOffer,
  incidentsLabel,
  type Labelled,
  labelColumns,
  labelOf,
} from '@guarantor/db';
import { actionsForBreach } from '@guarantor/db/cellwork';
import {
  type Actor,
  insertBreach,
  insertNotification,
  insertOrder,
  insertPhase,
  lastEvaluatedDay,
  latestSectorStatuses,
  listOrderEvents,
  listOrders,
  listRungs,
  markEvaluated,
  type OrderRow,
  type PhaseRow,
  recordSectorStatus,
  type SectorFacts,
  updateOrder,
} from '@guarantor/db/phases';
import { type Kysely, sql, type Transaction } from 'kysely';
import { AppError } from '../errors.ts';
import { phrasingFor } from '../words.ts';
import { dayOf, type GateState, gateFrom, gateState, statusOf } from './gate.ts';
import { checkTarget, coreOrder, type OrderTarget, stateFor, targetOf } from './orders.ts';

type Db = Kysely<Database> | Transaction<Database>;

// Any 64-bit number fixed for Guarantor (the fusion worker's is 0x6775_6172_666e): held for one re-evaluation.
const REEVALUATE_LOCK_KEY = 0x6775_6172_7068;

/** How far back one re-evaluation walks day by day; older gaps are evaluated as of today only. */
export const REEVALUATE_MAX_DAYS = 62;

/** One failing rule in one sector, with the day that broke it and the incidents behind it. */
export interface Failure {
  readonly rule: string;
  readonly version: number;
  readonly sector: string;
  readonly explanation: string;
  readonly breakingDate: IsoDate | null;
  readonly incidentIds: readonly string[];
  readonly firstPassDate: IsoDate;
}

/** Every failing sector of the evaluations, with the breaking day of each. */
/** The failing sectors of each rule; explained in `ph`'s language when given, else in English. */
export function failuresOf(evaluations: readonly RuleEvaluation[], ph?: Phrasing): readonly Failure[] {
  return evaluations.flatMap((e) =>
    e.sectors
      .filter((s) => !s.pass)
      .map((s) => {
        const broke = s.conditions
          .flatMap((c) => (c.kind === 'daily_limit' && !c.pass && c.breakingDay ? [c.breakingDay] : []))
          .sort((a, b) => (a.date < b.date ? 1 : -1))[0];
        return {
          rule: e.rule.id,
          version: e.rule.version,
          sector: s.sector,
          explanation: ph ? sectorEvaluationInWords(s, ph) : s.explanation,
          breakingDate: broke?.date ?? null,
          incidentIds: [
            ...new Set(
              s.conditions.flatMap((c) =>
                c.kind === 'daily_limit' ? (c.breakingDay?.incidentIds ?? []) : [],
              ),
            ),
          ],
          firstPassDate: s.firstPassDate,
        };
      }),
  );
}

/** A phase change as requested. */
export interface TransitionInput {
  readonly target: Phase;
  readonly authority: string;
  readonly date?: IsoDate;
  readonly override?: { readonly reason: string };
}

/**
 * Moves the campaign to `target` when the guarding rules pass as of the decision date (today by
 * default), or records an override with its reason. Refusals name every failing rule, sector
 * and day. Runs in the caller's transaction.
 */
export async function transitionPhase(
  trx: Transaction<Database>,
  facts: SectorFacts,
  actor: Actor & { nation: string },
  input: TransitionInput,
  now: Date,
): Promise<PhaseRow> {
  const today = dayOf(now);
  const date = input.date ?? today;
  if (date > today) {
    throw new AppError(
      'phase.decision_invalid',
      { key: 'phases.decisionDateInFuture', params: { date, today } },
      'body.date',
    );
  }
  const gate = await gateState(trx, facts, date);
  if (gate.phaseRecord && date < gate.phaseRecord.since) {
    throw new AppError(
      'phase.decision_invalid',
      {
        key: 'phases.decisionDateBeforePhase',
        params: { date, phase: gate.phaseRecord.phase, since: gate.phaseRecord.since },
      },
      'body.date',
    );
  }
  const problems = gate.policyProblems[input.target] ?? [];
  if (problems.length > 0) {
    throw new AppError(
      'phase.policy_invalid',
      { key: 'phases.guardPolicyInvalid', params: { target: input.target, problems: problems.join(', ') } },
      undefined,
      { rules: problems },
    );
  }
  const guarded = (gate.policy[input.target] ?? []).length > 0;
  const blind = guarded && gate.sectors.length === 0;
  const result = transition({
    current: gate.phase,
    target: input.target,
    policy: gate.policy,
    evaluations: gate.evaluations,
    decision: {
      by: actor.username,
      nation: actor.nation,
      date,
      authority: input.authority,
      ...(input.override ? { override: input.override } : {}),
    },
  });
  const noSectors = phrasingFor('en').say('transitionPreview.noSectors');
  if (!result.ok) {
    const closed = result.refusal.code === 'phase.gate_closed';
    const guarding = closed
      ? gate.evaluations.filter((e) => (gate.policy[input.target] ?? []).some((r) => r.id === e.rule.id))
      : [];
    const failures = failuresOf(guarding);
    const reasons = blind && closed ? [...result.refusal.reasons, noSectors] : result.refusal.reasons;
    const error = new AppError(
      result.refusal.code,
      { key: 'phases.changeRefused', params: { reasons: reasons.join('; ') } },
      undefined,
      {
        from: gate.phase,
        target: input.target,
        asOf: date,
        reasons,
        failures,
      },
    );
    if (closed) {
      // The failing sectors said again in the reader's words (ADR 0057); English is `message`.
      error.sayIn = (w) => {
        const ph = phrasingFor(w.language);
        const said = guarding.flatMap((e) => failureReasonsInWords(e, ph));
        return refusalText(w, {
          key: 'phases.changeRefused',
          params: {
            reasons: [...said, ...(blind ? [ph.say('transitionPreview.noSectors')] : [])].join('; '),
          },
        });
      };
    }
    throw error;
  }
  if (blind && !input.override) {
    const error = new AppError(
      'phase.gate_closed',
      { key: 'phases.changeRefused', params: { reasons: noSectors } },
      undefined,
      {
        from: gate.phase,
        target: input.target,
        asOf: date,
        reasons: [noSectors],
        failures: [],
      },
    );
    error.sayIn = (w) =>
      refusalText(w, {
        key: 'phases.changeRefused',
        params: { reasons: phrasingFor(w.language).say('transitionPreview.noSectors') },
      });
    throw error;
  }
  // The decision is the decider's, on all they may read; the record every nation reads carries
  // the evaluation on what the whole coalition may read, so none of the decider's national
  // incidents travel with it.
  const shared = await asCoalitionWide(trx, () => gateState(trx, facts, date));
  const sharedResult = transition({
    current: gate.phase,
    target: input.target,
    policy: gate.policy,
    evaluations: shared.evaluations,
    decision: {
      by: actor.username,
      nation: actor.nation,
      date,
      authority: input.authority,
      ...(input.override ? { override: input.override } : {}),
    },
  });
  const record = sharedResult.ok
    ? sharedResult.record
    : { ...result.record, evaluations: shared.evaluations };
  const override = record.override
    ? record.override
    : blind && input.override
      ? { reason: input.override.reason, bypassed: [noSectors] }
      : null;
  const stored = await insertPhase(
    trx,
    {
      phase: record.phase,
      from: record.from,
      since: record.since,
      decidedBy: record.decision.by,
      nation: record.decision.nation,
      authority: record.decision.authority,
      evaluations: record.evaluations,
      override,
    },
    actor,
    now,
  );
  const notice: PhaseNotice = override
    ? { key: 'phase_override', params: { phase: stored.phase, from: stored.from, reason: override.reason } }
    : {
        key: 'phase_changed',
        params: {
          phase: stored.phase,
          from: stored.from,
          by: stored.decidedBy,
          nation: stored.nation,
          authority: stored.authority,
        },
      };
  await insertNotification(trx, {
    at: now,
    kind: 'phase_changed',
    message: noticeInEnglish(notice),
    notice,
    orderId: null,
    breachId: null,
    reasons: override ? [...override.bypassed] : [],
  });
  return stored;
}

/** What recording a decision would do; see `Api.TransitionPreview`. */
export interface TransitionPreviewResult {
  readonly from: Phase;
  readonly target: Phase;
  readonly asOf: IsoDate;
  readonly outcome: 'allowed' | 'needs_override' | 'refused';
  readonly reasons: readonly string[];
  readonly evaluations: readonly RuleEvaluation[];
}

/**
 * The outcome `transitionPhase` would reach for `target` as of `date`, on what the reader may
 * read, without recording anything: the same date checks, guard policy and core `transition`.
 */
export async function previewTransition(
  db: Db,
  facts: SectorFacts,
  actor: Actor & { nation: string },
  target: Phase,
  date: IsoDate | undefined,
  now: Date,
  ph: Phrasing = phrasingFor('en'),
): Promise<TransitionPreviewResult> {
  const today = dayOf(now);
  const asOf = date ?? today;
  const future = asOf > today;
  // A future date is refused below; the phase it would start from is today's.
  const gate = await gateState(db, facts, future ? today : asOf);
  const base = { from: gate.phase, target, asOf };
  const refused = (reasons: string[]) => ({ ...base, outcome: 'refused' as const, reasons, evaluations: [] });
  // Said in the reader's words; English as it has always been written.
  const day = (d: string) => (ph.language === 'en' ? d : ph.words.shortDate(d));
  if (future) return refused([ph.say('transitionPreview.future', { date: day(asOf), today: day(today) })]);
  if (gate.phaseRecord && asOf < gate.phaseRecord.since)
    return refused([
      ph.say('transitionPreview.beforePhase', {
        date: day(asOf),
        phase: phaseInWords(gate.phaseRecord.phase, ph),
        since: day(gate.phaseRecord.since),
      }),
    ]);
  const problems = gate.policyProblems[target] ?? [];
  if (problems.length > 0)
    return refused([
      ph.say('transitionPreview.policyUnknown', {
        target: phaseInWords(target, ph),
        rules: problems.join(', '),
      }),
    ]);
  const guards = gate.policy[target] ?? [];
  const evaluations = gate.evaluations.filter((e) => guards.some((r) => r.id === e.rule.id));
  const result = transition({
    current: gate.phase,
    target,
    policy: gate.policy,
    evaluations: gate.evaluations,
    decision: { by: actor.username, nation: actor.nation, date: asOf, authority: 'preview' },
  });
  const blind = guards.length > 0 && gate.sectors.length === 0;
  const noSectors = ph.say('transitionPreview.noSectors');
  if (!result.ok) {
    const overridable = result.refusal.code === 'phase.gate_closed';
    // A closed gate's reasons are the guarding rules' failing sectors (core failureReasons), said again.
    const reasons =
      overridable && ph.language !== 'en'
        ? evaluations.flatMap((e) => failureReasonsInWords(e, ph))
        : [...result.refusal.reasons];
    return {
      ...base,
      outcome: overridable ? 'needs_override' : 'refused',
      reasons: blind && overridable ? [...reasons, noSectors] : reasons,
      evaluations: overridable ? evaluations : [],
    };
  }
  if (blind) return { ...base, outcome: 'needs_override', reasons: [noSectors], evaluations };
  return { ...base, outcome: 'allowed', reasons: [], evaluations: result.record.evaluations };
}

/** What a re-evaluation found. */
export interface ReevaluationResult {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly breaches: readonly string[];
  readonly sectorChanges: readonly { sector: string; asOf: IsoDate; from: string | null; to: string }[];
  readonly newlyIssuable: readonly Opened[];
}

/** An order the re-evaluation made issuable, and what cleared for it (in English, and as facts). */
export interface Opened {
  readonly orderId: string;
  readonly because: readonly string[];
  readonly cleared: readonly Cleared[];
}

/**
 * Re-evaluates every rule for each day since the last evaluation up to `asOf`: records
 * breaches (a sector that held the day before and fails now) with the proposed rung, sector
 * status changes, and re-checks every order not yet issued, telling the cell which became
 * issuable and why. Serialised across instances by an advisory lock and idempotent: a second run
 * over the same data writes nothing. Runs as the owner (it must see every order); what it writes carries the
 * label of what it is about.
 */
export async function reevaluate(
  db: Kysely<Database>,
  facts: SectorFacts,
  asOf: IsoDate,
  actor: Actor,
  now: Date,
): Promise<ReevaluationResult> {
  return db.transaction().execute(async (trx) => {
    // Runs from several instances (and the API) queue here; each then sees the last one's writes.
    await sql`select pg_advisory_xact_lock(${REEVALUATE_LOCK_KEY})`.execute(trx);
    const last = await lastEvaluatedDay(trx);
    let from = last && last < asOf ? addDays(last, 1) : asOf;
    if (daysBetween(from, asOf) >= REEVALUATE_MAX_DAYS) from = addDays(asOf, -(REEVALUATE_MAX_DAYS - 1));
    // Sectors and their coverage as the whole coalition knows them: the statuses written here
    // are read by every nation (incidents are all read, and what cites them carries their meet).
    const sectors = await facts.listSectors(trx, 'coalition');
    const days = await facts.loadSectorDays(trx, addDays(from, -1 - 366), asOf, 'coalition');
    const ladder: ResponseLadder = (await listRungs(trx)).map((r) => ({ ...r }));
    const breaches: string[] = [];
    const sectorChanges: ReevaluationResult['sectorChanges'][number][] = [];
    const known = new Map((await latestSectorStatuses(trx)).map((s) => [s.sector, s.status as string]));
    let previous = await gateFrom(trx, sectors, days, addDays(from, -1));
    let gate: GateState = previous;
    for (let day = from; day <= asOf; day = addDays(day, 1)) {
      gate = await gateFrom(trx, sectors, days, day);
      const found: Breach[] = [];
      // The very first evaluation is the baseline: a sector nobody evaluated before never "held".
      const baseline = last === undefined && day === from;
      for (const current of baseline ? [] : gate.evaluations) {
        const before = previous.evaluations.find(
          (e) => e.rule.id === current.rule.id && e.rule.version === current.rule.version,
        );
        if (before) found.push(...detectBreaches(before, current, now.getTime()));
      }
      for (const proposal of proposeRungs(ladder, found)) {
        const b = proposal.breach;
        // The breach says how many of which incidents broke the rule: it is theirs to read.
        const label = labelColumns(await incidentsLabel(trx, b.incidentIds));
        const isNew = await insertBreach(
          trx,
          {
            id: b.id,
            ruleId: b.rule.id,
            ruleVersion: b.rule.version,
            sector: b.sector,
            asOf: b.asOf,
            detectedAt: now,
            explanation: b.explanation,
            conditions: b.conditions,
            incidentIds: b.incidentIds,
            proposedRung: proposal.rung?.id ?? null,
          },
          actor,
          label,
        );
        if (!isNew) continue;
        breaches.push(b.id);
        // The rung's committed nations each get an action, labelled as the breach (issue 21).
        if (proposal.rung) {
          await actionsForBreach(
            trx,
            { id: b.id, sector: b.sector, ruleId: b.rule.id, asOf: b.asOf, explanation: b.explanation },
            proposal.rung,
            label,
            actor,
            now,
          );
        }
        const notice: PhaseNotice = {
          key: 'breach',
          params: {
            sector: b.sector,
            rule: b.rule.id,
            day: b.asOf,
            explanation: b.explanation,
            conditions: b.conditions,
            rung: proposal.rung ? { title: proposal.rung.title, nations: [...proposal.rung.nations] } : null,
          },
        };
        await insertNotification(
          trx,
          {
            at: now,
            kind: 'breach',
            message: noticeInEnglish(notice),
            notice,
            orderId: null,
            breachId: b.id,
            reasons: [...b.incidentIds],
          },
          label,
        );
      }
      for (const standing of gate.standings) {
        const was = known.get(standing.sector) ?? null;
        if (was === standing.status) continue;
        const label = await sectorLabel(trx, gate, standing.sector);
        await recordSectorStatus(
          trx,
          { sector: standing.sector, asOf: day, status: standing.status, reasons: standing.reasons },
          now,
          label,
        );
        known.set(standing.sector, standing.status);
        sectorChanges.push({ sector: standing.sector, asOf: day, from: was, to: standing.status });
        if (was !== null) {
          const notice: PhaseNotice = {
            key: 'sector_status',
            params: {
              sector: standing.sector,
              status: standing.status,
              day,
              was: was as SectorStatus,
              // The standing's reasons as facts: the deployment rules failing there, in order.
              failing: gate.evaluations
                .filter((e) => gate.deploymentRules.includes(e.rule.id))
                .flatMap((e) =>
                  e.sectors
                    .filter((x) => x.sector === standing.sector && !x.pass)
                    .map((x) => ({ rule: e.rule.id, explanation: x.explanation, conditions: x.conditions })),
                ),
            },
          };
          await insertNotification(
            trx,
            {
              at: now,
              kind: 'sector_status',
              message: noticeInEnglish(notice),
              notice,
              orderId: null,
              breachId: null,
              reasons: [...standing.reasons],
            },
            label,
          );
        }
      }
      previous = gate;
    }
    await markEvaluated(trx, asOf, now);
    const opened = await recheckOrders(trx, gate, actor, now);
    return { from, to: asOf, breaches, sectorChanges, newlyIssuable: opened };
  });
}

/** Re-checks every order not yet issued against `gate`; notifies the cell of those that became issuable. */
async function recheckOrders(
  trx: Transaction<Database>,
  gate: GateState,
  actor: Actor,
  now: Date,
): Promise<Opened[]> {
  const opened: Opened[] = [];
  for (const order of await listOrders(trx)) {
    if (order.state === 'issued') continue;
    const offer = await getOffer(trx, order.offerId);
    if (!offer) continue;
    const target = targetOf(order);
    const { context, check } = await checkTarget(trx, gate, target, offer, now.getTime());
    const next = stateFor(check, order.state);
    const reasons = check.blockers.map((b) => b.reason);
    if (next.gate === order.gate && JSON.stringify(reasons) === JSON.stringify(order.reasons)) continue;
    const events = await listOrderEvents(trx, order.id);
    const lastContext = events.at(-1)?.context as OrderContext | undefined;
    await updateOrder(
      trx,
      order,
      { ...next, reasons },
      check.status === 'issuable' ? 'issuable' : 'checked',
      context,
      actor,
      now,
    );
    if (check.status !== 'issuable') continue;
    const found = lastContext
      ? newlyIssuable(
          [coreOrder(target)],
          () => lastContext,
          () => context,
        )[0]
      : undefined;
    const because = found?.because ?? [];
    const cleared = found?.cleared ?? [];
    opened.push({ orderId: order.id, because, cleared });
    const notice: PhaseNotice = {
      key: 'order_issuable',
      params: {
        order: order.id,
        offer: order.offerId,
        quantity: order.quantity,
        region: order.regionCode,
        sector: order.sector,
        cleared: [...cleared],
      },
    };
    await insertNotification(
      trx,
      {
        at: now,
        kind: 'order_issuable',
        message: noticeInEnglish(notice),
        notice,
        orderId: order.id,
        breachId: null,
        reasons: [...because],
      },
      // What cleared is read from the sector's standing: no more releasable than the order or it.
      labelColumns(meetLabels(labelOf(order.label), labelOf(await sectorLabel(trx, gate, order.sector)))),
    );
  }
  return opened;
}

/**
 * The label of a sector's standing in a gate snapshot: the meet of the incidents its failing
 * deployment rules cite. The re-evaluation reads every incident as the owner; what it records
 * about a sector must not tell a nation about incidents it may not read.
 */
async function sectorLabel(trx: Transaction<Database>, gate: GateState, sector: string): Promise<Labelled> {
  const cited = failuresOf(gate.evaluations.filter((e) => gate.deploymentRules.includes(e.rule.id)))
    .filter((f) => f.sector === sector)
    .flatMap((f) => f.incidentIds);
  return labelColumns(await incidentsLabel(trx, cited));
}

/** A new order as requested. */
export interface DraftInput {
  readonly offerId: string;
  readonly quantity: number;
  readonly regionCode: string;
  readonly lineOfEffort: string;
  readonly role: string;
  readonly sector: string;
  readonly label: Labelled | null;
  /** For an order drafted for a month of a sustainment plan. */
  readonly sustainment?: OrderRow['sustainment'];
}

/** Drafts an order (checked at once: issuable, ready on gate, or refused with reasons). */
export async function draftOrder(
  trx: Transaction<Database>,
  facts: SectorFacts,
  actor: Actor,
  input: DraftInput,
  offerLabel: Labelled,
  now: Date,
): Promise<{ order: OrderRow; check: OrderCheck }> {
  const gate = await gateState(trx, facts, dayOf(now));
  if (!gate.sectors.includes(input.sector)) {
    throw new AppError(
      'order.sector_unknown',
      gate.sectors.length
        ? { key: 'orders.sectorUnknown', params: { sector: input.sector, known: gate.sectors.join(', ') } }
        : { key: 'orders.sectorUnknownNoData', params: { sector: input.sector } },
      'body.sector',
    );
  }
  const offer = (await getOffer(trx, input.offerId))!;
  const target: OrderTarget = {
    ...input,
    sustainment: input.sustainment ?? null,
    id: 'new',
    nation: offer.nation,
    drafted: dayOf(now),
  };
  const { context, check } = await checkTarget(trx, gate, target, offer, now.getTime());
  const { state, gate: gateStatus } = stateFor(check);
  const order = await insertOrder(
    trx,
    {
      offerId: input.offerId,
      nation: offer.nation,
      quantity: input.quantity,
      regionCode: input.regionCode,
      lineOfEffort: input.lineOfEffort,
      role: input.role,
      sector: input.sector,
      state,
      gate: gateStatus,
      reasons: check.blockers.map((b) => b.reason),
      label: input.label ?? offerLabel,
      sustainment: input.sustainment ?? null,
    },
    context,
    actor,
    now,
  );
  return { order, check: { ...check, message: check.message.replace('order new', `order ${order.id}`) } };
}

/** Re-checks one order now, recording the outcome. */
export async function recheckOrder(
  trx: Transaction<Database>,
  facts: SectorFacts,
  actor: Actor,
  order: OrderRow,
  now: Date,
): Promise<{ order: OrderRow; check: OrderCheck; context: OrderContext }> {
  const gate = await gateState(trx, facts, dayOf(now));
  const offer = await getOffer(trx, order.offerId);
  if (!offer) throw new AppError('not_found', { key: 'offers.notFound', params: { id: order.offerId } });
  const { context, check } = await checkTarget(trx, gate, targetOf(order), offer, now.getTime());
  if (order.state === 'issued') return { order, check, context };
  const next = stateFor(check, order.state);
  const after = await updateOrder(
    trx,
    order,
    { ...next, reasons: check.blockers.map((b) => b.reason) },
    'checked',
    context,
    actor,
    now,
  );
  return { order: after, check, context };
}

/** The outcome of an issue attempt; a refusal is recorded before it is reported. */
export type IssueOutcome =
  | { readonly ok: true; readonly order: OrderRow }
  | { readonly ok: false; readonly order: OrderRow; readonly check: OrderCheck };

/**
 * Issues an order when the gate is open; an override with a reason may set aside only a sector
 * that is not holding (core `issueOrder`). A refusal is recorded as an order event.
 */
export async function issueStoredOrder(
  trx: Transaction<Database>,
  facts: SectorFacts,
  actor: Actor & { nation: string },
  order: OrderRow,
  override: { reason: string } | undefined,
  now: Date,
): Promise<IssueOutcome> {
  if (order.state === 'issued') {
    throw new AppError('order.already_issued', {
      key: 'orders.alreadyIssued',
      params: { id: order.id, at: order.issuedAt?.toISOString(), by: order.issuedBy },
    });
  }
  const gate = await gateState(trx, facts, dayOf(now));
  const offer = await getOffer(trx, order.offerId);
  if (!offer) throw new AppError('not_found', { key: 'offers.notFound', params: { id: order.offerId } });
  const target = targetOf(order);
  const { context, check } = await checkTarget(trx, gate, target, offer, now.getTime());
  const result = issueOrder(coreOrder(target), context, {
    by: actor.username,
    nation: actor.nation,
    date: dayOf(now),
    authority: 'coordination cell',
    ...(override ? { override } : {}),
  });
  if (!result.ok) {
    // The server's check (its support blocker names the region and what the plan allocates there),
    // as drafting and re-checking record it: the stored reasons are then the live check's.
    const next = stateFor(check, order.state);
    const after = await updateOrder(
      trx,
      order,
      { ...next, reasons: check.blockers.map((b) => b.reason) },
      'refused',
      context,
      actor,
      now,
    );
    return { ok: false, order: after, check };
  }
  const issued = await updateOrder(
    trx,
    order,
    {
      state: 'issued',
      gate: 'issuable',
      reasons: result.issued.override ? [...result.issued.override.bypassed] : [],
      override: result.issued.override ? { reason: result.issued.override.reason } : null,
      issued: true,
    },
    'issued',
    context,
    actor,
    now,
  );
  return { ok: true, order: issued };
}

/** The live gate status of stored orders, as of now. */
export async function liveChecks(
  db: Db,
  gate: GateState,
  orders: readonly OrderRow[],
  now: Date,
): Promise<Map<string, OrderCheck>> {
  const checks = new Map<string, OrderCheck>();
  for (const order of orders) {
    if (order.state === 'issued') continue;
    const offer = await getOffer(db, order.offerId);
    if (!offer) continue;
    checks.set(order.id, (await checkTarget(db, gate, targetOf(order), offer, now.getTime())).check);
  }
  return checks;
}

/** The path of phases from `current` to deploying, each step with its guard. */
export function pathToDeployment(current: Phase): readonly Phase[] {
  const order: Phase[] = ['hostilities', 'ceasefire_agreed', 'ceasefire_holding', 'force_deploying'];
  if (current === 'force_deploying' || current === 'sustainment') return [];
  if (current === 'suspended') return ['ceasefire_holding', 'force_deploying'];
  return order.slice(order.indexOf(current) + 1);
}

export { failureReasons, statusOf };
